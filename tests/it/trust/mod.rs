//! Trust with a real admin's data and folders (design §9): the output folder is
//! the tool's own, its report is published as one set, a signal or a closed
//! pipe leaves a folder in a known state, and options are honoured or refused.

use crate::common::*;

mod folder;
mod inputs;
mod interrupt;
mod kill;
mod options;
mod pipe;
mod usernames;

/// The files below `out` that hold a temporary password: credential files
/// (by their header) and sign-on emails, wherever they are.
fn password_files(wrk: &Workdir, out: &str) -> Vec<String> {
    let mut header = BOM.to_vec();
    header.extend_from_slice(CREDENTIALS_HEADER.join(",").as_bytes());
    wrk.files_under(out).into_iter().filter(|f| f.ends_with(".eml") || wrk.read(f).starts_with(&header)).collect()
}

/// The SHA-256 of `out`'s report set as plan.json records it: the lines
/// `<sha256>  <path>` of findings.csv, index.html and every file in orgs/,
/// sorted by path (computed here independently of the tool).
fn report_digest(wrk: &Workdir, out: &str) -> String {
    let mut files: Vec<String> = ["findings.csv", "index.html"]
        .into_iter()
        .filter(|f| wrk.exists(&format!("{out}/{f}")))
        .map(str::to_string)
        .collect();
    let prefix = format!("{out}/");
    files.extend(wrk.files_under(&format!("{out}/orgs")).iter().map(|f| f.strip_prefix(&prefix).unwrap().to_string()));
    files.sort();
    let lines: String =
        files.iter().map(|f| format!("{}  {f}\n", sha256_hex(&wrk.read(&format!("{out}/{f}"))))).collect();
    sha256_hex(lines.as_bytes())
}
