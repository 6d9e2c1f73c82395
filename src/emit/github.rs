//! GitHub Actions workflow commands: `::error file=F,line=N,col=C,title=RULE::message`.

use crate::finding::{Finding, Severity};
use std::io::{self, Write};

pub fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&f.file),
            f.line,
            f.column,
            f.rule,
            escape_data(&f.message)
        )?;
    }
    out.flush()
}

/// The escaping GitHub's runner expects for a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Properties also escape `:` and `,`, which separate them.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
