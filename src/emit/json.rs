//! JSON: an array of findings, each `{file, line, column, rule, severity, message}`.

use crate::finding::Finding;
use std::io::{self, Write};

pub fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, findings)?;
    writeln!(out)?;
    out.flush()
}
