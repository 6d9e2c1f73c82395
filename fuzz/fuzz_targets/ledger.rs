//! `ledger.csv` is read back from the output folder, which may be shared: any
//! bytes through `Ledger::parse` give a ledger or a `Corrupt` error naming a
//! line, never a panic; a ledger that parses renders to bytes that parse to
//! the same ledger, and renders the same way again; every account it accepts
//! has a username that can name no path.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pmc_migrate::{LedgerError, parse_ledger, render_ledger};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("out/ledger.csv");
    let ledger = match parse_ledger(data, path) {
        Ok(l) => l,
        Err(LedgerError::Corrupt { line, .. }) => {
            assert!(line >= 1);
            return;
        }
        Err(e) => panic!("parsing bytes can only find them corrupt: {e}"),
    };
    for a in ledger.accounts.values() {
        let (local, domain) = a.username.split_once('@').expect("an accepted username has @");
        assert!(!local.is_empty() && !local.contains(['/', '\\']) && local != "..", "{:?}", a.username);
        assert!(!domain.contains(['/', '\\']), "{:?}", a.username);
        assert!(a.mpn_id.bytes().all(|b| b.is_ascii_digit()), "{:?}", a.mpn_id);
        assert!(!a.credentials_file.to_string().contains(".."), "{:?}", a.credentials_file);
    }
    for id in ledger.enrolments.keys() {
        assert!(id.bytes().all(|b| b.is_ascii_digit()), "{id:?}");
    }
    let bytes = render_ledger(&ledger);
    let again = parse_ledger(&bytes, path).expect("a rendered ledger parses");
    assert_eq!(again, ledger, "render → parse round trip");
    assert_eq!(render_ledger(&again), bytes, "rendering is stable");
});
