//! Row rules for memberships.csv: required values, MPN id, dates and their
//! order, tenant domain, membership level, and expiry on the cutover date (R4).

use super::cells;
use super::dates::date_finding;
use super::dates::parse_date;
use super::row_check::RowCheck;
use super::values;
use crate::core::finding::{Rule, quote};
use crate::core::ids::{self, MpnId};
use crate::core::model::Membership;
use crate::core::options::Options;
use crate::pipeline::load::Record;
use crate::pipeline::load::headers::{HeaderMap, MEMBERSHIPS, m};

pub(crate) fn check_membership<'a>(
    rec: &Record,
    map: &'a HeaderMap,
    file: &'a str,
    opts: &Options,
) -> RowCheck<'a, Membership> {
    let mut out = RowCheck::new(file, rec.line, map, &MEMBERSHIPS);
    let get = |i| rec.get(map, i);
    let organization = cells::without_controls(&mut out, m::ORGANIZATION, "organisation", get(m::ORGANIZATION));
    for i in [m::MPN_ID, m::ORGANIZATION, m::MEMBERSHIP, m::START_DATE, m::END_DATE, m::TENANT_DOMAIN] {
        // A name of control characters only is empty once they are replaced.
        if get(i).is_empty() || (i == m::ORGANIZATION && organization.is_empty()) {
            out.missing(i);
        }
    }
    let mpn_id = get(m::MPN_ID);
    if !mpn_id.is_empty() && !MpnId::is_valid(mpn_id) {
        out.push(m::MPN_ID, Rule::InvalidMpnId, format!("MPN ID {} must be 4 to 10 digits", quote(mpn_id)));
    }
    let mut date = |i: usize| -> Option<chrono::NaiveDate> {
        let raw = get(i);
        if raw.is_empty() {
            return None;
        }
        match parse_date(raw, opts.read.date_order) {
            Ok(d) => Some(d),
            Err(e) => {
                let (rule, msg) = date_finding(raw, e);
                out.push(i, rule, msg);
                None
            }
        }
    };
    let start = date(m::START_DATE);
    let end = date(m::END_DATE);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        out.push(
            m::END_DATE,
            Rule::DateOrder,
            format!("membership end {} is before its start {}", quote(get(m::END_DATE)), quote(get(m::START_DATE))),
        );
    }
    let domain = get(m::TENANT_DOMAIN);
    if !domain.is_empty() && !ids::is_domain(domain) {
        out.push(
            m::TENANT_DOMAIN,
            Rule::InvalidDomain,
            format!(
                "tenant domain {} is not a domain name of at most 48 characters (e.g. contoso.onmicrosoft.com)",
                quote(domain)
            ),
        );
    }
    let level = get(m::MEMBERSHIP);
    if !level.is_empty() && !values::is_known_level(level) {
        out.push(
            m::MEMBERSHIP,
            Rule::UnknownMembershipLevel,
            format!("membership level {} is not one of {}", quote(level), values::KNOWN_LEVELS.join(", ")),
        );
    }
    let renewed_raw = get(m::RENEWED);
    let renewed = match values::parse_flag(renewed_raw) {
        Some(b) => b,
        None => {
            if !renewed_raw.is_empty() {
                out.push(
                    m::RENEWED,
                    Rule::InvalidValue,
                    format!("renewed {} is not yes/no, true/false, y/n or 1/0; read as no", quote(renewed_raw)),
                );
            }
            false
        }
    };
    let country_raw = get(m::COUNTRY);
    let country = if country_raw.is_empty() {
        None
    } else {
        let c = values::normalize_country(country_raw);
        if c.is_none() {
            out.push(
                m::COUNTRY,
                Rule::InvalidValue,
                format!("country {} is not a two-letter ISO 3166-1 code; no usage location is set", quote(country_raw)),
            );
        }
        c
    };
    if let Some(e) = end
        && e < opts.as_of
    {
        out.push(
            m::END_DATE,
            Rule::MembershipExpired,
            format!("membership ended {} before the cutover date {}: no overlap, the new membership ends one year after the cutover", e, opts.as_of),
        );
    }
    if out.has_error() {
        return out;
    }
    out.value = Some(Membership {
        line: rec.line,
        mpn_id: MpnId::parse(mpn_id).expect("checked above"),
        organization,
        membership: level.to_string(),
        start: start.expect("checked"),
        end: end.expect("checked"),
        renewed,
        tenant_domain: domain.to_ascii_lowercase(),
        country,
    });
    out
}
