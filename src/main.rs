//! Arguments → options → the library → exit code (0 done, 1 findings, 2 usage or I/O).

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use pmc_migrate::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Validate { inputs, format, common } => {
            let opts = common.to_options(inputs);
            pmc_migrate::run_validate(&opts, format.to_format(), &mut std::io::stdout().lock())
        }
        Command::Plan { inputs, out, common } => {
            let opts = common.to_options(inputs);
            pmc_migrate::run_plan(&opts, out).map(|checked| {
                print!("{}", pmc_migrate::emit::text::plan_summary(&checked, out));
                checked.outcome()
            })
        }
        Command::Apply {
            inputs,
            out,
            dry_run,
            skip_invalid,
            common,
        } => {
            let opts = common.to_options(inputs);
            if *dry_run {
                pmc_migrate::run_plan(&opts, out).map(|checked| {
                    print!("{}", pmc_migrate::emit::text::plan_summary(&checked, out));
                    checked.outcome()
                })
            } else {
                let apply = pmc_migrate::apply::ApplyOptions {
                    out_dir: out.clone(),
                    skip_invalid: *skip_invalid,
                };
                pmc_migrate::apply::run_apply(&opts, &apply).map(|(checked, applied)| {
                    print!("{}", pmc_migrate::emit::text::apply_summary(&checked, &applied, out));
                    if applied.refused {
                        Outcome::Errors
                    } else {
                        checked.outcome()
                    }
                })
            }
        }
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Errors) => ExitCode::from(1),
        Err(e) => {
            eprintln!("pmc-migrate: {e}");
            ExitCode::from(2)
        }
    }
}
