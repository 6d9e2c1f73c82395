//! `apply --encrypt-to`: each credential file and sign-on email is an age
//! file that Debian's `age` command opens to the very bytes an unencrypted
//! run writes with the same passwords (the debug build's password seam,
//! `PMC_MIGRATE_TEST_PASSWORDS`, makes both runs issue the same ones); no
//! file in the folder holds a password in plaintext; `send --identity`
//! decrypts in memory and delivers them, and a missing or wrong key is one
//! line, exit 2, with nothing sent.

use super::*;
use crate::tools::AGE;

const SEED: &str = "same passwords in both runs";

/// A new age key in `name`, and its public key.
fn age_key(wrk: &Workdir, name: &str) -> String {
    let out = Command::new("age-keygen").arg("-o").arg(wrk.path(name)).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = wrk.read_string(name);
    let public = text.lines().find_map(|l| l.strip_prefix("# public key: ")).expect("age-keygen names the public key");
    public.trim().to_string()
}

/// `apply` of the individual creation into `out` with the password seam, plus `extra`.
fn apply_seeded(wrk: &Workdir, out: &str, extra: &[&str]) {
    let mut args = vec!["--creation", "individual", "--entra-csv", "--as-of", "2026-12-01"];
    args.extend(extra);
    let output = wrk.command(out_args("apply", out, &args)).env("PMC_MIGRATE_TEST_PASSWORDS", SEED).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Every file below `dir` (hidden ones too), relative to the work directory.
fn every_file(wrk: &Workdir, dir: &str) -> Vec<String> {
    fn walk(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(path).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() { walk(&p, out) } else { out.push(p) }
        }
    }
    let mut out = Vec::new();
    walk(&wrk.path(dir), &mut out);
    let mut files: Vec<String> =
        out.iter().map(|p| p.strip_prefix(wrk.root()).unwrap().display().to_string()).collect();
    files.sort();
    files
}

/// The temporary passwords in the plain run's credential files.
fn passwords(wrk: &Workdir, out: &str) -> Vec<String> {
    let mut all = Vec::new();
    for f in every_file(wrk, &format!("{out}/credentials")) {
        if f.ends_with(".entra.csv") {
            continue;
        }
        let text = wrk.read_string(&f);
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let column = r.headers().unwrap().iter().position(|h| h == "temporary_password").unwrap();
        all.extend(r.records().map(|rec| rec.unwrap()[column].trim_start_matches('\'').to_string()));
    }
    all
}

/// Two applies with the same passwords: `plain/` and `sealed/` (encrypted to key.txt's key).
fn two_runs() -> Option<Workdir> {
    if !tool(&AGE) {
        return None;
    }
    let wrk = outbox(40)?;
    let public = age_key(&wrk, "key.txt");
    apply_seeded(&wrk, "plain", &[]);
    apply_seeded(&wrk, "sealed", &["--encrypt-to", &public]);
    Some(wrk)
}

#[test]
fn age_opens_each_encrypted_file_to_the_bytes_of_a_plain_run_and_no_password_is_on_disk_in_plaintext() {
    let Some(wrk) = two_runs() else { return };
    let secret_dirs = ["credentials", "outbox"];
    let plain: Vec<String> = secret_dirs.iter().flat_map(|d| every_file(&wrk, &format!("plain/{d}"))).collect();
    let sealed: Vec<String> = secret_dirs.iter().flat_map(|d| every_file(&wrk, &format!("sealed/{d}"))).collect();
    assert!(plain.iter().any(|f| f.ends_with(".eml")) && plain.iter().any(|f| f.ends_with(".entra.csv")));
    let expected: Vec<String> = plain.iter().map(|f| format!("{}.age", f.replacen("plain/", "sealed/", 1))).collect();
    assert_eq!(sealed, expected, "each secret file, and only as its age file");
    for (p, s) in plain.iter().zip(&sealed) {
        let out = Command::new("age").arg("-d").arg("-i").arg(wrk.path("key.txt")).arg(wrk.path(s)).output().unwrap();
        assert!(out.status.success(), "age -d {s}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout == wrk.read(p), "{s} opens to the bytes of {p}");
    }

    let passwords = passwords(&wrk, "plain");
    assert!(passwords.len() >= 30, "{} passwords", passwords.len());
    // As written in a CSV, and as a quoted-printable mail body writes it.
    let forms: Vec<String> = passwords.iter().flat_map(|p| [p.clone(), p.replace('=', "=3D")]).collect();
    let holds = |f: &String| {
        let bytes = wrk.read(f);
        forms.iter().any(|p| bytes.windows(p.len()).any(|w| w == p.as_bytes()))
    };
    assert!(plain.iter().all(holds), "the scan finds the passwords where they are plain");
    let leaks: Vec<String> = every_file(&wrk, "sealed").into_iter().filter(|f| holds(f)).collect();
    assert!(leaks.is_empty(), "a password in plaintext in {leaks:?}");

    // The pages name each credential file (escaped, as tera writes `/`) as it is on disk and say how to open it.
    let csv = sealed.iter().find(|f| f.starts_with("sealed/credentials/") && f.ends_with(".csv.age")).unwrap();
    let mpn_id = csv.trim_start_matches("sealed/credentials/").split('.').next().unwrap();
    let (plain_page, sealed_page) =
        (wrk.read_string(&format!("plain/orgs/{mpn_id}.html")), wrk.read_string(&format!("sealed/orgs/{mpn_id}.html")));
    assert!(sealed_page.contains(&format!("<code>credentials&#x2F;{mpn_id}.csv.age</code>")), "{sealed_page}");
    assert!(sealed_page.contains("age -d -i key.txt"), "the page says how to open them");
    assert!(
        plain_page.contains(&format!("<code>credentials&#x2F;{mpn_id}.csv</code>")) && !plain_page.contains("age -d")
    );
    let index = wrk.read_string("sealed/index.html");
    assert!(index.contains(&format!("credentials&#x2F;{mpn_id}.csv.age")), "the index names the age file too");
}

#[test]
fn send_opens_encrypted_messages_in_memory_and_a_missing_or_wrong_key_sends_nothing() {
    let Some(wrk) = two_runs() else { return };
    let smtp = Smtp::start(&wrk, &[]);
    let ca = wrk.path("certs/ca.pem").display().to_string();
    let url = smtp.url();
    let send = |extra: &[&str]| {
        let mut args = vec!["send", "--out", "sealed", "--smtp", &url, "--smtp-ca", &ca, "--rate", "1000000", "-q"];
        args.extend(extra);
        wrk.command(args).env("PMC_SMTP_USER", USER).env("PMC_SMTP_PASSWORD", PASSWORD).output().unwrap()
    };

    let missing = send(&[]);
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(missing.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--identity"), "{stderr}");
    age_key(&wrk, "other.txt");
    let wrong = send(&["--identity", "other.txt"]);
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot decrypt"), "{stderr}");
    assert!(smtp.received().is_empty(), "nothing sent");

    let ok = send(&["--identity", "key.txt"]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));
    let plain: BTreeMap<String, Vec<u8>> =
        every_file(&wrk, "plain/outbox").iter().map(|f| (header(&wrk.read(f), "Message-ID"), wrk.read(f))).collect();
    let received = smtp.received();
    assert_eq!(received.len(), plain.len());
    for r in &received {
        assert!(r.bytes == plain[&r.message_id], "{} arrives as the plain run wrote it", r.message_id);
    }
}

#[test]
fn a_recipient_that_is_not_a_key_refuses_the_apply_before_anything_is_written() {
    let wrk = Workdir::baseline();
    let run = wrk.apply("out", &["--creation", "individual", "--encrypt-to", "age1notakey"]);
    run.assert_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("--encrypt-to \"age1notakey\": not an age public key"), "{}", run.stderr);
    assert!(!wrk.exists("out"), "nothing written");
}
