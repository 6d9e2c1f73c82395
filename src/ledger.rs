//! ledger.csv: what earlier applies issued (accounts, no passwords) and each
//! organisation's enrolment, so that the next apply is incremental.
//! Format: one CSV, a `kind` column telling `enrolment` rows from `account` rows.

use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
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
}

impl Ledger {
    /// The highest run number recorded (0 when nothing was ever applied).
    pub fn last_run(&self) -> u32 {
        let a = self.accounts.values().map(|a| a.run).max().unwrap_or(0);
        let e = self.enrolments.values().map(|e| e.run).max().unwrap_or(0);
        a.max(e)
    }

    pub fn account(&self, mpn_id: &str, email_key: &str) -> Option<&LedgerAccount> {
        self.accounts.get(&(mpn_id.to_string(), email_key.to_string()))
    }

    /// Local parts already issued in each tenant: they keep their owners.
    pub fn usernames_by_tenant(&self) -> HashMap<String, Vec<(String, String, String)>> {
        let mut out: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
        for a in self.accounts.values() {
            if let Some((local, domain)) = a.username.rsplit_once('@') {
                out.entry(domain.to_string()).or_default().push((
                    local.to_string(),
                    a.mpn_id.clone(),
                    a.email_key.clone(),
                ));
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
        Self::parse(&bytes, &path)
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
                    ledger
                        .enrolments
                        .insert(f(1).to_string(), Enrolment { pc_start: date(9)?, pc_end: date(10)?, run });
                }
                "account" => {
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
    fn missing_ledger_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Ledger::load(dir.path()).unwrap(), Ledger::default());
    }
}
