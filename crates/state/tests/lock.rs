//! The lock holder of a local state, read while the real terraform holds the lock.

mod common;

use orbis_state::{local_lock, lock::lock_file_for, parse_lock_info};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn lock_holder_is_read_while_terraform_applies() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"terraform_data\" \"slow\" {\n  provisioner \"local-exec\" {\n    command = \"sleep 5\"\n  }\n}\n",
    )
    .unwrap();
    common::terraform(dir.path(), &["init", "-input=false"]);
    let state = dir.path().join("terraform.tfstate");
    assert_eq!(local_lock(&state).unwrap(), None);
    let mut apply = Command::new("terraform")
        .args(["apply", "-auto-approve", "-input=false"])
        .current_dir(dir.path())
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut seen = None;
    while started.elapsed() < Duration::from_secs(20) {
        if let Ok(Some(lock)) = local_lock(&state) {
            seen = Some(lock);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = apply.wait().unwrap();
    assert!(status.success());
    let lock = seen.expect("the lock file appeared during apply");
    assert_eq!(lock.operation, "OperationTypeApply");
    assert!(lock.who.contains('@'), "who: {}", lock.who);
    assert_eq!(lock.id.len(), 36);
    assert!(lock.version.starts_with("1."));
    // Released after the apply, and the reader never created or kept a lock file.
    assert_eq!(local_lock(&state).unwrap(), None);
    assert!(!lock_file_for(&state).exists());
}

#[test]
fn broken_lock_record_is_a_clear_error() {
    let e = parse_lock_info(b"{\"ID\": ").unwrap_err();
    assert_eq!(e.code, "state.lock_invalid");
    assert!(e.hint.contains("force-unlock"));
}
