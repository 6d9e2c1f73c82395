//! Security review of every output (see SECURITY.md, which names these tests):
//! hostile names in the HTML report, header injection in sign-on emails,
//! formula cells, private files and folders, path traversal through input
//! values, a tampered ledger and planted links in a shared output folder, and
//! control characters in what the tool prints.

use crate::common::*;
use std::collections::BTreeSet;
use std::path::Path;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

fn assert_no_panic(run: &Run) {
    assert_ne!(run.code, 101, "panicked: {run:?}");
    assert!(!run.stderr.contains("panicked"), "panicked: {run:?}");
}

/// Every file and folder below the work directory that is not below `out`.
fn outside(wrk: &Workdir, out: &str) -> BTreeSet<String> {
    wrk.listing().into_iter().filter(|p| p != out && !p.starts_with(&format!("{out}/"))).collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A CSV text from rows of fields, quoted as needed (fields may hold line breaks).
fn csv_rows<R: AsRef<[S]>, S: AsRef<[u8]>>(header: &str, rows: &[R]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header.split(',')).unwrap();
    for r in rows {
        w.write_record(r.as_ref()).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

// ---- the HTML report ----

const HTML_PAYLOADS: [&str; 7] = [
    "<script>alert(1)</script>",
    "\" onmouseover=\"x",
    "' onmouseover='x",
    "javascript:alert(1)",
    "<a href=\"javascript:alert(1)\">x</a>",
    "</style><svg onload=alert(1)>",
    "{{ 7*7 }}{% raw %}",
];

/// Values of the link attributes (`href`, `src`, `action`, `formaction`) of
/// every tag in `html`. Input text is escaped, so a raw `<` always opens a tag.
fn link_targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        for attr in [" href=", " src=", " action=", " formaction=", " xlink:href="] {
            for (i, _) in tag.match_indices(attr) {
                let rest = &tag[i + attr.len()..];
                let value = match rest.chars().next() {
                    Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                    _ => rest.split([' ', '>']).next().unwrap_or(""),
                };
                out.push(value.to_string());
            }
        }
    }
    out
}

#[test]
fn html_escapes_script_attribute_and_url_payloads_in_every_name() {
    // Each payload as an organisation name, a first name, a last name, a job
    // title and a certification; plus a blocked organisation (listed with its reasons).
    let mut m_rows: Vec<Vec<String>> = Vec::new();
    let mut e_rows: Vec<Vec<String>> = Vec::new();
    for (i, p) in HTML_PAYLOADS.iter().enumerate() {
        let id = (1_000_000 + i).to_string();
        let domain = format!("t{i}.onmicrosoft.com");
        let org = format!("Org {p} {i}");
        m_rows.push(
            vec![&id, &org, "Gold", "2024-09-01", "2025-08-31", "yes", &domain, "US"]
                .into_iter()
                .map(String::from)
                .collect(),
        );
        for (k, (first, role)) in [(*p, "admin"), ("Ann", "employee")].into_iter().enumerate() {
            let email = format!("p{k}@t{i}.com");
            e_rows.push(vec![&id, first, p, &email, role, p, p, "", p].into_iter().map(String::from).collect());
        }
    }
    let blocked = format!("Blocked {}", HTML_PAYLOADS[0]);
    m_rows.push(
        vec!["2999999", &blocked, "Gold", "not-a-date", "2025-08-31", "yes", "b.onmicrosoft.com", "US"]
            .into_iter()
            .map(String::from)
            .collect(),
    );
    let m_text = csv_rows(MEMBERSHIPS_HEADER, &m_rows);
    let e_text = csv_rows(EMPLOYEES_HEADER, &e_rows);
    let wrk = Workdir::with_inputs(&m_text, &e_text);
    let run = wrk.plan("out", &[]);
    assert_no_panic(&run);
    run.assert_code(1); // the blocked organisation

    let pages: Vec<String> = wrk.files_under("out").into_iter().filter(|f| f.ends_with(".html")).collect();
    assert!(pages.len() > HTML_PAYLOADS.len(), "an index and one page per organisation: {pages:?}");
    let mut escaped_script = 0;
    for page in &pages {
        let html = wrk.read_string(page);
        for raw in [
            "<script",
            "<svg onload",
            "<a href=\"javascript",
            "\" onmouseover=\"x",
            "' onmouseover='x",
            "</style><svg",
            "&lt;script&gt;alert(1)</script>",
        ] {
            assert!(!html.contains(raw), "{page} contains the raw payload {raw:?}");
        }
        // Template syntax in a value is printed, never evaluated.
        assert!(!html.contains(">49<") && !html.contains(" 49 "), "{page} evaluated a template expression");
        for target in link_targets(&html) {
            let t = target.trim().to_ascii_lowercase();
            assert!(!t.starts_with("javascript:") && !t.starts_with("data:"), "{page}: link to {target:?}");
            assert!(
                t.starts_with('#')
                    || ["plan.json", "findings.csv", "../index.html", "index.html"].contains(&t.as_str())
                    || (page.contains("/orgs/") && t == "style.css")
                    || (t.starts_with("orgs/") && t.ends_with(".html")),
                "{page}: a link leaves the report: {target:?}"
            );
        }
        escaped_script += html.matches("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;").count();
    }
    assert!(escaped_script > 0, "the script payload is shown, escaped");
}

// ---- sign-on emails ----

#[test]
fn a_name_cannot_add_a_header_to_a_sign_on_email() {
    let m = csv_rows(
        MEMBERSHIPS_HEADER,
        &[&[
            "1234567",
            "Contoso\r\nBcc: boss@evil.example",
            "Gold",
            "2024-09-01",
            "2025-08-31",
            "yes",
            "contoso.onmicrosoft.com",
            "US",
        ]],
    );
    let e = csv_rows(
        EMPLOYEES_HEADER,
        &[
            &[
                "1234567",
                "Anna\r\nBcc: all@evil.example",
                "Lee\nX-Injected: 1",
                "anna@contoso.com",
                "admin",
                "",
                "",
                "",
                "",
            ],
            &["1234567", "Ben", "Ng\r\n\r\nFake body", "ben@contoso.com", "employee", "", "", "", ""],
        ],
    );
    let wrk = Workdir::with_inputs(m, e);
    let run = wrk.apply("out", &["--creation", "individual"]);
    assert_no_panic(&run);
    run.assert_code(0);
    let emls = wrk.files_under("out/outbox");
    assert_eq!(emls.len(), 2, "{:?}", wrk.listing());
    const HEADERS: [&str; 9] = [
        "From:",
        "To:",
        "Subject:",
        "Date:",
        "Message-ID:",
        "Content-Language:",
        "MIME-Version:",
        "Content-Type:",
        "Content-Transfer-Encoding:",
    ];
    for f in &emls {
        let text = wrk.read_string(f);
        let (head, _) = text.split_once("\r\n\r\n").expect("a header block");
        // A line is a header of its own or the folded continuation of one.
        for line in head.split("\r\n") {
            assert!(
                line.starts_with(' ') || HEADERS.iter().any(|h| line.starts_with(h)),
                "{f}: unexpected header line {line:?}"
            );
            assert!(!line.contains('\n') && !line.contains('\r'), "{f}: a bare line break in {line:?}");
        }
        assert_eq!(head.split("\r\n").filter(|l| !l.starts_with(' ')).count(), HEADERS.len(), "{f}: {head}");
    }
}

// ---- CSV outputs ----

#[test]
fn findings_csv_cells_never_start_with_a_formula_character() {
    // Formula payloads in every column, on rows with errors so they reach findings.csv.
    let p = "=HYPERLINK(\"http://evil.example\",\"x\")";
    let m = csv_rows(MEMBERSHIPS_HEADER, &[&[p, p, p, p, p, p, p, p], &["+1234", "-x", "@x", p, p, p, p, p]]);
    let e =
        csv_rows(EMPLOYEES_HEADER, &[&[p, p, p, p, p, p, p, p, p], &["@1", "-1", "+1", "=1@x.com", "-2", p, p, p, p]]);
    let wrk = Workdir::with_inputs(m, e);
    let run = wrk.plan("out", &[]);
    assert_no_panic(&run);
    run.assert_code(1);
    let bytes = wrk.read("out/findings.csv");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[..]);
    let mut rows = 0;
    for rec in reader.records() {
        let rec = rec.unwrap();
        rows += 1;
        for cell in rec.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula cell {cell:?} in {rec:?}");
        }
    }
    assert!(rows > 10, "the payloads produced findings: {rows}");
}

// ---- private files and folders ----

#[cfg(unix)]
#[test]
fn secret_folders_are_private_even_when_they_existed_open() {
    let wrk = Workdir::baseline();
    // A folder the tool made (a plan marked it) whose secret folders someone opened up.
    wrk.plan("out", &[]).assert_code(0);
    for dir in ["out/credentials", "out/outbox"] {
        std::fs::create_dir_all(wrk.path(dir)).unwrap();
        set_mode(&wrk.path(dir), 0o777);
    }
    let run = wrk.apply("out", &["--creation", "individual"]);
    assert_no_panic(&run);
    run.assert_code(0);
    // The folders that hold secret files; out/outbox itself holds only folders.
    for dir in ["out/credentials", "out/outbox/1234567", "out/outbox/2345678"] {
        assert_eq!(mode(&wrk.path(dir)), 0o700, "mode of {dir}");
    }
    for f in wrk.files_under("out/credentials").iter().chain(&wrk.files_under("out/outbox")) {
        assert_eq!(mode(&wrk.path(f)), 0o600, "mode of {f}");
    }
    // Files without secrets are readable as usual.
    for f in ["out/plan.json", "out/findings.csv", "out/index.html", "out/ledger.csv"] {
        assert_eq!(mode(&wrk.path(f)), 0o644, "mode of {f}");
    }
}

#[test]
fn no_temporary_or_staging_files_are_left_behind() {
    let wrk = Workdir::baseline();
    wrk.plan("plan", &[]).assert_code(0);
    wrk.apply("apply", &["--creation", "individual"]).assert_code(0);
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, "1234567,Dan,Fox,dan@contoso.com,employee,,,,"]));
    wrk.apply("apply", &["--creation", "individual"]).assert_code(0);
    for p in wrk.listing() {
        let name = p.rsplit('/').next().unwrap();
        assert!(!name.starts_with(".pmc-migrate-") && !name.ends_with(".tmp"), "temporary file left: {p}");
        assert!(!p.contains(".staging"), "staging left: {p}");
    }
}

// ---- path traversal through input values ----

#[test]
fn traversal_payloads_in_mpn_id_email_and_domain_never_leave_the_output_folder() {
    let wrk = Workdir::new();
    let abs = wrk.path("abs-evil");
    let abs = abs.to_str().unwrap();
    let abs_domain = format!("{abs}.com");
    let contoso: Vec<&str> = CONTOSO.split(',').collect();
    let anna: Vec<&str> = ANNA.split(',').collect();
    let m = csv_rows::<&[&str], _>(
        MEMBERSHIPS_HEADER,
        &[
            &contoso,
            &["../../evil1", "Evil One", "Gold", "2024-09-01", "2025-08-31", "no", "e1.onmicrosoft.com", "US"],
            &[abs, "Evil Abs", "Gold", "2024-09-01", "2025-08-31", "no", "e2.onmicrosoft.com", "US"],
            &["..\\..\\evil3", "Evil Three", "Gold", "2024-09-01", "2025-08-31", "no", "e3.onmicrosoft.com", "US"],
            &["1234567/../../evil4", "Evil Four", "Gold", "2024-09-01", "2025-08-31", "no", "e4.onmicrosoft.com", "US"],
            &["3456789", "Evil Domain", "Gold", "2024-09-01", "2025-08-31", "no", "../../evil5.com", "US"],
            &["4567890", "Evil Abs Domain", "Gold", "2024-09-01", "2025-08-31", "no", &abs_domain, "US"],
            &["5678901", "Evil Domain 2", "Gold", "2024-09-01", "2025-08-31", "no", "x.com/../../evil6", "US"],
        ],
    );
    let e = csv_rows::<&[&str], _>(
        EMPLOYEES_HEADER,
        &[
            &anna,
            &["1234567", "Ev", "Il", "../../evil7@contoso.com", "employee", "", "", "", ""],
            &["1234567", "Ev", "Il", "a/../../evil8@contoso.com", "employee", "", "", "", ""],
            // A slash is legal in an address; the username turns it into a dot.
            &["1234567", "Ev", "Il", "evil9/x@contoso.com", "employee", "", "", "", ""],
            &["1234567", "../../evil10", "/etc/passwd", "!!!@contoso.com", "employee", "", "", "", ""],
            &["1234567", "Ev", "Il", &format!("{abs}@contoso.com"), "employee", "", "", "", ""],
            &["../../evil1", "Ev", "Il", "ev@contoso.com", "admin", "", "", "", ""],
            &[abs, "Ev", "Il", "ev2@contoso.com", "admin", "", "", "", ""],
            &["3456789", "Ev", "Il", "ev3@contoso.com", "admin", "", "", "", ""],
        ],
    );
    wrk.create(M, m);
    wrk.create(E, e);
    let before = outside(&wrk, "out");
    for extra in [
        vec![],
        vec!["--skip-invalid", "--creation", "individual"],
        vec!["--skip-invalid"],
        vec!["--dry-run", "--creation", "individual"],
    ] {
        let run = wrk.apply("out", &extra);
        assert_no_panic(&run);
        run.assert_code(1);
    }
    let validate = wrk.validate(&[]);
    assert_no_panic(&validate);
    validate.assert_code(1);
    assert_eq!(outside(&wrk, "out"), before, "files appeared outside --out");
    assert!(!Path::new(abs).exists() && !Path::new(&abs_domain).exists());

    // Inside --out, secrets and pages are named by digits and usernames only.
    let files = wrk.files_under("out");
    assert!(!wrk.files_under("out/credentials").is_empty(), "the valid organisation was applied: {files:?}");
    let username_eml = |name: &str| {
        name.strip_suffix("@contoso.onmicrosoft.com.eml").is_some_and(|local| {
            !local.is_empty()
                && local.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b".-_".contains(&b))
        })
    };
    for f in &files {
        let rel = f.strip_prefix("out/").unwrap();
        let ok = ["plan.json", "findings.csv", "index.html", "ledger.csv", ".pmc-migrate.lock", ".pmc-migrate"]
            .contains(&rel)
            || rel == "credentials/1234567.csv"
            || ["orgs/1234567.html", "orgs/style.css"].contains(&rel)
            || rel.strip_prefix("outbox/1234567/").is_some_and(username_eml);
        assert!(ok, "unexpected file {f}");
    }
    assert!(wrk.exists("out/outbox/1234567/evil9.x@contoso.onmicrosoft.com.eml"), "{files:?}");
}

// ---- a shared output folder ----

#[test]
fn a_tampered_ledger_is_refused_and_never_names_a_path() {
    // Someone with write access to the output folder edits a username in the
    // ledger; the status export says it never signed in, so R7 would reissue it.
    for mode in ["individual", "bulk"] {
        let wrk = Workdir::baseline();
        wrk.apply("out", &["--creation", mode]).assert_code(0);
        let ledger = wrk.read_string("out/ledger.csv");
        let evil = "../../../evil/ben@contoso.onmicrosoft.com";
        let tampered = ledger.replace("ben@contoso.onmicrosoft.com", evil);
        assert_ne!(ledger, tampered);
        wrk.create("out/ledger.csv", &tampered);
        wrk.create("status.csv", format!("username,signed_in\n{evil},no\n"));
        let before = outside(&wrk, "out");
        let run = wrk.apply("out", &["--creation", mode, "--as-of", "2025-09-15", "--status", "status.csv"]);
        assert_no_panic(&run);
        assert_eq!(outside(&wrk, "out"), before, "files appeared outside --out");
        run.assert_code(2);
        assert!(run.stderr.contains("ledger.csv"), "the error names the ledger: {run:?}");
        assert!(
            wrk.files_under("out/credentials").iter().all(|f| !f.contains(".run")),
            "no new credentials from a tampered ledger: {:?}",
            wrk.listing()
        );
    }
}

#[cfg(unix)]
#[test]
fn planted_links_in_the_output_folder_are_not_followed() {
    // A link planted in a shared output folder must not carry secrets, pages
    // or reports out of it, nor change the mode of its target: folder links
    // (also one level down), and dangling links where the tool writes a file.
    let folders = ["credentials", "outbox", "orgs", ".staging", "outbox/1234567"];
    let files = [".pmc-migrate.lock", "plan.json", "index.html", "findings.csv", "ledger.csv"];
    for name in folders.iter().chain(&files) {
        let wrk = Workdir::baseline();
        let link = wrk.path(&format!("out/{name}"));
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::fs::create_dir_all(wrk.path("elsewhere")).unwrap();
        set_mode(&wrk.path("elsewhere"), 0o755);
        let up = "../".repeat(name.matches('/').count() + 1);
        let target = if files.contains(name) { format!("{up}elsewhere/{name}") } else { format!("{up}elsewhere") };
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let run = wrk.apply("out", &["--creation", "individual"]);
        assert_no_panic(&run);
        assert!(run.code == 0 || run.code == 2, "{run:?}");
        assert_eq!(wrk.files_under("elsewhere"), Vec::<String>::new(), "out/{name} was followed: {run:?}");
        assert_eq!(mode(&wrk.path("elsewhere")), 0o755, "out/{name}: the link's target changed mode");
    }
}

// ---- what the tool prints ----

/// Control characters other than a line feed in `text`.
fn controls(text: &str) -> Vec<char> {
    text.chars().filter(|&c| c.is_control() && c != '\n').collect()
}

#[test]
fn printed_reports_carry_no_control_characters_from_the_input() {
    // Escape sequences that retitle or clear a terminal, in a header and in values.
    let esc = "\u{1b}]0;pwned\u{7}\u{1b}[2J\r";
    let header = format!("{EMPLOYEES_HEADER},note{esc}");
    let e = csv_rows(
        &header,
        &[
            &["1234567", "Anna", "Lee", "anna@contoso.com", "admin", "", "", "", "", ""],
            &[
                "1234567",
                &format!("Ben{esc}"),
                "Ng",
                &format!("ben{esc}@x.com"),
                &format!("own{esc}er"),
                "",
                "",
                "",
                "",
                "",
            ],
            &["2345678", "Carla", "Diaz", "carla@fabrikam.com", "admin", "", "", &format!("AZ{esc}"), "", ""],
        ],
    );
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), e);
    for format in ["text", "github", "junit", "json"] {
        let run = wrk.validate(&["--format", format]);
        assert_no_panic(&run);
        run.assert_code(1);
        assert_eq!(controls(&run.stdout), Vec::<char>::new(), "--format {format} printed control characters");
        assert_eq!(controls(&run.stderr), Vec::<char>::new(), "--format {format}: stderr");
    }
    let args: Vec<String> = out_args("plan", "out", &[]).into_iter().filter(|a| a != "--quiet").collect();
    let run = wrk.run(&args);
    assert_no_panic(&run);
    assert_eq!(controls(&run.stdout), Vec::<char>::new(), "plan printed control characters");
}
