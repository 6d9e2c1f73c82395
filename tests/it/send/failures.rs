//! What the server refuses, and what stops a run: a 451 is retried, a 550
//! is recorded with the server's words and the run goes on (exit 1); wrong
//! credentials, an unreachable server and plaintext to another host are one
//! line each and exit 2, with nothing sent and nothing lost.

use super::*;

/// The recipient of the first message of `out/outbox` whose address is ASCII, and the n-th after it.
fn recipients(wrk: &Workdir, n: usize) -> Vec<String> {
    let mut to: Vec<String> = messages(wrk)
        .iter()
        .map(|f| {
            let text = String::from_utf8_lossy(&wrk.read(f)).into_owned();
            let unfolded = text.replace("\r\n ", " ");
            let line = unfolded.lines().find(|l| l.starts_with("To: ")).unwrap().to_string();
            line.rsplit_once('<').map_or(line[4..].trim(), |(_, a)| a.trim_end_matches('>')).to_string()
        })
        .filter(|a| a.is_ascii())
        .collect();
    to.truncate(n);
    to
}

#[test]
fn a_451_is_retried_and_a_550_is_recorded_with_the_servers_words_while_the_run_goes_on() {
    let Some(wrk) = outbox(20) else { return };
    let to = recipients(&wrk, 3);
    let smtp = Smtp::start(&wrk, &["--fail-451", &to[0], "--fail-451", &to[1], "--fail-550", &to[2]]);
    let files = messages(&wrk);
    let run = send(&wrk, &smtp, &[]);
    run.assert_code(1);
    let n = files.len();
    assert!(run.stdout.contains(&format!("{} sent, 0 already sent, 1 failed, 0 left", n - 1)), "{}", run.stdout);
    assert!(run.stdout.contains("User unknown"), "the server's words: {}", run.stdout);
    let received = smtp.received();
    assert_eq!(received.len(), n - 1);
    assert!(received.iter().any(|r| r.rcpt == [to[0].clone()]), "the 451 was retried");
    assert!(received.iter().all(|r| r.rcpt != [to[2].clone()]));
    let log = wrk.read_string("out/sent.csv");
    let refused = log.lines().find(|l| l.contains(&to[2])).expect("the refusal is in the log");
    assert!(refused.contains(",failed,") && refused.contains("550") && refused.contains("User unknown"), "{refused}");

    // A re-run tries only the refused message again.
    let again = send(&wrk, &smtp, &[]);
    again.assert_code(1);
    assert!(again.stdout.contains(&format!("0 sent, {} already sent, 1 failed, 0 left", n - 1)), "{}", again.stdout);
    assert_eq!(smtp.received().len(), n - 1);
}

#[test]
fn wrong_credentials_are_one_line_and_exit_2_with_nothing_sent() {
    let Some(wrk) = outbox(5) else { return };
    let smtp = Smtp::start(&wrk, &[]);
    let output = send_command(&wrk, &smtp, &[]).env("PMC_SMTP_PASSWORD", "wrong").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("refused the login") && stderr.contains("535"), "{stderr}");
    assert!(!stderr.contains("wrong"), "never the password");
    assert!(smtp.received().is_empty());
    let log = wrk.read_string("out/sent.csv");
    assert_eq!(log.lines().count(), 1, "the log holds only its header");
}

#[test]
fn an_unreachable_server_is_one_line_and_exit_2() {
    let Some(wrk) = outbox(5) else { return };
    let mut smtp = Smtp::start(&wrk, &[]);
    smtp.kill();
    let output = send_command(&wrk, &smtp, &[]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&format!("cannot connect to localhost:{}", smtp.port)), "{stderr}");
}

#[test]
fn a_certificate_not_trusted_is_refused_with_exit_2() {
    let Some(wrk) = outbox(5) else { return };
    let smtp = Smtp::start(&wrk, &[]);
    let url = smtp.url();
    let output = wrk
        .command(["send", "--out", "out", "--smtp", &url, "--quiet"])
        .env("PMC_SMTP_USER", USER)
        .env("PMC_SMTP_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("certificate"), "{stderr}");
    assert!(smtp.received().is_empty());
}

#[test]
fn plaintext_goes_only_to_loopback_and_only_when_allowed() {
    let Some(wrk) = outbox(5) else { return };
    let run = wrk.run(["send", "--out", "out", "--smtp", "smtp://192.0.2.1:25", "--allow-plaintext"]);
    run.assert_code(2);
    assert!(run.stderr.contains("only to a loopback address") && run.stderr.contains("192.0.2.1"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);
    assert!(!wrk.exists("out/sent.csv"), "nothing was started");

    let smtp = Smtp::start(&wrk, &["--plain"]);
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let output = wrk
        .command(["send", "--out", "out", "--smtp", &url, "--allow-plaintext", "--rate", "100000", "--quiet"])
        .env("PMC_SMTP_USER", USER)
        .env("PMC_SMTP_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
    let received = smtp.received();
    assert_eq!(received.len(), messages(&wrk).len());
    assert!(received.iter().all(|r| !r.tls));
}

#[test]
fn an_oauth2_token_logs_in_with_xoauth2() {
    let Some(wrk) = outbox(5) else { return };
    let smtp = Smtp::start(&wrk, &["--token", "eyJ0eXAi.token"]);
    let output = send_command(&wrk, &smtp, &[])
        .env_remove("PMC_SMTP_PASSWORD")
        .env("PMC_SMTP_OAUTH_TOKEN", "eyJ0eXAi.token")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let received = smtp.received();
    assert_eq!(received.len(), messages(&wrk).len());
    assert!(received.iter().all(|r| r.authenticated));
}

#[test]
fn dry_run_only_and_delete_sent() {
    let Some(wrk) = outbox(30) else { return };
    let files = messages(&wrk);
    let dry = wrk.run(["send", "--out", "out", "--dry-run"]);
    dry.assert_code(1);
    assert_eq!(dry.stdout.lines().filter(|l| l.starts_with("would send ")).count(), files.len());
    assert!(!wrk.exists("out/sent.csv"), "a dry run writes nothing");

    let smtp = Smtp::start(&wrk, &[]);
    let one = &recipients(&wrk, 1)[0];
    send(&wrk, &smtp, &["--only", one, "--delete-sent"]).assert_code(0);
    assert_eq!(smtp.received().len(), 1);
    assert_eq!(messages(&wrk).len(), files.len() - 1, "the sent message's file is gone");

    let org = files[0].split('/').nth(2).unwrap().to_string();
    let in_org = files.iter().filter(|f| f.split('/').nth(2) == Some(org.as_str())).count();
    send(&wrk, &smtp, &["--only", &org]).assert_code(0);
    let received = smtp.received();
    assert!(received.len() >= in_org && received.len() <= in_org + 1, "{} of {in_org}", received.len());

    let rest = send(&wrk, &smtp, &["--delete-sent"]);
    rest.assert_code(0);
    assert!(rest.stdout.contains("0 failed, 0 left"), "{}", rest.stdout);
    assert_eq!(arrivals(&smtp.received()).len(), files.len());
    assert!(smtp.received().len() == files.len(), "each once");
    let dry = wrk.run(["send", "--out", "out", "--dry-run"]);
    dry.assert_code(0);
    assert!(dry.stdout.contains(&format!("0 messages to send, {} already sent", files.len())), "{}", dry.stdout);
}

#[test]
fn ci_installs_the_smtp_server_the_tests_pin() {
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(ci.contains(crate::tools::SMTP_PACKAGE), ".ci/run must install {}", crate::tools::SMTP_PACKAGE);
    assert!(ci.contains("openssl"), ".ci/run must install the openssl command");
}

#[test]
fn a_folder_that_is_not_the_tools_is_refused_and_the_sent_log_is_marked_as_its_own() {
    let Some(wrk) = outbox(5) else { return };
    let smtp = Smtp::start(&wrk, &[]);
    send(&wrk, &smtp, &[]).assert_code(0);
    let mark = wrk.read_string("out/.pmc-migrate");
    assert!(mark.lines().any(|l| l == "sent.csv"), "{mark}");

    // A folder someone else made, holding an outbox: not the tool's to write in.
    std::fs::create_dir_all(wrk.path("foreign/outbox/1")).unwrap();
    std::fs::copy(wrk.path(&messages(&wrk)[0]), wrk.path("foreign/outbox/1/a.eml")).unwrap();
    let url = smtp.url();
    let run = wrk.run(["send", "--out", "foreign", "--smtp", &url, "--quiet"]);
    run.assert_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(!wrk.exists("foreign/sent.csv"));
    assert_eq!(smtp.received().len(), messages(&wrk).len());
}

#[test]
fn status_shows_each_organisations_sign_on_mail_sent_failed_and_left_once_send_has_run() {
    let Some(wrk) = outbox(20) else { return };
    wrk.create("status.csv", "username,signed_in\n");
    let status = || {
        let run = wrk.run(["status", "--out", "out", "--status", "status.csv", "--as-of", "2026-12-02", "--quiet"]);
        run.assert_code(1);
        wrk.read_string("out/status.html")
    };
    assert!(!status().contains("id=\"delivery\""), "no delivery section before send has run");

    let to = recipients(&wrk, 1);
    let smtp = Smtp::start(&wrk, &["--fail-550", &to[0]]);
    let files = messages(&wrk);
    // The refused person's organisation, and one message of another left unsent.
    let log_file = |file: &str| file.trim_start_matches("out/").to_string();
    let refused = files.iter().find(|f| wrk.read_string(f).contains(&to[0])).unwrap();
    let org_of = |f: &str| log_file(f).split('/').nth(1).unwrap().to_string();
    let failed_org = org_of(refused);
    let unsent = files.iter().find(|f| org_of(f) != failed_org).unwrap();
    let unsent_org = org_of(unsent);
    let only = |org: &str| files.iter().filter(|f| org_of(f) == org).count();
    let run = send(&wrk, &smtp, &["--only", &failed_org]);
    run.assert_code(1);

    let page = status();
    let row = |org: &str, sent: usize, failed: usize, left: usize| {
        let class = if failed > 0 { "num error" } else { "num" };
        format!(
            "<tr><td class=\"nowrap mono\">{org}</td><td class=\"num\" data-label=\"Sent\">{sent}</td>\
             <td class=\"{class}\" data-label=\"Failed\">{failed}</td><td class=\"num\" data-label=\"Not sent yet\">{left}</td></tr>"
        )
    };
    assert!(page.contains("id=\"delivery\""), "{page}");
    let failed_row = row(&failed_org, only(&failed_org) - 1, 1, 0);
    assert!(page.contains(&failed_row), "{failed_row} in {page}");
    assert!(page.contains(&row(&unsent_org, 0, 0, only(&unsent_org))), "the other organisations are left");
    let json = wrk.read_string("out/status.json");
    assert!(json.contains("\"delivery\""), "status.json says it too");
}
