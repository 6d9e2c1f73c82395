//! A valid person for unit tests of the stages that take validated rows.

use super::values::email_key;
use crate::core::model::{Employee, Role};

/// `email` of organisation `mpn` on `line`, first name Ann, nothing else given.
pub(crate) fn person(line: u64, mpn: &str, email: &str, role: Role) -> Employee {
    Employee {
        line,
        mpn_id: mpn.into(),
        first_name: "Ann".into(),
        last_name: Default::default(),
        email: email.into(),
        key: Employee::key_of(email, email_key(email)),
        role,
        job_title: Default::default(),
        partner_university_id: Default::default(),
        exams: vec![],
        certifications: vec![],
        language: None,
    }
}
