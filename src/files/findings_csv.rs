//! findings.csv: `file,line,column,rule,severity,message`, one row per
//! finding, for people: UTF-8 with a BOM and formula-like cells neutralised
//! (`files::cells`), since a finding quotes the inputs it is about.

use crate::core::finding::Finding;
use crate::files::cells::{BOM, neutralize};
use rayon::prelude::*;
use std::io::{self, Write};

/// Findings rendered by one task: enough that a task outweighs its scheduling.
const CHUNK: usize = 8192;

pub fn render(findings: &[Finding]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + findings.len() * 96);
    write_to(findings, &mut out).expect("writing to memory");
    out
}

/// Stream findings.csv: rows rendered in chunks on every thread, a bounded
/// group of chunks at a time, written in order (the bytes of one sequential
/// pass, and never the whole file in memory).
pub(crate) fn write_to(findings: &[Finding], out: &mut impl Write) -> io::Result<()> {
    out.write_all(BOM)?;
    out.write_all(&rows(&[], true))?;
    let group = CHUNK * 4 * rayon::current_num_threads();
    for findings in findings.chunks(group) {
        let parts: Vec<Vec<u8>> = findings.par_chunks(CHUNK).map(|chunk| rows(chunk, false)).collect();
        for part in parts {
            out.write_all(&part)?;
        }
    }
    Ok(())
}

/// The CSV rows of `findings`, after the header row when `header`.
fn rows(findings: &[Finding], header: bool) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(findings.len() * 160));
    // Writing into a Vec can't fail.
    if header {
        let _ = w.write_record(["file", "line", "column", "rule", "severity", "message"]);
    }
    for f in findings {
        let (line, column) = (f.line.to_string(), f.column.to_string());
        let (file, message) = (neutralize(&f.file), neutralize(&f.message));
        let _ = w.write_record([&file, line.as_str(), &column, f.rule.id(), f.severity.as_str(), &message]);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Rule;

    #[test]
    fn a_bom_then_neutralised_cells() {
        let f = Finding::new("-in.csv", 2, 3, Rule::MissingValue, "=HYPERLINK(\"x\") is empty".into());
        let text = String::from_utf8(render(&[f])).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}file,line,column,rule,severity,message\n'-in.csv,2,3,missing-value,error,\"'=HYPERLINK(\"\"x\"\") is empty\"\n"
        );
    }

    #[test]
    fn chunks_concatenate_to_one_sequential_pass_at_any_thread_count() {
        // More findings than one group of chunks, some needing quotes.
        let findings: Vec<Finding> = (0..CHUNK as u64 * 9 + 17)
            .map(|n| Finding::new("e.csv", n + 2, 3, Rule::InvalidEmail, format!("email \"{n}\", bad")))
            .collect();
        let mut want = BOM.to_vec();
        want.extend(rows(&findings[..1], true));
        want.extend(rows(&findings[1..], false));
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            assert!(pool.install(|| render(&findings)) == want, "{threads} threads");
        }
    }
}
