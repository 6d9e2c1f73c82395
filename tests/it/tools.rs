//! The programs outside Rust that some tests drive: Chromium, LibreOffice,
//! tmux, script(1), bash, Python and the Python packages of the JUnit tests.
//! Such a test starts with `if !tool(&TMUX) { return; }` (as ripgrep's tests
//! ask `cmd_exists`): where the program does not run, it prints one
//! `skipped:` line and passes without its checks, so that `cargo test` needs
//! only the Rust toolchain; where `CI` is set it fails instead, since CI has
//! every one of them (`.ci/run` installs them, or needs them itself). Each is
//! looked up through `PATH`, so that hiding it from the tests is a matter of
//! `PATH`.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The Python packages of the JUnit tests, pinned as `.ci/run` installs them.
macro_rules! junit_packages {
    () => {
        "junitparser==5.0.3 xmlschema==4.3.2"
    };
}
pub const PYTHON_PACKAGES: &str = junit_packages!();

/// A program a test runs: how to see that it runs, and how to install it.
pub struct Tool {
    /// What the test needs, as the skip line names it.
    what: &'static str,
    /// The program's name, found through `PATH`.
    pub program: &'static str,
    /// Arguments that make it exit 0 at once where it works.
    probe: &'static [&'static str],
    install: &'static str,
    /// Why CI has it.
    ci: &'static str,
    /// Whether the probe succeeded, once asked.
    runs: OnceLock<bool>,
}

impl Tool {
    const fn new(
        what: &'static str,
        program: &'static str,
        probe: &'static [&'static str],
        install: &'static str,
    ) -> Tool {
        Tool { what, program, probe, install, ci: ".ci/run installs it", runs: OnceLock::new() }
    }

    /// A program that `.ci/run` does not install but runs itself.
    const fn needed_by_ci(mut self) -> Tool {
        self.ci = ".ci/run needs it too, so CI has it";
        self
    }
}

/// Headless Chromium (the report's rendering and layout).
pub static CHROMIUM: Tool = Tool::new("chromium", "chromium", &["--version"], "apt-get install chromium");
/// LibreOffice Calc (the spreadsheet files).
pub static SOFFICE: Tool =
    Tool::new("LibreOffice (soffice)", "soffice", &["--version"], "apt-get install libreoffice-calc-nogui");
/// tmux (the progress bars on a pseudo-terminal).
pub static TMUX: Tool = Tool::new("tmux", "tmux", &["-V"], "apt-get install tmux");
/// util-linux's script(1) (colour on a pseudo-terminal).
pub static SCRIPT: Tool = Tool::new("script(1)", "script", &["--version"], "apt-get install bsdutils");
/// bash (the completion script).
pub static BASH: Tool = Tool::new("bash", "bash", &["--version"], "apt-get install bash").needed_by_ci();
/// Python 3 with its standard library (the parsers and checkers in Python).
pub static PYTHON3: Tool = Tool::new("python3", "python3", &["--version"], "apt-get install python3").needed_by_ci();
/// junitparser and xmlschema, in python3.
pub static JUNIT_PACKAGES: Tool = Tool::new(
    "python3 with junitparser and xmlschema",
    "python3",
    &["-c", "import junitparser, xmlschema"],
    concat!("python3 -m pip install ", junit_packages!()),
);

/// The SMTP server of the `send` tests, pinned as `.ci/run` installs it.
macro_rules! smtp_package {
    () => {
        "aiosmtpd==1.4.6"
    };
}
pub const SMTP_PACKAGE: &str = smtp_package!();
/// aiosmtpd in python3, and the openssl command that makes its certificate.
pub static AIOSMTPD: Tool = Tool::new(
    "python3 with aiosmtpd",
    "python3",
    &["-c", "import aiosmtpd, shutil, sys; sys.exit(shutil.which('openssl') is None)"],
    concat!("python3 -m pip install ", smtp_package!(), "; apt-get install openssl"),
);

/// The age command and age-keygen (Debian's `age`), which open and make the
/// keys of `apply --encrypt-to`.
pub static AGE: Tool = Tool::new("age", "age-keygen", &["--version"], "apt-get install age");

/// Whether `tool` runs here. When it doesn't: a panic where `CI` is set, and
/// elsewhere one line on stderr (past the test harness's capture, so that it
/// shows) and false, for the test to return at once.
pub fn tool(tool: &Tool) -> bool {
    let runs = *tool.runs.get_or_init(|| {
        let mut probe = Command::new(tool.program);
        probe.args(tool.probe).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        probe.status().is_ok_and(|status| status.success())
    });
    if runs {
        return true;
    }
    // The harness names each test's thread after the test.
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let needs = format!("{test} needs {} ({}); {}", tool.what, tool.install, tool.ci);
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("`{}` does not run, and CI is set: {needs}", tool.program);
    }
    let _ = writeln!(std::io::stderr().lock(), "skipped: {needs}");
    false
}
