//! Exactly once, counted at the server: a normal run, a re-run, SIGKILL of
//! `send` at random points, and the server killed mid-run and restarted.

use super::*;
use std::time::{Duration, Instant};

#[test]
fn a_run_delivers_every_message_once_as_written_and_a_rerun_sends_nothing() {
    let Some(wrk) = outbox(60) else { return };
    let smtp = Smtp::start(&wrk, &[]);
    let files = messages(&wrk);
    let run = send(&wrk, &smtp, &[]);
    run.assert_code(0);
    assert!(run.stdout.contains(&format!("{} sent, 0 already sent, 0 failed, 0 left", files.len())), "{}", run.stdout);
    let received = smtp.received();
    assert_eq!(received.len(), files.len());
    let ids = outbox_ids(&wrk);
    assert_eq!(arrivals(&received).into_keys().collect::<Vec<_>>(), ids, "each message once");
    // Delivered as apply wrote it, over TLS, after logging in.
    let by_id: BTreeMap<String, Vec<u8>> =
        files.iter().map(|f| (header(&wrk.read(f), "Message-ID"), wrk.read(f))).collect();
    for r in &received {
        assert_eq!(r.bytes, by_id[&r.message_id], "{}", r.message_id);
        assert!(r.tls && r.authenticated);
    }
    assert_parse_clean(&received);
    assert_smtputf8_only_for_eai(&received);
    // The log names each message with its Message-ID and the server's reply.
    let log = wrk.read_string("out/sent.csv");
    assert_eq!(log.lines().count(), files.len() + 1);
    assert!(log.lines().skip(1).all(|l| l.contains(",sent,250 ")), "{log}");
    for id in &ids {
        assert!(log.contains(id.as_str()), "{id} is in the log");
    }

    let again = send(&wrk, &smtp, &[]);
    again.assert_code(0);
    assert!(
        again.stdout.contains(&format!("0 sent, {} already sent, 0 failed, 0 left", files.len())),
        "{}",
        again.stdout
    );
    assert_eq!(smtp.received().len(), files.len(), "a re-run sends nothing");
}

/// When to kill trial `n`: 20 to 720 ms after the start, spread by a hash,
/// repeatable (`DefaultHasher::new` has fixed keys).
fn kill_after(n: u64) -> Duration {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    n.hash(&mut h);
    Duration::from_millis(20 + h.finish() % 700)
}

#[test]
fn sigkill_at_random_points_loses_nothing_and_resends_at_most_the_message_in_flight() {
    let Some(wrk) = outbox(500) else { return };
    let smtp = Smtp::start(&wrk, &[]);
    let ids = outbox_ids(&wrk);
    assert_eq!(ids.len(), 500);
    let trials = 20;
    let started = Instant::now();
    for trial in 0..trials {
        let mut child = send_command(&wrk, &smtp, &[]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(kill_after(trial as u64));
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let partial = smtp.received().len();
    let run = send(&wrk, &smtp, &[]);
    run.assert_code(0);
    let received = smtp.received();
    let seen = arrivals(&received);
    assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), ids, "every message arrived");
    let again: usize = seen.values().map(|n| n - 1).sum();
    assert!(again <= trials, "{again} messages arrived twice after {trials} kills");
    assert!(partial > 0 && partial < 500, "the kills fell mid-run ({partial} arrived before the last run)");
    eprintln!(
        "send kill test: {trials} kills, {partial} messages before the last run, {again} sent twice, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(send(&wrk, &smtp, &[]).code, 0);
    assert_eq!(smtp.received().len(), received.len(), "nothing after the end");
}

#[test]
fn the_server_killed_mid_run_and_restarted_loses_nothing() {
    let Some(wrk) = outbox(120) else { return };
    let mut smtp = Smtp::start(&wrk, &[]);
    let ids = outbox_ids(&wrk);
    let child = send_command(&wrk, &smtp, &[]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    // Kill the server once some messages are in, and bring it back a moment later.
    let deadline = Instant::now() + Duration::from_secs(20);
    while smtp.received().len() < 10 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    smtp.kill();
    std::thread::sleep(Duration::from_millis(700));
    smtp.restart();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let seen = arrivals(&smtp.received());
    assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), ids, "every message arrived");
    assert!(seen.values().map(|n| n - 1).sum::<usize>() <= 1, "at most the message in flight twice");
}
