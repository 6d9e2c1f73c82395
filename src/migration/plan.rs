//! The dry run: check and plan the exports against the ledger in the output
//! folder, then publish the report set there. No credentials.

use super::folder::{self, REPORT};
use super::render::Render;
use super::{Error, report_set};
use crate::core::options::Options;
use crate::core::progress::Progress;
use crate::core::transaction::owned::Claim;
use crate::pipeline::{Checked, check, load_status, with_jobs};
use std::path::{Path, PathBuf};

/// Plan into `out` (`force`: take a folder the tool did not make).
pub(crate) fn plan(opts: &Options, out: &Path, force: bool, render: &dyn Render) -> Result<Checked, Error> {
    with_jobs(opts.jobs, || -> Result<_, Error> {
        let status_input = opts.status.iter().map(PathBuf::as_path).collect::<Vec<_>>();
        let claim =
            Claim { exports: &[&opts.memberships, &opts.employees], inputs: &status_input, replaces: &REPORT, force };
        let (mut folder, _lock, ledger) = folder::open(out, &claim, opts.quiet)?;
        let status = load_status(opts)?;
        let checked = check(opts, &ledger, status.as_ref())?;
        let _stage = Progress::new(opts.quiet).timer("writing reports");
        report_set::write_reports(&checked, None, &mut folder, render)?;
        Ok(checked)
    })
}
