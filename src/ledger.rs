//! ledger.csv: what earlier applies issued (accounts, no passwords) and each
//! organisation's enrolment, so that the next apply is incremental.
//! Format: one CSV, a `kind` column telling `enrolment` rows from `account` rows.

use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "ledger.csv";

const HEADER: [&str; 11] = [
    "kind",
    "mpn_id",
    "email_key",
    "email",
    "username",
    "issued",
    "password_expires",
    "run",
    "credentials_file",
    "pc_start",
    "pc_end",
];

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} line {line}: {message} (the ledger is written by pmc-migrate apply; restore it from a backup)")]
    Corrupt { path: PathBuf, line: u64, message: String },
}

/// The enrolment an earlier apply made: re-enrolment happens once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enrolment {
    pub pc_start: NaiveDate,
    pub pc_end: NaiveDate,
    pub run: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerAccount {
    pub mpn_id: String,
    pub email_key: String,
    pub email: String,
    /// Full user principal name, `name@tenant`.
    pub username: String,
    pub issued: NaiveDate,
    pub password_expires: NaiveDate,
    pub run: u32,
    /// The credentials file (relative to the output folder) holding its latest password.
    pub credentials_file: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    pub enrolments: BTreeMap<String, Enrolment>,
    /// Keyed by (mpn_id, email_key).
    pub accounts: BTreeMap<(String, String), LedgerAccount>,
    /// SHA-256 of the file this ledger was read from (`None`: there was none).
    pub sha256: Option<String>,
}

impl Ledger {
    /// The highest run number recorded (0 when nothing was ever applied).
    pub fn last_run(&self) -> u32 {
        let a = self.accounts.values().map(|a| a.run).max().unwrap_or(0);
        let e = self.enrolments.values().map(|e| e.run).max().unwrap_or(0);
        a.max(e)
    }

    /// Whether any account of this organisation was issued (a range lookup, not a scan).
    pub fn has_accounts_for(&self, mpn_id: &str) -> bool {
        let from = (mpn_id.to_string(), String::new());
        self.accounts.range(from..).next().is_some_and(|((m, _), _)| m == mpn_id)
    }

    pub fn account(&self, mpn_id: &str, email_key: &str) -> Option<&LedgerAccount> {
        self.accounts.get(&(mpn_id.to_string(), email_key.to_string()))
    }

    /// Local parts already issued in each tenant: they keep their owners.
    pub fn usernames_by_tenant(&self) -> HashMap<String, HashSet<String>> {
        let mut out: HashMap<String, HashSet<String>> = HashMap::new();
        for a in self.accounts.values() {
            if let Some((local, domain)) = a.username.rsplit_once('@') {
                out.entry(domain.to_string()).or_default().insert(local.to_string());
            }
        }
        out
    }

    /// Read `dir/ledger.csv`; an absent file is an empty ledger.
    pub fn load(dir: &Path) -> Result<Ledger, LedgerError> {
        let path = dir.join(FILE_NAME);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Ledger::default()),
            Err(source) => return Err(LedgerError::Read { path, source }),
        };
        let mut ledger = Self::parse(&bytes, &path)?;
        ledger.sha256 = Some(crate::load::hex(&<sha2::Sha256 as sha2::Digest>::digest(&bytes)));
        Ok(ledger)
    }

    pub fn parse(bytes: &[u8], path: &Path) -> Result<Ledger, LedgerError> {
        let corrupt = |line: u64, message: String| LedgerError::Corrupt { path: path.to_path_buf(), line, message };
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
        let header = reader.headers().map_err(|e| corrupt(1, e.to_string()))?.clone();
        if header.iter().collect::<Vec<_>>() != HEADER {
            return Err(corrupt(1, "unexpected header".to_string()));
        }
        let mut ledger = Ledger::default();
        for (i, rec) in reader.records().enumerate() {
            let line = i as u64 + 2;
            let rec = rec.map_err(|e| corrupt(line, e.to_string()))?;
            let f = |k: usize| rec.get(k).unwrap_or("");
            let date = |k: usize| {
                NaiveDate::parse_from_str(f(k), "%Y-%m-%d")
                    .map_err(|_| corrupt(line, format!("{} {:?} is not a date", HEADER[k], f(k))))
            };
            let run: u32 = f(7).parse().map_err(|_| corrupt(line, format!("run {:?} is not a number", f(7))))?;
            match f(0) {
                "enrolment" => {
                    if !crate::validate::values::is_mpn_id(f(1)) {
                        return Err(corrupt(line, format!("mpn_id {:?} is not 4 to 10 digits", f(1))));
                    }
                    ledger
                        .enrolments
                        .insert(f(1).to_string(), Enrolment { pc_start: date(9)?, pc_end: date(10)?, run });
                }
                "account" => {
                    check_account_fields(f(1), f(4), f(8)).map_err(|m| corrupt(line, m))?;
                    let a = LedgerAccount {
                        mpn_id: f(1).to_string(),
                        email_key: f(2).to_string(),
                        email: f(3).to_string(),
                        username: f(4).to_string(),
                        issued: date(5)?,
                        password_expires: date(6)?,
                        run,
                        credentials_file: f(8).to_string(),
                    };
                    ledger.accounts.insert((a.mpn_id.clone(), a.email_key.clone()), a);
                }
                other => return Err(corrupt(line, format!("unknown kind {other:?}"))),
            }
        }
        Ok(ledger)
    }

    /// The ledger's bytes: sorted, so the same ledger is always the same file.
    pub fn render(&self) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(HEADER);
        for (mpn_id, e) in &self.enrolments {
            let _ = w.write_record([
                "enrolment",
                mpn_id,
                "",
                "",
                "",
                "",
                "",
                &e.run.to_string(),
                "",
                &e.pc_start.to_string(),
                &e.pc_end.to_string(),
            ]);
        }
        for a in self.accounts.values() {
            let _ = w.write_record([
                "account",
                &a.mpn_id,
                &a.email_key,
                &a.email,
                &a.username,
                &a.issued.to_string(),
                &a.password_expires.to_string(),
                &a.run.to_string(),
                &a.credentials_file,
                "",
                "",
            ]);
        }
        w.into_inner().unwrap_or_default()
    }
}

/// What an apply writes can only name safe paths: a ledger edited by someone
/// else is refused rather than trusted to build a file name.
fn check_account_fields(mpn_id: &str, username: &str, credentials_file: &str) -> Result<(), String> {
    if !crate::validate::values::is_mpn_id(mpn_id) {
        return Err(format!("mpn_id {mpn_id:?} is not 4 to 10 digits"));
    }
    let safe_local = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b".-_".contains(&b))
    };
    match username.split_once('@') {
        Some((local, domain))
            if safe_local(local) && !local.starts_with('.') && crate::validate::values::is_domain(domain) => {}
        _ => return Err(format!("username {username:?} is not a user principal name this tool issues")),
    }
    let name = credentials_file.strip_prefix("credentials/").and_then(|n| n.strip_suffix(".csv")).unwrap_or("");
    let (id, run) = name.split_once(".run").unwrap_or((name, "1"));
    if id != mpn_id || run.is_empty() || !run.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("credentials_file {credentials_file:?} is not credentials/{mpn_id}[.runN].csv"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn round_trips() {
        let mut l = Ledger::default();
        l.enrolments.insert("1234".into(), Enrolment { pc_start: d("2026-12-01"), pc_end: d("2028-02-28"), run: 1 });
        let a = LedgerAccount {
            mpn_id: "1234".into(),
            email_key: "ann@x.com".into(),
            email: "Ann@x.com".into(),
            username: "ann@x.onmicrosoft.com".into(),
            issued: d("2026-12-01"),
            password_expires: d("2027-03-01"),
            run: 2,
            credentials_file: "credentials/1234.run2.csv".into(),
        };
        l.accounts.insert(("1234".into(), "ann@x.com".into()), a);
        let bytes = l.render();
        let back = Ledger::parse(&bytes, Path::new("ledger.csv")).unwrap();
        assert_eq!(back, l);
        assert_eq!(back.last_run(), 2);
        assert_eq!(back.render(), bytes);
    }

    #[test]
    fn corrupt_ledger_names_the_line() {
        let bytes = format!("{}\naccount,1234,k,e,u,notadate,2027-01-01,1,f,,\n", HEADER.join(","));
        let err = Ledger::parse(bytes.as_bytes(), Path::new("ledger.csv")).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn path_like_values_are_refused() {
        let row =
            |u: &str, f: &str| format!("{}\naccount,1234,k,e,{u},2026-12-01,2027-01-01,1,{f},,\n", HEADER.join(","));
        for (u, f) in [
            ("../../x@a.com", "credentials/1234.csv"),
            ("x@a.com", "credentials/../../etc/passwd.csv"),
            ("x@a.com", "/tmp/1234.csv"),
            ("x@../a", "credentials/1234.csv"),
        ] {
            assert!(Ledger::parse(row(u, f).as_bytes(), Path::new("ledger.csv")).is_err(), "{u} {f}");
        }
        assert!(Ledger::parse(row("x@a.com", "credentials/1234.run3.csv").as_bytes(), Path::new("l")).is_ok());
    }

    #[test]
    fn missing_ledger_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Ledger::load(dir.path()).unwrap(), Ledger::default());
    }
}
