//! Arguments → the command → exit code (0 done, 1 findings or action needed
//! or apply refused, 2 usage or I/O).

/// Validation and planning allocate many small strings on every thread;
/// mimalloc does that several times faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use pmc_migrate::cmd::{self, Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(&cli.command) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Errors) => ExitCode::from(1),
        Ok(Outcome::Changes) => ExitCode::from(2),
        Err(e) => {
            eprintln!("pmc-migrate: {e}");
            ExitCode::from(if e.is_refusal() { 1 } else { 2 })
        }
    }
}
