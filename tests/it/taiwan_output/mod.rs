//! The output side of a Taiwan partner's run (design §9): names in the order
//! their readers write them, the sign-in link in every sign-on email, and
//! spreadsheets that Excel on a zh-TW machine opens as written.

mod mail;
mod names;
mod pages;
mod spreadsheets;

use crate::common::*;

/// A Taiwan organisation whose admin and employee have Chinese names, and an
/// employee with a Latin name.
pub(crate) const FORMOSA: &str = "7654321,台灣雲端,Gold,2024-09-01,2025-08-31,yes,formosacloud.onmicrosoft.com,TW";
pub(crate) const LI: &str = "7654321,宗翰,李,li@formosacloud.com.tw,admin,技術長,PU-1,AZ-900;AZ-104,";
pub(crate) const CHEN: &str = "7654321,志明,陳,chen@formosacloud.com.tw,employee,,,,";
pub(crate) const DAVID: &str = "7654321,David,Wilson,david@formosacloud.com.tw,employee,,,,";

pub(crate) fn formosa() -> Workdir {
    Workdir::with_inputs(memberships(&[FORMOSA]), employees(&[LI, CHEN, DAVID]))
}
