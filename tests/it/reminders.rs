//! `status`'s reminders (issue 24): one message per person not signed in
//! whose temporary password expires within `--warn-days`, in
//! `outbox/reminders/<mpn_id>/`, mode 0600, in the person's language, with
//! the sign-in link the plan recorded and never a password; a re-run
//! replaces the set. Golden copies of an English and a Traditional Chinese
//! reminder of `samples/` are in `reports/reminders/` (scripts/update-golden.sh).

use crate::common::*;
use crate::diff::assert_same_bytes;
use crate::taiwan_output::{CHEN, FORMOSA, LI};
use crate::tools::{PYTHON3, tool};
use std::path::Path;

const BEN_U: &str = "ben@contoso.onmicrosoft.com";
const CHEN_U: &str = "chen@formosacloud.onmicrosoft.com";
const BEN_MAIL: &str = "out/outbox/reminders/1234567/ben@contoso.onmicrosoft.com.expires-2025-08-30.eml";
const CHEN_MAIL: &str = "out/outbox/reminders/7654321/chen@formosacloud.onmicrosoft.com.expires-2025-08-30.eml";
const URL: &str = "https://partner.example.com/signin";

/// Contoso (Anna, admin; Ben) in English and Formosa (李宗翰, admin; 陳志明)
/// in Traditional Chinese, applied one by one at AS_OF: every temporary
/// password expires on 2025-08-30.
fn applied() -> Workdir {
    let with = |row: &str, lang: &str| format!("{row},{lang}");
    let people = [with(ANNA, "en"), with(BEN, ""), with(LI, "zh-TW"), with(CHEN, "zh-TW")];
    let rows: Vec<&str> = people.iter().map(String::as_str).collect();
    let wrk =
        Workdir::with_inputs(memberships(&[CONTOSO, FORMOSA]), csv(&format!("{EMPLOYEES_HEADER},language"), &rows));
    wrk.apply("out", &["--creation", "individual", "--sign-in-url", URL]).assert_code(0);
    wrk
}

/// `status` at `when` with an export in which the `signed_in` people have
/// signed in and the others in `waiting` have not.
fn status(wrk: &Workdir, signed_in: &[&str], waiting: &[&str], when: &str, extra: &[&str]) -> Run {
    let rows: Vec<String> =
        signed_in.iter().map(|u| format!("{u},yes,,")).chain(waiting.iter().map(|u| format!("{u},no,,"))).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wrk.create("status.csv", csv("username,signed_in,pu_connected,associated_at", &rows));
    let mut args = vec!["status", "--out", "out", "--status", "status.csv", "--as-of", when];
    args.extend_from_slice(extra);
    wrk.run(args)
}

const ANNA_U: &str = "anna@contoso.onmicrosoft.com";
const LI_U: &str = "li@formosacloud.onmicrosoft.com";

fn reminders(wrk: &Workdir) -> Vec<String> {
    wrk.files_under("out/outbox/reminders")
}

#[test]
fn reminders_go_only_to_the_expiring_without_a_password_mode_0600() {
    let wrk = applied();
    // Everyone waiting, with 60 days left: nobody to remind.
    let run = status(&wrk, &[], &[ANNA_U, BEN_U, LI_U, CHEN_U], "2025-07-01", &[]);
    run.assert_code(0);
    assert!(reminders(&wrk).is_empty() && !wrk.exists("out/outbox/reminders"), "{:?}", reminders(&wrk));
    assert!(!run.stdout.contains("reminders:"), "{}", run.stdout);
    // Three days left: Anna and 李宗翰 signed in, Ben and 陳志明 did not.
    let run = status(&wrk, &[ANNA_U, LI_U], &[BEN_U, CHEN_U], "2025-08-27", &[]);
    run.assert_code(1);
    assert_eq!(reminders(&wrk), [BEN_MAIL, CHEN_MAIL]);
    assert!(
        run.stdout.ends_with(
            "reminders: 2 written to out/outbox/reminders/ (no password in them)\n\
             Next: send them with pmc-migrate send --out out\n"
        ),
        "{}",
        run.stdout
    );
    let mut passwords = Vec::new();
    for file in wrk.files_under("out/credentials") {
        passwords.extend(parse_credentials(&file, &wrk.read(&file)).into_iter().map(|c| c.password));
    }
    assert_eq!(passwords.len(), 4);
    for mail in [BEN_MAIL, CHEN_MAIL] {
        let bytes = wrk.read(mail);
        for password in &passwords {
            assert!(!bytes.windows(password.len()).any(|w| w == password.as_bytes()), "{mail} holds a password");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(wrk.path(mail)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{mail}");
        }
    }
    // Someone absent from the export may have signed in: no reminder.
    status(&wrk, &[ANNA_U, LI_U], &[BEN_U], "2025-08-27", &[]).assert_code(1);
    assert_eq!(reminders(&wrk), [BEN_MAIL]);
    // --no-reminders leaves the set as it was.
    let run = status(&wrk, &[ANNA_U, LI_U, BEN_U], &[CHEN_U], "2025-08-28", &["--no-reminders"]);
    assert_eq!(reminders(&wrk), [BEN_MAIL]);
    assert!(!run.stdout.contains("reminders:"), "{}", run.stdout);
}

#[test]
fn a_rerun_replaces_the_set_and_keeps_each_reminders_message_id() {
    let wrk = applied();
    status(&wrk, &[ANNA_U, LI_U], &[BEN_U, CHEN_U], "2025-08-27", &[]).assert_code(1);
    let id = |mail: &str| {
        let text = wrk.read_string(mail);
        let line = text.lines().find(|l| l.starts_with("Message-ID: ")).expect("a Message-ID").to_string();
        let date = text.lines().find(|l| l.starts_with("Date: ")).expect("a Date").to_string();
        (line, date)
    };
    let (chen_id, chen_date) = id(CHEN_MAIL);
    assert_eq!(chen_date, "Date: Wed, 27 Aug 2025 00:00:00 +0000");
    // Ben signed in since: his reminder goes, 陳志明's stays the same message.
    let run = status(&wrk, &[ANNA_U, LI_U, BEN_U], &[CHEN_U], "2025-08-28", &[]);
    assert_eq!(reminders(&wrk), [CHEN_MAIL]);
    assert!(
        run.stdout.contains(
            "reminders: 1 written to out/outbox/reminders/ (no password in it); 1 earlier reminder removed \
             (signed in, expired or renewed since)\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(id(CHEN_MAIL), (chen_id, "Date: Thu, 28 Aug 2025 00:00:00 +0000".to_string()));
    assert!(!wrk.exists("out/outbox/reminders/1234567"), "Ben's emptied folder goes");
    // Expired: to remove and add again, no reminder; the folder goes.
    let run = status(&wrk, &[ANNA_U, LI_U, BEN_U], &[CHEN_U], "2025-08-31", &[]);
    assert!(!wrk.exists("out/outbox/reminders"), "{:?}", reminders(&wrk));
    assert!(run.stdout.contains("reminders: none due; 1 earlier reminder removed"), "{}", run.stdout);
    // The sign-on mails are untouched throughout.
    assert_eq!(wrk.files_under("out/outbox").len(), 4);
}

#[test]
fn a_stranger_in_the_reminders_folder_is_refused_not_deleted() {
    let wrk = applied();
    status(&wrk, &[ANNA_U, LI_U], &[BEN_U, CHEN_U], "2025-08-27", &[]).assert_code(1);
    wrk.create("out/outbox/reminders/1234567/notes.txt", "mine");
    let run = status(&wrk, &[ANNA_U, LI_U, BEN_U, CHEN_U], &[], "2025-08-28", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains("notes.txt was not written by pmc-migrate"), "{}", run.stderr);
    assert_eq!(wrk.read_string("out/outbox/reminders/1234567/notes.txt"), "mine");
    assert!(wrk.exists(BEN_MAIL));
}

#[test]
fn reminders_parse_with_python_in_each_persons_language_with_the_sign_in_link() {
    if !tool(&PYTHON3) {
        return;
    }
    let wrk = applied();
    status(&wrk, &[ANNA_U, LI_U], &[BEN_U, CHEN_U], "2025-08-27", &[]).assert_code(1);
    let mails = crate::mail_reader::read_mails(&wrk, &[BEN_MAIL, CHEN_MAIL]);
    for path in [BEN_MAIL, CHEN_MAIL] {
        assert_eq!(mails[path]["defects"], serde_json::json!([]), "{path}");
        let body = mails[path]["body"].as_str().unwrap();
        assert!(body.contains(&format!("  {URL}\n")), "{body}");
    }
    let ben = &mails[BEN_MAIL];
    assert_eq!((ben["to"].as_str(), ben["to_addr"].as_str()), (Some("Ben Ng"), Some("ben@contoso.com")));
    assert_eq!((ben["from"].as_str(), ben["from_addr"].as_str()), (Some("Anna Lee"), Some("anna@contoso.com")));
    assert_eq!(ben["language"], "en");
    assert_eq!(ben["subject"], "Reminder: sign in to Partner Center for Contoso Ltd before 2025-08-30");
    let body = ben["body"].as_str().unwrap();
    assert!(body.starts_with("Hello Ben Ng,\n"), "{body}");
    assert!(body.contains("ask Anna Lee (anna@contoso.com) for it"), "{body}");
    let chen = &mails[CHEN_MAIL];
    assert_eq!((chen["to"].as_str(), chen["from"].as_str()), (Some("陳志明"), Some("李宗翰")));
    assert_eq!(chen["language"], "zh-TW");
    assert_eq!(chen["subject"], "提醒：請在 2025年8月30日之前登入台灣雲端的合作夥伴中心");
    let body = chen["body"].as_str().unwrap();
    for needle in
        ["陳志明您好：\n", "您的暫時密碼將於 2025年8月30日到期。", "請向李宗翰（li@formosacloud.com.tw）索取。"]
    {
        assert!(body.contains(needle), "{needle:?} not in\n{body}");
    }
    assert!(!body.contains("Hello") && !body.contains("2025-08-30"), "{body}");
}

/// The samples' cutover and the day their reminders are judged at.
const SAMPLE_AS_OF: &str = "2026-12-01";
const SAMPLE_STATUS_AS_OF: &str = "2027-02-25";

#[test]
fn sample_reminders_match_the_committed_ones_byte_for_byte() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wrk = Workdir::new();
    for name in ["memberships.csv", "employees.csv", "team-status.csv"] {
        wrk.create(&format!("samples/{name}"), std::fs::read(repo.join("samples").join(name)).unwrap());
    }
    let samples = ["--memberships", "samples/memberships.csv", "--employees", "samples/employees.csv"];
    let apply = ["apply", "--as-of", SAMPLE_AS_OF, "--creation", "individual", "--quiet", "--out", "cutover"];
    wrk.run(apply.iter().chain(&samples)).assert_code(0);
    let status = ["status", "--out", "cutover", "--status", "samples/team-status.csv", "--as-of", SAMPLE_STATUS_AS_OF];
    wrk.run(status).assert_code(1);
    for (golden, fresh) in [
        ("en.eml", "4471203/anna.lee@contoso.com.expires-2027-03-01.eml"),
        ("zh-TW.eml", "9160245/chihming.chen@formosacloud.com.tw.expires-2027-03-01.eml"),
    ] {
        let what = format!(
            "reports/reminders/{golden} differs from this run's {fresh} (-committed, +this run; run \
             scripts/update-golden.sh if the change is intended)"
        );
        let committed = std::fs::read(repo.join("reports/reminders").join(golden)).unwrap();
        assert_same_bytes(&committed, &wrk.read(&format!("cutover/outbox/reminders/{fresh}")), &what);
    }
}
