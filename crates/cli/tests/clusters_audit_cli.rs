//! `orbis clusters audit`: the app's audit log of cluster actions read from its database
//! (rows written through orbis-store as the app writes them), as JSON and text; a missing
//! database is exit 2 with the fix. Needs no kube support (runs in the default build).

use orbis_store::{ActionOutcome, NewClusterAction, Store};
use std::process::Command;

fn orbis(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .env_clear()
        .output()
        .unwrap()
}

fn row(at: i64, outcome: ActionOutcome, message: &str) -> NewClusterAction {
    NewClusterAction {
        at,
        context: "prod".into(),
        server: Some("https://k8s.example:6443".into()),
        namespace: Some("shop".into()),
        kind: "deployment".into(),
        name: "web".into(),
        action: "scale".into(),
        summary: "Scale deployment web in shop from 3 to 5 replicas".into(),
        identity: Some("user:alice".into()),
        outcome,
        message: message.into(),
        error_code: (outcome == ActionOutcome::Failed).then(|| "clusters.forbidden".into()),
    }
}

#[test]
fn lists_the_audit_log_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    {
        let store = Store::open(&db).unwrap();
        store
            .record_cluster_action(&row(
                1_795_737_600_000,
                ActionOutcome::Failed,
                "Not allowed (403 Forbidden).",
            ))
            .unwrap();
        store
            .record_cluster_action(&row(
                1_795_737_660_000,
                ActionOutcome::Succeeded,
                "deployment web in shop now wants 5 replicas.",
            ))
            .unwrap();
    }
    let db_arg = db.to_str().unwrap();
    let out = orbis(&["clusters", "audit", "--db", db_arg, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let actions = v["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0]["outcome"], "succeeded");
    assert_eq!(actions[0]["at"], 1_795_737_660_000_i64);
    assert_eq!(actions[1]["outcome"], "failed");
    assert_eq!(actions[1]["error_code"], "clusters.forbidden");
    assert_eq!(actions[1]["identity"], "user:alice");

    let out = orbis(&["clusters", "audit", "--db", db_arg, "--limit", "1"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(
            "#2 2026-11-27 00:01:00Z succeeded prod · deployment shop/web · user:alice"
        ),
        "{text}"
    );
    assert!(
        text.contains("Scale deployment web in shop from 3 to 5 replicas"),
        "{text}"
    );
    assert!(!text.contains("403"), "one row only: {text}");

    let out = orbis(&[
        "clusters",
        "audit",
        "--db",
        dir.path().join("none.sqlite3").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--db"));
}
