//! `--out` is owned: refused when foreign, never emptied of files the tool did not write.

use super::*;

#[test]
fn a_foreign_folder_is_refused_and_its_files_stay() {
    let wrk = Workdir::baseline();
    wrk.create("u/orgs/notes.txt", "x");
    wrk.create("u/index.html", "mine");
    let run = wrk.plan("u", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains("not empty and was not made by pmc-migrate (it holds index.html, orgs)"), "{run:?}");
    assert!(run.stderr.contains("--force"), "{run:?}");
    assert_eq!(wrk.read_string("u/orgs/notes.txt"), "x");
    assert_eq!(wrk.read_string("u/index.html"), "mine");
    assert_eq!(wrk.listing().iter().filter(|f| f.starts_with("u/")).count(), 3, "{:?}", wrk.listing());

    // --force takes the folder, but never deletes a file it did not write:
    // orgs/ is replaced whole, so a stranger in it is refused still.
    let run = wrk.plan("u", &["--force"]);
    run.assert_code(2);
    assert!(run.stderr.contains("u/orgs/notes.txt was not written by pmc-migrate"), "{run:?}");
    assert_eq!(wrk.read_string("u/orgs/notes.txt"), "x");
    std::fs::remove_file(wrk.path("u/orgs/notes.txt")).unwrap();
    wrk.create("u/notes.txt", "kept");
    wrk.plan("u", &["--force"]).assert_code(0);
    assert!(wrk.read_string("u/index.html").contains("<html"), "forced: the tool's name is replaced");
    assert_eq!(wrk.read_string("u/notes.txt"), "kept");
    assert!(wrk.read_string("u/.pmc-migrate").starts_with("pmc-migrate "));

    // Marked now: later runs need no --force, and leave other files alone.
    wrk.plan("u", &[]).assert_code(0);
    assert_eq!(wrk.read_string("u/notes.txt"), "kept");
}

#[test]
fn the_root_and_the_home_folder_are_refused_always() {
    let wrk = Workdir::baseline();
    for out in ["/", "/."] {
        let run = wrk.plan(out, &["--force"]);
        run.assert_code(2);
        assert!(run.stderr.contains("it is the root folder"), "{run:?}");
    }
    std::fs::create_dir(wrk.path("home")).unwrap();
    let run = wrk.command(out_args("plan", "home", &["--force"])).env("HOME", wrk.path("home")).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("it is your home folder"));
    assert!(wrk.files_under("home").is_empty());
}

#[test]
fn a_folder_holding_an_input_is_refused_and_the_input_is_untouched() {
    let wrk = Workdir::baseline();
    let export = wrk.read("memberships.csv");
    wrk.create("clash/findings.csv", &export);
    let args = ["plan", "--memberships", "clash/findings.csv", "--employees", "employees.csv", "--out", "clash"];
    let run = wrk.run(args.iter().chain(&["--as-of", AS_OF, "--force"]));
    run.assert_code(2);
    assert!(run.stderr.contains("it holds the input clash/findings.csv"), "{run:?}");
    assert_eq!(wrk.read("clash/findings.csv"), export);
    assert_eq!(wrk.files_under("clash"), ["clash/findings.csv"]);

    // The same with the output folder as the inputs' own folder (`--out .`).
    let run = wrk.plan(".", &["--force"]);
    run.assert_code(2);
    assert!(run.stderr.contains("it holds the input memberships.csv"), "{run:?}");
}

#[test]
fn a_status_export_given_as_an_output_path_is_refused() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk.create("out/status.json", "username,signed_in\n");
    let before = wrk.read("out/status.json");
    let run = wrk.run(["status", "--out", "out", "--status", "out/status.json", "--as-of", AS_OF]);
    run.assert_code(2);
    assert!(run.stderr.contains("out/status.json is both an input and an output"), "{run:?}");
    assert_eq!(wrk.read("out/status.json"), before);
}

#[test]
fn an_out_that_is_a_file_says_it_must_be_a_folder() {
    let wrk = Workdir::baseline();
    wrk.create("afile.txt", "x");
    let run = wrk.plan("afile.txt", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains("--out afile.txt is a file; --out must be a folder"), "{run:?}");
}

#[test]
fn a_folder_of_an_earlier_version_is_taken_without_force() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    // As an earlier version left it: no mark, no creation column in the ledger.
    std::fs::remove_file(wrk.path("out/.pmc-migrate")).unwrap();
    let run = wrk.run(out_args("plan", "out", &[]).iter().filter(|a| *a != "--quiet"));
    run.assert_code(0);
    assert!(run.stderr.contains("out is now marked as pmc-migrate's output folder"), "{run:?}");
    assert!(wrk.exists("out/.pmc-migrate"));
}
