//! Row rules for employees.csv: required values, MPN id, email (and whether it
//! needs SMTPUTF8), role, exam codes, language, and names and titles as
//! Microsoft Entra and spreadsheets take them.

use super::cells::{self, Holders};
use super::row_check::RowCheck;
use super::smtputf8;
use super::values;
use crate::core::finding::{Rule, quote};
use crate::core::ids::MpnId;
use crate::core::model::{Employee, Lang, Text};
use crate::pipeline::load::Record;
use crate::pipeline::load::headers::{EMPLOYEES, HeaderMap, e};

pub(crate) fn check_employee<'a>(rec: &Record, map: &'a HeaderMap, file: &'a str) -> RowCheck<'a, Employee> {
    let mut out = RowCheck::new(file, rec.line, map, &EMPLOYEES);
    let get = |i| rec.get(map, i);
    for i in [e::MPN_ID, e::EMAIL] {
        if get(i).is_empty() {
            out.missing(i);
        }
    }
    let first = cells::without_controls(&mut out, e::FIRST_NAME, "first name", get(e::FIRST_NAME));
    let last = cells::without_controls(&mut out, e::LAST_NAME, "last name", get(e::LAST_NAME));
    let job_title = cells::without_controls(&mut out, e::JOB_TITLE, "job title", get(e::JOB_TITLE));
    if first.is_empty() && last.is_empty() {
        let col = if map.fields[e::FIRST_NAME].is_some() { e::FIRST_NAME } else { e::LAST_NAME };
        out.push(
            col,
            Rule::MissingValue,
            "first name and last name are both empty; one of them is required".to_string(),
        );
    }
    let mpn_id = get(e::MPN_ID);
    if !mpn_id.is_empty() && !MpnId::is_valid(mpn_id) {
        out.push(e::MPN_ID, Rule::InvalidMpnId, format!("MPN ID {} must be 4 to 10 digits", quote(mpn_id)));
    }
    let email = get(e::EMAIL);
    if !email.is_empty() && !values::is_email(email) {
        out.push(e::EMAIL, Rule::InvalidEmail, format!("email {} is not a valid address", quote(email)));
    } else {
        if values::has_non_ascii_local_part(email) {
            // The organisation's sending admin gets another text after dedup (`smtputf8`).
            out.push(e::EMAIL, Rule::NonAsciiEmail, smtputf8::message(email));
        }
        if cells::is_formula_like(email) {
            // `=x@y.com`, `+x@…`, `-x@…` are valid addresses (an `@` start is not):
            // mail goes to them as written; only the credentials file changes them.
            let files = "the credentials file holds it";
            out.push(e::EMAIL, Rule::FormulaLikeValue, cells::formula_message("email", email, files));
        }
    }
    let role_raw = get(e::ROLE);
    let role = values::parse_role(role_raw);
    if role.is_none() {
        out.push(
            e::ROLE,
            Rule::InvalidRole,
            format!("role {} is not admin or employee (Administrator and Global Admin mean admin)", quote(role_raw)),
        );
    }
    // Sized to the list: a first push would reserve room for four codes, and
    // a million people's lists are then mostly empty room.
    let mut exams: Vec<Text> = Vec::with_capacity(values::split_list(get(e::EXAMS)).count());
    for code in values::split_list(get(e::EXAMS)) {
        match values::normalize_exam(code) {
            Some(c) if !exams.iter().any(|e| *e == c) => exams.push(c.into()),
            Some(_) => {}
            None => out.push(
                e::EXAMS,
                Rule::InvalidExamCode,
                format!("exam code {} is not like 70-533 or AZ-900; dropped from the list", quote(code)),
            ),
        }
    }
    let mut certifications: Vec<Text> = Vec::with_capacity(values::split_list(get(e::CERTIFICATIONS)).count());
    for cert in values::split_list(get(e::CERTIFICATIONS)) {
        if !certifications.iter().any(|c| c == cert) {
            certifications.push(cert.into());
        }
    }
    // The display name starts with the first name, or with the last name when there is none.
    let last_holders = if first.is_empty() { Holders::DisplayName } else { Holders::Entra };
    let first =
        cells::entra_value(&mut out, e::FIRST_NAME, "first name", first, cells::GIVEN_NAME_MAX, Holders::DisplayName);
    let last = cells::entra_value(&mut out, e::LAST_NAME, "last name", last, cells::SURNAME_MAX, last_holders);
    let job_title =
        cells::entra_value(&mut out, e::JOB_TITLE, "job title", job_title, cells::JOB_TITLE_MAX, Holders::Entra);
    let language_raw = get(e::LANGUAGE);
    let language = Lang::parse(language_raw);
    if language.is_none() && !language_raw.is_empty() {
        out.push(
            e::LANGUAGE,
            Rule::InvalidValue,
            format!(
                "language {} is not en or zh-TW (also zh-Hant, zh_TW); the run's --lang is used",
                quote(language_raw)
            ),
        );
    }
    if out.has_error() {
        return out;
    }
    out.value = Some(Employee {
        line: rec.line,
        mpn_id: MpnId::parse(mpn_id).expect("checked above"),
        first_name: first.into(),
        last_name: last.into(),
        email: email.to_string(),
        key: Employee::key_of(email, values::email_key(email)),
        role: role.expect("checked"),
        job_title: job_title.into(),
        partner_university_id: get(e::PARTNER_UNIVERSITY_ID).into(),
        exams,
        certifications,
        language,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Severity;
    use crate::core::options::ReadOptions;
    use crate::pipeline::load::parse_bytes;

    #[test]
    fn non_ascii_email_names_the_email_cell() {
        // The email is the third column here, and a quoted line break makes
        // the second record start on line 4.
        let text = "mpn_id,first_name,email,role,last_name\n\
                    1234567,\"Two\nlines\",anna@contoso.com,admin,Lee\n\
                    1234567,Jürgen,jürgen.weiß@muellerweiss.de,employee,Weiß\n\
                    1234567,Ann,ann@müller.de,employee,Lee\n";
        let t = parse_bytes("e.csv", text.as_bytes().to_vec(), &EMPLOYEES, &ReadOptions::default());
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        let checks: Vec<_> = t.records.iter().map(|r| check_employee(&r, &t.headers, "e.csv")).collect();
        // The quoted line break is a `control-character` of its own (line 2).
        let findings: Vec<_> =
            checks.iter().flat_map(|c| &c.findings).filter(|f| f.rule != Rule::ControlCharacter).collect();
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let f = findings[0];
        assert_eq!((f.file.as_str(), f.line, f.column), ("e.csv", 4, 3));
        assert_eq!((f.rule, f.severity), (Rule::NonAsciiEmail, Severity::Info));
        assert_eq!(f.rule.id(), "non-ascii-email");
        assert!(
            f.message.contains("\"jürgen.weiß@muellerweiss.de\"") && f.message.contains("SMTPUTF8"),
            "{}",
            f.message
        );
        // Information only: the row is kept.
        assert!(checks.iter().all(|c| c.value.is_some()));
    }
}
