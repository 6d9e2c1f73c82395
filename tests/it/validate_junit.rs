//! `validate --format junit` passes its real consumers (design §7): every count
//! attribute equals the elements present, the file validates against the
//! Jenkins xunit `junit-10.xsd` (committed in `tests/fixtures/junit/`), and
//! junitparser's `update_statistics()` recomputes the file's own numbers.
//! Runs the real binary on `samples/dirty`, a clean run and a large generated
//! run. The checks are in Python; the schema and junitparser checks need two
//! PyPI packages, which `.ci/run` installs; without them these checks fail on
//! CI (`CI` set) and are skipped with a note elsewhere (see `tools`).

use crate::common::*;
use crate::tools::{JUNIT_PACKAGES, PYTHON_PACKAGES, PYTHON3, tool};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Findings listed per rule and file before one testcase counts the rest.
const MAX: usize = pmc_migrate::JUNIT_MAX_PER_RULE;

/// The `--as-of` the dirty samples and `generate` are written for.
const SAMPLES_AS_OF: &str = "2026-12-01";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> PathBuf {
    repo().join("tests/fixtures/junit/junit-10.xsd")
}

/// One `validate --format junit` run and the same inputs' `--format json` findings.
struct Output {
    what: String,
    code: i32,
    xml: String,
    findings: Vec<Finding>,
}

/// `validate` of `memberships` and `employees` (relative to `wrk`) as JUnit
/// and, at the same time, as JSON, plus `extra`; both must exit alike.
fn junit_of(wrk: &Workdir, what: &str, memberships: &str, employees: &str, extra: &[&str]) -> Output {
    let mut args = vec!["validate", "--memberships", memberships, "--employees", employees];
    args.extend_from_slice(&["--as-of", SAMPLES_AS_OF, "--quiet"]);
    args.extend_from_slice(extra);
    let spawn = |format: &str| {
        let mut cmd = wrk.command(args.iter().chain(&["--format", format]));
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run pmc-migrate")
    };
    let (junit, json) = (spawn("junit"), spawn("json"));
    let (junit, json) = (junit.wait_with_output().expect("junit run"), json.wait_with_output().expect("json run"));
    let stderr = String::from_utf8_lossy(&junit.stderr);
    assert_eq!(junit.status.code(), json.status.code(), "{what}: the format does not change the exit code: {stderr}");
    assert!(stderr.is_empty(), "{what}: {stderr}");
    let findings: Vec<Finding> = json_findings(&json.stdout);
    let xml = String::from_utf8(junit.stdout).expect("UTF-8 JUnit");
    Output { what: what.to_string(), code: junit.status.code().expect("an exit code"), xml, findings }
}

/// A work directory holding a copy of `samples/dirty/<dir>`'s two exports.
fn dirty_samples(dir: &str) -> Workdir {
    Workdir::with_samples_in(&format!("samples/dirty/{dir}"))
}

fn dirty(extra: &[&str]) -> Output {
    let what = format!("samples/dirty{}", extra.iter().map(|a| format!(" {a}")).collect::<String>());
    junit_of(&dirty_samples(""), &what, "memberships.csv", "employees.csv", extra)
}

fn missing_column() -> Output {
    let wrk = dirty_samples("missing-column");
    junit_of(&wrk, "samples/dirty/missing-column", "memberships.csv", "employees.csv", &[])
}

fn clean() -> Output {
    let wrk = Workdir::new();
    for name in ["memberships.csv", "employees.csv"] {
        wrk.create(name, std::fs::read(repo().join("samples").join(name)).expect("read the samples"));
    }
    junit_of(&wrk, "samples", "memberships.csv", "employees.csv", &[])
}

/// 2,000 organisations and 40,000 employee rows, 5% of them broken.
fn large() -> Output {
    let wrk = Workdir::new();
    let args = ["generate", "--orgs", "2000", "--employees", "40000", "--dirty", "0.05", "--out", "big"];
    wrk.run(args).assert_code(0);
    junit_of(&wrk, "a large generated run", "big/memberships.csv", "big/employees.csv", &[])
}

/// Every run these tests look at, made once (in parallel) and shared.
struct Runs {
    dirty: Output,
    strict: Output,
    clean: Output,
    missing_column: Output,
    large: Output,
}

impl Runs {
    fn all(&self) -> [&Output; 5] {
        [&self.dirty, &self.strict, &self.clean, &self.missing_column, &self.large]
    }
}

fn runs() -> &'static Runs {
    static RUNS: OnceLock<Runs> = OnceLock::new();
    RUNS.get_or_init(|| {
        std::thread::scope(|s| {
            let large = s.spawn(large);
            let small = s.spawn(|| (dirty(&[]), dirty(&["--strict"]), clean(), missing_column()));
            let (dirty, strict, clean, missing_column) = small.join().expect("the small runs");
            Runs { dirty, strict, clean, missing_column, large: large.join().expect("the large run") }
        })
    })
}

/// Run a Python `script` with `args` after it; its stdout as JSON.
fn python_json(script: &str, args: &[&Path]) -> Value {
    let output = Command::new("python3").arg("-c").arg(script).args(args).output().expect("run python3");
    assert!(output.status.success(), "python3 failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("python's JSON")
}

/// Each of `outputs`' XML in a temporary file, for Python to read.
fn xml_files(outputs: &[&Output]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let paths = (0..outputs.len()).map(|i| dir.path().join(format!("junit{i}.xml"))).collect::<Vec<_>>();
    for (out, path) in outputs.iter().zip(&paths) {
        std::fs::write(path, &out.xml).expect("write the JUnit XML");
    }
    (dir, paths)
}

// ---- counts: attributes against the elements, with the standard library ----

/// Per element (the root, then each suite): its tag, name, count attributes
/// and the elements below it; and each testcase's result elements.
const COUNT: &str = r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def counted(node):
    cases = list(node.iter("testcase"))
    return {
        "tag": node.tag,
        "name": node.get("name"),
        "attributes": {k: node.get(k) for k in ("tests", "failures", "errors", "skipped")},
        "elements": {
            "tests": len(cases),
            "failures": sum(len(c.findall("failure")) for c in cases),
            "errors": sum(len(c.findall("error")) for c in cases),
            "skipped": sum(len(c.findall("skipped")) for c in cases),
        },
        "failed_testcases": sum(1 for c in cases if c.find("failure") is not None),
    }
cases = [
    {"suite": s.get("name"), "classname": c.get("classname"), "name": c.get("name"),
     "results": [r.tag for r in c if r.tag in ("failure", "error", "skipped")],
     "message": next((r.get("message") for r in c if r.tag == "failure"), None),
     "out": "".join(o.text or "" for o in c.findall("system-out"))}
    for s in root.iter("testsuite") for c in s.iter("testcase")
]
print(json.dumps({"nodes": [counted(root)] + [counted(s) for s in root.findall("testsuite")], "cases": cases}))
"#;

/// Assert every count attribute equals the elements present; the parse.
fn assert_counts_equal_elements(out: &Output) -> Value {
    let (_dir, paths) = xml_files(&[out]);
    let parsed = python_json(COUNT, &[&paths[0]]);
    let nodes = parsed["nodes"].as_array().unwrap();
    assert_eq!(nodes[0]["tag"], "testsuites", "{}", out.what);
    assert!(nodes.len() > 1, "{}: no testsuite", out.what);
    for node in nodes {
        let (attributes, elements) = (&node["attributes"], &node["elements"]);
        for count in ["tests", "failures", "errors", "skipped"] {
            let n = elements[count].as_u64().unwrap();
            match attributes[count].as_str() {
                Some(attribute) => assert_eq!(attribute, n.to_string(), "{}: {count} of {node}", out.what),
                // junit-10.xsd has no `skipped` on <testsuites>: it must be left off, and then none may exist.
                None => {
                    assert!(node["tag"] == "testsuites" && count == "skipped", "{}: no {count} on {node}", out.what);
                    assert_eq!(n, 0, "{}: {node}", out.what);
                }
            }
        }
        // A failed testcase counts once: JUnit's failures are failed tests.
        assert_eq!(node["failed_testcases"], elements["failures"], "{}: {node}", out.what);
    }
    for case in parsed["cases"].as_array().unwrap() {
        let results = case["results"].as_array().unwrap();
        assert!(results.len() <= 1, "{}: {case}", out.what);
    }
    parsed
}

/// Assert the testcases follow docs/decisions.md (CI formats): per file and rule the
/// first [`MAX`] findings, one testcase each (a failure for an error, else
/// passing with the finding in its output), then one counting the rest; one
/// passing testcase for a rule without findings.
fn assert_testcases_are_the_findings(out: &Output, parsed: &Value) {
    let mut by_suite: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for case in parsed["cases"].as_array().unwrap() {
        by_suite.entry(case["suite"].as_str().unwrap().to_string()).or_default().push(case);
    }
    let files: Vec<&str> =
        parsed["nodes"].as_array().unwrap()[1..].iter().map(|n| n["name"].as_str().unwrap()).collect();
    for f in &out.findings {
        assert!(files.contains(&f.file.as_str()), "{}: {} has a finding but no suite", out.what, f.file);
    }
    for file in files {
        let mut cases = by_suite[file].iter();
        for rule in pmc_migrate::Rule::ALL {
            let rule = rule.id();
            let hits: Vec<&Finding> = out.findings.iter().filter(|f| f.file == file && f.rule == rule).collect();
            let mut next = || cases.next().unwrap_or_else(|| panic!("{}: {file} {rule}: too few testcases", out.what));
            if hits.is_empty() {
                let case = next();
                assert_eq!(case["name"], format!("{file} {rule}"), "{}", out.what);
                assert_eq!(case["classname"], rule, "{}", out.what);
                assert_eq!(case["results"], serde_json::json!([]), "{}: {case}", out.what);
                continue;
            }
            for f in hits.iter().take(MAX) {
                let case = next();
                assert_eq!(case["name"], format!("{}:{}:{} {rule}", f.file, f.line, f.column), "{}", out.what);
                assert_eq!(case["classname"], rule, "{}", out.what);
                let line = format!("{}:{}:{}: {}[{rule}]: {}", f.file, f.line, f.column, f.severity, f.message);
                if f.severity == "error" {
                    assert_eq!(case["results"], serde_json::json!(["failure"]), "{}: {case}", out.what);
                    assert_eq!(case["message"], f.message.as_str(), "{}", out.what);
                } else {
                    assert_eq!(case["results"], serde_json::json!([]), "{}: {case}", out.what);
                    assert_eq!(case["out"], line.as_str(), "{}", out.what);
                }
            }
            if hits.len() > MAX {
                let case = next();
                let more = hits.len() - MAX;
                assert_eq!(case["name"], format!("{file} {rule}: {more} more"), "{}", out.what);
                let text = format!("{more} more {rule} findings in {file} not listed");
                if hits[MAX..].iter().any(|f| f.severity == "error") {
                    assert_eq!(case["results"], serde_json::json!(["failure"]), "{}: {case}", out.what);
                    assert_eq!(case["message"], text.as_str(), "{}", out.what);
                } else {
                    assert_eq!(case["results"], serde_json::json!([]), "{}: {case}", out.what);
                    assert!(case["out"].as_str().unwrap().starts_with(&text), "{}: {case}", out.what);
                }
            }
        }
        assert!(cases.next().is_none(), "{}: {file}: more testcases than findings", out.what);
    }
}

/// The root's `tests` and `failures`.
fn root_counts(parsed: &Value) -> (u64, u64) {
    let attributes = &parsed["nodes"][0]["attributes"];
    let number = |k: &str| attributes[k].as_str().unwrap().parse::<u64>().unwrap();
    (number("tests"), number("failures"))
}

#[test]
fn junit_counts_equal_the_elements_on_the_dirty_samples() {
    if !tool(&PYTHON3) {
        return;
    }
    let out = &runs().dirty;
    assert_eq!(out.code, 1);
    let parsed = assert_counts_equal_elements(out);
    assert_testcases_are_the_findings(out, &parsed);
    // samples/dirty/EXPECTED.md: 18 errors, 15 warnings, 3 info; every error a failed testcase.
    let errors = out.findings.iter().filter(|f| f.severity == "error").count() as u64;
    assert_eq!(errors, 18);
    assert_eq!(root_counts(&parsed).1, errors);
    let memberships = &parsed["nodes"][1];
    assert_eq!(memberships["name"], "memberships.csv");
    let in_memberships = out.findings.iter().filter(|f| f.file == "memberships.csv" && f.severity == "error").count();
    assert_eq!(memberships["attributes"]["failures"], in_memberships.to_string());

    // --strict: warnings become failures too; info still passes.
    let strict = &runs().strict;
    assert_eq!(strict.code, 1);
    let parsed = assert_counts_equal_elements(strict);
    assert_testcases_are_the_findings(strict, &parsed);
    assert_eq!(root_counts(&parsed).1, 18 + 15);
}

#[test]
fn junit_counts_equal_the_elements_on_a_clean_run_and_a_missing_column() {
    if !tool(&PYTHON3) {
        return;
    }
    let out = &runs().clean;
    assert_eq!(out.code, 0);
    let parsed = assert_counts_equal_elements(out);
    assert_testcases_are_the_findings(out, &parsed);
    // One testcase per rule and file, but two for `non-ascii-email`, which the
    // clean employees.csv has twice (info: it passes).
    assert_eq!(root_counts(&parsed), (2 * pmc_migrate::Rule::ALL.len() as u64 + 1, 0));

    let out = &runs().missing_column;
    assert_eq!(out.code, 1);
    let parsed = assert_counts_equal_elements(out);
    assert_testcases_are_the_findings(out, &parsed);
}

#[test]
fn junit_counts_equal_the_elements_on_a_large_generated_run() {
    if !tool(&PYTHON3) {
        return;
    }
    let out = &runs().large;
    assert_eq!(out.code, 1);
    let parsed = assert_counts_equal_elements(out);
    assert_testcases_are_the_findings(out, &parsed);
    // Big enough to be capped, and still small.
    let errors = out.findings.iter().filter(|f| f.severity == "error").count() as u64;
    let (tests, failures) = root_counts(&parsed);
    assert!(errors > 1000 && failures < errors, "{errors} errors, {failures} failures: the cap is exercised");
    assert!(tests < out.findings.len() as u64);
    assert!(out.xml.len() < 2_000_000, "{} bytes", out.xml.len());
    eprintln!(
        "{}: {} findings ({errors} errors), {tests} testcases, {failures} failures",
        out.what,
        out.findings.len()
    );
}

// ---- the schema ----

/// Per file after the schema: its first complaints against the schema (none when valid).
const XSD: &str = r#"
import json, sys, xmlschema
schema = xmlschema.XMLSchema(sys.argv[1])
print(json.dumps([[str(e) for e in schema.iter_errors(path)][:3] for path in sys.argv[2:]]))
"#;

/// The schema's complaints about each of `outputs` (empty when valid).
fn schema_errors(outputs: &[&Output]) -> Vec<Value> {
    let (_dir, paths) = xml_files(outputs);
    let schema = schema();
    let args: Vec<&Path> = std::iter::once(schema.as_path()).chain(paths.iter().map(PathBuf::as_path)).collect();
    let errors = python_json(XSD, &args).as_array().unwrap().clone();
    assert_eq!(errors.len(), outputs.len());
    errors
}

#[test]
fn junit_validates_against_the_jenkins_xunit_schema() {
    if !tool(&JUNIT_PACKAGES) {
        return;
    }
    // The schema is strict enough to tell: an attribute it doesn't name, a testcase without a name.
    let bad = Output {
        what: "a bad file".to_string(),
        code: 0,
        xml: r#"<testsuites skipped="0"><testsuite name="x" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>"#.to_string(),
        findings: Vec::new(),
    };
    let mut outputs = vec![&bad];
    outputs.extend(runs().all());
    let errors = schema_errors(&outputs);
    assert_eq!(errors[0].as_array().unwrap().len(), 2, "{}", errors[0]);
    for (out, errors) in outputs.iter().zip(&errors).skip(1) {
        assert_eq!(*errors, serde_json::json!([]), "{} does not validate", out.what);
    }
}

// ---- a JUnit library: junitparser ----

/// Per file: the count attributes as junitparser reads them, then as its
/// `update_statistics()` recomputes them from the testcases, and each
/// testcase's results.
const JUNITPARSER: &str = r#"
import json, sys
from junitparser import JUnitXml
def counts(node):
    return {k: getattr(node, k) for k in ("tests", "failures", "errors", "skipped")}
files = []
for path in sys.argv[1:]:
    xml = JUnitXml.fromfile(path)
    read = [counts(xml)] + [counts(s) for s in xml]
    xml.update_statistics()
    files.append({
        "read": read,
        "recomputed": [counts(xml)] + [counts(s) for s in xml],
        "results": [[type(r).__name__ for r in c.result] for s in xml for c in s],
    })
print(json.dumps(files))
"#;

#[test]
fn junitparser_recomputes_the_numbers_of_the_file() {
    if !tool(&JUNIT_PACKAGES) {
        return;
    }
    let outputs = runs().all();
    let (_dir, paths) = xml_files(&outputs);
    let args: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let parsed = python_json(JUNITPARSER, &args);
    for (out, parsed) in outputs.iter().zip(parsed.as_array().unwrap()) {
        let (read, recomputed) = (parsed["read"].as_array().unwrap(), parsed["recomputed"].as_array().unwrap());
        assert_eq!(read.len(), recomputed.len());
        for (i, (read, recomputed)) in read.iter().zip(recomputed).enumerate() {
            // junitparser reads the `skipped` left off <testsuites> (junit-10.xsd has none) as 0.
            for count in ["tests", "failures", "errors", "skipped"] {
                assert_eq!(read[count], recomputed[count], "{}: {count} of element {i}", out.what);
            }
        }
        let results = parsed["results"].as_array().unwrap();
        assert_eq!(results.len() as u64, recomputed[0]["tests"].as_u64().unwrap());
        let failed = results.iter().filter(|r| **r == serde_json::json!(["Failure"])).count() as u64;
        assert_eq!(failed, recomputed[0]["failures"].as_u64().unwrap(), "{}", out.what);
        assert!(results.iter().all(|r| r.as_array().unwrap().len() <= 1), "{}", out.what);
        eprintln!("{}: junitparser recomputes {}", out.what, recomputed[0]);
    }
}

#[test]
fn the_ci_script_installs_the_python_packages_these_tests_name() {
    let ci = std::fs::read_to_string(repo().join(".ci/run")).expect("read .ci/run");
    assert!(ci.contains("pip install"), ".ci/run must install {PYTHON_PACKAGES}");
    for pin in PYTHON_PACKAGES.split(' ') {
        assert!(ci.contains(pin), ".ci/run must install {pin}, the version these tests name");
    }
}
