//! `--columns FILE` (design §9): a small map from the headers of someone's
//! export to the tool's column names, so a header the tool does not know
//! needs no new release. Either CSV (`header,column`, the first line may be
//! that title) or TOML (`"header" = "column"`), UTF-8. A column name the
//! tool does not have is refused with the file and line, before anything is read.

use crate::core::options::ColumnNames;
use crate::pipeline::load::headers::{EMPLOYEES, MEMBERSHIPS, STATUS};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub(crate) enum ColumnsError {
    #[error("{file}: cannot be read: {source}")]
    Read { file: String, source: std::io::Error },
    #[error("{file}: is not UTF-8 text: save it as UTF-8")]
    NotUtf8 { file: String },
    #[error("{file}:{line}: {why}")]
    Line { file: String, line: usize, why: String },
}

/// Every column name of the three exports, in schema order, once each.
pub(crate) fn known_columns() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for spec in MEMBERSHIPS.iter().chain(&EMPLOYEES).chain(&STATUS) {
        if !names.contains(&spec.name) {
            names.push(spec.name);
        }
    }
    names
}

/// Read and check the mapping at `path`.
pub(crate) fn read(path: &Path) -> Result<ColumnNames, ColumnsError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ColumnsError::Read { file: file.clone(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| ColumnsError::NotUtf8 { file: file.clone() })?;
    let toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    parse(&file, text.trim_start_matches('\u{FEFF}'), toml)
}

fn parse(file: &str, text: &str, toml: bool) -> Result<ColumnNames, ColumnsError> {
    let known = known_columns();
    let fail = |line: usize, why: String| ColumnsError::Line { file: file.to_string(), line, why };
    let mut pairs = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (header, column) = if toml { toml_pair(trimmed) } else { csv_pair(trimmed) }.ok_or_else(|| {
            let form = if toml { "\"header\" = \"column\"" } else { "header,column" };
            fail(line, format!("expected {form}, found {trimmed:?}"))
        })?;
        if !toml && pairs.is_empty() && header.eq_ignore_ascii_case("header") && column.eq_ignore_ascii_case("column") {
            continue; // the CSV's title line
        }
        let column = column.trim().to_ascii_lowercase();
        if !known.contains(&column.as_str()) {
            return Err(fail(
                line,
                format!(
                    "{column:?} is not a column of the tool (its columns: {}; see pmc-migrate columns)",
                    known.join(", ")
                ),
            ));
        }
        pairs.push((header.trim().to_string(), column));
    }
    Ok(ColumnNames(pairs))
}

/// `header,column`, either field quoted as CSV quotes it.
fn csv_pair(line: &str) -> Option<(String, String)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line.as_bytes());
    let record = reader.records().next()?.ok()?;
    match (record.len(), record.get(0), record.get(1)) {
        (2, Some(h), Some(c)) if !h.trim().is_empty() && !c.trim().is_empty() => Some((h.into(), c.into())),
        _ => None,
    }
}

/// `"header" = "column"` or `header = "column"`: the one TOML form a map needs.
fn toml_pair(line: &str) -> Option<(String, String)> {
    let (key, rest) = if let Some(quoted) = line.strip_prefix('"') {
        let end = quoted.find('"')?;
        (quoted[..end].to_string(), quoted[end + 1..].trim_start())
    } else {
        let (key, _) = line.split_once('=')?;
        let key = key.trim();
        key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-').then_some(())?;
        (key.to_string(), &line[line.find('=')?..])
    };
    let value = rest.strip_prefix('=')?.trim();
    let value = value.split_once('#').map_or(value, |(v, _)| v).trim();
    let value = value.strip_prefix('"')?.strip_suffix('"')?;
    (!key.is_empty() && !value.is_empty() && !value.contains('"')).then(|| (key, value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(c: &ColumnNames) -> Vec<(&str, &str)> {
        c.0.iter().map(|(h, c)| (h.as_str(), c.as_str())).collect()
    }

    #[test]
    fn csv_with_or_without_its_title_line() {
        let got = parse("c.csv", "header,column\n郵件,email\n\"Name, given\",first_name\n", false).unwrap();
        assert_eq!(pairs(&got), vec![("郵件", "email"), ("Name, given", "first_name")]);
        let got = parse("c.csv", "# comment\n郵件,Email\n", false).unwrap();
        assert_eq!(pairs(&got), vec![("郵件", "email")]);
    }

    #[test]
    fn toml_keys_bare_or_quoted() {
        let got =
            parse("c.toml", "# map\n\"電子郵件 (公司)\" = \"email\"\nsurname = \"last_name\" # why\n", true).unwrap();
        assert_eq!(pairs(&got), vec![("電子郵件 (公司)", "email"), ("surname", "last_name")]);
    }

    #[test]
    fn an_unknown_column_or_a_bad_line_names_the_file_and_line() {
        let err = parse("c.csv", "header,column\n郵件,emial\n", false).unwrap_err().to_string();
        assert!(err.starts_with("c.csv:2: \"emial\" is not a column of the tool"), "{err}");
        let err = parse("c.toml", "\n郵件 = email\n", true).unwrap_err().to_string();
        assert!(err.starts_with("c.toml:2: expected \"header\" = \"column\""), "{err}");
        let err = parse("c.csv", "only-one-field\n", false).unwrap_err().to_string();
        assert!(err.starts_with("c.csv:1: expected header,column"), "{err}");
    }
}
