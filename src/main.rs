//! Arguments → options → the library → exit code (0 done, 1 findings or
//! action needed or apply refused, 2 usage or I/O).

mod cli;

/// Validation and planning allocate many small strings on every thread;
/// mimalloc does that several times faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use cli::{Cli, Command};
use pmc_migrate::{Error, Outcome, emit};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.command) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Errors) => ExitCode::from(1),
        Ok(Outcome::Changes) => ExitCode::from(2),
        Err(e) if e.is_refusal() => {
            eprintln!("pmc-migrate: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("pmc-migrate: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: &Command) -> Result<Outcome, Error> {
    match command {
        Command::Validate { inputs, format, common } => {
            let opts = common.to_options(inputs);
            pmc_migrate::run_validate(&opts, format.to_format(), &mut std::io::stdout().lock())
        }
        Command::Plan { inputs, out, detailed_exitcode, common } => {
            let checked = plan_only(&common.to_options(inputs), out)?;
            Ok(match checked.outcome() {
                Outcome::Clean if *detailed_exitcode && checked.plan.has_changes() => Outcome::Changes,
                outcome => outcome,
            })
        }
        Command::Apply { memberships, employees, out, dry_run, skip_invalid, plan, entra_csv, common } => {
            let (opts, reviewed_plan) = match plan {
                Some(path) => {
                    let bytes = std::fs::read(path).map_err(|source| Error::Input { path: path.clone(), source })?;
                    let jobs = common.jobs.map(usize::from);
                    (pmc_migrate::reviewed_plan::options_from_plan(&bytes, jobs, common.quiet)?, Some(bytes))
                }
                None => {
                    let inputs = cli::Inputs {
                        memberships: memberships.clone().expect("required without --plan"),
                        employees: employees.clone().expect("required without --plan"),
                    };
                    (common.to_options(&inputs), None)
                }
            };
            if *dry_run {
                return Ok(plan_only(&opts, out)?.outcome());
            }
            let apply = pmc_migrate::apply::ApplyOptions {
                out_dir: out.clone(),
                skip_invalid: *skip_invalid,
                entra_csv: *entra_csv,
                reviewed_plan,
            };
            let (checked, applied) = pmc_migrate::apply::run_apply(&opts, &apply)?;
            print!("{}", emit::text::apply_summary(&checked, &applied, out));
            Ok(if applied.refused { Outcome::Errors } else { checked.outcome() })
        }
        Command::Generate { orgs, employees, out, seed, dirty, as_of } => {
            let opts = pmc_migrate::generate::GenerateOptions {
                orgs: *orgs,
                employees: *employees,
                out_dir: out.clone(),
                seed: *seed,
                dirty: *dirty,
                anchor: as_of.unwrap_or_else(pmc_migrate::generate::default_anchor),
            };
            let g =
                pmc_migrate::generate::generate(&opts).map_err(|source| Error::Output { path: out.clone(), source })?;
            println!("wrote {} and {} ({} bytes)", g.memberships.display(), g.employees.display(), g.bytes);
            Ok(Outcome::Clean)
        }
        Command::Status { args } => {
            let report = pmc_migrate::run_status(&args.to_options())?;
            if !args.quiet {
                print!("{}", emit::text::status_summary(&report, &args.out));
            }
            Ok(if report.needs_action > 0 { Outcome::Errors } else { Outcome::Clean })
        }
    }
}

/// `plan`, and `apply --dry-run`, which is the same: write the reports, print the summary.
fn plan_only(opts: &pmc_migrate::options::Options, out: &std::path::Path) -> Result<pmc_migrate::Checked, Error> {
    let checked = pmc_migrate::run_plan(opts, out)?;
    print!("{}", emit::text::plan_summary(&checked, out));
    Ok(checked)
}
