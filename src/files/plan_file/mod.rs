//! plan.json, written by `plan` and `apply` and read back by `apply --plan`:
//! the whole plan, no passwords (field names of design §7). One schema both
//! ways: the options a plan records are the options `apply --plan` repeats,
//! and its inputs and ledger are pinned by SHA-256.

mod chunked;
mod layout;
mod roster;

#[cfg(test)]
pub(crate) use roster::Person;
pub(crate) use roster::{Roster, roster};

use crate::core::applied::Applied;
use crate::core::finding::Severity;
use crate::core::ledger::Ledger;
use crate::core::model::Lang;
use crate::core::names::NameOrder;
use crate::core::options::{ColumnNames, Creation, DEFAULT_SIGN_IN_URL, DateOrder, Options, ReadOptions};
use crate::pipeline::Checked;
use crate::pipeline::load::input::MAX_STREAM_BYTES;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PlanFileError {
    /// The plan no longer matches its inputs or the ledger: a refusal (exit 1).
    #[error("stale plan: {0}; nothing was written. Run `pmc-migrate plan` again, review it, then apply the new plan")]
    Stale(String),
    /// `--plan` names something else (a CSV, a truncated file): a usage error.
    #[error(
        "{} is not a plan.json written by `pmc-migrate plan` ({why}); pass the plan.json that \
         `pmc-migrate plan --out DIR` wrote into DIR",
        path.display()
    )]
    NotAPlan { path: PathBuf, why: String },
    /// `--out` is not the folder the plan was made against: a usage error.
    #[error(
        "{} was made for the output folder {}, not {}: apply it with --out {}, or make a new plan with --out {}; \
         nothing was written",
        path.display(), made_for.display(), given.display(), made_for.display(), given.display()
    )]
    OtherFolder { path: PathBuf, made_for: PathBuf, given: PathBuf },
    /// Options the reviewed plan already fixed: a usage error.
    #[error(
        "{options}: the reviewed plan fixes {these} (it records the inputs and options it was made with); \
         drop {these}, or make a new plan with {them}, review it, and apply that; nothing was written",
        these = if .options.contains(',') { "these" } else { "this" },
        them = if .options.contains(',') { "them" } else { "it" }
    )]
    FixedOptions { options: String },
}

impl PlanFileError {
    /// Only a stale plan is a refusal; the others are a wrong argument.
    pub fn is_refusal(&self) -> bool {
        matches!(self, PlanFileError::Stale(_))
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub(crate) struct Summary {
    pub organizations: usize,
    /// Distinct people (by email) across the planned organisations.
    pub employees: usize,
    /// One per person per organisation.
    pub accounts: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub blocked_organizations: usize,
}

/// How the inputs were read and judged: `apply --plan` repeats exactly these.
#[derive(Serialize, Deserialize)]
struct RecordedOptions {
    strict: bool,
    date_order: Option<DateOrder>,
    #[serde(with = "encoding_label")]
    encoding: Option<&'static encoding_rs::Encoding>,
    #[serde(with = "delimiter_char")]
    delimiter: Option<u8>,
    /// `--sheet`, recorded only when given (plans of CSV inputs stay as they were).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sheets: Vec<String>,
    /// `--header-row`, recorded only when given, as `--sheet` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    header_row: Option<u64>,
    /// `--columns`: the mapping itself, so `apply --plan` reads the exports
    /// as the plan did even if the file is gone; recorded only when given.
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    columns: ColumnNames,
    /// `--lang`: it picks the language of sign-on emails, so `apply --plan`
    /// repeats it. Absent means `en`, so English plans keep their bytes.
    #[serde(default, skip_serializing_if = "Lang::is_en")]
    lang: Lang,
    /// `--name-order`: it makes the display names, so `apply --plan` repeats
    /// it. Absent means `auto`, so plans made before it keep their bytes.
    #[serde(default, skip_serializing_if = "NameOrder::is_auto")]
    name_order: NameOrder,
    /// `--sign-in-url`: it goes into every sign-on email. Absent means
    /// Partner Center's sign-in page.
    #[serde(default = "default_sign_in_url", skip_serializing_if = "is_default_sign_in_url")]
    sign_in_url: String,
}

fn default_sign_in_url() -> String {
    DEFAULT_SIGN_IN_URL.to_string()
}

fn is_default_sign_in_url(url: &str) -> bool {
    url == DEFAULT_SIGN_IN_URL
}

/// The report a plan belongs to, in its output folder: the files its
/// `report_sha256` covers (what the reviewer reads beside plan.json).
pub(crate) const REPORT_SET: [&str; 3] = ["findings.csv", "index.html", "orgs"];
const DIGEST_KEY: &[u8] = b"\"report_sha256\": \"";
/// Where the digest goes until the report set is written ([`seal`]).
const UNSEALED: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What `apply --plan` reads back from a [`PlanDoc`]: how it was made, and its pins.
#[derive(Deserialize)]
struct Pins {
    tool: Option<ToolName>,
    as_of: NaiveDate,
    /// Absent in plans of earlier versions.
    report_sha256: Option<String>,
    creation: Creation,
    options: RecordedOptions,
    ledger_sha256: Option<String>,
    /// Absent in plans of earlier versions.
    out: Option<PathBuf>,
    inputs: Vec<PinnedInput>,
}

/// Enough of a JSON document to tell whether this tool wrote it.
#[derive(Deserialize)]
struct Probe {
    tool: Option<ToolName>,
}

#[derive(Deserialize)]
struct ToolName {
    name: String,
}

impl ToolName {
    fn is_ours(tool: &Option<ToolName>) -> bool {
        tool.as_ref().is_some_and(|t| t.name == "pmc-migrate")
    }
}

#[derive(Deserialize)]
struct PinnedInput {
    path: PathBuf,
    sha256: String,
}

pub(crate) fn summary(checked: &Checked) -> Summary {
    let orgs = &checked.plan.organizations;
    // hashbrown's hasher: with std's SipHash this set was a tenth of a plan's CPU.
    let mut people: hashbrown::HashSet<&str> =
        hashbrown::HashSet::with_capacity(orgs.iter().map(|o| o.accounts.len()).sum());
    people.extend(orgs.iter().flat_map(|o| o.accounts.iter().map(|a| a.email_key.as_str())));
    Summary {
        organizations: orgs.len(),
        employees: people.len(),
        accounts: orgs.iter().map(|o| o.accounts.len()).sum(),
        errors: checked.counts.errors,
        warnings: checked.counts.warnings,
        infos: checked.findings.iter().filter(|f| f.severity == Severity::Info).count(),
        blocked_organizations: checked.blocked.len(),
    }
}

/// plan.json's bytes for the output folder `out_dir` (see [`write_to`]).
pub fn render(checked: &Checked, applied: Option<&Applied>, out_dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    write_to(checked, applied, out_dir, &mut out).expect("writing to memory");
    out
}

/// Stream plan.json: indented down to each account, every account on one line,
/// so that a million accounts stay reviewable and diff-able yet compact.
pub(crate) fn write_to(
    checked: &Checked,
    applied: Option<&Applied>,
    out_dir: &Path,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let read = &checked.options.read;
    let options = RecordedOptions {
        strict: checked.options.strict,
        date_order: read.date_order,
        encoding: read.encoding,
        delimiter: read.delimiter,
        sheets: read.sheets.clone(),
        header_row: read.header_row,
        columns: read.columns.clone(),
        lang: checked.options.lang,
        name_order: checked.options.name_order,
        sign_in_url: checked.options.sign_in_url.clone(),
    };
    // The document's fields in their order (design §7); the organisations,
    // nearly all of its bytes, are serialised in parallel chunks.
    let mut doc = chunked::Object::begin(&mut *out)?;
    doc.field("as_of", &checked.plan.as_of)?;
    doc.field("tool", &Tool { name: "pmc-migrate", version: env!("CARGO_PKG_VERSION") })?;
    // The digest of the report set beside it ([`REPORT_SET`]), which `apply --plan` checks.
    doc.field("report_sha256", &UNSEALED)?;
    doc.field("creation", &checked.plan.creation)?;
    doc.field("options", &options)?;
    // The output folder's ledger.csv when the plan was made (null: none).
    doc.field("ledger_sha256", &checked.ledger_sha256.as_deref())?;
    // The output folder as given to `--out`: the ledger above is that folder's.
    doc.field("out", &out_dir.display().to_string())?;
    doc.field("inputs", &checked.inputs)?;
    doc.field("summary", &summary(checked))?;
    doc.array("organizations", &checked.plan.organizations)?;
    doc.array("blocked_organizations", &checked.blocked)?;
    // People in the ledger who are gone from the export: reported, never deleted.
    doc.array("left", &checked.plan.left)?;
    if let Some(applied) = applied {
        doc.field("apply", applied)?;
    }
    doc.end()?;
    out.write_all(b"\n")
}

/// The pins of the plan at `path`. Something that is not a plan of this tool
/// is a usage error; a plan of this tool that can't be read was edited: stale.
fn parse(path: &Path, bytes: &[u8]) -> Result<Pins, PlanFileError> {
    let not_a_plan = |why: String| PlanFileError::NotAPlan { path: path.to_path_buf(), why };
    let pins: Pins = match serde_json::from_slice(bytes) {
        Ok(pins) => pins,
        Err(e) if e.is_syntax() || e.is_eof() => return Err(not_a_plan(format!("it is not JSON: {e}"))),
        // Only on this error path: read the document again for its tool name.
        Err(e) => match serde_json::from_slice::<Probe>(bytes) {
            Ok(probe) if ToolName::is_ours(&probe.tool) => {
                return Err(PlanFileError::Stale(format!("the plan file can't be read ({e})")));
            }
            _ => return Err(not_a_plan(format!("it is JSON, but not a plan: {e}"))),
        },
    };
    if !ToolName::is_ours(&pins.tool) {
        return Err(not_a_plan("it does not name pmc-migrate as its tool".to_string()));
    }
    if pins.inputs.len() < 2 {
        return Err(PlanFileError::Stale("the plan records an unknown list of inputs".to_string()));
    }
    Ok(pins)
}

/// The same folder: equal paths once `.` parts are dropped, or the same real folder.
fn same_folder(a: &Path, b: &Path) -> bool {
    let lexical = |p: &Path| -> PathBuf { p.components().filter(|c| *c != std::path::Component::CurDir).collect() };
    lexical(a) == lexical(b) || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// The options the reviewed plan at `path` was made with, once it is known to
/// be a plan for `out_dir`; `jobs` and `quiet` are this run's.
pub(crate) fn options_from_plan(
    path: &Path,
    bytes: &[u8],
    out_dir: &Path,
    jobs: Option<usize>,
    quiet: bool,
) -> Result<Options, PlanFileError> {
    let p = parse(path, bytes)?;
    if let Some(made_for) = &p.out
        && !same_folder(made_for, out_dir)
    {
        return Err(PlanFileError::OtherFolder {
            path: path.to_path_buf(),
            made_for: made_for.clone(),
            given: out_dir.to_path_buf(),
        });
    }
    let o = p.options;
    Ok(Options {
        memberships: p.inputs[0].path.clone(),
        employees: p.inputs[1].path.clone(),
        as_of: p.as_of,
        creation: p.creation,
        strict: o.strict,
        read: ReadOptions {
            encoding: o.encoding,
            delimiter: o.delimiter,
            date_order: o.date_order,
            sheets: o.sheets,
            header_row: o.header_row,
            columns: o.columns,
        },
        jobs,
        quiet,
        status: p.inputs.iter().skip(2).map(|i| i.path.clone()).collect(),
        lang: o.lang,
        name_order: o.name_order,
        sign_in_url: o.sign_in_url,
    })
}

/// The bytes of the plan.json at `path` (`apply --plan`): a plan is a file
/// this tool wrote, so anything but a regular file is refused, never read.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, PlanFileError> {
    let not_a_plan = |why: String| PlanFileError::NotAPlan { path: path.to_path_buf(), why };
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return Err(not_a_plan("it is not a regular file".to_string())),
        Ok(_) => {}
        Err(e) => return Err(not_a_plan(format!("it can't be read: {e}"))),
    }
    std::fs::read(path).map_err(|e| not_a_plan(format!("it can't be read: {e}")))
}

/// Every pinned input still has its SHA-256, and the ledger is the one the plan saw.
pub(crate) fn verify_pins(bytes: &[u8], ledger: &Ledger) -> Result<(), PlanFileError> {
    // Read by options_from_plan before, so this path is never shown.
    let p = parse(Path::new("plan.json"), bytes)?;
    for input in &p.inputs {
        let path = Path::new(&input.path);
        // Hashed as it streams, through the loader's bound: an input swapped
        // for something endless costs neither memory nor unbounded time.
        let mut hash = Sha256::new();
        std::fs::File::open(path)
            .and_then(|f| std::io::copy(&mut std::io::Read::take(f, MAX_STREAM_BYTES + 1), &mut hash))
            .map_err(|e| PlanFileError::Stale(format!("input {} can't be read ({e})", path.display())))?;
        let now = crate::core::hex::hex(&hash.finalize());
        if now != input.sha256 {
            return Err(PlanFileError::Stale(format!(
                "{} changed since the plan was made (SHA-256 {now}, the plan has {})",
                path.display(),
                input.sha256
            )));
        }
    }
    if ledger.sha256 != p.ledger_sha256 {
        return Err(PlanFileError::Stale(
            "the ledger in the output folder changed since the plan was made (another apply ran)".to_string(),
        ));
    }
    Ok(())
}

/// Put the report set's digest into a plan.json written by [`write_to`]
/// (it is known only once the pages are written, which happens meanwhile).
pub(crate) fn seal(plan_json: &Path, digest: &str) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::OpenOptions::new().read(true).write(true).open(plan_json)?;
    let mut head = vec![0; 4096];
    let n = file.read_at(&mut head, 0)?;
    let at = digest_at(&head[..n]).ok_or_else(|| std::io::Error::other("plan.json has no report_sha256"))?;
    file.write_all_at(digest.as_bytes(), at as u64)
}

/// The offset of the digest's 64 characters in a plan.json's first bytes.
fn digest_at(bytes: &[u8]) -> Option<usize> {
    let key = bytes.windows(DIGEST_KEY.len()).position(|w| w == DIGEST_KEY)?;
    let at = key + DIGEST_KEY.len();
    (bytes.len() >= at + UNSEALED.len()).then_some(at)
}

/// The report set in `out_dir` is the one the reviewed plan was written with:
/// the pages a reviewer read and the plan applied can never differ.
pub(crate) fn verify_report(reviewed: &[u8], out_dir: &Path) -> Result<(), PlanFileError> {
    let recorded = parse(Path::new("plan.json"), reviewed)?.report_sha256.ok_or_else(|| {
        PlanFileError::Stale("the plan was made by an earlier version and records no report digest".to_string())
    })?;
    let now = crate::core::transaction::publish::digest(out_dir, &REPORT_SET)
        .map_err(|e| PlanFileError::Stale(format!("the report in {} can't be read ({e})", out_dir.display())))?;
    if now != recorded {
        return Err(PlanFileError::Stale(format!(
            "the report in {} (index.html, findings.csv, orgs/) is not the one this plan was written with, so \
             what was reviewed is not what would be applied",
            out_dir.display()
        )));
    }
    Ok(())
}

/// Planning again gives the reviewed plan byte for byte (written for the
/// folder the plan names, however `--out` spells it).
pub(crate) fn verify_rendered(checked: &Checked, reviewed: &[u8]) -> Result<(), PlanFileError> {
    let out = parse(Path::new("plan.json"), reviewed)?.out.unwrap_or_default();
    // Compared unsealed: the digest is the report's, checked by verify_report.
    let mut reviewed = reviewed.to_vec();
    if let Some(at) = digest_at(&reviewed) {
        reviewed[at..at + UNSEALED.len()].copy_from_slice(UNSEALED.as_bytes());
    }
    if render(checked, None, &out) != reviewed {
        return Err(PlanFileError::Stale(
            "these inputs and this ledger no longer give the reviewed plan (was it edited, or made by another version?)"
                .to_string(),
        ));
    }
    Ok(())
}

/// The organisations' names in a plan.json, by MPN ID (planned ones and those
/// left out): for a page that otherwise knows only MPN IDs (status.html).
/// Streams the file and keeps only the names, so a large plan costs no more
/// memory than its names.
pub(crate) fn org_names(plan_json: impl std::io::Read) -> serde_json::Result<HashMap<String, String>> {
    #[derive(Deserialize)]
    struct Named {
        mpn_id: String,
        organization: String,
    }
    #[derive(Deserialize)]
    struct Names {
        #[serde(default)]
        organizations: Vec<Named>,
        #[serde(default)]
        blocked_organizations: Vec<Named>,
    }
    let doc: Names = serde_json::from_reader(plan_json)?;
    // A planned organisation's name wins over a left-out row's with its ID.
    let all = doc.blocked_organizations.into_iter().chain(doc.organizations);
    Ok(all.filter(|n| !n.organization.is_empty()).map(|n| (n.mpn_id, n.organization)).collect())
}

/// `--encoding` as its WHATWG name (`windows-1252`), read back by label.
mod encoding_label {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    type Encoding = &'static encoding_rs::Encoding;

    pub(super) fn serialize<S: Serializer>(e: &Option<Encoding>, s: S) -> Result<S::Ok, S::Error> {
        match e {
            Some(e) => s.serialize_some(e.name()),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Encoding>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(label) => encoding_rs::Encoding::for_label(label.as_bytes())
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("unknown encoding {label:?}"))),
            None => Ok(None),
        }
    }
}

/// `--delimiter` as a one-character string.
mod delimiter_char {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub(super) fn serialize<S: Serializer>(d: &Option<u8>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&(*d as char).to_string()),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(s) if s.len() == 1 => Ok(Some(s.as_bytes()[0])),
            Some(s) => Err(D::Error::custom(format!("unknown delimiter {s:?}"))),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_names_keeps_only_names_and_a_planned_name_wins() {
        let json = br#"{"as_of": "2026-12-01",
            "organizations": [{"mpn_id": "1234567", "organization": "Contoso Ltd", "accounts": [{"email": "a@b.c"}]}],
            "blocked_organizations": [
                {"mpn_id": "1234567", "organization": "Contoso (old row)", "line": 3, "reasons": []},
                {"mpn_id": "2345678", "organization": "Fabrikam", "line": 4, "reasons": []},
                {"mpn_id": "3456789", "organization": "", "line": 5, "reasons": []}],
            "left": []}"#;
        let names = org_names(&json[..]).unwrap();
        assert_eq!(names.len(), 2);
        assert_eq!(names["1234567"], "Contoso Ltd");
        assert_eq!(names["2345678"], "Fabrikam");
        assert!(org_names(&b"{\"organizations\": 3}"[..]).is_err());
        assert!(org_names(&b"{}"[..]).unwrap().is_empty());
    }
}
