//! Arbitrary bytes as the memberships export: the first byte picks the read
//! options (encoding path, forced delimiter, date order, strict, creation),
//! the rest is the file. Loaded, then checked and planned against a fixed
//! employees export; see common/mod.rs for the invariants.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use pmc_migrate::MEMBERSHIPS;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let opts = common::options(selector);
    let memberships = common::load(common::MEMBERSHIPS_FILE, bytes, &MEMBERSHIPS, &opts);
    let employees = common::fixed_employees();
    let fixed = common::FIXED_EMPLOYEES.as_bytes();
    let fixed_in_dialect = common::fixed_for(&opts, common::FIXED_EMPLOYEES);
    common::validate(&memberships, &employees, &opts, (common::physical_lines(bytes), common::physical_lines(fixed)));
    common::pipeline(bytes, &fixed_in_dialect, &opts);
});
