//! Sign-on emails of a Taiwan organisation, read by Python's `email`: the
//! names in From, To and the greeting are the display names (李宗翰), the
//! Chinese text has no space beside a Chinese name or company and uses
//! Chinese punctuation, and every message, in either language, carries the
//! sign-in link (`--sign-in-url`, recorded in plan.json only when given).

use super::formosa;
use crate::common::*;
use crate::tools::{PYTHON3, tool};
use serde_json::Value;

fn parse(wrk: &Workdir, paths: &[&str]) -> Value {
    crate::mail_reader::read_mails(wrk, paths)
}

const LI_MAIL: &str = "out/outbox/7654321/li@formosacloud.onmicrosoft.com.eml";
const CHEN_MAIL: &str = "out/outbox/7654321/chen@formosacloud.onmicrosoft.com.eml";
const DAVID_MAIL: &str = "out/outbox/7654321/david@formosacloud.onmicrosoft.com.eml";

#[test]
fn chinese_mail_names_people_as_they_write_and_links_the_sign_in_page() {
    if !tool(&PYTHON3) {
        return;
    }
    let wrk = formosa();
    wrk.apply("out", &["--creation", "individual", "--lang", "zh-TW"]).assert_code(0);
    let mails = parse(&wrk, &[LI_MAIL, CHEN_MAIL, DAVID_MAIL]);
    for path in [LI_MAIL, CHEN_MAIL, DAVID_MAIL] {
        assert_eq!(mails[path]["defects"], serde_json::json!([]), "{path}");
        assert_eq!(mails[path]["from"], "李宗翰", "{path}");
        let body = mails[path]["body"].as_str().unwrap();
        assert!(body.contains("登入網址：    https://partner.microsoft.com/dashboard\n"), "{body}");
        assert!(body.contains("李宗翰已將您加入台灣雲端（MPN ID：7654321）的合作夥伴中心帳戶。"), "{body}");
    }
    let chen = &mails[CHEN_MAIL];
    assert_eq!(chen["to"], "陳志明");
    assert_eq!(chen["subject"], "您在台灣雲端的合作夥伴中心登入資訊");
    assert!(chen["body"].as_str().unwrap().starts_with("陳志明您好：\n"), "{chen}");
    let li = mails[LI_MAIL]["body"].as_str().unwrap();
    assert!(li.contains("（AZ-900、AZ-104）"), "exams are listed with 、: {li}");
    let david = mails[DAVID_MAIL]["body"].as_str().unwrap();
    assert!(david.starts_with("David Wilson 您好：\n"), "a Latin name keeps its spaces: {david}");
    assert!(!wrk.read_string("out/plan.json").contains("sign_in_url"), "the default is not recorded");
}

#[test]
fn english_mail_links_the_given_sign_in_page_and_the_plan_records_it() {
    if !tool(&PYTHON3) {
        return;
    }
    let wrk = formosa();
    let url = "https://partner.example.com/sign-in?tenant=formosa";
    wrk.apply("out", &["--creation", "individual", "--sign-in-url", url]).assert_code(0);
    let mails = parse(&wrk, &[DAVID_MAIL]);
    let body = mails[DAVID_MAIL]["body"].as_str().unwrap();
    assert!(body.contains(&format!("  Sign in at:          {url}\n")), "{body}");
    assert!(body.starts_with("Hello David Wilson,\n"), "{body}");
    assert!(body.contains("李宗翰 has added you to the Partner Center account of 台灣雲端"), "{body}");
    let plan = wrk.read_string("out/plan.json");
    assert!(plan.contains(&format!("\"sign_in_url\": \"{url}\"")), "{plan}");

    let run = wrk.plan("bad", &["--sign-in-url", "http://plain.example.com"]);
    run.assert_code(2);
    assert!(run.stderr.contains("https://"), "{}", run.stderr);
}
