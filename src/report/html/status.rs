//! What status.html shows: the team's state after cutover, in the report's
//! style (the same base template, macros and inline CSS). Every account of the
//! ledger by sign-in state, who must be added again, whose temporary password
//! expires soon, and when competency progress shows. Tables are capped; the
//! rest is in status.json. Nothing here reads the clock.

use super::kit::{Capped, Count, Facts, MAX_FINDINGS, MAX_ORGS, count, date, shown, when};
use super::rows::breakable;
use crate::core::finding::{Finding, Rule, Severity};
use crate::core::model::Lang;
use crate::pipeline::assess::{Delivery, EmployeeStatus, OrgStatus, SignIn, SignInCounts, StatusReport};
use crate::report::l10n;
use serde::Serialize;

/// Employee rows over all organisation tables (the rest is in status.json).
pub(crate) const MAX_EMPLOYEE_ROWS: usize = 2_000;
/// Rows of the "must re-add" and "expiring soon" lists.
pub(crate) const MAX_ACTION_ROWS: usize = 500;

/// Which pages of the report are there to link to, and the organisations'
/// names (the ledger has only MPN IDs): the writer looks in the folder.
pub(crate) struct Links<'a> {
    pub index: bool,
    pub org_page: &'a dyn Fn(&str) -> bool,
    /// `orgs/index.html` lists every organisation page.
    pub listing: bool,
    /// An organisation's name, when the folder's plan knows it.
    pub name: &'a dyn Fn(&str) -> Option<String>,
}

/// Facts the base template and the page show (`as_of` is a date and time).
#[derive(Serialize)]
struct Run {
    #[serde(flatten)]
    facts: Facts,
    warn_days: i64,
    /// index.html is in the folder: the page links to it.
    index: bool,
    /// orgs/index.html is in the folder: the page links to it.
    listing: bool,
}

/// [`SignInCounts`] as the page shows them (flattened into its parent, so the
/// template reads `totals.signed_in` and `o.signed_in` alike).
#[derive(Serialize)]
struct SignInView {
    signed_in: Count,
    waiting: Count,
    expires_soon: Count,
    must_reissue: Count,
    unknown: Count,
}

fn sign_in_view(c: SignInCounts) -> SignInView {
    SignInView {
        signed_in: count(c.signed_in),
        waiting: count(c.waiting),
        expires_soon: count(c.expires_soon),
        must_reissue: count(c.must_reissue),
        unknown: count(c.unknown),
    }
}

#[derive(Serialize)]
struct Totals {
    organizations: Count,
    accounts: Count,
    #[serde(flatten)]
    sign_in: SignInView,
    needs_action: Count,
    pu_connected: Count,
    competency_visible: Count,
    findings: Count,
    warnings: Count,
    /// Where the ledger and the export disagree: an account the export
    /// lacks (missing-status) or someone no apply issued (unknown-account).
    disagreements: Count,
    /// The other findings: cells and rows of the export that could not be read.
    unreadable: Count,
}

fn disagrees(f: &Finding) -> bool {
    matches!(f.rule, Rule::MissingStatus | Rule::UnknownAccount)
}

/// A sign-in state as the page shows it (its words: `status-state-<id>`).
#[derive(Serialize)]
struct State {
    id: &'static str,
    /// Badge class from style.css.
    badge: &'static str,
}

fn state(s: SignIn) -> State {
    let (id, badge) = match s {
        SignIn::SignedIn => ("signed-in", "ok"),
        SignIn::Waiting => ("waiting", "neutral"),
        SignIn::ExpiresSoon => ("expires-soon", "warning"),
        SignIn::MustReissue => ("must-reissue", "error"),
        SignIn::Unknown => ("unknown", "info"),
    };
    State { id, badge }
}

/// Usernames and emails are escaped HTML with `<wbr>` between their parts
/// ([`breakable`]), so a narrow column breaks them only at `@` and `.`.
#[derive(Serialize)]
struct EmployeeRow {
    username: String,
    email: String,
    state: State,
    password_expires: String,
    /// "12 days left", "expires today", "expired 3 days ago"; empty once signed in.
    days: String,
    /// yes, no or unknown (R8b).
    pu: &'static str,
    /// When exams and certifications were associated (R8c), or empty.
    associated_at: String,
    /// No status row: nothing is known about the association.
    association_unknown: bool,
    /// associated_at + 24 h (R9), or empty.
    visible_at: String,
    visible: bool,
    next_action: &'static str,
}

fn days_text(e: &EmployeeStatus, lang: Lang) -> String {
    let days = |id: &str, n: i64| l10n::text_n(lang, id, &[("n", &n.to_string())], &[("n_n", n as f64)]);
    match e.sign_in {
        SignIn::SignedIn => String::new(),
        _ if e.days_left > 0 => days("status-days-left", e.days_left),
        _ if e.days_left == 0 => l10n::text(lang, "status-expires-today", &[]),
        _ => days("status-expired-ago", -e.days_left),
    }
}

fn employee_row(e: &EmployeeStatus, lang: Lang) -> EmployeeRow {
    EmployeeRow {
        username: breakable(&e.username),
        email: breakable(&e.email),
        state: state(e.sign_in),
        password_expires: date(e.password_expires),
        days: days_text(e, lang),
        pu: match e.pu_connected {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        },
        associated_at: e.associated_at.map(when).unwrap_or_default(),
        association_unknown: e.sign_in == SignIn::Unknown,
        visible_at: e.competency_visible_at.map(when).unwrap_or_default(),
        visible: e.competency_visible,
        next_action: e.next_action,
    }
}

/// One organisation: its counts, and the employee table (maybe cut short).
#[derive(Serialize)]
struct OrgView<'a> {
    mpn_id: &'a str,
    /// Its name, or empty when the folder has no plan that names it.
    organization: String,
    page: bool,
    /// Its employee table is on this page.
    table: bool,
    accounts: Count,
    #[serde(flatten)]
    sign_in: SignInView,
    employees: Vec<EmployeeRow>,
    /// Employees of this organisation not shown (the page's row budget ran out).
    more: Count,
}

fn org_view<'a>(o: &'a OrgStatus, rows: usize, table: bool, links: &Links<'_>, lang: Lang) -> OrgView<'a> {
    OrgView {
        mpn_id: &o.mpn_id,
        organization: (links.name)(&o.mpn_id).unwrap_or_default(),
        page: (links.org_page)(&o.mpn_id),
        table,
        accounts: count(o.employees.len()),
        sign_in: sign_in_view(o.sign_in),
        employees: o.employees.iter().take(rows).map(|e| employee_row(e, lang)).collect(),
        more: count(o.employees.len().saturating_sub(rows)),
    }
}

/// Someone who needs action: must be re-added, or their password expires
/// soon. Username and email as in [`EmployeeRow`].
#[derive(Serialize)]
struct ActionRow<'a> {
    mpn_id: &'a str,
    organization: String,
    username: String,
    email: String,
    password_expires: String,
    days: String,
}

/// Everyone in `state`, in organisation order, at most [`MAX_ACTION_ROWS`].
fn action_list<'a>(report: &'a StatusReport, want: SignIn, links: &Links<'_>) -> Capped<ActionRow<'a>> {
    let all = report.organizations.iter().flat_map(|o| o.employees.iter().map(move |e| (o, e)));
    let matching = all.filter(|(_, e)| e.sign_in == want);
    let total = matching.clone().count();
    let rows = matching
        .take(MAX_ACTION_ROWS)
        .map(|(o, e)| ActionRow {
            mpn_id: &o.mpn_id,
            organization: (links.name)(&o.mpn_id).unwrap_or_default(),
            username: breakable(&e.username),
            email: breakable(&e.email),
            password_expires: date(e.password_expires),
            days: days_text(e, report.lang),
        })
        .collect();
    shown(rows, total)
}

#[derive(Serialize)]
pub(crate) struct StatusView<'a> {
    run: Run,
    totals: Totals,
    /// The per-organisation summary table.
    summary: Capped<OrgView<'a>>,
    /// Organisations with their employee tables, within the row budget.
    organizations: Vec<OrgView<'a>>,
    /// Employees and organisations left out of the tables.
    more_employees: Count,
    more_organizations: Count,
    must_reissue: Capped<ActionRow<'a>>,
    expires_soon: Capped<ActionRow<'a>>,
    /// Findings serialize with the field names the templates use.
    findings: Capped<&'a Finding>,
    /// Each organisation's sign-on mail once `send` has run (no rows before).
    delivery: Capped<DeliveryRow<'a>>,
}

#[derive(Serialize)]
struct DeliveryRow<'a> {
    mpn_id: &'a str,
    sent: Count,
    failed: Count,
    left: Count,
}

fn delivery_row(d: &Delivery) -> DeliveryRow<'_> {
    DeliveryRow { mpn_id: &d.mpn_id, sent: count(d.sent), failed: count(d.failed), left: count(d.left) }
}

pub(crate) fn view<'a>(report: &'a StatusReport, links: &Links<'_>) -> StatusView<'a> {
    let orgs = &report.organizations;
    let employees = || orgs.iter().flat_map(|o| &o.employees);
    let accounts = employees().count();
    let totals = Totals {
        organizations: count(orgs.len()),
        accounts: count(accounts),
        sign_in: sign_in_view(report.sign_in()),
        needs_action: count(report.needs_action),
        pu_connected: count(employees().filter(|e| e.pu_connected == Some(true)).count()),
        competency_visible: count(employees().filter(|e| e.competency_visible).count()),
        findings: count(report.findings.len()),
        warnings: count(report.findings.iter().filter(|f| f.severity != Severity::Info).count()),
        disagreements: count(report.findings.iter().filter(|f| disagrees(f)).count()),
        unreadable: count(report.findings.iter().filter(|f| !disagrees(f)).count()),
    };
    let mut budget = MAX_EMPLOYEE_ROWS;
    let mut tables = Vec::new();
    for o in orgs {
        if budget == 0 {
            break;
        }
        let rows = o.employees.len().min(budget);
        budget -= rows;
        tables.push(org_view(o, rows, true, links, report.lang));
    }
    let shown_rows: usize = tables.iter().map(|t| t.employees.len()).sum();
    let more_organizations = orgs.len() - tables.len();
    let findings = report.findings.iter().take(MAX_FINDINGS).collect();
    StatusView {
        run: Run {
            facts: Facts::new(when(report.as_of), report.lang),
            warn_days: report.warn_days,
            index: links.index,
            listing: links.listing,
        },
        totals,
        summary: shown(
            orgs.iter()
                .take(MAX_ORGS)
                .enumerate()
                .map(|(i, o)| org_view(o, 0, i < tables.len(), links, report.lang))
                .collect(),
            orgs.len(),
        ),
        organizations: tables,
        more_employees: count(accounts - shown_rows),
        more_organizations: count(more_organizations),
        must_reissue: action_list(report, SignIn::MustReissue, links),
        expires_soon: action_list(report, SignIn::ExpiresSoon, links),
        findings: shown(findings, report.findings.len()),
        delivery: shown(report.delivery.iter().take(MAX_ORGS).map(delivery_row).collect(), report.delivery.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::templates::{STATUS, render_page};
    use chrono::{NaiveDate, NaiveDateTime};

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn employee(sign_in: SignIn, days_left: i64) -> EmployeeStatus {
        EmployeeStatus {
            email: "o'brien&co@contoso.com".into(),
            username: "obrien.co@contoso.onmicrosoft.com".into(),
            password_expires: NaiveDate::from_ymd_opt(2025, 8, 30).unwrap(),
            sign_in,
            days_left,
            pu_connected: None,
            associated_at: Some(dt("2025-06-10 09:30:00")),
            competency_visible_at: Some(dt("2025-06-11 09:30:00")),
            competency_visible: true,
            next_action: if sign_in == SignIn::MustReissue { "reissue" } else { "keep" },
        }
    }

    fn report(employees: Vec<EmployeeStatus>) -> StatusReport {
        StatusReport {
            as_of: dt("2025-09-15 08:00:00"),
            warn_days: 7,
            organizations: vec![OrgStatus { employees, ..OrgStatus::new("1234567".into()) }],
            needs_action: 0,
            findings: vec![Finding::new(
                "status.csv",
                2,
                1,
                Rule::UnknownAccount,
                "\"<script>x</script>@x.com\" is not an account any apply into this folder issued".into(),
            )],
            lang: Lang::En,
            delivery: Vec::new(),
        }
    }

    fn render(r: &StatusReport) -> String {
        let links = Links { index: false, org_page: &|_| false, listing: false, name: &|_| None };
        render_page(STATUS, &view(r, &links)).unwrap()
    }

    #[test]
    fn days_and_times_read_naturally() {
        assert_eq!(days_text(&employee(SignIn::Waiting, 1), Lang::En), "1 day left");
        assert_eq!(days_text(&employee(SignIn::ExpiresSoon, 0), Lang::En), "expires today");
        assert_eq!(days_text(&employee(SignIn::MustReissue, -3), Lang::En), "expired 3 days ago");
        assert_eq!(days_text(&employee(SignIn::SignedIn, -3), Lang::En), "");
        assert_eq!(days_text(&employee(SignIn::Waiting, 12), Lang::ZhTw), "還有 12 天");
        assert_eq!(days_text(&employee(SignIn::MustReissue, -3), Lang::ZhTw), "3 天前到期");
        assert_eq!(when(dt("2025-06-10 09:30:00")), "2025-06-10 09:30");
        assert_eq!(when(dt("2025-06-10 09:30:15")), "2025-06-10 09:30:15");
    }

    #[test]
    fn renders_escaped_without_script_and_deterministically() {
        let r = report(vec![employee(SignIn::MustReissue, -3), employee(SignIn::SignedIn, 10)]);
        let html = render(&r);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("o&#x27;brien&amp;co@<wbr>contoso.<wbr>com"));
        assert!(html.contains(">obrien.<wbr>co@<wbr>contoso.<wbr>onmicrosoft.<wbr>com</span>"));
        assert!(html.contains("must re-add"));
        assert!(!html.contains("href=\"index.html\""), "no index to link to");
        assert_eq!(html, render(&r));
    }

    /// 2 disagreements (an account the export lacks, a stranger) and 3
    /// cells that could not be read: the banner counts each apart.
    #[test]
    fn the_banner_counts_disagreements_apart_from_unreadable_cells() {
        let mut r = report(vec![employee(SignIn::SignedIn, 10)]);
        let finding = |rule, message: &str| Finding::new("status.csv", 3, 2, rule, message.into());
        r.findings.push(finding(Rule::MissingStatus, "not in the status export"));
        for _ in 0..3 {
            r.findings.push(finding(Rule::InvalidValue, "\"maybe\" is not yes or no"));
        }
        let html = render(&r);
        let banner = html.split("<p class=\"banner").nth(1).expect("a banner");
        let banner = &banner[..banner.find("</p>").unwrap()];
        assert!(
            banner.contains("disagree in 2 places, and 3 cells or rows of the status export could not be read"),
            "{banner}"
        );
        r.findings.retain(|f| f.rule == Rule::InvalidValue);
        let html = render(&r);
        assert!(html.contains("but 3 cells or rows of the status export could not be read: see"), "{html}");
        assert!(!html.contains("disagree"), "{html}");
    }

    /// The page in the report's language: zh-TW has no English words of
    /// its own left, and English stays the default.
    #[test]
    fn the_page_is_in_the_reports_language() {
        let mut r = report(vec![employee(SignIn::MustReissue, -3), employee(SignIn::Waiting, 12)]);
        r.lang = Lang::ZhTw;
        let html = render(&r);
        assert!(html.contains("<html lang=\"zh-Hant-TW\">"), "{html}");
        for zh in ["轉換後的團隊狀態", "執行資訊", "必須移除後重新新增", "3 天前到期", "須重新新增", "本頁不含任何密碼"]
        {
            assert!(html.contains(zh), "no {zh} in {html}");
        }
        let text = html.split("<main>").nth(1).unwrap();
        for en in [
            "Run facts",
            "Totals",
            "signed in",
            "days left",
            "days ago",
            "expired",
            "Must be removed",
            "Username",
            "Next apply",
            "Findings",
        ] {
            assert!(!text.contains(en), "{en} in the zh-TW page: {text}");
        }
        r.lang = Lang::En;
        assert!(render(&r).contains("<h2>Run facts</h2>"));
    }

    #[test]
    fn employee_tables_stop_at_the_row_budget() {
        let many: Vec<_> = (0..MAX_EMPLOYEE_ROWS + 5).map(|_| employee(SignIn::Waiting, 30)).collect();
        let mut r = report(many);
        r.organizations
            .push(OrgStatus { employees: vec![employee(SignIn::Waiting, 30)], ..OrgStatus::new("2345678".into()) });
        let links = Links { index: true, org_page: &|_| true, listing: false, name: &|_| None };
        let v = view(&r, &links);
        assert_eq!(v.organizations.len(), 1);
        assert_eq!(v.organizations[0].employees.len(), MAX_EMPLOYEE_ROWS);
        assert_eq!(v.organizations[0].more.n, 5);
        assert_eq!(v.more_employees.n, 6);
        assert_eq!(v.more_organizations.n, 1);
        assert_eq!(v.summary.rows.len(), 2);
    }
}
