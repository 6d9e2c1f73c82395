//! design §5 usernames: `plan::username::base_name` and `fit` with collision
//! suffixes, and `plan::accounts::assign_usernames` for a tenant of fuzzed
//! people. Every local part matches ^[a-z0-9._-]{1,64}$, never starts or ends
//! with `.`, keeps its suffix whole, and is unique inside the tenant.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pmc_migrate::{Candidate, assign_usernames};
use pmc_migrate::{base_name, fit};
use std::collections::HashSet;

fn check_local_part(local: &str) {
    assert!((1..=64).contains(&local.len()), "length of {local:?}");
    assert!(
        local.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')),
        "{local:?} has a character outside [a-z0-9._-]"
    );
    assert!(!local.starts_with('.') && !local.ends_with('.'), "{local:?} starts or ends with a dot");
}

fuzz_target!(|input: (String, String, String, u32, Vec<(String, String, String)>)| {
    let (email, first, last, n, others) = input;
    let base = base_name(&email, &first, &last);
    check_local_part(&base);
    // Deterministic.
    assert_eq!(base, base_name(&email, &first, &last));
    // Any collision suffix: the base is cut, never the suffix.
    for k in [2, 3, 10, 99, n.max(2), u32::MAX] {
        let suffix = k.to_string();
        let name = fit(&base, &suffix);
        check_local_part(&name);
        assert!(name.ends_with(&suffix), "{name:?} lost its suffix {suffix}");
        assert!(base.starts_with(name.strip_suffix(suffix.as_str()).unwrap_or(&name).trim_end_matches('.')));
    }

    // One tenant: the fuzzed person first, then up to 32 others, on distinct lines.
    let mut people = vec![Candidate { line: 2, email: &email, first: &first, last: &last }];
    for (i, (e, f, l)) in others.iter().take(32).enumerate() {
        // Lines from the selector, so the earliest-line rule is exercised out of order.
        let line = 3 + ((i as u64 * 7 + u64::from(n)) % 97) * 40 + i as u64;
        people.push(Candidate { line, email: e, first: f, last: l });
    }
    let reserved: HashSet<String> = if n % 2 == 0 { [base.clone()].into() } else { HashSet::new() };
    let mut findings = Vec::new();
    let names = assign_usernames(&people, "contoso.onmicrosoft.com", &reserved, "employees.csv", 4, &mut findings);
    assert_eq!(names.len(), people.len());
    let mut seen = HashSet::new();
    for name in &names {
        check_local_part(name);
        assert!(!reserved.contains(name), "{name:?} is reserved by the ledger");
        assert!(seen.insert(name.as_str()), "{name:?} handed out twice in one tenant");
    }
    // The earliest person with a given base keeps it when it is free.
    if reserved.is_empty() {
        assert_eq!(names[0], base, "line 2 is the earliest line and keeps its name");
    }
    for f in &findings {
        assert!(!f.message.chars().any(char::is_control), "control character in {f:?}");
    }
});
