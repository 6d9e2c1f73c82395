//! Employee-facing text in each person's language (design §3 `language`, §6
//! `--lang`): the column's aliases and values, an unknown value's finding,
//! `--lang` as the default a person's own language overrides, plan.json, and
//! the organisation pages' employee checklist with its `lang` attribute.
//! The emails themselves are read by Python in `outbox`.

use crate::common::*;
use serde_json::Value;

/// Employees with a language column named `header`, one value per person.
fn with_language(header: &str, rows: &[(&str, &str)]) -> Workdir {
    let rows: Vec<String> = rows.iter().map(|(row, lang)| format!("{row},{lang}")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), csv(&format!("{EMPLOYEES_HEADER},{header}"), &rows))
}

/// email → the language plan.json gives that person's account.
fn languages(plan: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for org in plan["organizations"].as_array().unwrap() {
        for a in org["accounts"].as_array().unwrap() {
            let lang = a["language"].as_str().unwrap_or("en");
            out.push((a["email"].as_str().unwrap().to_string(), lang.to_string()));
        }
    }
    out
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

const DAN: &str = "1234567,Dan,Wu,dan@contoso.com,employee,,,,";
const EVA: &str = "1234567,Eva,Lin,eva@contoso.com,employee,,,,";

#[test]
fn every_alias_of_the_column_and_every_spelling_of_the_values() {
    for header in ["language", "Language", "Preferred Language", "Locale", "PREFERRED_LANGUAGE"] {
        let wrk =
            with_language(header, &[(ANNA, "zh-TW"), (BEN, "zh_TW"), (DAN, "ZH-hant"), (EVA, "en-US"), (CARLA, "")]);
        let (run, findings) = wrk.validate_json(&[]);
        run.assert_code(0);
        assert!(findings.is_empty(), "{header}: {findings:#?}");
        wrk.plan("out", &[]).assert_code(0);
        assert_eq!(
            languages(&wrk.json("out/plan.json")),
            pairs(&[
                ("anna@contoso.com", "zh-TW"),
                ("ben@contoso.com", "zh-TW"),
                ("dan@contoso.com", "zh-TW"),
                ("eva@contoso.com", "en"),
                ("carla@fabrikam.com", "en"),
            ]),
            "{header}"
        );
        assert!(!wrk.read_string("out/index.html").contains("ignored"), "{header} was not ignored");
    }
}

#[test]
fn an_unknown_language_is_a_warning_on_its_cell_and_the_default_is_used() {
    // Language is the tenth column; Ben's row is line 3, Dan's line 4.
    let wrk = with_language("language", &[(ANNA, "en"), (BEN, "fr"), (DAN, "zh-CN"), (CARLA, "")]);
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(0);
    assert_findings(
        &findings,
        &[("employees.csv", 3, 10, "invalid-value", "warning"), ("employees.csv", 4, 10, "invalid-value", "warning")],
    );
    assert!(findings[0].message.contains("\"fr\"") && findings[0].message.contains("--lang"), "{findings:#?}");
    assert!(findings[1].message.contains("\"zh-CN\""), "{findings:#?}");
    // Kept, in the run's language; --strict refuses it like any warning.
    wrk.plan("out", &["--lang", "zh-TW"]).assert_code(0);
    assert_eq!(
        languages(&wrk.json("out/plan.json")),
        pairs(&[
            ("anna@contoso.com", "en"),
            ("ben@contoso.com", "zh-TW"),
            ("dan@contoso.com", "zh-TW"),
            ("carla@fabrikam.com", "zh-TW"),
        ])
    );
    wrk.validate(&["--strict"]).assert_code(1);
}

#[test]
fn lang_is_the_default_and_is_recorded_in_plan_json_only_when_not_english() {
    let wrk = with_language("language", &[(ANNA, "en"), (BEN, ""), (CARLA, "")]);
    wrk.plan("en", &[]).assert_code(0);
    let plan = wrk.json("en/plan.json");
    assert!(plan["options"].get("lang").is_none(), "{}", plan["options"]);
    assert!(languages(&plan).iter().all(|(_, l)| l == "en"));
    assert!(!wrk.read_string("en/plan.json").contains("\"language\""));

    wrk.plan("zh", &["--lang", "zh-TW"]).assert_code(0);
    let plan = wrk.json("zh/plan.json");
    assert_eq!(plan["options"]["lang"], "zh-TW");
    assert_eq!(
        languages(&plan),
        pairs(&[("anna@contoso.com", "en"), ("ben@contoso.com", "zh-TW"), ("carla@fabrikam.com", "zh-TW")])
    );
    // `zh-Hant` and `zh_TW` name the same language on the command line.
    wrk.plan("hant", &["--lang", "zh-Hant"]).assert_code(0);
    crate::diff::assert_same_bytes(&wrk.read_in("hant", "plan.json"), &wrk.read_in("zh", "plan.json"), "plan.json");

    let run = wrk.plan("fr", &["--lang", "fr"]);
    run.assert_code(2);
    assert!(run.stderr.contains("\"fr\" is not a supported language: en or zh-TW"), "{run:?}");
}

#[test]
fn apply_plan_repeats_the_reviewed_lang() {
    let wrk = with_language("language", &[(ANNA, "en"), (BEN, ""), (CARLA, "")]);
    wrk.plan("out", &["--lang", "zh-TW", "--creation", "individual"]).assert_code(0);
    wrk.run(["apply", "--plan", "out/plan.json", "--out", "out", "--quiet"]).assert_code(0);
    let mail = |path: &str| String::from_utf8(wrk.read(path)).unwrap();
    let ben = mail("out/outbox/1234567/ben@contoso.onmicrosoft.com.eml");
    assert!(ben.contains("\r\nContent-Language: zh-TW\r\n"), "{ben}");
    let anna = mail("out/outbox/1234567/anna@contoso.onmicrosoft.com.eml");
    assert!(anna.contains("\r\nContent-Language: en\r\n") && anna.contains("Hello Anna Lee,"), "{anna}");
}

/// The `<section>` of the employee checklist on a page: its opening tag and text.
fn checklist(html: &str) -> (&str, &str) {
    section(html, "employee")
}

/// The `<section>` with `id` on a page: its opening tag and text.
fn section<'a>(html: &'a str, id: &str) -> (&'a str, &'a str) {
    let start = html.find(&format!("<section class=\"card\" id=\"{id}\"")).expect("the section");
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let end = open_end + html[open_end..].find("</section>").unwrap();
    (&html[start..open_end], &html[open_end..end])
}

#[test]
fn organisation_pages_show_the_checklist_in_the_language_most_of_their_people_read() {
    // Contoso: two of three read zh-TW. Fabrikam: one each (a tie goes to --lang).
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        csv(
            &format!("{EMPLOYEES_HEADER},Locale"),
            &[
                &format!("{ANNA},zh-TW"),
                &format!("{BEN},zh-Hant"),
                &format!("{DAN},en"),
                &format!("{CARLA},zh-TW"),
                "2345678,Finn,Berg,finn@fabrikam.com,employee,,,,,en",
            ],
        ),
    );
    wrk.plan("out", &[]).assert_code(0);
    let contoso = wrk.read_string("out/orgs/1234567.html");
    let (tag, text) = checklist(&contoso);
    assert_eq!(tag, "<section class=\"card\" id=\"employee\" lang=\"zh-TW\">");
    for words in ["員工檢查清單", "取得您的登入資訊。", "合作夥伴中心會以電子郵件", "合作夥伴大學", "專長認證"]
    {
        assert!(text.contains(words), "{words} not in {text}");
    }
    assert!(!text.contains("Get your sign-in info"), "{text}");
    // The page around it stays English, and says so.
    assert!(contoso.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{}", &contoso[..60]);
    assert!(contoso.contains("<h2>Membership dates</h2>"));

    let fabrikam = wrk.read_string("out/orgs/2345678.html");
    let (tag, text) = checklist(&fabrikam);
    assert_eq!(tag, "<section class=\"card\" id=\"employee\">");
    assert!(text.contains("<h2>Employee checklist</h2>") && text.contains("Partner Center emails you"), "{text}");

    // Under --lang zh-TW the tie goes the other way, and the index's checklist is Chinese too.
    wrk.plan("zh", &["--lang", "zh-TW", "--creation", "individual"]).assert_code(0);
    let fabrikam = wrk.read_string("zh/orgs/2345678.html");
    let (tag, text) = checklist(&fabrikam);
    assert_eq!(tag, "<section class=\"card\" id=\"employee\" lang=\"zh-TW\">");
    assert!(text.contains("您的系統管理員會直接將使用者名稱和暫時密碼交給您"), "{text}");
    let index = wrk.read_string("zh/index.html");
    let (tag, text) = checklist(&index);
    assert_eq!(tag, "<section class=\"card\" id=\"employee\" lang=\"zh-TW\">");
    assert!(text.contains("員工檢查清單"), "{text}");
    // So is the admin checklist, with its dates in the Chinese form, and the rest of the page.
    let (tag, text) = section(&index, "admin");
    assert_eq!(tag, "<section class=\"card\" id=\"admin\" lang=\"zh-TW\">");
    for words in ["系統管理員檢查清單", "（2025年6月1日）", "2025年8月30日", "<span class=\"ui\">新增使用者</span>"]
    {
        assert!(text.contains(words), "{words} not in {text}");
    }
    assert!(index.contains("<h2>執行資訊</h2>") && index.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">"));
    let english = wrk.read_string("out/index.html");
    let (tag, text) = section(&english, "admin");
    assert_eq!(tag, "<section class=\"card\" id=\"admin\">");
    assert!(text.contains("<h2>Admin checklist</h2>") && text.contains("(2025-06-01)"), "{text}");
    let (tag, _) = checklist(&english);
    assert_eq!(tag, "<section class=\"card\" id=\"employee\">");
}

#[test]
fn the_sample_has_an_organisation_in_taiwan() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let wrk = Workdir::with_inputs(
        std::fs::read(repo.join("samples/memberships.csv")).unwrap(),
        std::fs::read(repo.join("samples/employees.csv")).unwrap(),
    );
    wrk.plan("out", &["--as-of", "2026-12-01"]).assert_code(0);
    let mut zh_pages = Vec::new();
    for page in wrk.files_under("out/orgs").into_iter().filter(|p| p.ends_with(".html")) {
        if checklist(&wrk.read_string(&page)).0.contains("lang=\"zh-TW\"") {
            zh_pages.push(page);
        }
    }
    assert_eq!(zh_pages, ["out/orgs/9160245.html"]);
    let zh = languages(&wrk.json("out/plan.json")).into_iter().filter(|(_, l)| l == "zh-TW").count();
    assert_eq!(zh, 5);
}
