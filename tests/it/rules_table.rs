//! One table per fact: the README's rule table is the one `rules` and
//! `explain` come from, byte for byte.

#[test]
fn the_readme_rule_table_is_the_declared_one() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("| rule | severity | what it flags |").expect("the README has the rule table");
    let end = readme[start..].find("\n\n").map_or(readme.len(), |n| start + n + 1);
    let declared = pmc_migrate::rules_table();
    assert!(
        readme[start..end] == declared,
        "the README's rule table differs from the declaration in src/core/finding/rules.rs; \
         replace it with the output of `pmc-migrate rules --markdown`:\n{declared}"
    );
}
