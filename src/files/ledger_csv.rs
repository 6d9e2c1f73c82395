//! ledger.csv: the file that carries [`Ledger`] from one apply to the next.
//! One CSV, a `kind` column telling `enrolment` rows from `account` rows,
//! read and written through one serde row type. A ledger edited by someone
//! else is refused when its values could not have been written by apply.
//!
//! People open it in a spreadsheet too, so it is written as the files for
//! people are (`files::cells`): a UTF-8 BOM, and every text cell escaped so
//! that none starts like a formula. Only a ledger with the BOM has escaped
//! cells: ledgers of earlier versions are read as they were written.

use crate::core::ids::{CredentialsFile, MpnId, Username};
use crate::core::ledger::{Enrolment, Ledger, LedgerAccount};
use crate::core::options::Creation;
use crate::files::cells::{self, BOM};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(crate) const FILE_NAME: &str = "ledger.csv";

const HEADER: [&str; 12] = [
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
    "creation",
];
/// Ledgers of earlier versions end before `creation`.
const LEGACY_COLUMNS: usize = 11;

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} line {line}: {message} (the ledger is written by pmc-migrate apply; restore it from a backup)")]
    Corrupt { path: PathBuf, line: u64, message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Enrolment,
    Account,
}

/// One line of ledger.csv, its fields in [`HEADER`]'s order; a field a kind
/// doesn't use is empty.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Row {
    kind: Option<Kind>,
    mpn_id: String,
    email_key: String,
    email: String,
    username: String,
    issued: Option<NaiveDate>,
    password_expires: Option<NaiveDate>,
    run: u32,
    credentials_file: String,
    pc_start: Option<NaiveDate>,
    pc_end: Option<NaiveDate>,
    #[serde(default)]
    creation: Option<Creation>,
}

impl Row {
    /// The row with its text cells as [`cells::escape`] writes them.
    fn escaped(self) -> Row {
        let e = |s: String| cells::escape(&s).into_owned();
        Row {
            mpn_id: e(self.mpn_id),
            email_key: e(self.email_key),
            email: e(self.email),
            username: e(self.username),
            credentials_file: e(self.credentials_file),
            ..self
        }
    }

    /// The row [`Row::escaped`] was given.
    fn restored(self) -> Row {
        let r = cells::restore;
        Row {
            mpn_id: r(self.mpn_id),
            email_key: r(self.email_key),
            email: r(self.email),
            username: r(self.username),
            credentials_file: r(self.credentials_file),
            ..self
        }
    }
}

/// Read `dir/ledger.csv`; an absent file is an empty ledger.
pub(crate) fn load(dir: &Path) -> Result<Ledger, LedgerError> {
    let path = dir.join(FILE_NAME);
    // The tool's own file: anything but a regular file (a FIFO planted in its place) is refused, never read.
    if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
        let source = std::io::Error::other("not a regular file");
        return Err(LedgerError::Read { path, source });
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Ledger::default()),
        Err(source) => return Err(LedgerError::Read { path, source }),
    };
    let mut ledger = parse(&bytes, &path)?;
    ledger.sha256 = Some(crate::core::hex::hex(&<sha2::Sha256 as sha2::Digest>::digest(&bytes)));
    Ok(ledger)
}

pub fn parse(bytes: &[u8], path: &Path) -> Result<Ledger, LedgerError> {
    let corrupt = |line: u64, message: String| LedgerError::Corrupt { path: path.to_path_buf(), line, message };
    let (escaped, bytes) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
    let header = reader.headers().map_err(|e| corrupt(1, e.to_string()))?.clone();
    let names = header.iter().collect::<Vec<_>>();
    if names != HEADER && names != HEADER[..LEGACY_COLUMNS] {
        return Err(corrupt(1, "unexpected header".to_string()));
    }
    let mut ledger = Ledger::default();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let line = i as u64 + 2;
        let mut row = row.map_err(|e| corrupt(line, row_error(&e)))?;
        if escaped {
            row = row.restored();
        }
        let need = |date: Option<NaiveDate>, name: &str| date.ok_or_else(|| corrupt(line, format!("{name} is empty")));
        match row.kind {
            Some(Kind::Enrolment) => {
                let mpn_id = parse_mpn_id(&row.mpn_id).map_err(|m| corrupt(line, m))?;
                let e = Enrolment {
                    pc_start: need(row.pc_start, "pc_start")?,
                    pc_end: need(row.pc_end, "pc_end")?,
                    run: row.run,
                    creation: row.creation,
                };
                ledger.enrolments.insert(mpn_id, e);
            }
            Some(Kind::Account) => {
                let (mpn_id, username, credentials_file) =
                    account_fields(&row.mpn_id, &row.username, &row.credentials_file).map_err(|m| corrupt(line, m))?;
                let a = LedgerAccount {
                    issued: need(row.issued, "issued")?,
                    password_expires: need(row.password_expires, "password_expires")?,
                    mpn_id,
                    email_key: row.email_key,
                    email: row.email,
                    username,
                    run: row.run,
                    credentials_file,
                };
                ledger.accounts.insert((a.mpn_id.clone(), a.email_key.clone()), a);
            }
            None => return Err(corrupt(line, "the kind is empty".to_string())),
        }
    }
    Ok(ledger)
}

/// csv's deserialize error without its byte offsets: which field, and why.
fn row_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(k) => format!("{}: {}", HEADER.get(k as usize).unwrap_or(&"?"), err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

/// The ledger's bytes: sorted, so the same ledger is always the same file.
pub fn render(ledger: &Ledger) -> Vec<u8> {
    let mut out = Vec::new();
    write_to(ledger, &mut out).expect("writing to memory");
    out
}

/// Stream [`render`]'s bytes: a million accounts are never held as one buffer.
pub(crate) fn write_to(ledger: &Ledger, out: &mut impl std::io::Write) -> std::io::Result<()> {
    write_rows(&ledger.enrolments, ledger.accounts.values().map(Cow::Borrowed), out)
}

/// A ledger's bytes from its enrolments and its accounts, each in the
/// ledger's order (by MPN ID, accounts then by email key), so that a ledger
/// made of an earlier one and a run's accounts is written without being built.
pub(crate) fn write_rows<'a>(
    enrolments: &BTreeMap<MpnId, Enrolment>,
    accounts: impl Iterator<Item = Cow<'a, LedgerAccount>>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    w.write_record(HEADER)?;
    for (mpn_id, e) in enrolments {
        w.serialize(
            Row {
                kind: Some(Kind::Enrolment),
                mpn_id: mpn_id.to_string(),
                run: e.run,
                pc_start: Some(e.pc_start),
                pc_end: Some(e.pc_end),
                creation: e.creation,
                ..Row::default()
            }
            .escaped(),
        )?;
    }
    for a in accounts {
        w.serialize(
            Row {
                kind: Some(Kind::Account),
                mpn_id: a.mpn_id.to_string(),
                email_key: a.email_key.clone(),
                email: a.email.clone(),
                username: a.username.to_string(),
                issued: Some(a.issued),
                password_expires: Some(a.password_expires),
                run: a.run,
                credentials_file: a.credentials_file.to_string(),
                pc_start: None,
                pc_end: None,
                creation: None,
            }
            .escaped(),
        )?;
    }
    w.flush()
}

fn parse_mpn_id(s: &str) -> Result<MpnId, String> {
    MpnId::parse(s).ok_or_else(|| format!("mpn_id {s:?} is not 4 to 10 digits"))
}

/// What an apply writes can only name safe paths: a ledger edited by someone
/// else is refused rather than trusted to build a file name.
fn account_fields(mpn_id: &str, username: &str, file: &str) -> Result<(MpnId, Username, CredentialsFile), String> {
    let mpn_id = parse_mpn_id(mpn_id)?;
    let username = Username::parse(username)
        .ok_or_else(|| format!("username {username:?} is not a user principal name this tool issues"))?;
    match CredentialsFile::parse(file) {
        Some(f) if f.mpn_id == mpn_id => Ok((mpn_id, username, f)),
        _ => Err(format!("credentials_file {file:?} is not credentials/{mpn_id}[.runN].csv")),
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
        l.enrolments.insert(
            "1234".into(),
            Enrolment {
                pc_start: d("2026-12-01"),
                pc_end: d("2028-02-28"),
                run: 1,
                creation: Some(Creation::Individual),
            },
        );
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
        let bytes = render(&l);
        let back = parse(&bytes, Path::new("ledger.csv")).unwrap();
        assert_eq!(back, l);
        assert_eq!(back.last_run(), 2);
        assert_eq!(render(&back), bytes);
    }

    #[test]
    fn corrupt_ledger_names_the_line() {
        let bytes = format!("{}\naccount,1234,k,e,u,notadate,2027-01-01,1,f,,,\n", HEADER.join(","));
        let err = parse(bytes.as_bytes(), Path::new("ledger.csv")).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn path_like_values_are_refused() {
        let row =
            |u: &str, f: &str| format!("{}\naccount,1234,k,e,{u},2026-12-01,2027-01-01,1,{f},,,\n", HEADER.join(","));
        for (u, f) in [
            ("../../x@a.com", "credentials/1234.csv"),
            ("x@a.com", "credentials/../../etc/passwd.csv"),
            ("x@a.com", "/tmp/1234.csv"),
            ("x@../a", "credentials/1234.csv"),
        ] {
            assert!(parse(row(u, f).as_bytes(), Path::new("ledger.csv")).is_err(), "{u} {f}");
        }
        assert!(parse(row("x@a.com", "credentials/1234.run3.csv").as_bytes(), Path::new("l")).is_ok());
    }

    #[test]
    fn a_ledger_of_an_earlier_version_reads_without_its_creation() {
        let bytes = format!("{}\nenrolment,1234,,,,,,1,,2026-12-01,2028-02-28\n", HEADER[..LEGACY_COLUMNS].join(","));
        let ledger = parse(bytes.as_bytes(), Path::new("ledger.csv")).unwrap();
        assert_eq!(ledger.enrolments.len(), 1);
        assert_eq!(ledger.creation(), None);
    }

    #[test]
    fn missing_ledger_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Ledger::default());
    }
}
