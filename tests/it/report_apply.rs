//! The HTML report of a real run (`pmc-migrate apply`): index.html gains an
//! Apply section (run, refusal, per organisation created / kept / reissued /
//! left and where the credential files are, the people who left the export),
//! each organisation page the same counts and files; never a password. Plan
//! and `apply --dry-run` pages have no such section.

use crate::common::*;

const DAN: &str = "1234567,Dan,Fox,dan@contoso.com,employee,,,,";
const ELLA: &str = "1234567,Ella,Park,ella@contoso.com,employee,,,,";
const BEN_U: &str = "ben@contoso.onmicrosoft.com";

/// HTML text back to plain text (the entities tera's autoescaping writes).
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The `<section>` with `id`, unescaped.
fn section(html: &str, id: &str) -> String {
    let start = html.find(&format!("<section class=\"card\" id=\"{id}\">")).unwrap_or_else(|| panic!("no #{id}"));
    let end = start + html[start..].find("</section>").expect("section end");
    unescape(&html[start..end])
}

/// The index's apply part: its counts near the top ("apply") and its tables
/// after the summary ("apply-orgs"), unescaped.
fn index_apply(html: &str) -> String {
    section(html, "apply") + &section(html, "apply-orgs")
}

/// The cells of the table row whose first cell is `first`, tags stripped
/// (several `<div>`s or `<code>`s in one cell are joined with a space).
fn row(section: &str, first: &str) -> Vec<String> {
    let needle = format!(">{first}</td>");
    let start = section.find(&needle).unwrap_or_else(|| panic!("no row {first} in {section}"));
    let start = section[..start].rfind("<tr>").expect("row start");
    let end = start + section[start..].find("</tr>").expect("row end");
    section[start..end]
        .split("<td")
        .skip(1)
        .map(|cell| {
            let cell = &cell[cell.find('>').expect("td") + 1..];
            let mut text = String::new();
            let mut in_tag = false;
            for c in cell.replace("</div><div", "</div> <div").replace("</code><code", "</code> <code").chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.trim().to_string()
        })
        .collect()
}

/// Every temporary password in every credentials file under `out`.
fn passwords(wrk: &Workdir, out: &str) -> Vec<String> {
    let mut all = Vec::new();
    for f in wrk.files_under(&format!("{out}/credentials")) {
        let text = wrk.read_string(&f);
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for r in reader.records() {
            all.push(r.unwrap()[3].to_string());
        }
    }
    assert!(!all.is_empty(), "no passwords under {out}");
    all
}

/// No password appears in any HTML file under `out`, raw or escaped.
fn assert_no_password_in_html(wrk: &Workdir, out: &str) {
    let pages: Vec<String> = wrk.files_under(out).into_iter().filter(|f| f.ends_with(".html")).collect();
    assert!(pages.len() >= 2, "{pages:?}");
    for p in passwords(wrk, out) {
        let escaped = p.replace('&', "&amp;");
        for page in &pages {
            let html = wrk.read_string(page);
            assert!(!html.contains(&p) && !html.contains(&escaped), "a password is in {page}");
        }
    }
}

fn status_csv(rows: &[&str]) -> String {
    csv("username,signed_in,pu_connected,associated_at", rows)
}

// ---- a real run ----

#[test]
fn first_apply_shows_created_counts_and_credential_files() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let html = wrk.read_string("out/index.html");
    assert!(html.contains("<a href=\"#apply\">Apply</a>"), "no nav link to the apply section");
    let apply = index_apply(&html);
    assert!(apply.contains("Apply · run 1"), "{apply}");
    assert!(!apply.contains("apply refused"), "{apply}");
    assert_eq!(
        row(&apply, "1234567"),
        ["1234567", "Contoso Ltd", "2", "0", "0", "0", "credentials/1234567.csv"],
        "MPN ID, organisation, created, kept, reissued, left, credential files"
    );
    assert_eq!(row(&apply, "2345678"), ["2345678", "Fabrikam Inc", "1", "0", "0", "0", "credentials/2345678.csv"]);
    assert!(apply.contains("People who left the export") && apply.contains("None"), "{apply}");
    let facts = section(&html, "run");
    assert!(facts.contains("<dt>Apply</dt><dd>run 1"), "{facts}");

    let org = section(&wrk.read_string("out/orgs/1234567.html"), "apply");
    assert!(org.contains("Apply · run 1"), "{org}");
    assert!(org.contains("<div class=\"value\">2</div><div class=\"label\">Created</div>"), "{org}");
    assert!(org.contains("<code>credentials/1234567.csv</code>"), "{org}");
    assert!(!org.contains("2345678.csv"), "another organisation's file on Contoso's page: {org}");
    assert_no_password_in_html(&wrk, "out");
}

#[test]
fn second_apply_shows_created_kept_reissued_and_left_per_organisation() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, BEN, CARLA, ELLA]));
    wrk.apply("out", &[]).assert_code(0);
    // 91 days on: Ben never signed in (reissue), Ella left, Dan is new.
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.create("status.csv", status_csv(&[&format!("{BEN_U},no,,")]));
    let day_91 = add_days(AS_OF, 91);
    wrk.apply("out", &["--as-of", &day_91, "--status", "status.csv"]).assert_code(0);

    let html = wrk.read_string("out/index.html");
    let apply = index_apply(&html);
    assert!(apply.contains("Apply · run 2"), "{apply}");
    assert_eq!(
        row(&apply, "1234567"),
        ["1234567", "Contoso Ltd", "1", "1", "1", "1", "credentials/1234567.csv credentials/1234567.run2.csv"]
    );
    assert_eq!(row(&apply, "2345678"), ["2345678", "Fabrikam Inc", "0", "1", "0", "0", "credentials/2345678.csv"]);
    // The tiles: totals over every organisation.
    for (value, label) in
        [("1", "Created"), ("2", "Kept from the ledger"), ("1", "Reissued (R7)"), ("1", "Left the export")]
    {
        assert!(
            apply.contains(&format!("<div class=\"value\">{value}</div><div class=\"label\">{label}</div>")),
            "tile {label} = {value}: {apply}"
        );
    }
    // Who left: MPN ID, email, username, the run that issued the account.
    assert_eq!(row(&apply, "ella@contoso.com"), ["1234567", "ella@contoso.com", "ella@contoso.onmicrosoft.com", "1"]);

    let org = section(&wrk.read_string("out/orgs/1234567.html"), "apply");
    for (value, label) in
        [("1", "Created"), ("1", "Kept from the ledger"), ("1", "Reissued (R7)"), ("1", "Left the export")]
    {
        assert!(
            org.contains(&format!("<div class=\"value\">{value}</div><div class=\"label\">{label}</div>")),
            "Contoso tile {label} = {value}: {org}"
        );
    }
    assert!(org.contains("<code>credentials/1234567.csv</code>"), "{org}");
    assert!(org.contains("<code>credentials/1234567.run2.csv</code>"), "{org}");
    assert!(org.contains("ella@contoso.onmicrosoft.com"), "Ella is not listed as left on Contoso's page: {org}");
    let fabrikam = section(&wrk.read_string("out/orgs/2345678.html"), "apply");
    assert!(fabrikam.contains("<code>credentials/2345678.csv</code>") && !fabrikam.contains("1234567"), "{fabrikam}");
    assert_no_password_in_html(&wrk, "out");
}

#[test]
fn an_apply_with_nothing_new_says_so() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk.apply("out", &[]).assert_code(0);
    let apply = index_apply(&wrk.read_string("out/index.html"));
    assert!(apply.contains("Nothing new to issue"), "{apply}");
    assert_eq!(row(&apply, "1234567"), ["1234567", "Contoso Ltd", "0", "2", "0", "0", "credentials/1234567.csv"]);
}

#[test]
fn individual_mode_names_the_outbox_folder() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    assert!(!wrk.files_under("out/outbox/1234567").is_empty());
    let apply = index_apply(&wrk.read_string("out/index.html"));
    assert!(apply.contains("<th>Sign-on emails</th>"), "{apply}");
    let cells = row(&apply, "1234567");
    assert_eq!(cells.last().map(String::as_str), Some("outbox/1234567/"), "{cells:?}");
    let org = section(&wrk.read_string("out/orgs/1234567.html"), "apply");
    assert!(org.contains("<code>outbox/1234567/</code>"), "{org}");
    assert_no_password_in_html(&wrk, "out");
    // In bulk mode Partner Center sends the emails: no outbox column.
    let bulk = Workdir::baseline();
    bulk.apply("out", &[]).assert_code(0);
    assert!(!index_apply(&bulk.read_string("out/index.html")).contains("Sign-on emails"));
}

// ---- refused ----

#[test]
fn a_refused_apply_shows_the_refused_banner_and_writes_no_credentials() {
    // Fabrikam has nobody but an employee: org-without-admin, an error.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, "2345678,Carla,Diaz,carla@fabrikam.com,employee,,,,"]),
    );
    let run = wrk.apply("out", &[]);
    run.assert_code(1);
    assert!(wrk.files_under("out/credentials").is_empty());
    let html = wrk.read_string("out/index.html");
    assert!(
        html.contains("<p class=\"banner error\">apply refused: no credentials were written; fix the errors or use --skip-invalid</p>"),
        "no refused banner"
    );
    let apply = index_apply(&html);
    assert!(apply.contains("Apply refused"), "{apply}");
    assert!(apply.contains("nothing has been applied into this folder yet"), "{apply}");
    assert_eq!(row(&apply, "1234567"), ["1234567", "Contoso Ltd", "2", "0", "0", "0", "none yet"]);
    let org = wrk.read_string("out/orgs/1234567.html");
    assert!(org.contains("apply refused: no credentials were written"), "no refused banner on the organisation page");
    // With --skip-invalid the valid organisation is applied.
    wrk.apply("out", &["--skip-invalid"]).assert_code(1);
    let html = wrk.read_string("out/index.html");
    assert!(!html.contains("apply refused"), "refused after --skip-invalid");
    assert_eq!(
        row(&index_apply(&html), "1234567"),
        ["1234567", "Contoso Ltd", "2", "0", "0", "0", "credentials/1234567.csv"]
    );
}

// ---- plan output is unchanged ----

#[test]
fn plan_and_dry_run_pages_have_no_apply_section_and_are_identical() {
    let wrk = Workdir::baseline();
    wrk.plan("plan", &[]).assert_code(0);
    wrk.apply("dry", &["--dry-run"]).assert_code(0);
    let pages = |out: &str| -> Vec<(String, Vec<u8>)> {
        wrk.files_under(out)
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .map(|f| (f[out.len()..].to_string(), wrk.read(&f)))
            .collect()
    };
    let plan = pages("plan");
    assert_eq!(plan.len(), 3, "index.html and two organisation pages");
    assert_eq!(plan, pages("dry"), "plan and apply --dry-run pages differ");
    for (name, bytes) in &plan {
        let html = String::from_utf8(bytes.clone()).unwrap();
        assert!(!html.contains("id=\"apply\""), "{name} has an apply section");
        assert!(!html.contains("href=\"#apply\""), "{name} links to an apply section");
        assert!(!html.contains("apply refused"), "{name}");
        assert!(!html.contains("status.html"), "{name} links to a status page that is not there");
    }
    // The shape of the plan index: its sections, in order.
    let index = String::from_utf8(plan[0].1.clone()).unwrap();
    let ids: Vec<&str> = index
        .match_indices("<section class=\"card\" id=\"")
        .map(|(i, m)| {
            let rest = &index[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        ids,
        [
            "totals",
            "will-do",
            "findings",
            "run",
            "changes",
            "organisations",
            "left-out",
            "accounts",
            "admin",
            "employee"
        ]
    );

    // A plan into a folder an apply wrote: still no apply section.
    wrk.apply("out", &[]).assert_code(0);
    assert!(wrk.read_string("out/index.html").contains("id=\"apply\""));
    wrk.plan("out", &[]).assert_code(0);
    assert!(!wrk.read_string("out/index.html").contains("id=\"apply\""));
    assert!(!wrk.read_string("out/orgs/1234567.html").contains("id=\"apply\""));
}
