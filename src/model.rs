//! Domain types shared by the stages: what a valid row means once validated.

use crate::ids::MpnId;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Employee,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Employee => "employee",
        }
    }
}

/// R8's steps for each account. The serde ids are stable: plan.json lists
/// them, and reviewers and scripts match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Task {
    /// `get-sign-in-info`: every account.
    GetSignInInfo,
    /// `connect-partner-university`: people with a Partner University id.
    ConnectPartnerUniversity,
    /// `associate-exams-certifications`: people with exams or certifications.
    AssociateExamsCertifications,
    /// `set-up-password-reset`: every account, and the one optional step.
    SetUpPasswordReset,
}

impl Task {
    /// R8 makes password-reset self-service optional; every other step is expected.
    pub fn optional(self) -> bool {
        self == Task::SetUpPasswordReset
    }
}

/// One organisation's current PMC membership (a valid memberships.csv row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub line: u64,
    pub mpn_id: MpnId,
    pub organization: String,
    pub membership: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub renewed: bool,
    pub tenant_domain: String,
    pub country: Option<String>,
}

/// One person in one organisation (a valid employees.csv row, or several merged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    /// The earliest input line of this person in this organisation.
    pub line: u64,
    pub mpn_id: MpnId,
    pub first_name: String,
    pub last_name: String,
    /// The email as written (trimmed): sign-on information goes here.
    pub email: String,
    /// Trimmed, NFC, case-folded: the identity of a person inside an organisation.
    pub email_key: String,
    pub role: Role,
    pub job_title: String,
    pub partner_university_id: String,
    pub exams: Vec<String>,
    pub certifications: Vec<String>,
}

impl Employee {
    pub fn display_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (false, true) => self.first_name.clone(),
            (true, false) => self.last_name.clone(),
            (true, true) => self.email.clone(),
        }
    }
}

/// What `load` knows about one input file, for the report's run facts.
#[derive(Debug, Clone, Serialize)]
pub struct InputFacts {
    pub path: String,
    /// How findings name the file: the path, or `path[Sheet]` for a workbook.
    #[serde(skip)]
    pub source: String,
    pub sha256: String,
    pub rows: u64,
    /// Columns present in the file that the tool does not use (listed once in the report).
    #[serde(skip)]
    pub ignored_columns: Vec<String>,
    /// The field delimiter; 0 for a workbook, which has none.
    #[serde(skip)]
    pub delimiter: u8,
    #[serde(skip)]
    pub encoding: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_ids_are_the_plan_json_ones() {
        let ids = serde_json::to_value([
            Task::GetSignInInfo,
            Task::ConnectPartnerUniversity,
            Task::AssociateExamsCertifications,
            Task::SetUpPasswordReset,
        ])
        .unwrap();
        assert_eq!(
            ids,
            serde_json::json!([
                "get-sign-in-info",
                "connect-partner-university",
                "associate-exams-certifications",
                "set-up-password-reset"
            ])
        );
    }
}
