//! `orbis clusters gitops` end to end: the real binary against orbis-clusters' loopback replay
//! server, serving the Argo CD and Flux objects `gitops_fixtures.rs` constructs from the
//! public CRD shapes (the corpus has none), or the corpus alone (neither installed).
#![cfg(feature = "clusters")]

#[path = "../../clusters/tests/support/gitops_fixtures.rs"]
mod gitops_fixtures;
#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use replay::{ReplayServer, Script};
use serde_json::Value;
use std::process::{Command, Output};

fn gitops(server: &ReplayServer, format: &str) -> Output {
    let home = tempfile::tempdir().unwrap();
    let kubeconfig = server.kubeconfig(home.path(), "t");
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(["clusters", "gitops", "--kubeconfig"])
        .arg(&kubeconfig)
        .args(["--context", "replay", "--format", format])
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", home.path().join("bin"))
        .output()
        .unwrap()
}

fn with_gitops() -> Script {
    let routes = gitops_fixtures::routes(&replay::corpus());
    let mut script = Script::corpus();
    for (path, body) in routes.documents {
        script = script.document(&path, body);
    }
    for (path, body) in routes.lists {
        script = script.list_body(&path, body);
    }
    script
}

#[test]
fn gitops_json_lists_argo_and_flux_worst_first() {
    let server = ReplayServer::start(with_gitops());
    let out = gitops(&server, "json");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["argo"]["presence"], "installed");
    assert_eq!(v["flux"]["presence"], "installed");
    let apps = v["apps"].as_array().unwrap();
    assert_eq!(apps.len(), 7);
    let mut keys: Vec<&str> = apps[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "destination",
            "health",
            "kind",
            "message",
            "name",
            "namespace",
            "ready",
            "reason",
            "revision",
            "severity",
            "source",
            "suspended",
            "sync",
            "tool"
        ]
    );
    assert_eq!(
        (apps[0]["name"].as_str(), apps[0]["severity"].as_str()),
        (Some("payments"), Some("error"))
    );
    let apps_ks = apps.iter().find(|a| a["name"] == "apps").unwrap();
    assert_eq!(apps_ks["ready"], "False");
    assert_eq!(apps_ks["reason"], "BuildFailed");

    let text = gitops(&server, "text");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Argo CD: installed"), "{text}");
    assert!(text.contains("Ready=False BuildFailed"), "{text}");
}

#[test]
fn gitops_without_the_crds_says_not_installed() {
    let server = ReplayServer::start(Script::corpus());
    let out = gitops(&server, "json");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["argo"]["presence"], "not_installed");
    assert_eq!(v["flux"]["presence"], "not_installed");
    assert_eq!(v["apps"], serde_json::json!([]));
}
