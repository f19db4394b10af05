//! Applying a workspace YAML file through `Session` (feature `clusters`) against orbis-clusters'
//! loopback replay server: the dry-run preview per object from the editor buffer, refusal
//! without (or with a used or stale) confirmation with nothing stored, the real apply whose
//! object reaches the UI's deltas, one audit row per object, and errors in plain words.
#![cfg(feature = "clusters")]

mod live_cluster;
#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use orbis_app::clusters::actions_dto::ClusterActionOutcome;
use orbis_app::clusters::apply_dto::*;
use orbis_app::clusters::dto::*;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use replay::{ReplayServer, Script};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const FILE: &str = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: blee
data:
  key1: very
  key2: strange
";

/// A session with a workspace holding `k8s/app.yaml`, connected to the replay server; the
/// receiver gets the UI's delta batches.
fn connected(
    server: &ReplayServer,
    dir: &std::path::Path,
) -> (Session, mpsc::Receiver<ClusterEventMessage>) {
    let ws = dir.join("ws");
    std::fs::create_dir_all(ws.join("k8s")).unwrap();
    std::fs::write(ws.join("k8s/app.yaml"), FILE).unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(&ws).unwrap();
    let rx = live_cluster::connect(&session, server, dir);
    (session, rx)
}

/// Waits (30 s bounds a broken test) for a ConfigMap row `key` among the batches.
fn until_config_map(rx: &mpsc::Receiver<ClusterEventMessage>, key: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let m = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("no ConfigMap {key} arrived"));
        let found = m.deltas.iter().any(|d| {
            matches!(d, ClusterDelta::Added { kind: ClusterKind::ConfigMap, key: k, .. } if k == key)
        });
        if found {
            return;
        }
    }
}

#[test]
fn preview_confirm_apply_and_audit() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let (s, rx) = connected(&server, dir.path());

    // Unsaved edits in the editor are what is previewed.
    let doc = s.open_document("k8s/app.yaml").unwrap();
    s.set_document_text("k8s/app.yaml", doc.text.replace("fast", "faster"))
        .unwrap();
    let preview = s.preview_cluster_apply("k8s/app.yaml").unwrap();
    assert_eq!(preview.summary, "1 to create, 1 to change");
    assert_eq!(preview.context, "replay");
    let objects: Vec<(&str, Option<&str>, ClusterApplyOutcome, Vec<String>)> = preview
        .objects
        .iter()
        .map(|o| {
            (
                o.name.as_str(),
                o.namespace.as_deref(),
                o.outcome,
                o.changes.clone(),
            )
        })
        .collect();
    assert_eq!(
        objects,
        vec![
            (
                "settings",
                Some("default"),
                ClusterApplyOutcome::Created,
                vec!["data: {\"mode\":\"faster\"}".to_string()]
            ),
            (
                "blee",
                Some("default"),
                ClusterApplyOutcome::Changed,
                vec!["data.key2: charm → strange".to_string()]
            ),
        ]
    );
    let writes = |server: &ReplayServer| {
        server
            .changes()
            .into_iter()
            .filter(|r| !r.query.contains("dryRun=All"))
            .count()
    };
    assert_eq!(writes(&server), 0, "a preview stores nothing");

    // No token, a made-up token, another file: refused, nothing stored.
    let e = s.run_cluster_apply("k8s/app.yaml", None).unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);
    assert_eq!(
        e.message,
        "Not applied: applying k8s/app.yaml has not been confirmed"
    );
    let e = s
        .run_cluster_apply("k8s/other.yaml", Some(&preview.token))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);
    assert_eq!(writes(&server), 0);

    // The token was used by the refused call: a new preview, then confirm it.
    let preview = s.preview_cluster_apply("k8s/app.yaml").unwrap();
    // Edits after the preview are not sent: the token holds what was previewed.
    s.set_document_text("k8s/app.yaml", "not: [yaml".into())
        .unwrap();
    let done = s
        .run_cluster_apply("k8s/app.yaml", Some(&preview.token))
        .unwrap();
    assert_eq!(
        done.message,
        "Applied k8s/app.yaml to replay: 1 to create, 1 to change (2 objects)."
    );
    assert_eq!(writes(&server), 2);
    until_config_map(&rx, "default/settings");

    let e = s
        .run_cluster_apply("k8s/app.yaml", Some(&preview.token))
        .unwrap_err();
    assert_eq!(
        e.code,
        ErrorCode::ClusterActionNotConfirmed,
        "a token is used once"
    );

    let audit = s.cluster_audit(10).unwrap();
    let rows: Vec<(ClusterActionOutcome, &str, &str, &str)> = audit
        .iter()
        .map(|a| {
            (
                a.outcome,
                a.kind.as_str(),
                a.name.as_str(),
                a.action.as_str(),
            )
        })
        .collect();
    use ClusterActionOutcome::*;
    assert_eq!(
        rows,
        vec![
            (Refused, "file", "k8s/app.yaml", "apply"),
            (Succeeded, "configmap", "blee", "apply"),
            (Succeeded, "configmap", "settings", "apply"),
            (Refused, "file", "k8s/other.yaml", "apply"),
            (Refused, "file", "k8s/app.yaml", "apply"),
        ],
        "newest first"
    );
    assert_eq!(done.audit_ids, vec![audit[2].id, audit[1].id]);
    assert_eq!(
        audit[1].summary,
        "Apply ConfigMap blee from k8s/app.yaml (changed)"
    );
    assert_eq!(
        audit[1].message,
        "ConfigMap blee in default changed: data.key2: charm → strange"
    );
    assert_eq!(audit[1].context, "replay");
}

#[test]
fn a_preview_is_refused_when_the_cluster_changed_since() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let (s, _rx) = connected(&server, dir.path());
    let first = s.preview_cluster_apply("k8s/app.yaml").unwrap();
    // Someone else applies another value of blee in between.
    let other = FILE.replace("strange", "charmed");
    let second = s
        .preview_cluster_apply_text("k8s/other.yaml", &other)
        .unwrap();
    s.run_cluster_apply("k8s/other.yaml", Some(&second.token))
        .unwrap();
    let e = s
        .run_cluster_apply("k8s/app.yaml", Some(&first.token))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);
    assert_eq!(
        e.message,
        "Not applied: the cluster changed since the preview (it would now be: 1 to change, 1 unchanged)"
    );
}

#[test]
fn clear_errors_for_bad_yaml_unknown_kinds_rbac_and_no_connection() {
    let server = ReplayServer::start(Script::corpus().forbid_verb("PATCH", "/api/v1/configmaps"));
    let dir = tempfile::tempdir().unwrap();
    let (s, _rx) = connected(&server, dir.path());
    let e = s
        .preview_cluster_apply_text("bad.yaml", "kind: [")
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionInvalid);
    assert!(
        e.message.starts_with("bad.yaml is not valid YAML"),
        "{}",
        e.message
    );
    let e = s
        .preview_cluster_apply_text(
            "crd.yaml",
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: shop}\n",
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionInvalid);
    assert_eq!(e.message, "Document 1 (Application shop): the cluster does not serve kind Application in argoproj.io/v1alpha1.");
    let e = s.preview_cluster_apply("k8s/app.yaml").unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionFailed);
    assert_eq!(e.message, "Document 1 (ConfigMap settings): your credentials may not patch configmaps in default (403 Forbidden).");
    assert!(e
        .hint
        .contains("kubectl auth can-i patch configmaps -n default"));
    assert!(server
        .changes()
        .iter()
        .all(|r| r.query.contains("dryRun=All")));

    s.disconnect_cluster();
    let e = s.preview_cluster_apply("k8s/app.yaml").unwrap_err();
    assert_eq!(e.code, ErrorCode::NoCluster);
}
