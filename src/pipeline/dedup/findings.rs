//! The findings about a person appearing more than once, each on the later
//! row's email cell.

use crate::core::finding::{Finding, Rule, quote};
use crate::core::model::Employee;
use crate::pipeline::validate::values::case_fold;

/// Where the findings point: the employees file and its email column.
#[derive(Debug, Clone, Copy)]
pub(super) struct At<'a> {
    pub file: &'a str,
    pub email_col: u32,
}

impl At<'_> {
    /// `exact-duplicate`: `row` repeats `earlier` field for field.
    /// The emails may differ in letter case, which the message then says.
    pub(super) fn exact_duplicate(self, row: &Employee, earlier: &Employee) -> Finding {
        let message = if row.email == earlier.email {
            format!("{} repeats line {} exactly; row dropped", quote(&row.email), earlier.line)
        } else {
            format!(
                "{} repeats line {} ({}) exactly but for letter case, which does not tell addresses apart; row dropped",
                quote(&row.email),
                earlier.line,
                quote(&earlier.email)
            )
        };
        Finding::new(self.file, row.line, self.email_col, Rule::ExactDuplicate, message)
    }

    /// `conflicting-duplicate`: `row` is `first`'s person (as read) with other data.
    pub(super) fn conflicting_duplicate(self, row: &Employee, first: &Employee) -> Finding {
        let message = format!(
            "{} is the same person as line {} but differs in {}; merged (exams and certifications united, admin if any row says admin, first non-empty value otherwise)",
            quote(&row.email),
            first.line,
            and_list(&differing_fields(first, row))
        );
        Finding::new(self.file, row.line, self.email_col, Rule::ConflictingDuplicate, message)
    }

    /// `cross-org-employee`: `p` has the email of `first`, in another organisation.
    pub(super) fn cross_org_employee(self, p: &Employee, first: &Employee) -> Finding {
        let message = format!(
            "{} is also in organisation {} (line {}): one account in each tenant",
            quote(&p.email),
            quote(&first.mpn_id),
            first.line
        );
        Finding::new(self.file, p.line, self.email_col, Rule::CrossOrgEmployee, message)
    }
}

/// The fields a conflicting row differs in, by their column names.
fn differing_fields(a: &Employee, b: &Employee) -> Vec<&'static str> {
    let mut out = Vec::new();
    // mpn_id and the email key are equal within a group by construction.
    let pairs: [(&str, bool); 9] = [
        ("first_name", a.first_name != b.first_name),
        ("last_name", a.last_name != b.last_name),
        // Letter case alone is no difference: addresses are matched without it.
        ("email", !same_letters(&a.email, &b.email)),
        ("role", a.role != b.role),
        ("job_title", a.job_title != b.job_title),
        ("partner_university_id", a.partner_university_id != b.partner_university_id),
        ("exams", a.exams != b.exams),
        ("certifications", a.certifications != b.certifications),
        ("language", a.language != b.language),
    ];
    for (name, differs) in pairs {
        if differs {
            out.push(name);
        }
    }
    out
}

/// Whether two emails differ at most in letter case, which does not tell
/// addresses apart.
pub(super) fn same_letters(a: &str, b: &str) -> bool {
    a == b || case_fold(a) == case_fold(b)
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::and_list;

    #[test]
    fn fields_are_listed_as_a_sentence_says_them() {
        assert_eq!(and_list(&["role"]), "role");
        assert_eq!(and_list(&["job_title", "exams"]), "job_title and exams");
        assert_eq!(and_list(&["first_name", "role", "job_title"]), "first_name, role and job_title");
    }
}
