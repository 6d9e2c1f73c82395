//! The header found, not assumed (design §9): below title rows in the first
//! ten, or where `--header-row` says; headers mapped by `--columns`; both
//! recorded in plan.json so that `apply --plan` reads the files alike.

use crate::common::*;

const TITLED: &str = "\
Employee list,,,,,,,,
exported 2025-05-30,,,,,,,,
mpn_id,first_name,last_name,email,role,job_title,partner_university_id,exams,certifications
1234567,Anna,Lee,anna@contoso.com,admin,CTO,PU-1,AZ-900;70-533,MCSE
1234567,Ben,Ng,ben@contoso,employee,Developer,,AZ-104,
2345678,Carla,Diaz,carla@fabrikam.com,Administrator,,,,
";

/// Both files with their header on line 3 (`--header-row` is for every file).
fn titled() -> Workdir {
    Workdir::with_inputs(format!("Members\n\n{}", memberships(&[CONTOSO, FABRIKAM])), TITLED)
}

#[test]
fn rows_above_the_header_are_passed_over_and_lines_stay_physical() {
    let (run, findings) = titled().validate_json(&[]);
    let got: Vec<_> = findings.iter().map(|f| (f.rule.as_str(), f.line)).collect();
    assert_eq!(got, vec![("invalid-email", 5)], "{run:?}");
}

#[test]
fn header_row_picks_the_header_and_plan_json_records_it() {
    let wrk = titled();
    // Line 2 is no header: every required column is missing, said on line 2.
    let run = wrk.validate(&["--header-row", "2"]);
    run.assert_code(1);
    assert!(run.stdout.contains("employees.csv:2:1: error[missing-column]"), "{run:?}");
    assert!(run.stdout.contains("(row 2 is the header, as --header-row says)"), "{run:?}");
    wrk.plan("out", &["--header-row", "3"]).assert_code(1);
    assert_eq!(wrk.json("out/plan.json")["options"]["header_row"], 3);
    // apply --plan repeats it, and refuses to be told again.
    let run = wrk.run(["apply", "--plan", "out/plan.json", "--out", "out", "--quiet", "--header-row", "3"]);
    assert!(run.stderr.contains("--header-row"), "{run:?}");
    // An English plan does not mention it (its bytes are as before).
    let plain = Workdir::baseline();
    plain.plan("out", &[]).assert_code(0);
    let options = plain.json("out/plan.json")["options"].clone();
    assert!(options.get("header_row").is_none() && options.get("columns").is_none(), "{options}");
}

#[test]
fn with_no_fitting_row_the_message_names_the_nearest() {
    let text = "Staff,,\nmpn_id,name,mail\n1234567,Anna Lee,anna@contoso.com\n";
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), text);
    let run = wrk.validate(&[]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("(row 1 was read as the header; row 2 names 1 of the columns; pass --header-row 2"),
        "{run:?}"
    );
}

#[test]
fn columns_maps_headers_and_is_recorded() {
    let text = "MPN,Vorname,Nachname,Mail,Rolle\n1234567,Anna,Lee,anna@contoso.com,admin\n\
                2345678,Carla,Diaz,carla@fabrikam.com,admin\n";
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), text);
    wrk.create(
        "columns.csv",
        "header,column\nMPN,mpn_id\nVorname,first_name\nNachname,last_name\nMail,email\nRolle,role\n",
    );
    let run = wrk.validate(&[]);
    run.assert_code(1);
    // Not quiet: the load summary shows the mapping used.
    let args = out_args("plan", "out", &["--columns", "columns.csv"]).into_iter().filter(|a| a != "--quiet");
    let run = wrk.run(args);
    run.assert_code(0);
    assert!(
        run.stderr.contains("employees.csv: read the columns \"MPN\" as mpn_id, \"Vorname\" as first_name"),
        "{run:?}"
    );
    assert_eq!(wrk.json("out/plan.json")["options"]["columns"][3], serde_json::json!(["Mail", "email"]));
    // The plan holds the mapping: apply --plan reads the file as the plan did.
    std::fs::remove_file(wrk.path("columns.csv")).unwrap();
    wrk.run(["apply", "--plan", "out/plan.json", "--out", "out", "--quiet"]).assert_code(0);
}

#[test]
fn columns_refuses_a_column_the_tool_does_not_have() {
    let wrk = Workdir::baseline();
    wrk.create("columns.toml", "# ours\n\"郵件\" = \"email\"\n\"名\" = \"given_name\"\n");
    let run = wrk.validate(&["--columns", "columns.toml"]);
    run.assert_code(2);
    assert!(run.stderr.contains("columns.toml:3: \"given_name\" is not a column of the tool"), "{run:?}");
}

#[test]
fn the_columns_command_lists_every_accepted_header() {
    let run = Workdir::new().run(["columns"]);
    run.assert_code(0);
    for says in ["memberships (--memberships):", "employees (--employees):", "status (--status):", "電子郵件地址"]
    {
        assert!(run.stdout.contains(says), "{says}\n{run:?}");
    }
    let signed_in = run.stdout.lines().find(|l| l.trim_start().starts_with("signed_in")).expect("a signed_in line");
    assert!(signed_in.contains("已登入"), "{signed_in}");
}
