//! credentials/<mpn_id>.entra.csv: Microsoft Entra's "Bulk create users"
//! upload format, so an admin can create the accounts in one upload.

use super::Issued;
use crate::files::cells::neutralize;
use crate::pipeline::plan::accounts::AccountPlan;
use crate::pipeline::validate::cells::{self, DISPLAY_NAME_MAX, GIVEN_NAME_MAX, JOB_TITLE_MAX, SURNAME_MAX};
use std::borrow::Cow;

pub(crate) const VERSION_LINE: &str = "version:v1.0";
pub(crate) const HEADER: &str = "Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Job title [jobTitle],Department [department],Usage location [usageLocation],Street address [streetAddress],State or province [state],Country or region [country],Office [physicalDeliveryOfficeName],City [city],ZIP or postal code [postalCode],Office phone [telephoneNumber],Mobile phone [mobile]";

/// The two fixed lines, then one row per issued account; no example row.
pub(crate) fn render(accounts: &[(Issued, &AccountPlan)], usage_location: Option<&str>) -> Vec<u8> {
    let mut out = format!("{VERSION_LINE}\r\n{HEADER}\r\n").into_bytes();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
    for (issued, plan) in accounts {
        let _ = w.write_record([
            cell(&issued.display_name, DISPLAY_NAME_MAX).as_ref(),
            issued.username.trim(),
            issued.password.expose(),
            "No",
            cell(&plan.first_name, GIVEN_NAME_MAX).as_ref(),
            cell(&plan.last_name, SURNAME_MAX).as_ref(),
            cell(&plan.job_title, JOB_TITLE_MAX).as_ref(),
            "",
            usage_location.unwrap_or(""),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]);
    }
    drop(w);
    out
}

/// A text cell as written, `'` included. Validation replaced control
/// characters and cut values to Entra's limits, each with a finding; a value
/// that still breaks them here would reach Entra changed by nobody's word.
fn cell(value: &str, max: usize) -> Cow<'_, str> {
    let value = value.trim();
    assert!(
        cells::fits(value, max) && cells::replace_controls(value).is_none(),
        "a value over Entra's limit of {max} characters or with a control character reached the Entra writer"
    );
    neutralize(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_within_the_limits_pass_with_their_quote() {
        assert_eq!(cell(&format!("={}", "x".repeat(62)), 64), format!("'={}", "x".repeat(62)));
        assert_eq!(cell(&"é".repeat(64), 64), "é".repeat(64));
    }

    #[test]
    #[should_panic(expected = "reached the Entra writer")]
    fn an_over_long_value_never_reaches_the_file() {
        cell(&"x".repeat(65), GIVEN_NAME_MAX);
    }

    #[test]
    #[should_panic(expected = "reached the Entra writer")]
    fn a_line_break_never_reaches_the_file() {
        cell("Ann\nLee", GIVEN_NAME_MAX);
    }

    #[test]
    fn header_has_seventeen_columns() {
        assert_eq!(HEADER.split(',').count(), 17);
    }
}
