//! What earlier applies did: each organisation's enrolment and every account
//! issued (no passwords). Read from and written to ledger.csv by
//! [`crate::files::ledger_csv`]; planning reads it to keep, reissue or add accounts.

use crate::core::ids::{CredentialsFile, MpnId, Username};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The enrolment an earlier apply made: re-enrolment happens once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enrolment {
    pub pc_start: NaiveDate,
    pub pc_end: NaiveDate,
    pub run: u32,
    /// How its accounts are created (`None` in ledgers of earlier versions).
    pub creation: Option<crate::core::options::Creation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerAccount {
    pub mpn_id: MpnId,
    pub email_key: String,
    pub email: String,
    pub username: Username,
    pub issued: NaiveDate,
    pub password_expires: NaiveDate,
    pub run: u32,
    /// The credentials file (relative to the output folder) holding its latest password.
    pub credentials_file: CredentialsFile,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    pub enrolments: BTreeMap<MpnId, Enrolment>,
    /// Keyed by (mpn_id, email_key).
    pub accounts: BTreeMap<(MpnId, String), LedgerAccount>,
    /// SHA-256 of the file this ledger was read from (`None`: there was none).
    pub sha256: Option<String>,
}

impl Ledger {
    /// How the earlier runs created accounts, where the ledger records it
    /// (every run of a folder creates them the same way).
    pub fn creation(&self) -> Option<crate::core::options::Creation> {
        self.enrolments.values().find_map(|e| e.creation)
    }

    /// The highest run number recorded (0 when nothing was ever applied).
    pub fn last_run(&self) -> u32 {
        let a = self.accounts.values().map(|a| a.run).max().unwrap_or(0);
        let e = self.enrolments.values().map(|e| e.run).max().unwrap_or(0);
        a.max(e)
    }

    /// Whether any account of this organisation was issued (a range lookup, not a scan).
    pub fn has_accounts_for(&self, mpn_id: &MpnId) -> bool {
        let from = (mpn_id.clone(), String::new());
        self.accounts.range(from..).next().is_some_and(|((m, _), _)| m == mpn_id)
    }

    /// This organisation's accounts, by email key (a range, not a scan).
    pub fn accounts_of<'a>(&'a self, mpn_id: &'a MpnId) -> impl Iterator<Item = &'a LedgerAccount> {
        let from = (mpn_id.clone(), String::new());
        self.accounts.range(from..).take_while(move |((m, _), _)| m == mpn_id).map(|(_, a)| a)
    }

    pub fn account(&self, mpn_id: &MpnId, email_key: &str) -> Option<&LedgerAccount> {
        self.accounts.get(&(mpn_id.clone(), email_key.to_string()))
    }

    /// Local parts already issued in each tenant: they keep their owners.
    pub fn usernames_by_tenant(&self) -> HashMap<String, HashSet<String>> {
        let mut out: HashMap<String, HashSet<String>> = HashMap::new();
        for a in self.accounts.values() {
            out.entry(a.username.domain().to_string()).or_default().insert(a.username.local().to_string());
        }
        out
    }
}
