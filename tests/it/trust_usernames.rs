//! Usernames are RFC 5322 dot-atoms whatever the script of the email (SPEC §5,
//! §9): never `..`, never a dot at an end, in the plan and in every file that
//! holds them.

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
