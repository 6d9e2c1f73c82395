//! Column schemas (design §3) and header matching: case-insensitive, ignoring
//! spaces, `_`, `-` and `.`, each column accepting its aliases.

use crate::core::finding::{Finding, Rule, quote};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// At least one column of this group must be present (first/last name).
    OneOf,
}

#[derive(Debug)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub need: Need,
}

const fn col(name: &'static str, aliases: &'static [&'static str], need: Need) -> ColumnSpec {
    ColumnSpec { name, aliases, need }
}

/// Column positions inside [`MEMBERSHIPS`].
pub(crate) mod m {
    pub(crate) const MPN_ID: usize = 0;
    pub(crate) const ORGANIZATION: usize = 1;
    pub(crate) const MEMBERSHIP: usize = 2;
    pub(crate) const START_DATE: usize = 3;
    pub(crate) const END_DATE: usize = 4;
    pub(crate) const RENEWED: usize = 5;
    pub(crate) const TENANT_DOMAIN: usize = 6;
    pub(crate) const COUNTRY: usize = 7;
}

pub static MEMBERSHIPS: [ColumnSpec; 8] = [
    col("mpn_id", &["MPN ID", "Partner ID", "PartnerId"], Need::Required),
    col("organization", &["Organization Name", "Company Name", "Company"], Need::Required),
    col("membership", &["Membership Level", "Membership Type", "Level"], Need::Required),
    col("start_date", &["Membership Start", "Start"], Need::Required),
    col("end_date", &["Membership End", "End", "Expiration Date"], Need::Required),
    col("renewed", &["Renewed", "Auto Renew"], Need::Optional),
    col("tenant_domain", &["Domain", "Tenant", "Partner Center Domain"], Need::Required),
    col("country", &["Country", "Country Code"], Need::Optional),
];

/// Column positions inside [`EMPLOYEES`].
pub(crate) mod e {
    pub(crate) const MPN_ID: usize = 0;
    pub(crate) const FIRST_NAME: usize = 1;
    pub(crate) const LAST_NAME: usize = 2;
    pub(crate) const EMAIL: usize = 3;
    pub(crate) const ROLE: usize = 4;
    pub(crate) const JOB_TITLE: usize = 5;
    pub(crate) const PARTNER_UNIVERSITY_ID: usize = 6;
    pub(crate) const EXAMS: usize = 7;
    pub(crate) const CERTIFICATIONS: usize = 8;
    pub(crate) const LANGUAGE: usize = 9;
}

pub static EMPLOYEES: [ColumnSpec; 10] = [
    col("mpn_id", &["MPN ID", "Partner ID", "PartnerId"], Need::Required),
    col("first_name", &["First Name", "Given Name"], Need::OneOf),
    col("last_name", &["Last Name", "Surname", "Family Name"], Need::OneOf),
    col("email", &["Email", "Email Address", "Work Email"], Need::Required),
    col("role", &["Role", "User Role"], Need::Optional),
    col("job_title", &["Job Title", "Title"], Need::Optional),
    col("partner_university_id", &["Partner University ID", "PU ID"], Need::Optional),
    col("exams", &["Exams", "Exam Codes"], Need::Optional),
    col("certifications", &["Certifications", "Certs"], Need::Optional),
    col("language", &["Language", "Preferred Language", "Locale"], Need::Optional),
];

/// Column positions inside [`STATUS`].
pub(crate) mod s {
    pub(crate) const USERNAME: usize = 0;
    pub(crate) const SIGNED_IN: usize = 1;
    pub(crate) const PU_CONNECTED: usize = 2;
    pub(crate) const ASSOCIATED_AT: usize = 3;
}

pub(crate) static STATUS: [ColumnSpec; 4] = [
    col("username", &["User Name", "User Principal Name", "UPN"], Need::Required),
    col("signed_in", &["Signed In", "Has Signed In"], Need::Required),
    col("pu_connected", &["PU Connected", "Partner University Connected"], Need::Optional),
    col("associated_at", &["Associated At", "Associated"], Need::Optional),
];

/// `Email_Address` → `emailaddress`.
pub(crate) fn normalize(header: &str) -> String {
    header
        .trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which file field holds each schema column.
#[derive(Debug, Clone)]
pub struct HeaderMap {
    /// `fields[i]` = the 0-based field index of schema column `i`.
    pub fields: Vec<Option<usize>>,
    /// Header names (as written) of the file's columns, for messages.
    pub names: Vec<String>,
    /// Headers that match no column, or a column already matched (first one wins).
    pub ignored: Vec<String>,
    /// Every required column was found: the file's rows can be used.
    pub usable: bool,
    /// The other export whose schema this header fits instead (the files look swapped).
    pub looks_like: Option<Export>,
}

/// The three exports the tool reads, for hints when one is given for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Memberships,
    Employees,
    Status,
}

impl Export {
    const ALL: [Export; 3] = [Export::Memberships, Export::Employees, Export::Status];

    pub fn schema(self) -> &'static [ColumnSpec] {
        match self {
            Export::Memberships => &MEMBERSHIPS,
            Export::Employees => &EMPLOYEES,
            Export::Status => &STATUS,
        }
    }

    /// Which export `schema` is (by identity: the schemas are statics).
    pub fn of(schema: &[ColumnSpec]) -> Option<Export> {
        Export::ALL.into_iter().find(|e| std::ptr::eq(e.schema(), schema))
    }

    /// "a membership export", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Export::Memberships => "a PMC membership export",
            Export::Employees => "a PMC employee export",
            Export::Status => "a Partner Center team-status export",
        }
    }

    pub fn flag(self) -> &'static str {
        match self {
            Export::Memberships => "--memberships",
            Export::Employees => "--employees",
            Export::Status => "--status",
        }
    }
}

impl HeaderMap {
    /// The 1-based column number of schema column `i` (1 if absent).
    pub fn column_number(&self, i: usize) -> u32 {
        self.fields[i].map_or(1, |f| f as u32 + 1)
    }

    pub fn header_name(&self, i: usize, schema: &[ColumnSpec]) -> String {
        self.fields[i].map_or_else(|| schema[i].name.to_string(), |f| self.names[f].clone())
    }
}

/// Match a header row against a schema. Returns the map and any `missing-column`
/// findings (which make the whole file unusable).
pub(crate) fn match_headers(headers: &[&str], schema: &[ColumnSpec], file: &str) -> (HeaderMap, Vec<Finding>) {
    let (fields, ignored) = map_fields(headers, schema);
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
    (HeaderMap { fields, names, ignored, usable, looks_like }, findings)
}

/// The field of each schema column (first match wins), and the headers matching none.
fn map_fields(headers: &[&str], schema: &[ColumnSpec]) -> (Vec<Option<usize>>, Vec<String>) {
    let mut fields = vec![None; schema.len()];
    let mut ignored = Vec::new();
    for (pos, header) in headers.iter().enumerate() {
        let key = normalize(header);
        let hit = schema
            .iter()
            .position(|spec| normalize(spec.name) == key || spec.aliases.iter().any(|a| normalize(a) == key));
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
        let (fields, _) = map_fields(headers, theirs);
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

    #[test]
    fn normalizes_case_spaces_and_punctuation() {
        assert_eq!(normalize("E-mail_Address. "), "emailaddress");
        assert_eq!(normalize("\u{FEFF}MPN ID"), "mpnid");
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
