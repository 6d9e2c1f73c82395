//! The "done when": exports as a Taiwanese admin's files are — a
//! Big5 CSV and a UTF-16LE CSV with its byte-order mark as Excel saves them,
//! a workbook with a title row, Chinese headers, 是/否 and 系統管理員,
//! Chinese and English names, `2018/9/30` dates — plan with no error and
//! into the same plan.json as their English twin (the inputs, the folder,
//! the report's digest and the recorded options aside).

use super::xlsx::workbook;
use crate::common::*;
use serde_json::Value;

/// The English twin, in the tool's own headers.
const MEMBERSHIPS_EN: &str = "\
mpn_id,organization,membership,start_date,end_date,renewed,tenant_domain,country
4455667,台灣雲端股份有限公司,Gold,2018-09-30,2025-09-29,yes,twcloud.onmicrosoft.com,TW
5566778,Formosa Data Ltd,Silver,2018-09-30,2025-12-31,no,formosadata.onmicrosoft.com,TW
";
const EMPLOYEES_EN: &str = "\
mpn_id,first_name,last_name,email,role,job_title,partner_university_id,exams,certifications
4455667,宗翰,李,li.zonghan@twcloud.com.tw,admin,技術長,,AZ-900,
4455667,Amy,Chen,amy.chen@twcloud.com.tw,employee,Developer,,,
5566778,美玲,王,meiling.wang@formosadata.com.tw,Administrator,,,,
5566778,David,Lin,david.lin@formosadata.com.tw,,工程師,,AZ-104;AZ-900,
";

/// The same people as a Taiwanese admin's export: a title row, Chinese
/// headers, slash dates, 是/否 and Chinese roles.
fn memberships_zh() -> Vec<Vec<&'static str>> {
    vec![
        vec!["合作夥伴會員資格匯出（2025 年 5 月）"],
        vec![],
        vec!["MPN 識別碼", "公司名稱", "會員資格", "開始日期", "結束日期", "已續約", "網域", "國家/地區"],
        vec![
            "4455667",
            "台灣雲端股份有限公司",
            "Gold",
            "2018/9/30",
            "2025/9/29",
            "是",
            "twcloud.onmicrosoft.com",
            "TW",
        ],
        vec![
            "5566778",
            "Formosa Data Ltd",
            "Silver",
            "2018/9/30",
            "2025/12/31",
            "否",
            "formosadata.onmicrosoft.com",
            "TW",
        ],
    ]
}

const EMPLOYEES_ZH: &str = "\
員工名單,,,,,,,,
合作夥伴識別碼,名字,姓氏,電子郵件地址,角色,職稱,合作夥伴大學識別碼,測驗,認證
4455667,宗翰,李,li.zonghan@twcloud.com.tw,系統管理員,技術長,,AZ-900,
4455667,Amy,Chen,amy.chen@twcloud.com.tw,員工,Developer,,,
5566778,美玲,王,meiling.wang@formosadata.com.tw,管理員,,,,
5566778,David,Lin,david.lin@formosadata.com.tw,,工程師,,AZ-104;AZ-900,
";

/// Excel's "Unicode text": UTF-16LE with its byte-order mark, tab-delimited, CR LF.
fn excel_unicode_text(rows: &[Vec<&str>]) -> Vec<u8> {
    let text: String = rows.iter().map(|r| format!("{}\r\n", r.join("\t"))).collect();
    utf16le_bom(&text)
}

fn big5(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable, "every character of the fixture is in Big5");
    bytes.into_owned()
}

/// plan.json of a plan of `memberships` and `employees` into `out`, with no error.
fn plan(wrk: &Workdir, memberships: &str, employees: &str, out: &str, extra: &[&str]) -> (Value, Run) {
    let mut args = vec!["plan", "--memberships", memberships, "--employees", employees, "--as-of", AS_OF];
    args.extend(["--out", out]);
    args.extend_from_slice(extra);
    let run = wrk.run(args);
    assert!(run.code == 0 || run.code == 2, "{run:?}");
    let json = wrk.json(&format!("{out}/plan.json"));
    assert_eq!(
        json["summary"]["errors"],
        0,
        "{memberships} + {employees}: {}",
        wrk.read_string(&format!("{out}/findings.csv"))
    );
    (json, run)
}

/// What must be equal between twins: all but how the files were given and read.
fn comparable(mut plan: Value) -> Value {
    for key in ["inputs", "out", "report_sha256", "options"] {
        plan.as_object_mut().expect("an object").remove(key);
    }
    plan
}

#[test]
fn a_taiwanese_admins_exports_plan_as_their_english_twin() {
    let wrk = Workdir::new();
    wrk.create("memberships.csv", MEMBERSHIPS_EN);
    wrk.create("employees.csv", EMPLOYEES_EN);
    wrk.create("會員資格.xlsx", workbook("會員資格", &memberships_zh()));
    wrk.create("員工-big5.csv", big5(&EMPLOYEES_ZH.replace('\n', "\r\n")));
    wrk.create("會員資格-unicode.csv", excel_unicode_text(&memberships_zh()));
    let employee_rows: Vec<Vec<&str>> = EMPLOYEES_ZH.lines().map(|l| l.split(',').collect()).collect();
    wrk.create("員工-unicode.csv", excel_unicode_text(&employee_rows));

    let (english, _) = plan(&wrk, "memberships.csv", "employees.csv", "en", &["--quiet"]);
    let (workbook_big5, run) = plan(&wrk, "會員資格.xlsx", "員工-big5.csv", "tw1", &["--encoding", "big5"]);
    let (unicode, _) = plan(&wrk, "會員資格-unicode.csv", "員工-unicode.csv", "tw2", &["--quiet"]);
    assert_eq!(english["summary"]["accounts"], 4, "{english}");
    let text = |plan: Value| serde_json::to_string_pretty(&comparable(plan)).unwrap();
    let english = text(english);
    crate::diff::assert_same_bytes(english.as_bytes(), text(workbook_big5).as_bytes(), "xlsx + Big5 against English");
    crate::diff::assert_same_bytes(english.as_bytes(), text(unicode).as_bytes(), "UTF-16 against English");
    // The load summary names what it passed over and how it read the headers.
    for says in [
        "會員資格.xlsx[會員資格]: passed over the rows above the header: 1 \"合作夥伴會員資格匯出（2025 年 5 月）\"",
        "員工-big5.csv: passed over the rows above the header: 1 \"員工名單\"",
        "\"電子郵件地址\" as email",
        "\"會員資格\" as membership",
    ] {
        assert!(run.stderr.contains(says), "{says}\n{run:?}");
    }
}

#[test]
fn findings_keep_the_physical_line_below_a_title_row() {
    let bad = EMPLOYEES_ZH.replace("amy.chen@twcloud.com.tw", "amy.chen(at)twcloud");
    let wrk = Workdir::with_inputs(MEMBERSHIPS_EN, bad);
    let (_, findings) = wrk.validate_json(&[]);
    let invalid: Vec<_> = findings.iter().filter(|f| f.rule == "invalid-email").map(|f| (f.line, f.column)).collect();
    assert_eq!(invalid, vec![(4, 4)], "{findings:?}");
    let wrk = Workdir::new();
    let mut rows = memberships_zh();
    rows[4][1] = "";
    wrk.create("m.xlsx", workbook("會員資格", &rows));
    wrk.create("employees.csv", EMPLOYEES_EN);
    let run =
        wrk.run(["validate", "--memberships", "m.xlsx", "--employees", "employees.csv", "--as-of", AS_OF, "--quiet"]);
    assert!(run.stdout.contains("m.xlsx[會員資格]:5:2: error[missing-value]"), "{run:?}");
}
