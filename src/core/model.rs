//! Domain types shared by the stages: what a valid row means once validated.

use crate::core::ids::MpnId;
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

/// The language of employee-facing text (sign-on emails, the employee
/// checklist): `--lang` for the run, or a person's `language` cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-TW")]
    ZhTw,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhTw];

    /// The BCP 47 tag: the Fluent locale, `Content-Language` and HTML `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-TW",
        }
    }

    pub fn is_en(&self) -> bool {
        *self == Lang::En
    }

    /// `en`, `zh-TW` and their usual spellings in exports, any case, `_` or
    /// `-`: `en-US`, `zh_TW`, `zh-Hant`, `zh-Hant-TW`. `None` for anything
    /// else (Simplified Chinese among them: it is not Traditional).
    pub fn parse(s: &str) -> Option<Lang> {
        let key = s.trim().replace('_', "-").to_ascii_lowercase();
        match key.as_str() {
            "en" => Some(Lang::En),
            k if k.starts_with("en-") && k.len() == 5 && k[3..].bytes().all(|b| b.is_ascii_alphabetic()) => {
                Some(Lang::En)
            }
            "zh-tw" | "zh-hant" | "zh-hant-tw" => Some(Lang::ZhTw),
            _ => None,
        }
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

/// A short text of a row (a name, a title, a code): up to 24 bytes are held
/// inline, so the names of a million people are not millions of allocations.
pub(crate) type Text = compact_str::CompactString;

/// One person in one organisation (a valid employees.csv row, or several merged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    /// The earliest input line of this person in this organisation.
    pub line: u64,
    pub mpn_id: MpnId,
    pub first_name: Text,
    pub last_name: Text,
    /// The email as written (trimmed): sign-on information goes here.
    pub email: String,
    /// The email key ([`Employee::email_key`]) where it differs from the
    /// email: most addresses are their own key, one string and not two.
    pub key: Option<Box<str>>,
    pub role: Role,
    pub job_title: Text,
    pub partner_university_id: Text,
    pub exams: Vec<Text>,
    pub certifications: Vec<Text>,
    /// The `language` cell; `None` when empty or unreadable (then `--lang`).
    pub language: Option<Lang>,
}

impl Employee {
    /// What [`Employee::key`] holds for `email` and its key `key`.
    pub fn key_of(email: &str, key: String) -> Option<Box<str>> {
        (key != email).then(|| key.into_boxed_str())
    }

    /// Trimmed, NFC, case-folded: the identity of a person inside an organisation.
    pub fn email_key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.email)
    }

    /// The name every output shows, in `order` (design §9); the email when
    /// the export gives no name.
    pub fn display_name(&self, order: crate::core::names::NameOrder) -> String {
        crate::core::names::display_name(&self.first_name, &self.last_name, order).unwrap_or_else(|| self.email.clone())
    }
}

/// What `load` knows about one input file, for the report's run facts.
#[derive(Debug, Clone, Default, Serialize)]
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
    /// Rows above the header, passed over (design §9): `1 "Member export"`.
    #[serde(skip)]
    pub passed_over: Vec<String>,
    /// Headers read as a column of another name: (header, column).
    #[serde(skip)]
    pub renamed: Vec<(String, &'static str)>,
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

    #[test]
    fn language_values_of_spec_section_3() {
        for (value, lang) in [
            ("en", Lang::En),
            ("EN", Lang::En),
            ("en-US", Lang::En),
            ("en_gb", Lang::En),
            ("zh-TW", Lang::ZhTw),
            ("zh_TW", Lang::ZhTw),
            ("ZH-tw", Lang::ZhTw),
            ("zh-Hant", Lang::ZhTw),
            ("zh-hant-tw", Lang::ZhTw),
            (" zh-TW ", Lang::ZhTw),
        ] {
            assert_eq!(Lang::parse(value), Some(lang), "{value:?}");
        }
        for value in ["", "zh", "zh-CN", "zh-Hans", "english", "fr", "en-", "en-1234", "中文"] {
            assert_eq!(Lang::parse(value), None, "{value:?}");
        }
        assert_eq!(serde_json::to_value(Lang::ALL).unwrap(), serde_json::json!(["en", "zh-TW"]));
    }
}
