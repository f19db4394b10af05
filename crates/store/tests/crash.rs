//! "kill -9 the app during a run": a real child process (this test binary, re-run with
//! ORBIS_CRASH_CHILD set) opens the store, starts a run, keeps appending to its log, and is
//! SIGKILLed mid-run. Reopening must give a sound database (integrity_check ok) whose run is
//! turned into `interrupted` by `mark_interrupted_runs`.
//!
//! The same test is parent and child: re-run with ORBIS_CRASH_CHILD it plays the app instead
//! of checking (the standard harness, so `cargo test` and `cargo nextest` both list and run it).

use orbis_store::{NewRun, RunStatus, Store};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const CHILD_ENV: &str = "ORBIS_CRASH_CHILD";

const TEST_NAME: &str = "kill_9_mid_run_leaves_an_interrupted_run_and_a_sound_database";

#[test]
fn kill_9_mid_run_leaves_an_interrupted_run_and_a_sound_database() {
    if let Some(db) = std::env::var_os(CHILD_ENV) {
        child(std::path::Path::new(&db));
        return;
    }
    parent();
}

fn child(db: &std::path::Path) {
    let store = Store::open(db).expect("child opens the store");
    let run = NewRun {
        command: "terraform apply -json tfplan".into(),
        tool: "terraform".into(),
        tool_version: "1.11.4".into(),
        workspace: "/ws".into(),
        started_at: 1,
        ..NewRun::default()
    };
    let id = store.start_run(&run).expect("start_run");
    println!("started {id}");
    std::io::stdout().flush().ok();
    // Keep writing until killed, so the kill lands mid-write as often as not. Bounded, so a
    // parent that died cannot leave this running forever.
    for i in 0..200_000 {
        store
            .append_run_log(id, &format!("aws_instance.web[{i}]: Still creating...\n"))
            .expect("append");
    }
}

fn parent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // The test harness prints its own text first ("running 1 test", then "test NAME ... "
        // with no newline before ours); wait for the line that carries "started".
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
            if line.contains("started ") {
                break;
            }
            line.clear();
        }
        let _ = tx.send(line);
    });
    let line = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(line) => line,
        Err(_) => {
            let _ = child.kill();
            panic!("the child did not start a run within 30 s");
        }
    };
    assert!(line.contains("started "), "child said {line:?}");
    std::thread::sleep(Duration::from_millis(300));
    child.kill().expect("SIGKILL the child"); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the child must have been killed, not finished"
    );

    let store = Store::open(&db).expect("reopen after the kill");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let runs = store.recent_runs(None, 10).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(
        runs[0].status,
        RunStatus::Running,
        "left running by the dead app"
    );
    assert!(
        runs[0].log.contains("Still creating"),
        "the log written before the kill is kept"
    );
    assert_eq!(store.mark_interrupted_runs(2).unwrap(), 1);
    let run = store.run(runs[0].id).unwrap().unwrap();
    assert_eq!(run.status, RunStatus::Interrupted);
    assert_eq!(run.ended_at, Some(2));
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
