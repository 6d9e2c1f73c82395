//! `pmc-migrate man [COMMAND]`: the manual page in roff on stdout
//! (clap_mangen), with the examples and exit codes of `--help`.

use super::help;
use crate::Error;
use crate::pipeline::Outcome;
use clap::ValueEnum;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A command's own page (pmc-migrate-COMMAND(1)); without it, the tool's page.
    #[arg(value_enum)]
    pub command: Option<Page>,
    /// Accepted as by every command (this one writes no messages to silence).
    #[arg(long, short)]
    pub quiet: bool,
}

/// The commands that have a page of their own (a test checks these are all of them).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Page {
    Validate,
    Plan,
    Apply,
    Status,
    Send,
    Generate,
    Columns,
    Rules,
    Explain,
    Completions,
    Man,
}

/// `cli` is the whole command line (`Cli::command()`), passed in from the module that defines it.
pub fn run(args: &Args, cli: clap::Command) -> Result<Outcome, Error> {
    let name = args.command.and_then(|p| p.to_possible_value()).map(|v| v.get_name().to_string());
    let mut out = super::stdout::stdout();
    out.write_all(&render(name.as_deref(), cli)?)?;
    Ok(Outcome::Clean)
}

/// The page of `command` (`None`: the tool's own page, which lists the commands).
pub fn render(command: Option<&str>, cli: clap::Command) -> std::io::Result<Vec<u8>> {
    // `help` is clap's, and has no page.
    let mut cli = cli.disable_help_subcommand(true);
    cli.build();
    let cmd = match command {
        Some(name) => cli.find_subcommand(name).cloned().ok_or_else(|| std::io::Error::other("no such command"))?,
        None => cli,
    };
    let man = Man::new(cmd.clone());
    let mut out = Vec::new();
    // The title line by hand: clap_mangen drops an empty date argument, which
    // shifts the others; and no date at all, so one binary prints one page.
    let title = cmd.get_display_name().unwrap_or(cmd.get_name()).replace('-', "\\-");
    let version = env!("CARGO_PKG_VERSION");
    writeln!(out, ".TH {title} 1 \"\" \"pmc\\-migrate {version}\" \"pmc\\-migrate manual\"")?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    sections(&help::of(command.unwrap_or("")), &mut out)?;
    if command.is_none() {
        man.render_version_section(&mut out)?;
    }
    Ok(out)
}

/// EXAMPLES and EXIT STATUS from the same texts as `--help`.
fn sections(help: &help::Help, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut roff = Roff::default();
    roff.control("SH", ["EXAMPLES"]);
    for (what, line) in help.examples {
        roff.control("PP", []).text([roman(*what)]);
        roff.control("RS", ["4"]).control("nf", []).text([bold(*line)]).control("fi", []).control("RE", []);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, when) in help.exit_codes {
        roff.control("TP", []).text([bold(*code)]).text([roman(*when)]);
    }
    roff.to_writer(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    #[test]
    fn every_command_has_a_page() {
        let pages: Vec<String> =
            Page::value_variants().iter().filter_map(|p| p.to_possible_value()).map(|v| v.get_name().into()).collect();
        let commands: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().into()).collect();
        assert_eq!(pages, commands);
        for name in &commands {
            let page = String::from_utf8(render(Some(name), Cli::command()).unwrap()).unwrap();
            assert!(page.starts_with(&format!(".TH pmc\\-migrate\\-{name} 1 \"\" ")), "{page}");
            assert!(page.contains(".SH EXAMPLES") && page.contains(".SH \"EXIT STATUS\""), "{page}");
        }
    }
}
