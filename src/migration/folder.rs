//! Opening the output folder for a run that writes into it: claim it as the
//! tool's, take its lock, and tidy what an interrupted run left, saying so.

use super::Error;
use crate::core::ledger::Ledger;
use crate::core::transaction::owned::{self, Claim, Folder};
use crate::core::transaction::{self, DirLock, publish};
use crate::files::ledger_csv as ledger;
use std::path::Path;

/// What plan (and apply) replace in the folder on every run.
pub(crate) const REPORT: [&str; 4] = ["plan.json", "findings.csv", "index.html", "orgs/"];

/// The folder, held until the returned lock drops, with its ledger.
pub(crate) fn open(dir: &Path, claim: &Claim, quiet: bool) -> Result<(Folder, DirLock, Ledger), Error> {
    let folder = owned::claim(dir, claim)?;
    if folder.adopted && !quiet {
        eprintln!("pmc-migrate: {} is now marked as pmc-migrate's output folder ({})", dir.display(), owned::MARKER);
    }
    let lock = transaction::lock(dir)?;
    if folder.unmarked {
        folder.save().map_err(|source| Error::Output { path: dir.join(owned::MARKER), source })?;
    }
    for done in publish::recover(dir).map_err(|source| Error::Output { path: dir.to_path_buf(), source })? {
        eprintln!("pmc-migrate: {done} in {}", dir.display());
    }
    let ledger = ledger::load(dir)?;
    transaction::recover(dir, ledger.last_run())?;
    Ok((folder, lock, ledger))
}
