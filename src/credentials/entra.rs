//! credentials/<mpn_id>.entra.csv: Microsoft Entra's "Bulk create users"
//! upload format, so an admin can create the accounts in one upload.

use super::Issued;
use super::file::neutralize;
use crate::plan::accounts::AccountPlan;

pub const VERSION_LINE: &str = "version:v1.0";
pub const HEADER: &str = "Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Job title [jobTitle],Department [department],Usage location [usageLocation],Street address [streetAddress],State or province [state],Country or region [country],Office [physicalDeliveryOfficeName],City [city],ZIP or postal code [postalCode],Office phone [telephoneNumber],Mobile phone [mobile]";

/// The two fixed lines, then one row per issued account; no example row.
pub fn render(accounts: &[(&Issued, &AccountPlan)], usage_location: Option<&str>) -> Vec<u8> {
    let mut out = format!("{VERSION_LINE}\r\n{HEADER}\r\n").into_bytes();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
    for (issued, plan) in accounts {
        let _ = w.write_record([
            neutralize(issued.display_name.trim()).as_ref(),
            issued.username.trim(),
            issued.password.expose(),
            "No",
            neutralize(plan.first_name.trim()).as_ref(),
            neutralize(plan.last_name.trim()).as_ref(),
            neutralize(plan.job_title.trim()).as_ref(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_has_seventeen_columns() {
        assert_eq!(HEADER.split(',').count(), 17);
    }
}
