//! One display name everywhere: 李宗翰 (family name first, no space) in the
//! credential file, Entra's displayName, plan.json and the pages; the given
//! and family names stay apart in Entra's own columns; `--name-order`
//! overrides, and a plan records it only when it is not `auto`.

use super::formosa;
use crate::common::*;

fn display_names(wrk: &Workdir, out: &str) -> Vec<String> {
    let plan = wrk.json(&format!("{out}/plan.json"));
    plan["organizations"][0]["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| a["display_name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn chinese_names_are_family_name_first_in_every_output() {
    let wrk = formosa();
    wrk.apply("out", &["--entra-csv"]).assert_code(0);
    assert_eq!(display_names(&wrk, "out"), ["李宗翰", "陳志明", "David Wilson"]);
    let plan = wrk.read_string("out/plan.json");
    assert!(!plan.contains("name_order"), "auto is not recorded: {plan}");

    let creds = parse_credentials("credentials", &wrk.read("out/credentials/7654321.csv"));
    let names: Vec<&str> = creds.iter().map(|c| c.display_name.as_str()).collect();
    assert_eq!(names, ["李宗翰", "陳志明", "David Wilson"]);

    let entra = wrk.read_string("out/credentials/7654321.entra.csv");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(entra.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().skip(2).map(|r| r.unwrap()).collect();
    let li = rows.iter().find(|r| r[1].starts_with("li@")).expect("李宗翰's row");
    assert_eq!([&li[0], &li[4], &li[5]], ["李宗翰", "宗翰", "李"]);

    let page = wrk.read_string("out/orgs/7654321.html");
    assert!(page.contains(">李宗翰<") && !page.contains("宗翰 李"), "{page}");
}

#[test]
fn name_order_overrides_and_is_recorded() {
    let wrk = formosa();
    wrk.plan("west", &["--name-order", "western"]).assert_code(0);
    assert_eq!(display_names(&wrk, "west"), ["宗翰 李", "志明 陳", "David Wilson"]);
    assert!(wrk.read_string("west/plan.json").contains("\"name_order\": \"western\""));

    wrk.plan("east", &["--name-order", "eastern"]).assert_code(0);
    assert_eq!(display_names(&wrk, "east"), ["李宗翰", "陳志明", "Wilson David"]);

    // The reviewed plan fixed the order: apply --plan repeats it, and refuses the option.
    let run = wrk.run(["apply", "--plan", "west/plan.json", "--out", "west", "--quiet", "--name-order", "auto"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--name-order"), "{}", run.stderr);
    wrk.run(["apply", "--plan", "west/plan.json", "--out", "west", "--quiet"]).assert_code(0);
    let creds = parse_credentials("credentials", &wrk.read("west/credentials/7654321.csv"));
    assert_eq!(creds[0].display_name, "宗翰 李");
}
