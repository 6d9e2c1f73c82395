//! Header matching (design §3): a header names a column when both agree
//! after folding full-width forms and case and dropping spaces, `_`, `-` and
//! `.`; `--columns` adds names (design §9).

use super::schema::{ColumnSpec, Export, HeaderMap, Need};
use crate::core::finding::{Finding, Rule, quote};
use crate::core::options::ColumnNames;
use unicode_normalization::UnicodeNormalization;

/// `Email_Address` → `emailaddress`, `Ｅｍａｉｌ　Address` too: full-width
/// forms are folded (NFKC) before case, spaces, `_`, `-` and `.` are dropped.
pub(crate) fn normalize(header: &str) -> String {
    header
        .trim_start_matches('\u{FEFF}')
        .nfkc()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Match a header row against a schema. Returns the map and any `missing-column`
/// findings (which make the whole file unusable).
pub(crate) fn match_headers(headers: &[&str], schema: &[ColumnSpec], file: &str) -> (HeaderMap, Vec<Finding>) {
    match_with(headers, schema, file, &ColumnNames::default())
}

/// [`match_headers`], also knowing the headers `--columns` names.
pub(crate) fn match_with(
    headers: &[&str],
    schema: &[ColumnSpec],
    file: &str,
    extra: &ColumnNames,
) -> (HeaderMap, Vec<Finding>) {
    let (fields, ignored) = map_fields(headers, schema, extra);
    let mut findings = Vec::new();
    for (i, spec) in schema.iter().enumerate() {
        if spec.need == Need::Required && fields[i].is_none() {
            findings.push(Finding::new(
                file,
                1,
                1,
                Rule::MissingColumn,
                format!("required column {} is missing (accepted headers: {})", quote(spec.name), accepted(spec)),
            ));
        }
    }
    let one_of: Vec<usize> = (0..schema.len()).filter(|&i| schema[i].need == Need::OneOf).collect();
    if !one_of.is_empty() && one_of.iter().all(|&i| fields[i].is_none()) {
        let names: Vec<String> = one_of.iter().map(|&i| quote(schema[i].name)).collect();
        findings.push(Finding::new(
            file,
            1,
            1,
            Rule::MissingColumn,
            format!("at least one of the columns {} is required", names.join(" or ")),
        ));
    }
    // Seven missing columns say less than "this is the other export".
    let looks_like = if findings.is_empty() { None } else { fits_another(headers, schema) };
    if let (Some(other), Some(this)) = (looks_like, Export::of(schema)) {
        findings = vec![swapped_finding(file, other, this)];
    }
    let names = headers.iter().map(|h| h.trim().to_string()).collect();
    let usable = findings.is_empty();
    let renamed = renamed(headers, schema, &fields);
    (HeaderMap { fields, names, ignored, usable, looks_like, renamed }, findings)
}

/// Each header matched under another name than its column's, as written.
fn renamed(headers: &[&str], schema: &[ColumnSpec], fields: &[Option<usize>]) -> Vec<(String, &'static str)> {
    let found = schema.iter().zip(fields).filter_map(|(spec, f)| Some((spec, headers[(*f)?])));
    found
        .filter(|(spec, h)| normalize(h) != normalize(spec.name))
        .map(|(spec, h)| (h.trim().to_string(), spec.name))
        .collect()
}

/// The schema column each normalised header names, worked out once per
/// header row: a row may hold 100,000 cells, each compared with every alias.
/// `--columns` comes first, so a mapping can also move a header the tool
/// knows to another column.
struct Columns(std::collections::HashMap<String, Option<usize>>);

impl Columns {
    fn new(schema: &[ColumnSpec], extra: &ColumnNames) -> Self {
        let mut keys = std::collections::HashMap::new();
        for (header, column) in &extra.0 {
            let at = schema.iter().position(|spec| spec.name == column);
            keys.entry(normalize(header)).or_insert(at);
        }
        for (i, spec) in schema.iter().enumerate() {
            for name in std::iter::once(&spec.name).chain(spec.aliases.iter()) {
                keys.entry(normalize(name)).or_insert(Some(i));
            }
        }
        Columns(keys)
    }

    fn of(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied().flatten()
    }
}

/// The field of each schema column (first match wins), and the headers matching none.
fn map_fields(headers: &[&str], schema: &[ColumnSpec], extra: &ColumnNames) -> (Vec<Option<usize>>, Vec<String>) {
    let mut fields = vec![None; schema.len()];
    let mut ignored = Vec::new();
    let columns = Columns::new(schema, extra);
    for (pos, header) in headers.iter().enumerate() {
        let key = normalize(header);
        let hit = columns.of(&key);
        match hit {
            Some(i) if fields[i].is_none() => fields[i] = Some(pos),
            _ => {
                if !key.is_empty() {
                    ignored.push(header.trim().to_string());
                }
            }
        }
    }
    (fields, ignored)
}

/// The other export whose every required column this header has.
fn fits_another(headers: &[&str], schema: &[ColumnSpec]) -> Option<Export> {
    let this = Export::of(schema)?;
    Export::ALL.into_iter().filter(|&e| e != this).find(|e| {
        let theirs = e.schema();
        let (fields, _) = map_fields(headers, theirs, &ColumnNames::default());
        let required = theirs.iter().zip(&fields).all(|(spec, f)| spec.need != Need::Required || f.is_some());
        let one_of = theirs.iter().zip(&fields).filter(|(spec, _)| spec.need == Need::OneOf).collect::<Vec<_>>();
        required && (one_of.is_empty() || one_of.iter().any(|(_, f)| f.is_some()))
    })
}

/// One `missing-column` error saying which export the file is instead.
fn swapped_finding(file: &str, other: Export, this: Export) -> Finding {
    let hint = match (this, other) {
        (Export::Memberships, Export::Employees) | (Export::Employees, Export::Memberships) => {
            "the --memberships and --employees files look swapped".to_string()
        }
        _ => format!("pass {} with {} and {} with {}", other.describe(), other.flag(), this.describe(), this.flag()),
    };
    Finding::new(
        file,
        1,
        1,
        Rule::MissingColumn,
        format!("the header is that of {}, not {}: {hint}", other.describe(), this.describe()),
    )
}

fn accepted(spec: &ColumnSpec) -> String {
    std::iter::once(spec.name).chain(spec.aliases.iter().copied()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::schema::{EMPLOYEES, MEMBERSHIPS, STATUS, e, m};

    #[test]
    fn normalizes_case_spaces_and_punctuation() {
        assert_eq!(normalize("E-mail_Address. "), "emailaddress");
        assert_eq!(normalize("\u{FEFF}MPN ID"), "mpnid");
        assert_eq!(normalize("Ｅｍａｉｌ\u{3000}Ａddress"), "emailaddress", "full-width forms fold");
        assert_eq!(normalize("電子郵件 地址"), "電子郵件地址");
    }

    #[test]
    fn chinese_and_japanese_headers_name_the_columns() {
        let zh = [
            "合作夥伴識別碼",
            "名字",
            "姓氏",
            "電子郵件地址",
            "角色",
            "職稱",
            "合作夥伴大學識別碼",
            "測驗",
            "認證",
            "語言",
        ];
        let (map, findings) = match_headers(&zh, &EMPLOYEES, "e.csv");
        assert!(findings.is_empty() && map.ignored.is_empty(), "{findings:?} {:?}", map.ignored);
        assert_eq!(map.fields, (0..10).map(Some).collect::<Vec<_>>());
        assert_eq!(map.renamed[3], ("電子郵件地址".to_string(), "email"));
        let zh = ["MPN 識別碼", "公司名稱", "會員資格", "開始日期", "結束日期", "已續約", "網域", "國家/地區"];
        let (map, findings) = match_headers(&zh, &MEMBERSHIPS, "m.csv");
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!((map.fields[m::MPN_ID], map.fields[m::COUNTRY]), (Some(0), Some(7)));
        let ja = ["パートナー ID", "名", "姓", "メール アドレス", "ロール"];
        assert!(match_headers(&ja, &EMPLOYEES, "e.csv").1.is_empty());
        assert!(match_headers(&["使用者名稱", "已登入"], &STATUS, "s.csv").1.is_empty());
    }

    #[test]
    fn no_header_names_two_columns_of_one_export() {
        for schema in [&MEMBERSHIPS[..], &EMPLOYEES, &STATUS] {
            let mut seen = std::collections::HashMap::new();
            for spec in schema {
                for name in std::iter::once(spec.name).chain(spec.aliases.iter().copied()) {
                    let before = seen.insert(normalize(name), spec.name);
                    assert!(before.is_none_or(|b| b == spec.name), "{name} names {before:?} and {}", spec.name);
                }
            }
        }
    }

    #[test]
    fn a_columns_mapping_adds_names_and_wins() {
        let extra = ColumnNames(vec![("Mail".into(), "email".into()), ("Title".into(), "last_name".into())]);
        let (map, findings) = match_with(&["MPN ID", "Title", "Mail"], &EMPLOYEES, "e.csv", &extra);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(
            (map.fields[e::EMAIL], map.fields[e::LAST_NAME], map.fields[e::JOB_TITLE]),
            (Some(2), Some(1), None)
        );
        // `MPN ID` is `mpn_id` spelt another way: not a renaming to show.
        assert_eq!(map.renamed, vec![("Title".into(), "last_name"), ("Mail".into(), "email")]);
    }

    #[test]
    fn matches_aliases_and_lists_unknown_columns() {
        let (map, findings) = match_headers(
            &["Partner ID", "Given Name", "SURNAME", "Work Email", "Favourite Colour"],
            &EMPLOYEES,
            "e.csv",
        );
        assert!(findings.is_empty());
        assert_eq!(map.fields[e::MPN_ID], Some(0));
        assert_eq!(map.fields[e::LAST_NAME], Some(2));
        assert_eq!(map.fields[e::EMAIL], Some(3));
        assert_eq!(map.ignored, vec!["Favourite Colour"]);
    }

    #[test]
    fn missing_required_and_one_of_columns_are_reported() {
        let (_, findings) = match_headers(&["mpn_id", "role"], &EMPLOYEES, "e.csv");
        let rules: Vec<_> = findings.iter().map(|f| (f.rule, f.line)).collect();
        assert_eq!(rules, vec![(Rule::MissingColumn, 1), (Rule::MissingColumn, 1)]);
        assert!(findings[0].message.contains("email"));
    }

    #[test]
    fn the_other_exports_header_is_one_finding_naming_it() {
        let employees = ["Partner ID", "First Name", "Last Name", "Email Address", "Role"];
        let (map, findings) = match_headers(&employees, &MEMBERSHIPS, "m.csv");
        assert_eq!((map.usable, map.looks_like), (false, Some(Export::Employees)));
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("look swapped"), "{}", findings[0].message);
        let (map, findings) = match_headers(&["mpn_id", "organization", "email"], &MEMBERSHIPS, "m.csv");
        assert_eq!(map.looks_like, None, "half of each is neither");
        assert_eq!(findings.len(), 4);
        let (map, _) = match_headers(&["username", "signed_in"], &EMPLOYEES, "e.csv");
        assert_eq!(map.looks_like, Some(Export::Status));
        let (map, findings) = match_headers(&employees, &EMPLOYEES, "e.csv");
        assert!(map.usable && map.looks_like.is_none() && findings.is_empty());
    }

    #[test]
    fn language_column_aliases() {
        for header in ["language", "Language", "Preferred Language", "preferred_language", "LOCALE"] {
            let (map, findings) = match_headers(&["mpn_id", "first_name", "email", header], &EMPLOYEES, "e.csv");
            assert!(findings.is_empty(), "{findings:?}");
            assert_eq!(map.fields[e::LANGUAGE], Some(3), "{header}");
            assert!(map.ignored.is_empty(), "{header}");
        }
    }

    #[test]
    fn second_alias_of_a_column_is_ignored_not_fatal() {
        let (map, _) = match_headers(&["Email", "Email Address"], &EMPLOYEES, "e.csv");
        assert_eq!(map.fields[e::EMAIL], Some(0));
        assert_eq!(map.ignored, vec!["Email Address"]);
    }
}
