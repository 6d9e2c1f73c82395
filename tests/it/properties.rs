//! Property tests (proptest): the date rules R1–R4, usernames of design §5,
//! deduplication, thread-count independence and plan.json round trips, each
//! over many generated inputs. Kept fast: 64–256 cases each.

use crate::common::*;
use chrono::{Months, NaiveDate};
use pmc_migrate::{Candidate, Employee, Ledger, Options, Role, assign_usernames, dedup, email_key, membership_dates};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};

// ---- generators ----

/// A date between 1990 and 2110, with leap days and month ends over-represented.
fn date() -> impl Strategy<Value = NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    prop_oneof![
        (0u64..44_000).prop_map(move |d| base.checked_add_days(chrono::Days::new(d)).unwrap()),
        // Leap days from 1992 to 2096 (2100 is not a leap year).
        (0i32..27).prop_map(|k| NaiveDate::from_ymd_opt(1992 + 4 * k, 2, 29).unwrap()),
        (1990i32..2110, 1u32..=12).prop_map(|(y, m)| {
            let first_of_next =
                if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
            first_of_next.unwrap().pred_opt().unwrap()
        }),
    ]
}

/// The local-part characters that matter: letters, digits, the kept
/// punctuation, runs of others, `+` tags, non-ASCII that transliterates (or not).
fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    let pieces = select(vec![
        "a",
        "Z",
        "7",
        ".",
        "..",
        "_",
        "-",
        "+",
        "+tag",
        "!",
        " ",
        "'",
        "\"",
        "/",
        "\\",
        "ä",
        "ß",
        "Ø",
        "é",
        "Ж",
        "語",
        "😀",
        "\u{301}",
        "\u{200b}",
        "\t",
        "\u{0}",
        "@",
        "x",
        "anna",
        "lee",
        ".a.",
        "LONGNAMEPART",
    ]);
    prop::collection::vec(pieces, 0..max).prop_map(|v| v.concat())
}

/// design §5: the part before `@` matches ^[a-z0-9._-]{1,64}$, never starting or ending with `.`,
/// never holding `..` (an RFC 5322 dot-atom).
pub(crate) fn assert_local_part(local: &str) {
    assert!((1..=64).contains(&local.len()), "length of {local:?}");
    assert!(
        local.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')),
        "{local:?} has a character outside [a-z0-9._-]"
    );
    assert!(!local.starts_with('.') && !local.ends_with('.'), "{local:?} starts or ends with a dot");
    assert!(!local.contains(".."), "{local:?} has an empty atom");
}

const MPN_IDS: [&str; 3] = ["1234567", "2345678", "1234"];
/// Spellings of few people: case, NFC/NFD and surrounding space make the same key.
const EMAILS: [&str; 8] = [
    "anna@contoso.com",
    "ANNA@Contoso.com",
    " anna@contoso.com ",
    "jos\u{e9}@contoso.com",
    "jose\u{301}@contoso.com",
    "JOS\u{c9}@CONTOSO.COM",
    "ben@contoso.com",
    "strasse@x.de",
];
const EXAMS: [&str; 5] = ["AZ-900", "AZ-104", "70-533", "MB-210T", "SC-100"];
const CERTS: [&str; 3] = ["MCSE", "MCSA", "Azure Fundamentals"];

fn employee() -> impl Strategy<Value = Employee> {
    (
        select(MPN_IDS.to_vec()),
        select(EMAILS.to_vec()),
        select(vec!["", "Ann", "Anna"]),
        select(vec!["", "Lee"]),
        any::<bool>(),
        select(vec!["", "CTO", "Dev"]),
        select(vec!["", "PU-1"]),
        prop::sample::subsequence(EXAMS.to_vec(), 0..=3),
        prop::sample::subsequence(CERTS.to_vec(), 0..=2),
    )
        .prop_map(|(mpn, email, first, last, admin, title, pu, exams, certs)| Employee {
            line: 0,
            mpn_id: pmc_migrate::MpnId::parse(mpn).expect("a valid MPN ID"),
            first_name: first.into(),
            last_name: last.into(),
            email: email.trim().to_string(),
            key: Employee::key_of(email, email_key(email)),
            role: if admin { Role::Admin } else { Role::Employee },
            job_title: title.into(),
            partner_university_id: pu.into(),
            exams: exams.into_iter().map(Into::into).collect(),
            certifications: certs.into_iter().map(Into::into).collect(),
            language: None,
        })
}

/// Employees on lines 2, 3, … in the order given (as validate hands them on).
fn employees_in_order() -> impl Strategy<Value = Vec<Employee>> {
    prop::collection::vec(employee(), 0..24).prop_map(|mut v| {
        for (i, e) in v.iter_mut().enumerate() {
            e.line = i as u64 + 2;
        }
        v
    })
}

/// What deduplication decides, independent of which row came first:
/// per (mpn_id, email key): admin or not, the exam set, the certification set.
type Merged = BTreeMap<(String, String), (Role, BTreeSet<String>, BTreeSet<String>)>;

fn merged(people: &[Employee]) -> Merged {
    people
        .iter()
        .map(|e| {
            (
                (e.mpn_id.to_string(), e.email_key().to_string()),
                (
                    e.role,
                    e.exams.iter().map(|x| x.to_string()).collect(),
                    e.certifications.iter().map(|x| x.to_string()).collect(),
                ),
            )
        })
        .collect()
}

/// A CSV text with `header` and `rows`, each field quoted as needed.
fn csv_text(header: &str, rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    w.write_record(header.split(',')).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// A small, dirty pair of exports: valid rows, broken ones, duplicates, collisions.
fn exports() -> impl Strategy<Value = (String, String)> {
    let membership = (
        select(vec!["1234567", "2345678", "3456789", "1234", "12a4", ""]),
        select(vec!["Contoso Ltd", "Fabrikam \"Inc\"", "<b>Bold</b>, Co", "Émile & Söhne", ""]),
        select(vec!["Gold", "Silver", "Action Pack", "Platinum"]),
        select(vec!["2024-09-01", "2024/10/01", "1/2/2024", "2024-02-30", ""]),
        select(vec!["2025-08-31", "2026-02-28", "2025-01-31", "2024-01-01", "3/4/2026", "x"]),
        select(vec!["yes", "no", "", "maybe"]),
        select(vec!["contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com", "contoso.onmicrosoft.com", "bad_domain"]),
    )
        .prop_map(|(a, b, c, d, e, f, g)| {
            [a, b, c, d, e, f, g, "US"].iter().map(|s| s.to_string()).collect::<Vec<_>>()
        });
    let employee = (
        select(vec!["1234567", "2345678", "3456789", "9999", "x1"]),
        select(vec!["Anna", "Ben", "", "Jürgen", "=cmd"]),
        select(vec!["Lee", "", "O'Brien"]),
        select(vec![
            "anna@contoso.com",
            "Anna@Contoso.com",
            "anna+pmc@contoso.com",
            "ben@contoso.com",
            "ben@fabrikam.com",
            "jürgen@fabrikam.com",
            "!!!@contoso.com",
            "not-an-email",
            "",
        ]),
        select(vec!["admin", "employee", "", "Global Admin", "owner"]),
        select(vec!["", "AZ-900", "az-104;70-533", "bogus;AZ-900"]),
    )
        .prop_map(|(a, b, c, d, e, f)| {
            [a, b, c, d, e, "", "", f, ""].iter().map(|s| s.to_string()).collect::<Vec<_>>()
        });
    (prop::collection::vec(membership, 0..6), prop::collection::vec(employee, 0..16))
        .prop_map(|(m, e)| (csv_text(MEMBERSHIPS_HEADER, &m), csv_text(EMPLOYEES_HEADER, &e)))
}

fn options(wrk: &Workdir, as_of: NaiveDate) -> Options {
    Options::new(wrk.path("memberships.csv"), wrk.path("employees.csv"), as_of)
}

fn day_by_day(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    let mut d = from;
    while d <= to {
        n += 1;
        d = d.succ_opt().unwrap();
    }
    n
}

// ---- R1–R4 ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// R1, R2, R4: pc_start is the cutover; pc_end is exactly one calendar year
    /// after the PMC end (after the cutover when expired), never before pc_start.
    #[test]
    fn pc_end_is_one_calendar_year_after_the_later_of_pmc_end_and_cutover(pmc_end in date(), as_of in date()) {
        let p = membership_dates(pmc_end, as_of);
        prop_assert_eq!(p.pc_start, as_of);
        let from = if pmc_end < as_of { as_of } else { pmc_end };
        prop_assert_eq!(Some(p.pc_end), from.checked_add_months(Months::new(12)));
        prop_assert!(p.pc_end > p.pc_start);
        prop_assert_eq!(p.expired, pmc_end < as_of);
    }

    /// R3: the overlap runs from the cutover to the PMC end, both counted, day by day.
    #[test]
    fn overlap_days_equal_a_day_by_day_count(as_of in date(), ahead in -400i64..1200) {
        let pmc_end = as_of.checked_add_signed(chrono::Duration::days(ahead)).unwrap();
        let p = membership_dates(pmc_end, as_of);
        prop_assert_eq!(p.overlap_days, day_by_day(as_of, pmc_end));
        if p.overlap_days == 0 {
            prop_assert!(p.expired);
            prop_assert_eq!((p.overlap_start, p.overlap_end), (None, None));
        } else {
            prop_assert_eq!((p.overlap_start, p.overlap_end), (Some(as_of), Some(pmc_end)));
        }
    }
}

// ---- usernames (design §5) ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every name fits ^[a-z0-9._-]{1,64}$ before the `@` (suffix included), never
    /// starts or ends with a dot, and no two people of one tenant share one.
    #[test]
    fn usernames_are_well_formed_and_unique_per_tenant(
        people in prop::collection::vec((nasty_text(12), nasty_text(3), nasty_text(3), 0u8..4), 1..40),
        lines in Just((2..200).collect::<Vec<u64>>()).prop_shuffle(),
        reserve in prop::collection::vec(select(vec!["anna", "user", "a", "a2", "x.a"]), 0..3),
    ) {
        // Long and colliding local parts: some repeat a stem, some are 60–80 characters.
        let emails: Vec<String> = people
            .iter()
            .map(|(local, _, _, kind)| match kind {
                0 => format!("{local}@x.com"),
                1 => format!("anna{local}@x.com"),
                2 => format!("{}{local}@x.com", "a".repeat(60)),
                _ => format!("{}.{}@x.com", "b".repeat(62), local),
            })
            .collect();
        let candidates: Vec<Candidate<'_>> = people
            .iter()
            .zip(&emails)
            .zip(&lines)
            .map(|(((_, first, last, _), email), &line)| Candidate { line, email, first, last })
            .collect();
        let reserved: HashSet<String> = reserve.iter().map(|s| s.to_string()).collect();
        let mut findings = Vec::new();
        let names = assign_usernames(&candidates, "contoso.onmicrosoft.com", &reserved, "employees.csv", 4, &mut findings);
        prop_assert_eq!(names.len(), candidates.len());
        let mut seen = HashSet::new();
        for name in &names {
            assert_local_part(name);
            prop_assert!(!reserved.contains(name), "{} is reserved", name);
            prop_assert!(seen.insert(name.clone()), "{} given twice", name);
        }
        for f in &findings {
            prop_assert_eq!(f.rule.id(), "username-collision");
        }
    }
}

// ---- dedup ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Deduplicating twice changes nothing, and the second pass finds no duplicates.
    #[test]
    fn dedup_is_idempotent(people in employees_in_order()) {
        let once = dedup(people, "employees.csv", 4);
        let twice = dedup(once.employees.clone(), "employees.csv", 4);
        prop_assert_eq!(&once.employees, &twice.employees);
        prop_assert!(
            twice.findings.iter().all(|f| f.rule.id() == "cross-org-employee"),
            "{:?}", twice.findings
        );
        let keys: HashSet<_> = once.employees.iter().map(|e| (&e.mpn_id, e.email_key())).collect();
        prop_assert_eq!(keys.len(), once.employees.len(), "one entry per person per organisation");
    }

    /// Who is kept, admin-ness and the merged exam and certification sets do not
    /// depend on the order of the rows.
    #[test]
    fn dedup_result_is_independent_of_input_order(
        (people, shuffled) in employees_in_order().prop_flat_map(|v| {
            let shuffled = Just(v.clone()).prop_shuffle();
            (Just(v), shuffled)
        })
    ) {
        let a = dedup(people, "employees.csv", 4);
        let b = dedup(shuffled, "employees.csv", 4);
        prop_assert_eq!(merged(&a.employees), merged(&b.employees));
        let dropped = |d: &pmc_migrate::Deduped| {
            d.findings.iter().filter(|f| f.rule.id() != "cross-org-employee").count()
        };
        prop_assert_eq!(dropped(&a), dropped(&b), "one finding per row merged or dropped");
    }
}

// ---- determinism and round trips through the whole pipeline ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The same findings and the same plan with 1 and 3 worker threads.
    #[test]
    fn findings_and_plan_are_identical_at_any_thread_count((m, e) in exports(), as_of in date()) {
        let wrk = Workdir::with_inputs(&m, &e);
        let opts = options(&wrk, as_of);
        let ledger = Ledger::default();
        let run = |jobs| pmc_migrate::with_jobs(Some(jobs), || pmc_migrate::check(&opts, &ledger, None)).unwrap();
        let (one, three) = (run(1), run(3));
        prop_assert_eq!(&one.findings, &three.findings);
        prop_assert_eq!(&one.plan, &three.plan);
        prop_assert_eq!(&one.blocked, &three.blocked);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// plan.json as the binary writes it parses, re-serializes to the same
    /// value, and holds exactly the plan (names, usernames, dates as YYYY-MM-DD).
    #[test]
    fn plan_json_round_trips((m, e) in exports()) {
        let wrk = Workdir::with_inputs(&m, &e);
        let run = wrk.plan("out", &[]);
        prop_assert!(run.code == 0 || run.code == 1, "{:?}", run);
        let bytes = wrk.read("out/plan.json");
        let value: Value = serde_json::from_slice(&bytes).expect("plan.json parses");
        let again = serde_json::to_vec_pretty(&value).unwrap();
        prop_assert_eq!(&serde_json::from_slice::<Value>(&again).unwrap(), &value);

        let opts = options(&wrk, NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap());
        let checked = pmc_migrate::check(&opts, &Ledger::default(), None).unwrap();
        let orgs = value["organizations"].as_array().expect("organizations");
        prop_assert_eq!(orgs.len(), checked.plan.organizations.len());
        for (json, org) in orgs.iter().zip(&checked.plan.organizations) {
            prop_assert_eq!(json["mpn_id"].as_str(), Some(org.mpn_id.as_str()));
            prop_assert_eq!(json["organization"].as_str(), Some(org.organization.as_str()));
            for (k, d) in [("pmc_end", org.pmc_end), ("pc_start", org.pc_start), ("pc_end", org.pc_end)] {
                prop_assert_eq!(json[k].as_str().map(String::from), Some(d.format("%Y-%m-%d").to_string()));
            }
            prop_assert_eq!(json["overlap_days"].as_u64(), Some(u64::from(org.overlap_days)));
            let accounts = json["accounts"].as_array().expect("accounts");
            prop_assert_eq!(accounts.len(), org.accounts.len());
            for (ja, a) in accounts.iter().zip(&org.accounts) {
                prop_assert_eq!(ja["email"].as_str(), Some(a.email.as_str()));
                prop_assert_eq!(ja["display_name"].as_str(), Some(a.display_name.as_str()));
                prop_assert_eq!(ja["username"].as_str(), Some(a.username.as_str()));
                prop_assert!(ja.get("temporary_password").is_none() && ja.get("password").is_none());
            }
        }
    }
}
