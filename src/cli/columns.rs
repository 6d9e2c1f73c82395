//! `pmc-migrate columns`: every header the tool accepts for each column of
//! the three exports (design §3, §9), for writing a `--columns` map.

use crate::Error;
use crate::pipeline::Outcome;
use crate::pipeline::load::headers::{ColumnSpec, Export, Need};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args) -> Result<Outcome, Error> {
    super::stdout::stdout().write_all(render().as_bytes())?;
    Ok(Outcome::Clean)
}

/// Per export, one line per column: its name, whether it is required, and
/// every header accepted for it (matched ignoring case, spaces, `_ - .` and
/// full-width forms).
pub fn render() -> String {
    let mut out = String::new();
    for (export, title) in
        [(Export::Memberships, "memberships"), (Export::Employees, "employees"), (Export::Status, "status")]
    {
        let schema: &[ColumnSpec] = export.schema();
        let width = schema.iter().map(|s| s.name.len()).max().unwrap_or(0);
        out.push_str(&format!("{title} ({}):\n", export.flag()));
        for spec in schema {
            let need = match spec.need {
                Need::Required => "required",
                Need::OneOf => "one of",
                Need::Optional => "optional",
            };
            out.push_str(&format!("  {:width$}  {need:8}  {}\n", spec.name, spec.aliases.join(", ")));
        }
        out.push('\n');
    }
    out.push_str("Headers match ignoring case, spaces, _ - . and full-width forms; --columns FILE adds more.\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_column_of_each_export_with_its_chinese_names() {
        let text = super::render();
        assert!(text.contains("employees (--employees):\n  mpn_id "), "{text}");
        assert!(text.contains("電子郵件, 電子郵件地址"), "{text}");
        assert!(text.contains("status (--status):\n  username       required  User Name"), "{text}");
    }
}
