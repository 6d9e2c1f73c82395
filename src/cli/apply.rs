//! `pmc-migrate apply`, the real run: arguments to an [`ApplyRun`], one
//! call of the apply workflow, its report on stdout and what to do next.

use super::args::{Common, Inputs};
use crate::Error;
use crate::files::plan_file::PlanFileError;
use crate::files::sealed::Recipients;
use crate::migration::{self, apply::ApplyRun, apply::Applying};
use crate::pipeline::Outcome;
use crate::report::{self, change_listing as listing, change_listing::Tense};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PMC membership export (not with --plan, which names its own).
    #[arg(long, value_name = "FILE", required_unless_present = "plan", conflicts_with = "plan")]
    pub memberships: Option<PathBuf>,
    /// The PMC employee export (not with --plan).
    #[arg(long, value_name = "FILE", required_unless_present = "plan", conflicts_with = "plan")]
    pub employees: Option<PathBuf>,
    /// Output folder (created if missing); holds the ledger between runs.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write into a non-empty folder that pmc-migrate did not make, replacing
    /// files at its names there (it never deletes files it did not write).
    #[arg(long)]
    pub force: bool,
    /// Only plan: the same as `pmc-migrate plan`.
    #[arg(long, conflicts_with = "plan")]
    pub dry_run: bool,
    /// Apply the valid rows even when others have errors (they are reported).
    #[arg(long)]
    pub skip_invalid: bool,
    /// Carry out exactly this reviewed plan.json (its inputs, options and ledger are
    /// pinned by SHA-256: a stale plan is refused and nothing is written).
    #[arg(long, value_name = "PLAN.JSON")]
    pub plan: Option<PathBuf>,
    /// Also write credentials/<mpn_id>.entra.csv for Microsoft Entra's "Bulk create users" upload.
    #[arg(long)]
    pub entra_csv: bool,
    /// Write every credential file and sign-on email as an age file
    /// (`<name>.age`) encrypted to RECIPIENT: an age public key (age1…), an
    /// ssh-ed25519 or ssh-rsa public key, or a file of them; repeatable.
    /// No plaintext password reaches the disk. Open with `age -d -i KEY FILE`.
    #[arg(long = "encrypt-to", value_name = "RECIPIENT")]
    pub encrypt_to: Vec<String>,
    /// How many people (and organisations' files) the listing names: a number, or `all`.
    #[arg(long, value_name = "N|all", default_value_t = listing::FIRST, value_parser = super::plan::parse_changes)]
    pub changes: usize,
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let run = match &args.plan {
        Some(plan) => {
            let fixed = args.common.fixed_by_plan();
            if !fixed.is_empty() {
                return Err(PlanFileError::FixedOptions { options: fixed.join(", ") }.into());
            }
            let jobs = args.common.jobs.map(usize::from);
            ApplyRun::reviewed(plan, &args.out, jobs, args.common.quiet)?
        }
        None => {
            let inputs = Inputs {
                memberships: args.memberships.clone().expect("required without --plan"),
                employees: args.employees.clone().expect("required without --plan"),
            };
            ApplyRun {
                opts: args.common.to_options(&inputs),
                out: &args.out,
                force: false,
                skip_invalid: false,
                entra_csv: false,
                reviewed: None,
                encrypt_to: None,
            }
        }
    };
    // Read before anything is written: a wrong key refuses the run whole.
    let encrypt_to = match args.encrypt_to.as_slice() {
        [] => None,
        given => Some(Recipients::parse(given)?),
    };
    let run =
        ApplyRun { force: args.force, skip_invalid: args.skip_invalid, entra_csv: args.entra_csv, encrypt_to, ..run };
    if args.dry_run {
        return Ok(super::plan::plan_and_report(&run.opts, &args.out, args.changes, args.force)?.outcome());
    }
    let Applying { checked, applied, written } = migration::apply::apply(&run, &report::Renderer)?;
    let tense = if applied.refused { Tense::Refused } else { Tense::Applied };
    let style = listing::Style::for_stdout(args.changes);
    super::stdout::print(&listing::apply_report(&checked, tense, &written, &args.out, style))?;
    if applied.refused {
        // A refusal is never silenced: it is why nothing was issued.
        eprint!("{}", report::next::refusal(&checked, &args.out));
        return Ok(Outcome::Errors);
    }
    if !run.opts.quiet {
        eprint!("{}", report::next::apply_next(&checked, &written, &args.out));
    }
    Ok(checked.outcome())
}
