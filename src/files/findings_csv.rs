//! findings.csv: `file,line,column,rule,severity,message`, one row per finding.

use crate::core::finding::Finding;

pub fn render(findings: &[Finding]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(64 + findings.len() * 96));
    // Writing into a Vec can't fail.
    let _ = w.write_record(["file", "line", "column", "rule", "severity", "message"]);
    for f in findings {
        let (line, column) = (f.line.to_string(), f.column.to_string());
        let _ = w.write_record([&f.file, &line, &column, f.rule.id(), f.severity.as_str(), &f.message]);
    }
    w.into_inner().unwrap_or_default()
}
