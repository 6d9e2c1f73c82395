//! findings.csv: `file,line,column,rule,severity,message`, one row per
//! finding, for people: UTF-8 with a BOM and formula-like cells neutralised
//! (`files::cells`), since a finding quotes the inputs it is about.

use crate::core::finding::Finding;
use crate::files::cells::{BOM, neutralize};

pub fn render(findings: &[Finding]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + findings.len() * 96);
    out.extend_from_slice(BOM);
    let mut w = csv::WriterBuilder::new().from_writer(out);
    // Writing into a Vec can't fail.
    let _ = w.write_record(["file", "line", "column", "rule", "severity", "message"]);
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
}
