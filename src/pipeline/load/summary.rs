//! What the load summary on stderr says about how a file was read, beyond
//! its size (design §9): the rows passed over above the header, and the
//! headers read as a column of another name. English exports with the
//! tool's own headers say nothing here.

use crate::core::finding::{printable, quote};
use crate::core::model::InputFacts;

/// The summary's lines about `facts`, none when the file was read as written.
pub(crate) fn notes(facts: &InputFacts) -> Vec<String> {
    let mut out = Vec::new();
    let file = printable(&facts.source);
    if !facts.passed_over.is_empty() {
        let rows = facts.passed_over.iter().map(|r| printable(r)).collect::<Vec<_>>();
        out.push(format!("{file}: passed over the rows above the header: {}", rows.join(", ")));
    }
    if !facts.renamed.is_empty() {
        let each = facts.renamed.iter().map(|(header, column)| format!("{} as {column}", quote(header)));
        out.push(format!("{file}: read the columns {}", each.collect::<Vec<_>>().join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_for_a_file_read_as_written() {
        let facts = InputFacts { source: "m.csv".into(), ..InputFacts::default() };
        assert!(notes(&facts).is_empty());
        let facts = InputFacts {
            source: "m.csv".into(),
            passed_over: vec!["1 \"會員匯出\"".into(), "2 (blank)".into()],
            renamed: vec![("電子郵件".into(), "email")],
            ..InputFacts::default()
        };
        assert_eq!(
            notes(&facts),
            vec![
                "m.csv: passed over the rows above the header: 1 \"會員匯出\", 2 (blank)",
                "m.csv: read the columns \"電子郵件\" as email",
            ]
        );
    }
}
