//! `apply --plan`: carry out exactly the plan that was reviewed. The plan pins
//! its inputs and the ledger by SHA-256 and records the options it was made
//! with; apply refuses a stale plan before writing anything.

use crate::apply::ApplyError;
use crate::ledger::Ledger;
use crate::options::{Creation, DateOrder, Options, ReadOptions};
use chrono::NaiveDate;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Pinned {
    as_of: NaiveDate,
    creation: Creation,
    options: RecordedOptions,
    ledger_sha256: Option<String>,
    inputs: Vec<PinnedInput>,
}

#[derive(Deserialize)]
struct RecordedOptions {
    strict: bool,
    date_order: Option<DateOrder>,
    encoding: Option<String>,
    delimiter: Option<String>,
}

#[derive(Deserialize)]
struct PinnedInput {
    path: String,
    sha256: String,
}

fn parse(bytes: &[u8]) -> Result<Pinned, ApplyError> {
    serde_json::from_slice(bytes).map_err(|e| ApplyError::StalePlan(format!("the plan file can't be read ({e})")))
}

/// The options the reviewed plan was made with; `jobs` and `quiet` are this run's.
pub fn options_from_plan(bytes: &[u8], jobs: Option<usize>, quiet: bool) -> Result<Options, ApplyError> {
    let p = parse(bytes)?;
    let bad = |what: &str| ApplyError::StalePlan(format!("the plan records an unknown {what}"));
    if p.inputs.len() < 2 {
        return Err(bad("list of inputs"));
    }
    let read = ReadOptions {
        encoding: match &p.options.encoding {
            Some(label) => Some(encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| bad("encoding"))?),
            None => None,
        },
        delimiter: match &p.options.delimiter {
            Some(d) if d.len() == 1 => Some(d.as_bytes()[0]),
            Some(_) => return Err(bad("delimiter")),
            None => None,
        },
        date_order: p.options.date_order,
    };
    Ok(Options {
        memberships: PathBuf::from(&p.inputs[0].path),
        employees: PathBuf::from(&p.inputs[1].path),
        as_of: p.as_of,
        creation: p.creation,
        strict: p.options.strict,
        read,
        jobs,
        quiet,
        status: p.inputs.get(2).map(|i| PathBuf::from(&i.path)),
    })
}

/// Every pinned input still has its SHA-256, and the ledger is the one the plan saw.
pub fn verify_pins(bytes: &[u8], ledger: &Ledger) -> Result<(), ApplyError> {
    let p = parse(bytes)?;
    for input in &p.inputs {
        let path = Path::new(&input.path);
        let data = std::fs::read(path)
            .map_err(|e| ApplyError::StalePlan(format!("input {} can't be read ({e})", path.display())))?;
        let now = crate::load::hex(&Sha256::digest(&data));
        if now != input.sha256 {
            return Err(ApplyError::StalePlan(format!(
                "{} changed since the plan was made (SHA-256 {now}, the plan has {})",
                path.display(),
                input.sha256
            )));
        }
    }
    if ledger.sha256 != p.ledger_sha256 {
        return Err(ApplyError::StalePlan(
            "the ledger in the output folder changed since the plan was made (another apply ran)".to_string(),
        ));
    }
    Ok(())
}
