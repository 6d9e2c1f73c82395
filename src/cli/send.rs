//! `pmc-migrate send`: deliver the outbox of `--out` over SMTP, exactly
//! once; credentials come from the environment, never the command line.

use crate::Error;
use crate::files::sealed::Identities;
use crate::migration::send::{self, SendRun, smtp};
use crate::pipeline::Outcome;
use crate::report;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The migration folder whose outbox/ apply wrote (the sent log, sent.csv, is kept there).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The mail server: smtp://HOST[:587] (STARTTLS required) or smtps://HOST[:465].
    /// Log in with PMC_SMTP_USER and PMC_SMTP_PASSWORD, or PMC_SMTP_OAUTH_TOKEN (XOAUTH2).
    #[arg(long, value_name = "URL", required_unless_present = "dry_run")]
    pub smtp: Option<String>,
    /// Send smtp:// without TLS; only to a loopback address (a local relay).
    #[arg(long)]
    pub allow_plaintext: bool,
    /// Also trust the certificate authority in this PEM file (an internal CA).
    #[arg(long, value_name = "FILE")]
    pub smtp_ca: Option<PathBuf>,
    /// At most this many messages a minute (Exchange Online allows 30).
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub rate: u32,
    /// Tries after the first for a message met by a 4xx reply or a dropped
    /// connection, waiting 1 s, 2 s, 4 s … (at most 60 s) between them.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub retries: u32,
    /// List what would be sent; connect to nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Only the messages of one organisation (its MPN ID) or to one address.
    #[arg(long, value_name = "ORG|EMAIL")]
    pub only: Option<String>,
    /// Delete each .eml once the server accepted it (the passwords are then
    /// only in the credential files).
    #[arg(long)]
    pub delete_sent: bool,
    /// The envelope sender (the address you log in as), instead of each message's From.
    #[arg(long, value_name = "ADDRESS")]
    pub from: Option<String>,
    /// The age or SSH private key that opens messages written with `apply --encrypt-to`.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// No progress bar (the summary on stdout stays; errors still show).
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let server = match (&args.smtp, args.dry_run) {
        (Some(url), false) => {
            let given = smtp::ServerArgs { url, allow_plaintext: args.allow_plaintext, ca: args.smtp_ca.as_deref() };
            Some(smtp::Server::new(&given, |name| std::env::var(name).ok())?)
        }
        _ => None,
    };
    let identities = args.identity.as_deref().map(Identities::read).transpose()?;
    let run = SendRun {
        out: &args.out,
        server,
        rate: args.rate,
        retries: args.retries,
        only: args.only.as_deref(),
        delete_sent: args.delete_sent,
        from: args.from.as_deref(),
        identities: identities.as_ref(),
        quiet: args.quiet,
    };
    let mut summary = send::send(&run)?;
    // A report, which --quiet never silences.
    super::stdout::print(&report::delivery::summary(&summary, &args.out))?;
    if let Some(stopped) = summary.stopped.take() {
        return Err(stopped.into());
    }
    Ok(if summary.all_delivered() { Outcome::Clean } else { Outcome::Errors })
}
