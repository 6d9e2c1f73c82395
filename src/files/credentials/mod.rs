//! Stage 6b (apply only), **credentials**: temporary passwords, credential
//! files and sign-on emails. Secrets live only in these files (mode 0600).

pub(crate) mod entra;
pub(crate) mod file;
pub(crate) mod password;

use crate::core::ids::{MpnId, Username};
use chrono::NaiveDate;
use password::Secret;

/// One account issued (or reissued) by this apply, with its password.
#[derive(Debug, Clone)]
pub(crate) struct Issued {
    pub mpn_id: MpnId,
    pub username: Username,
    pub display_name: String,
    pub email: String,
    pub password: Secret,
    pub password_expires: NaiveDate,
}
