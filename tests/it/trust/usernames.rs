//! Usernames are RFC 5322 dot-atoms whatever the script of the email (design §5,
//! §9): never `..`, never a dot at an end, in the plan and in every file that
//! holds them. And `non-ascii-email` at the admin who sends an organisation's
//! sign-on emails says that every one of them needs SMTPUTF8.

use crate::common::*;
use crate::properties::assert_local_part;
use serde_json::Value;

const E: &str = "employees.csv";
const FORMOSA: &str = "7654321,Formosa Cloud,Gold,2024-09-01,2025-08-31,yes,formosacloud.onmicrosoft.com,TW";

/// Every account of plan.json as (email, username).
fn usernames(plan: &Value) -> Vec<(String, String)> {
    let orgs = plan["organizations"].as_array().expect("organizations");
    orgs.iter()
        .flat_map(|o| o["accounts"].as_array().expect("accounts"))
        .map(|a| (a["email"].as_str().unwrap().to_string(), a["username"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn a_han_local_part_gives_one_dot_between_its_words_in_every_file() {
    let wrk = Workdir::with_inputs(
        memberships(&[FORMOSA]),
        employees(&[
            // line 2
            "7654321,宗翰,李,zonghan@formosacloud.com.tw,admin,,,,",
            // line 3: deunicode gives `Jian Hong .Li `, which once made `jian.hong..li`
            "7654321,建宏,李,建宏.李@formosacloud.com.tw,employee,,,,",
            // line 4: the same name from another address: the suffix keeps the dots single
            "7654321,建宏,李,建宏李@partner.example,employee,,,,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(0);
    assert_findings(
        &findings,
        &[
            (E, 3, 4, "non-ascii-email", "info"),
            (E, 4, 4, "non-ascii-email", "info"),
            (E, 4, 4, "username-collision", "warning"),
        ],
    );
    let collision = with_rule(&findings, "username-collision")[0];
    assert!(collision.message.contains("\"jian.hong.li2@formosacloud.onmicrosoft.com\""), "{}", collision.message);
    assert!(collision.message.contains("held by line 3"), "{}", collision.message);

    wrk.apply("out", &["--creation", "individual", "--entra-csv"]).assert_code(0);
    let names = usernames(&wrk.json("out/plan.json"));
    let want = [
        ("zonghan@formosacloud.com.tw", "zonghan@formosacloud.onmicrosoft.com"),
        ("建宏.李@formosacloud.com.tw", "jian.hong.li@formosacloud.onmicrosoft.com"),
        ("建宏李@partner.example", "jian.hong.li2@formosacloud.onmicrosoft.com"),
    ];
    let got: Vec<(&str, &str)> = names.iter().map(|(e, u)| (e.as_str(), u.as_str())).collect();
    assert_eq!(got, want);
    // The credentials, Entra and ledger files, and the sign-on emails' names.
    let mut files = wrk.files_under("out/credentials");
    assert_eq!(files.len(), 2, "{files:?}");
    files.push("out/ledger.csv".to_string());
    for file in files {
        let text = wrk.read_string(&file);
        assert!(text.contains("jian.hong.li@formosacloud.onmicrosoft.com"), "{file}: {text}");
        assert!(!text.contains(".."), "{file}: {text}");
    }
    let outbox = wrk.files_under("out/outbox/7654321");
    assert!(
        outbox.contains(&"out/outbox/7654321/jian.hong.li@formosacloud.onmicrosoft.com.eml".to_string()),
        "{outbox:?}"
    );
    assert!(outbox.iter().all(|f| !f.contains("..")), "{outbox:?}");
}

#[test]
fn no_username_of_a_generated_export_has_an_empty_atom() {
    let wrk = Workdir::new();
    wrk.run(["generate", "--orgs", "2000", "--employees", "20000", "--seed", "5", "--out", "gen"]).assert_code(0);
    let mut reader = csv::Reader::from_path(wrk.path("gen/employees.csv")).expect("generated employees");
    // The first row whose email is written in Chinese characters, and its line.
    let (line, han_email) = reader
        .records()
        .enumerate()
        .map(|(i, r)| (i as u64 + 2, r.expect("a record")[3].to_string()))
        .find(|(_, email)| email.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .expect("the generator writes Han names");
    let args = ["--memberships", "gen/memberships.csv", "--employees", "gen/employees.csv", "--as-of", "2026-12-01"];
    let mut plan = vec!["plan", "--out", "out", "--quiet"];
    plan.extend(args);
    wrk.run(plan).assert_code(0);

    let findings = findings_csv(&wrk.read("out/findings.csv"));
    let at_line: Vec<&str> = findings.iter().filter(|f| f.line == line).map(|f| f.rule.as_str()).collect();
    assert!(at_line.contains(&"non-ascii-email"), "line {line} ({han_email}): {at_line:?}");
    let names = usernames(&wrk.json("out/plan.json"));
    assert!(names.len() > 15_000, "{} accounts", names.len());
    let han = names.iter().find(|(email, _)| *email == han_email).expect("the Han row is planned");
    assert!(han.1.contains('.'), "{han:?}");
    let bad: Vec<_> =
        names.iter().filter(|(_, u)| u.contains("..") || u.contains(".@") || u.starts_with('.')).collect();
    assert!(bad.is_empty(), "{} usernames with an empty atom, e.g. {:?}", bad.len(), &bad[..bad.len().min(5)]);
    for (_, username) in &names {
        assert_local_part(username.split_once('@').expect("an @").0);
    }
}

#[test]
fn a_non_ascii_sending_admin_is_told_every_mail_of_the_organisation_needs_smtputf8() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            // line 2: Contoso's first admin sends its sign-on emails
            "1234567,Jürgen,Weiß,jürgen.weiß@contoso.com,admin,,,,",
            // line 3: an employee: only their own email
            "1234567,Zoë,Quinn,zoë@contoso.com,employee,,,,",
            // line 4
            "2345678,Carla,Diaz,carla@fabrikam.com,employee,,,,",
            // line 5: an employee on this row ...
            "2345678,Åsa,Berg,åsa@fabrikam.com,employee,,,,",
            // line 6: ... and an admin on this one: the merged person is Fabrikam's sender
            "2345678,Åsa,Berg,ÅSA@fabrikam.com,admin,,,,",
            // line 7: a second admin of Contoso sends nobody's email
            "1234567,Ödön,Varga,ödön@contoso.com,admin,,,,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(0);
    assert_findings(
        &findings,
        &[
            (E, 2, 4, "non-ascii-email", "info"),
            (E, 3, 4, "non-ascii-email", "info"),
            (E, 5, 4, "non-ascii-email", "info"),
            (E, 6, 4, "conflicting-duplicate", "warning"),
            (E, 6, 4, "non-ascii-email", "info"),
            (E, 7, 4, "non-ascii-email", "info"),
        ],
    );
    let own = "its sign-on email needs a mail system with SMTPUTF8";
    let every = |org: &str| {
        format!(
            "as the first admin of organisation {org} it is the sender (From) of the organisation's sign-on emails \
             (--creation individual): every one of them needs a mail system with SMTPUTF8"
        )
    };
    for f in with_rule(&findings, "non-ascii-email") {
        let (email, ending) = match f.line {
            2 => ("jürgen.weiß@contoso.com", every("1234567")),
            3 => ("zoë@contoso.com", own.to_string()),
            5 => ("åsa@fabrikam.com", every("2345678")),
            6 => ("ÅSA@fabrikam.com", every("2345678")),
            _ => ("ödön@contoso.com", own.to_string()),
        };
        assert!(f.message.starts_with(&format!("email \"{email}\" has a non-ASCII local part")), "{f:?}");
        assert!(f.message.ends_with(&ending), "line {}: {}", f.line, f.message);
    }

    // What the finding says: Jürgen's address is the From of each of Contoso's messages.
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    for file in wrk.files_under("out/outbox/1234567") {
        let text = wrk.read_string(&file);
        let from = text.lines().find(|l| l.starts_with("From:")).unwrap_or_else(|| panic!("{file}: {text}"));
        assert!(from.contains("jürgen.weiß@contoso.com"), "{file}: {from}");
    }
}
