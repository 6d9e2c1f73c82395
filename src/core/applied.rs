//! What an apply did, for plan.json and the report: a leaf type, so that the
//! report can show a run without knowing how it was carried out. Never a password.

use crate::core::ids::{CredentialsFile, MpnId};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Applied {
    /// This run's number, or the last one when nothing new was issued.
    pub run: u32,
    /// True when errors stopped the apply: reports only, no credentials.
    pub refused: bool,
    pub organizations: BTreeMap<MpnId, OrgApplied>,
}

impl Applied {
    /// (created, kept, reissued, left) over every organisation.
    pub fn totals(&self) -> (usize, usize, usize, usize) {
        self.organizations
            .values()
            .fold((0, 0, 0, 0), |(c, k, r, l), o| (c + o.created, k + o.kept, r + o.reissued, l + o.left))
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OrgApplied {
    pub created: usize,
    pub kept: usize,
    pub reissued: usize,
    pub left: usize,
    /// Credential files of this organisation, oldest first (relative to --out).
    pub credential_files: Vec<CredentialsFile>,
    /// Those of `credential_files` that are age files (`apply --encrypt-to`),
    /// by what is on disk: an earlier run may have written plain ones.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sealed: Vec<CredentialsFile>,
    pub outbox: Option<String>,
}

/// What one apply wrote besides the reports (empty when it issued nothing).
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Whether this apply wrote ledger.csv (a new run); false when it issued
    /// nothing or was refused.
    pub committed: bool,
    /// The ledger's last run after this apply (0: nothing applied yet).
    pub run: u32,
    /// Credentials files of this run, and how many passwords each holds.
    pub credentials: Vec<(CredentialsFile, usize)>,
    /// Whether each has an `.entra.csv` beside it.
    pub entra: bool,
    /// Whether each organisation got a sign-on email per password in
    /// `outbox/<mpn_id>/` (individual creation).
    pub outbox: bool,
    /// Whether each of these files was written as an age file (`<name>.age`,
    /// `apply --encrypt-to`).
    pub sealed: bool,
}
