//! A small harness in the style of xsv's tests: every test gets a fresh
//! temporary directory, writes its input files there, and runs the real
//! `pmc-migrate` binary with that directory as the current directory, so that
//! file names in findings are the short relative paths given on the command line.

use serde::Deserialize;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixed cutover date of every test.
pub const AS_OF: &str = "2025-06-01";

pub const MEMBERSHIPS_HEADER: &str = "mpn_id,organization,membership,start_date,end_date,renewed,tenant_domain,country";
pub const EMPLOYEES_HEADER: &str =
    "mpn_id,first_name,last_name,email,role,job_title,partner_university_id,exams,certifications";

// A clean baseline: two organisations, each with an admin; no findings at AS_OF.
// memberships.csv columns: 1 mpn_id, 2 organization, 3 membership, 4 start_date,
// 5 end_date, 6 renewed, 7 tenant_domain, 8 country.
pub const CONTOSO: &str = "1234567,Contoso Ltd,Gold,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US";
pub const FABRIKAM: &str = "2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE";
// employees.csv columns: 1 mpn_id, 2 first_name, 3 last_name, 4 email, 5 role,
// 6 job_title, 7 partner_university_id, 8 exams, 9 certifications.
pub const ANNA: &str = "1234567,Anna,Lee,anna@contoso.com,admin,CTO,PU-1,AZ-900;70-533,MCSE";
pub const BEN: &str = "1234567,Ben,Ng,ben@contoso.com,employee,Developer,,AZ-104,";
pub const CARLA: &str = "2345678,Carla,Diaz,carla@fabrikam.com,Administrator,,,,";

/// One CSV record from `fields`, every field quoted (so line breaks stay inside).
pub fn row(fields: &[&str]) -> String {
    fields.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect::<Vec<_>>().join(",")
}

/// `header` and `rows`, one per line, LF-terminated.
pub fn csv(header: &str, rows: &[&str]) -> String {
    let mut out = String::from(header);
    out.push('\n');
    for row in rows {
        out.push_str(row);
        out.push('\n');
    }
    out
}

pub fn memberships(rows: &[&str]) -> String {
    csv(MEMBERSHIPS_HEADER, rows)
}

pub fn employees(rows: &[&str]) -> String {
    csv(EMPLOYEES_HEADER, rows)
}

/// UTF-16 little endian with its BOM.
pub fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// UTF-16 big endian with its BOM.
pub fn utf16be_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Default for Workdir {
    fn default() -> Self {
        Self::new()
    }
}

impl Workdir {
    pub fn new() -> Workdir {
        let dir = tempfile::Builder::new().prefix("pmc-migrate-test").tempdir().expect("create a temporary directory");
        Workdir { dir }
    }

    /// A work directory holding `memberships.csv` and `employees.csv`.
    pub fn with_inputs(memberships: impl AsRef<[u8]>, employees: impl AsRef<[u8]>) -> Workdir {
        let wrk = Workdir::new();
        wrk.create("memberships.csv", memberships);
        wrk.create("employees.csv", employees);
        wrk
    }

    /// A work directory holding a copy of the two exports in the repository's
    /// folder `dir` (`samples`, `samples/dirty`).
    pub fn with_samples_in(dir: &str) -> Workdir {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let read = |name: &str| std::fs::read(samples.join(name)).expect("read the samples");
        Workdir::with_inputs(read("memberships.csv"), read("employees.csv"))
    }

    /// The clean baseline inputs.
    pub fn baseline() -> Workdir {
        Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, BEN, CARLA]))
    }

    /// Write `contents` (bytes as given) to `name`, relative to the work directory.
    pub fn create(&self, name: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directories");
        }
        std::fs::write(&path, contents).expect("write input file");
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Every file and directory below the work directory, relative and sorted.
    pub fn listing(&self) -> Vec<String> {
        fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("read_dir") {
                let path = entry.expect("dir entry").path();
                out.push(path.strip_prefix(base).expect("below base").display().to_string());
                if path.is_dir() {
                    walk(base, &path, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(self.root(), self.root(), &mut out);
        out.sort();
        out
    }

    /// The binary with `args`, run in the work directory.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmc-migrate"));
        cmd.current_dir(self.root()).args(args);
        cmd
    }

    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<String> = args.into_iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect();
        let output = self.command(&args).output().expect("run pmc-migrate");
        Run {
            args,
            code: output.status.code().expect("pmc-migrate exited by a signal"),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            stdout_bytes: output.stdout,
        }
    }

    /// `validate` on `memberships.csv` and `employees.csv` at [`AS_OF`], quiet, plus `extra`.
    pub fn validate(&self, extra: &[&str]) -> Run {
        let mut args = vec![
            "validate",
            "--memberships",
            "memberships.csv",
            "--employees",
            "employees.csv",
            "--as-of",
            AS_OF,
            "--quiet",
        ];
        args.extend_from_slice(extra);
        self.run(args)
    }

    /// `validate --format json` plus `extra`; the run and its parsed findings.
    pub fn validate_json(&self, extra: &[&str]) -> (Run, Vec<Finding>) {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let run = self.validate(&args);
        let findings = run.findings();
        (run, findings)
    }
}

/// The arguments of `plan` or `apply` on `memberships.csv` and `employees.csv`
/// into `out`, quiet, at [`AS_OF`] unless `extra` names its own `--as-of`.
pub fn out_args(command: &str, out: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> =
        [command, "--memberships", "memberships.csv", "--employees", "employees.csv", "--out", out, "--quiet"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    if !extra.contains(&"--as-of") {
        args.extend(["--as-of".to_string(), AS_OF.to_string()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

impl Workdir {
    /// `plan` into `out` (see [`out_args`]).
    pub fn plan(&self, out: &str, extra: &[&str]) -> Run {
        self.run(out_args("plan", out, extra))
    }

    /// `apply` into `out` (see [`out_args`]).
    pub fn apply(&self, out: &str, extra: &[&str]) -> Run {
        self.run(out_args("apply", out, extra))
    }

    /// The bytes of `name`, relative to the work directory.
    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    /// The text of `name`, relative to the work directory.
    pub fn read_string(&self, name: &str) -> String {
        String::from_utf8(self.read(name)).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"))
    }

    /// [`Workdir::read`] of `dir/file`, but plan.json without its `"out"` line
    /// (the folder it was written for), to compare what two folders got.
    pub fn read_in(&self, dir: &str, file: &str) -> Vec<u8> {
        let bytes = self.read(&format!("{dir}/{file}"));
        if file != "plan.json" {
            return bytes;
        }
        let text = String::from_utf8(bytes).expect("plan.json is UTF-8");
        let out = format!("  \"out\": {},\n", serde_json::to_string(dir).expect("a string"));
        assert!(text.contains(&out), "{dir}/plan.json does not name its folder: {text}");
        text.replacen(&out, "", 1).into_bytes()
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// `name` parsed as JSON.
    pub fn json(&self, name: &str) -> serde_json::Value {
        serde_json::from_slice(&self.read(name)).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
    }

    /// Every file (not folder) below `dir`, relative to the work directory, sorted;
    /// empty when `dir` does not exist.
    pub fn files_under(&self, dir: &str) -> Vec<String> {
        fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    walk(base, &path, out);
                } else {
                    out.push(path.strip_prefix(base).expect("below base").display().to_string());
                }
            }
        }
        let mut out = Vec::new();
        walk(self.root(), &self.path(dir), &mut out);
        out.sort();
        out
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A `YYYY-MM-DD` string naming a real date.
pub fn is_ymd(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// `date` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD.
pub fn add_days(date: &str, days: i64) -> String {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a YYYY-MM-DD date");
    (d + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

/// Days from `from` to `to`, both YYYY-MM-DD, both ends counted.
pub fn days_inclusive(from: &str, to: &str) -> i64 {
    let p = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a YYYY-MM-DD date");
    (p(to) - p(from)).num_days() + 1
}

/// Rows of a findings.csv (header checked), as (file, line, column, rule, severity, message).
pub fn findings_csv(bytes: &[u8]) -> Vec<Finding> {
    // The BOM is there for spreadsheets (design §9).
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix(BOM).unwrap_or(bytes));
    let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
    assert_eq!(header, ["file", "line", "column", "rule", "severity", "message"]);
    reader
        .records()
        .map(|r| {
            let r = r.expect("findings.csv record");
            Finding {
                file: r[0].to_string(),
                line: r[1].parse().expect("line number"),
                column: r[2].parse().expect("column number"),
                rule: r[3].to_string(),
                severity: r[4].to_string(),
                message: r[5].to_string(),
            }
        })
        .collect()
}

/// What one run of the binary printed and how it exited.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pmc-migrate {:?}\nexit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}

impl Run {
    /// Parse `--format json` output (see [`json_report`]); its findings.
    pub fn findings(&self) -> Vec<Finding> {
        self.json_report().findings
    }

    /// Parse `--format json` output (see [`json_report`]).
    pub fn json_report(&self) -> JsonReport {
        serde_json::from_str(&self.stdout)
            .map(checked_report)
            .unwrap_or_else(|e| panic!("stdout is not validate's JSON report ({e}): {self:?}"))
    }

    pub fn assert_code(&self, code: i32) {
        assert_eq!(self.code, code, "unexpected exit code: {self:?}");
    }
}

/// `validate --format json`: `{"summary": {...}, "findings": [...]}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonReport {
    pub summary: JsonSummary,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSummary {
    pub as_of: String,
    pub inputs: Vec<JsonInput>,
    pub organizations: usize,
    pub accounts: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub blocked_organizations: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonInput {
    pub path: String,
    pub sha256: String,
    pub rows: u64,
}

/// The findings of a `--format json` report, given as bytes.
pub fn json_findings(stdout: &[u8]) -> Vec<Finding> {
    let report = serde_json::from_slice(stdout).unwrap_or_else(|e| {
        panic!("not validate's JSON report ({e}): {}", String::from_utf8_lossy(&stdout[..stdout.len().min(2000)]))
    });
    checked_report(report).findings
}

/// A report whose summary counts what its findings hold, as every JSON run is checked.
fn checked_report(report: JsonReport) -> JsonReport {
    let count = |severity: &str| report.findings.iter().filter(|f| f.severity == severity).count();
    let s = &report.summary;
    assert_eq!((s.errors, s.warnings, s.infos), (count("error"), count("warning"), count("info")), "{s:?}");
    report
}

/// One finding of `--format json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub file: String,
    pub line: u64,
    pub column: u32,
    pub rule: String,
    pub severity: String,
    pub message: String,
}

impl Finding {
    /// Everything but the message.
    pub fn key(&self) -> (&str, u64, u32, &str, &str) {
        (&self.file, self.line, self.column, &self.rule, &self.severity)
    }
}

/// Assert the findings are exactly `expected` (file, line, column, rule, severity), in order.
pub fn assert_findings(findings: &[Finding], expected: &[(&str, u64, u32, &str, &str)]) {
    let got: Vec<_> = findings.iter().map(Finding::key).collect();
    assert_eq!(got, expected, "all findings: {findings:#?}");
}

/// Findings with `rule`.
pub fn with_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The UTF-8 byte-order mark credential files start with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";
pub const CREDENTIALS_HEADER: [&str; 5] =
    ["username", "display_name", "email", "temporary_password", "password_expires"];

/// One row of a credentials file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cred {
    pub file: String,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub expires: String,
}

/// Parse a credentials file, checking its BOM, header and CRLF line ends.
pub fn parse_credentials(file: &str, bytes: &[u8]) -> Vec<Cred> {
    let body = bytes.strip_prefix(BOM).unwrap_or_else(|| panic!("{file} does not start with a UTF-8 BOM"));
    let text = std::str::from_utf8(body).unwrap_or_else(|e| panic!("{file} is not UTF-8: {e}"));
    assert!(text.ends_with("\r\n"), "{file} does not end with CRLF: {text:?}");
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "{file}: line without CRLF: {line:?}");
    }
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CREDENTIALS_HEADER, "{file} header");
    reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(r.len(), 5, "{file}: {r:?}");
            Cred {
                file: file.to_string(),
                username: r[0].to_string(),
                display_name: r[1].to_string(),
                email: r[2].to_string(),
                password: r[3].to_string(),
                expires: r[4].to_string(),
            }
        })
        .collect()
}
