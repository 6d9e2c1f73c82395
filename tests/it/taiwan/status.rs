//! The status export in Chinese (design §9): headers 使用者名稱 / 已登入 and
//! the value 是 read as the English ones, so a person marked 是 is signed in
//! and never reported as missing; timestamps in the one date grammar.

use crate::common::*;

#[test]
fn a_chinese_status_export_reads_as_the_english_one() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk.create(
        "狀態.csv",
        "小組狀態\n\
         使用者名稱,已登入,已連接合作夥伴大學,關聯時間\n\
         anna@contoso.onmicrosoft.com,是,是,2025/6/20 9:30\n\
         ben@contoso.onmicrosoft.com,是,否,\n\
         carla@fabrikam.onmicrosoft.com,是,否,\n",
    );
    let run = wrk.run(["status", "--out", "out", "--status", "狀態.csv", "--as-of", "2025/7/1 10:00"]);
    run.assert_code(0);
    let json = wrk.json("out/status.json");
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");
    let people: Vec<_> = json["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["employees"].as_array().unwrap())
        .map(|e| e["sign_in"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(people.len(), 3, "{json:#}");
    assert!(people.iter().all(|s| s == "signed-in"), "{people:?}");
    assert!(run.stderr.contains("狀態.csv: passed over the rows above the header: 1 \"小組狀態\""), "{run:?}");
}
