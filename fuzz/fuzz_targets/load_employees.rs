//! Arbitrary bytes as the employees export: the first byte picks the read
//! options (encoding path, forced delimiter, date order, strict, creation),
//! the rest is the file. Loaded, then checked, deduplicated and planned
//! against a fixed memberships export; see common/mod.rs for the invariants.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use pmc_migrate::EMPLOYEES;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let opts = common::options(selector);
    let memberships = common::fixed_memberships();
    let employees = common::load(common::EMPLOYEES_FILE, bytes, &EMPLOYEES, &opts);
    let fixed = common::FIXED_MEMBERSHIPS.as_bytes();
    let fixed_in_dialect = common::fixed_for(&opts, common::FIXED_MEMBERSHIPS);
    common::validate(&memberships, &employees, &opts, (common::physical_lines(fixed), common::physical_lines(bytes)));
    common::pipeline(&fixed_in_dialect, bytes, &opts);
});
