//! `orbis run` against the real terraform on PATH (skipped with a message when absent):
//! JSON event lines ending in `run_finished`, the approval gate on apply, run history, and
//! Ctrl-C forwarded to the tool as a graceful interrupt.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn terraform_on_path(test: &str) -> bool {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("terraform").is_file()))
        .unwrap_or(false);
    if !found {
        eprintln!("SKIP {test}: no `terraform` on PATH (the runner's replay tests cover parsing)");
    }
    found
}

fn orbis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .output()
        .expect("run orbis")
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

fn workspace(main_tf: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), main_tf).unwrap();
    let d = dir.path().to_str().unwrap();
    let out = orbis(&["run", "init", d]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn plan_then_gated_apply_with_history() {
    if !terraform_on_path("plan_then_gated_apply_with_history") {
        return;
    }
    let dir = workspace("resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n");
    let db = dir.path().join("history.sqlite3");
    let d = s(dir.path());
    let out = orbis(&[
        "run",
        "plan",
        "--format",
        "json",
        "--history",
        s(&db),
        "--env",
        "dev",
        "--identity",
        "aws:dev",
        d,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    let last = lines.last().unwrap();
    assert_eq!(last["type"], "run_finished");
    assert_eq!(last["outcome"], "succeeded");
    assert_eq!(last["exit_code"], 0);
    assert_eq!(last["change_summary"]["add"], 1);
    assert!(lines.iter().any(|l| l["type"] == "planned_change"));
    let hash = last["plan_sha256"].as_str().unwrap().to_string();
    let plan = dir.path().join("tfplan");

    // The gate: no hash, or the wrong one, is refused with a hint; nothing runs.
    let out = orbis(&["run", "apply", "--plan", s(&plan), d]);
    assert_eq!(out.status.code(), Some(2));
    let out = orbis(&[
        "run",
        "apply",
        "--plan",
        s(&plan),
        "--approve-hash",
        &"f".repeat(64),
        "--history",
        s(&db),
        d,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("runner.not_approved") && err.contains("hint:"),
        "{err}"
    );

    let out = orbis(&[
        "run",
        "apply",
        "--plan",
        s(&plan),
        "--approve-hash",
        &hash,
        "--format",
        "json",
        "--history",
        s(&db),
        d,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert!(lines.iter().any(|l| l["type"] == "apply_complete"));
    assert_eq!(lines.last().unwrap()["outcome"], "succeeded");

    let store = orbis_store::Store::open(&db).unwrap();
    let runs = store.recent_runs(None, 10).unwrap();
    assert_eq!(runs.len(), 2, "the refused apply is not a run");
    let (apply, plan_run) = (&runs[0], &runs[1]);
    assert_eq!(plan_run.status, orbis_store::RunStatus::Succeeded);
    assert_eq!(plan_run.plan_sha256.as_deref(), Some(hash.as_str()));
    assert_eq!(plan_run.environment.as_deref(), Some("dev"));
    assert_eq!(plan_run.identity.as_deref(), Some("aws:dev"));
    assert!(
        plan_run.tool_version.starts_with('1'),
        "{}",
        plan_run.tool_version
    );
    assert!(
        plan_run.command.starts_with("terraform plan -json"),
        "{}",
        plan_run.command
    );
    assert_eq!(apply.status, orbis_store::RunStatus::Succeeded);
    assert_eq!(apply.changes.unwrap().add, 1);
    assert!(
        apply.log.contains("terraform_data.a: create complete"),
        "{}",
        apply.log
    );
}

#[test]
fn ctrl_c_is_forwarded_as_a_graceful_interrupt() {
    if !terraform_on_path("ctrl_c_is_forwarded_as_a_graceful_interrupt") {
        return;
    }
    let dir = workspace(
        "resource \"terraform_data\" \"slow\" {\n  provisioner \"local-exec\" {\n    command = \"sleep 30\"\n  }\n}\n",
    );
    let d = s(dir.path());
    let out = orbis(&["run", "plan", "--format", "json", d]);
    let hash = json_lines(&out).last().unwrap()["plan_sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let plan = dir.path().join("tfplan");
    let mut child = Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args([
            "run",
            "apply",
            "--format",
            "json",
            "--plan",
            s(&plan),
            "--approve-hash",
            &hash,
            d,
        ])
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Value>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Ok(v) = serde_json::from_str(&line) {
                let _ = tx.send(v);
            }
        }
    });
    let mut lines = Vec::new();
    let mut sent = false;
    loop {
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(v) => {
                if v["type"] == "provision_progress" && !sent {
                    // What a terminal's Ctrl-C does to the foreground process: SIGINT to orbis.
                    let ok = Command::new("kill")
                        .args(["-INT", &child.id().to_string()])
                        .status()
                        .unwrap();
                    assert!(ok.success());
                    sent = true;
                }
                lines.push(v);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(_) if started.elapsed() > Duration::from_secs(60) => {
                let _ = child.kill();
                panic!("no end within 60 s: {lines:#?}");
            }
            Err(_) => {}
        }
    }
    let status = child.wait().unwrap();
    assert!(sent, "the provisioner never started: {lines:#?}");
    assert_eq!(status.code(), Some(1));
    assert!(lines
        .iter()
        .any(|l| l["type"] == "cancelling" && l["hard"] == false));
    assert!(
        lines.iter().any(|l| l["type"] == "provision_errored"),
        "{lines:#?}"
    );
    let last = lines.last().unwrap();
    assert_eq!(
        (
            last["type"].as_str(),
            last["outcome"].as_str(),
            last["exit_code"].as_i64()
        ),
        (Some("run_finished"), Some("interrupted"), Some(1))
    );
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "stopped gracefully, not after the sleep"
    );
}
