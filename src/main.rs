//! Arguments → the command → exit code (0 done, 1 findings or action needed
//! or apply refused, 2 usage or I/O).

/// Validation and planning allocate many small strings on every thread;
/// mimalloc does that several times faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use pmc_migrate::cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cli::main(std::env::args_os()))
}
