//! GitHub output: capped annotations and a step summary, bounded even for a million findings.

use super::*;

// ---- GitHub output: capped annotations and a step summary ----

/// Many errors and warnings in both files, no info: 30 organisations, each
/// with an admin and a person whose email is broken (invalid-email errors);
/// every other admin has a bad exam code (invalid-exam-code warnings), every
/// third organisation an unknown level (warnings in memberships.csv), and the
/// last two an impossible end date (invalid-date errors in memberships.csv).
fn noisy() -> Workdir {
    let mut m = Vec::new();
    let mut e = Vec::new();
    for i in 0..30u32 {
        let id = 1_000_000 + i;
        let level = if i % 3 == 0 { "Platinum" } else { "Gold" };
        let end = if i >= 28 { "2025-02-30" } else { "2025-09-30" };
        m.push(format!("{id},Org {i},{level},2024-10-01,{end},no,org{i}.onmicrosoft.com,US"));
        let exams = if i % 2 == 0 { "AZ900" } else { "" };
        e.push(format!("{id},Admin,{i},admin{i}@org{i}.com,admin,,,{exams},"));
        e.push(format!("{id},Bad,{i},bad{i}.org{i}.com,employee,,,,"));
    }
    let m: Vec<&str> = m.iter().map(String::as_str).collect();
    let e: Vec<&str> = e.iter().map(String::as_str).collect();
    Workdir::with_inputs(memberships(&m), employees(&e))
}

fn validate_args(format: &str) -> Vec<String> {
    ["validate", "--memberships", "memberships.csv", "--employees", "employees.csv", "--as-of", AS_OF, "--quiet"]
        .iter()
        .map(|s| s.to_string())
        .chain(["--format".to_string(), format.to_string()])
        .collect()
}

/// (file, line) of a workflow command.
fn file_and_line(command: &str) -> (String, u64) {
    let props = &command[..command[2..].find("::").expect("message separator") + 2];
    let prop = |name: &str| {
        props
            .split([' ', ','])
            .find_map(|p| p.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {command}"))
            .to_string()
    };
    (prop("file="), prop("line=").parse().expect("line number"))
}

#[test]
fn github_annotations_are_capped_at_10_of_each_kind_with_one_notice_counting_the_rest() {
    let wrk = noisy();
    let output = wrk.command(validate_args("json")).env_remove("GITHUB_STEP_SUMMARY").output().unwrap();
    let findings: Vec<Finding> = json_findings(&output.stdout);
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == "error").collect();
    let warnings: Vec<&Finding> = findings.iter().filter(|f| f.severity == "warning").collect();
    assert!(errors.len() > 10 && warnings.len() > 10, "{findings:#?}");
    assert_eq!(errors.len() + warnings.len(), findings.len(), "no info in this input: {findings:#?}");
    assert!(errors.iter().any(|f| f.file == "memberships.csv"), "errors in both files");
    assert!(warnings.iter().any(|f| f.file == "employees.csv"), "warnings in both files");

    let summary = wrk.path("summary.md");
    let output = wrk.command(validate_args("github")).env("GITHUB_STEP_SUMMARY", &summary).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 21, "{stdout}");
    for (n, line) in lines[..10].iter().enumerate() {
        assert!(line.starts_with("::error "), "line {}: {line}", n + 1);
        assert_eq!(file_and_line(line), (errors[n].file.clone(), errors[n].line), "{line}");
        assert!(line.contains(&format!("title={}::", errors[n].rule)), "{line}");
    }
    for (n, line) in lines[10..20].iter().enumerate() {
        assert!(line.starts_with("::warning "), "line {}: {line}", n + 11);
        assert_eq!(file_and_line(line), (warnings[n].file.clone(), warnings[n].line), "{line}");
        assert!(line.contains(&format!("title={}::", warnings[n].rule)), "{line}");
    }
    let notice = lines[20];
    assert!(notice.starts_with("::notice "), "{notice}");
    assert!(notice.contains(&format!("::{} more findings", findings.len() - 20)), "{notice}");
    assert_eq!(stdout.matches("::notice").count(), 1, "{stdout}");
}

/// The rows of the Markdown table whose header line starts with `header`.
fn table_rows<'a>(md: &'a str, header: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = md.lines().collect();
    let start = lines.iter().position(|l| l.starts_with(header)).unwrap_or_else(|| panic!("no {header} in {md}"));
    assert!(lines[start + 1].starts_with("|---"), "{md}");
    lines[start + 2..].iter().take_while(|l| l.starts_with('|')).copied().collect()
}

/// Column separators of a Markdown table row (escaped pipes are cell text).
fn separators(row: &str) -> usize {
    let bytes = row.as_bytes();
    (0..bytes.len()).filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\')).count()
}

#[test]
fn github_step_summary_is_appended_with_totals_rules_and_at_most_50_findings() {
    let wrk = noisy();
    let output = wrk.command(validate_args("json")).env_remove("GITHUB_STEP_SUMMARY").output().unwrap();
    let findings: Vec<Finding> = json_findings(&output.stdout);
    assert!(findings.len() > 50, "{}", findings.len());
    let errors = findings.iter().filter(|f| f.severity == "error").count();
    let warnings = findings.len() - errors;

    let earlier = "## an earlier step\n\nits summary\n";
    wrk.create("summary.md", earlier);
    let summary = wrk.path("summary.md");
    let run = || {
        let output = wrk.command(validate_args("github")).env("GITHUB_STEP_SUMMARY", &summary).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    };
    run();
    let text = wrk.read_string("summary.md");
    let md = text.strip_prefix(earlier).unwrap_or_else(|| panic!("the earlier summary was not kept: {text}"));
    assert!(md.len() < 1024 * 1024, "{} bytes", md.len());
    assert!(md.contains(&format!("**{errors} errors, {warnings} warnings, 0 info**")), "{md}");

    let mut by_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in &findings {
        *by_rule.entry((f.rule.as_str(), f.severity.as_str())).or_default() += 1;
    }
    let rules = table_rows(md, "| rule | severity | findings |");
    assert_eq!(rules.len(), by_rule.len(), "{md}");
    for ((rule, severity), n) in &by_rule {
        assert!(rules.contains(&format!("| `{rule}` | {severity} | {n} |").as_str()), "{rule}: {md}");
    }

    let rows = table_rows(md, "| file | line | col | severity | rule | message |");
    assert_eq!(rows.len(), 50, "{md}");
    let ordered: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == "error")
        .chain(findings.iter().filter(|f| f.severity != "error"))
        .collect();
    for (row, f) in rows.iter().zip(&ordered) {
        assert_eq!(separators(row), 7, "{row}");
        assert!(
            row.starts_with(&format!("| {} | {} | {} | {} | `{}` |", f.file, f.line, f.column, f.severity, f.rule))
        );
    }
    assert!(md.contains(&format!("{} more findings", findings.len() - 50)), "{md}");

    // A second step appends again; nothing is replaced.
    run();
    assert_eq!(wrk.read_string("summary.md"), format!("{earlier}{md}{md}"));
}

// ---- a million findings, in-process: the step summary and JUnit stay bounded ----

/// A `Checked` with `n` findings across both files and several rules of each
/// severity, messages long and full of markup; nothing planned.
fn checked_with_findings(n: usize) -> pmc_migrate::Checked {
    use pmc_migrate::{Finding, Rule};
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let rules = [
        Rule::InvalidEmail,
        Rule::MissingValue,
        Rule::InvalidDate,
        Rule::InvalidExamCode,
        Rule::UnknownMembershipLevel,
        Rule::ConflictingDuplicate,
        Rule::ExactDuplicate,
    ];
    let filler = "<b>&\"quoted\" 'value'</b> | with a pipe\nand a line break, é 漢字 ".repeat(6);
    let findings: Vec<Finding> = (0..n)
        .map(|i| {
            let (file, line) = if i < n * 3 / 5 {
                ("employees.csv", i as u64 + 2)
            } else {
                ("memberships.csv", (i - n * 3 / 5) as u64 + 2)
            };
            let rule = rules[i % rules.len()];
            Finding::new(file, line, (i % 9) as u32 + 1, rule, format!("row {i}: value {filler}{}", "x".repeat(i % 97)))
        })
        .collect();
    let counts = pmc_migrate::count_findings(&findings);
    let input = |path: &str, rows: u64| pmc_migrate::InputFacts {
        path: path.to_string(),
        source: path.to_string(),
        sha256: "0".repeat(64),
        rows,
        ignored_columns: Vec::new(),
        delimiter: b',',
        encoding: "UTF-8",
        ..Default::default()
    };
    pmc_migrate::Checked {
        inputs: vec![input("memberships.csv", (n - n * 3 / 5) as u64), input("employees.csv", (n * 3 / 5) as u64)],
        plan: pmc_migrate::Plan {
            as_of,
            creation: pmc_migrate::Creation::Bulk,
            lang: pmc_migrate::Lang::En,
            organizations: vec![],
            left: vec![],
        },
        blocked: vec![],
        findings,
        counts,
        options: pmc_migrate::Options::new("memberships.csv".into(), "employees.csv".into(), as_of),
        ledger_sha256: None,
    }
}

/// Parse JUnit XML with Python's minidom: the root's `failures` and, per
/// testcase, its suite, classname, name, `<failure>` elements (with the last
/// one's message) and `<system-out>` text.
fn parse_junit_with_python(xml: &[u8]) -> Value {
    const SCRIPT: &str = r#"
import json, sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
root = doc.documentElement
cases = []
for suite in root.getElementsByTagName("testsuite"):
    for case in suite.getElementsByTagName("testcase"):
        failures = case.getElementsByTagName("failure")
        outs = case.getElementsByTagName("system-out")
        cases.append({
            "suite": suite.getAttribute("name"),
            "classname": case.getAttribute("classname"),
            "name": case.getAttribute("name"),
            "failures": len(failures),
            "last_failure": failures[-1].getAttribute("message") if failures else None,
            "system_out": "".join(n.data for o in outs for n in o.childNodes if n.nodeType == n.TEXT_NODE),
        })
print(json.dumps({"root": root.tagName, "failures": root.getAttribute("failures"), "cases": cases}))
"#;
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("junit.xml");
    std::fs::write(&path, xml).expect("write junit.xml");
    let output = Command::new("python3").arg("-c").arg(SCRIPT).arg(&path).output().expect("run python3");
    assert!(
        output.status.success(),
        "python3 could not parse the JUnit XML: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("python's JSON")
}

#[test]
fn a_million_findings_keep_the_step_summary_under_1_mb_and_junit_under_30_mb() {
    const N: usize = 1_000_000;
    let checked = checked_with_findings(N);
    assert!(checked.counts.errors > 100_000 && checked.counts.warnings > 100_000 && checked.counts.infos > 100_000);
    let longest = checked.findings.iter().map(|f| f.message.len()).max().unwrap();
    assert!(longest > 500, "long messages: {longest}");

    // The step summary.
    let md = pmc_migrate::step_summary(&checked);
    assert!(md.len() < 1024 * 1024, "the step summary is {} bytes", md.len());
    let c = checked.counts;
    assert!(md.contains(&format!("**{} errors, {} warnings, {} info**", c.errors, c.warnings, c.infos)), "{md}");
    let rules = table_rows(&md, "| rule | severity | findings |");
    assert_eq!(rules.len(), 7, "{md}");
    for rule in pmc_migrate::Rule::ALL {
        let n = checked.findings.iter().filter(|f| f.rule == rule).count();
        if n > 0 {
            let row = format!("| `{rule}` | {} | {n} |", rule.severity());
            assert!(rules.contains(&row.as_str()), "{row} not in {md}");
        }
    }
    let rows = table_rows(&md, "| file | line | col | severity | rule | message |");
    assert_eq!(pmc_migrate::SUMMARY_ROWS, 50);
    assert_eq!(rows.len(), 50, "{md}");
    for row in &rows {
        assert_eq!(separators(row), 7, "{row}");
        assert!(row.contains("| error |"), "errors come first: {row}");
    }
    assert!(md.contains(&format!("{} more findings", N - 50)), "{md}");

    // JUnit.
    let mut xml = Vec::new();
    pmc_migrate::write_junit(&checked, &mut xml).expect("write JUnit");
    assert!(xml.len() < 30_000_000, "JUnit is {} bytes", xml.len());
    eprintln!("{N} findings: step summary {} bytes, JUnit {} bytes", md.len(), xml.len());
    if !tool(&PYTHON3) {
        return;
    }
    let parsed = parse_junit_with_python(&xml);
    assert_eq!(parsed["root"], "testsuites");
    let max = pmc_migrate::JUNIT_MAX_PER_RULE;
    let cases = parsed["cases"].as_array().unwrap();
    // Each testcase has at most one failure, and the root counts them.
    let listed_failures: usize = cases.iter().map(|c| c["failures"].as_u64().unwrap() as usize).sum();
    assert!(cases.iter().all(|c| c["failures"].as_u64().unwrap() <= 1));
    assert_eq!(parsed["failures"], listed_failures.to_string());
    // Per file and rule: the first `max` findings as testcases, then one that
    // counts the rest; a rule without findings passes once.
    use pmc_migrate::Severity;
    let mut capped = 0;
    for suite in ["memberships.csv", "employees.csv"] {
        for rule in pmc_migrate::Rule::ALL {
            let name = rule.id();
            let mine: Vec<&Value> = cases.iter().filter(|c| c["suite"] == suite && c["classname"] == name).collect();
            let hits: Vec<_> = checked.findings.iter().filter(|f| f.file == suite && f.rule == rule).collect();
            if hits.is_empty() {
                assert_eq!(mine.len(), 1, "{suite} {name}");
                assert_eq!(mine[0]["name"], format!("{suite} {name}"));
                assert_eq!(mine[0]["failures"], 0, "{suite} {name}");
                continue;
            }
            let shown = hits.len().min(max);
            assert_eq!(mine.len(), shown + usize::from(hits.len() > max), "{suite} {name}");
            for (case, f) in mine.iter().zip(&hits[..shown]) {
                assert_eq!(case["name"], format!("{}:{}:{} {name}", f.file, f.line, f.column));
                let error = f.severity == Severity::Error;
                assert_eq!(case["failures"], u64::from(error), "{suite} {name}");
                if !error {
                    assert!(
                        s(&case["system_out"])
                            .starts_with(&format!("{}:{}:{}: {}[{name}]: ", f.file, f.line, f.column, f.severity))
                    );
                } else {
                    assert!(s(&case["system_out"]).is_empty(), "{suite} {name}: {case}");
                }
            }
            if hits.len() > max {
                capped += 1;
                let rest = &hits[max..];
                let more = &mine[shown];
                assert_eq!(more["name"], format!("{suite} {name}: {} more", rest.len()));
                let text = format!("{} more {name} findings in {suite} not listed", rest.len());
                if rest.iter().any(|f| f.severity == Severity::Error) {
                    assert_eq!(more["failures"], 1, "{suite} {name}");
                    assert_eq!(more["last_failure"], text);
                } else {
                    assert_eq!(more["failures"], 0, "{suite} {name}");
                    assert!(s(&more["system_out"]).starts_with(&text), "{suite} {name}: {more}");
                }
            }
        }
    }
    assert_eq!(capped, 7 * 2, "every rule of both files is capped");
    assert_eq!(cases.len(), 2 * pmc_migrate::Rule::ALL.len() + capped * max);
    assert!(listed_failures <= 2 * pmc_migrate::Rule::ALL.len() * (max + 1));
}
