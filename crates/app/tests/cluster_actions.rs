//! Cluster actions through `Session` (feature `clusters`) against orbis-clusters' loopback
//! replay server: preview → confirm → the request reaches the server → the watch brings the
//! new desired count → an audit row; refusal without (or with a stale) confirmation, with
//! nothing sent; a 403 in plain words with a "failed" audit row.
#![cfg(feature = "clusters")]

mod live_cluster;
#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use orbis_app::clusters::actions_dto::*;
use orbis_app::clusters::dto::*;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use replay::{ReplayServer, Script};
use std::collections::HashMap;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A connected session and the deployments' rows as the UI would hold them.
struct Live {
    session: Session,
    rx: mpsc::Receiver<ClusterEventMessage>,
    desired: HashMap<String, i32>,
    ready: bool,
    /// Kinds whose first list arrived.
    listed: Vec<ClusterKind>,
}

impl Live {
    fn connect(server: &ReplayServer, dir: &std::path::Path) -> Live {
        let session = Session::new(Store::open_in_memory().unwrap(), None);
        let rx = live_cluster::connect(&session, server, dir);
        let mut live = Live {
            session,
            rx,
            desired: HashMap::new(),
            ready: false,
            listed: Vec::new(),
        };
        live.until(|l| l.ready);
        live
    }

    /// Applies batches until `done`; 30 s bounds a broken test, every wait ends on a batch.
    fn until(&mut self, done: impl Fn(&Live) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !done(self) {
            let m = self
                .rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("the batch that was waited for");
            for d in m.deltas {
                match d {
                    ClusterDelta::Added {
                        key,
                        row: ClusterRow::Workload(w),
                        kind: ClusterKind::Deployment,
                    }
                    | ClusterDelta::Modified {
                        key,
                        row: ClusterRow::Workload(w),
                        kind: ClusterKind::Deployment,
                    } => {
                        self.desired.insert(key, w.desired);
                    }
                    ClusterDelta::Status {
                        kind,
                        status: ClusterKindStatus::Ready { .. },
                    } => {
                        self.ready |= kind == ClusterKind::Deployment;
                        self.listed.push(kind);
                    }
                    _ => {}
                }
            }
        }
    }
}

fn scale(key: &str, replicas: i32) -> ClusterActionRequest {
    ClusterActionRequest {
        kind: ClusterKind::Deployment,
        key: key.into(),
        action: ClusterAction::Scale { replicas },
    }
}

#[test]
fn preview_confirm_and_audit_and_no_action_without_confirmation() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::connect(&server, dir.path());
    let s = &live.session;
    assert_eq!(live.desired["default/web"], 4);

    // Without the preview's token: refused, nothing sent, audited.
    let request = scale("default/web", 5);
    let e = s.run_cluster_action(&request, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);
    assert_eq!(
        e.message,
        "Not done: the scale of deployment web in default has not been confirmed"
    );
    let e = s.run_cluster_action(&request, Some("made-up")).unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);
    assert!(server.changes().is_empty(), "nothing reached the cluster");

    let preview = s.preview_cluster_action(&request).unwrap();
    assert_eq!(
        preview.summary,
        "Scale deployment web in default from 4 to 5 replicas"
    );
    assert_eq!(preview.changes, ["spec.replicas: 4 → 5"]);
    assert_eq!(preview.context, "replay");
    // A token confirms exactly its request: not another count.
    let e = s
        .run_cluster_action(&scale("default/web", 6), Some(&preview.token))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);
    assert!(server.changes().is_empty());

    let preview = s.preview_cluster_action(&request).unwrap();
    let done = s
        .run_cluster_action(&request, Some(&preview.token))
        .unwrap();
    assert_eq!(
        done.message,
        "deployment web in default now wants 5 replicas."
    );
    let sent = server.changes();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].target,
        "/apis/apps/v1/namespaces/default/deployments/web/scale"
    );
    assert_eq!(sent[0].body, br#"{"spec":{"replicas":5}}"#);
    live.until(|l| l.desired["default/web"] == 5);
    let s = &live.session;

    // The token is used up.
    let e = s
        .run_cluster_action(&request, Some(&preview.token))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);

    let audit = s.cluster_audit(10).unwrap();
    let outcomes: Vec<ClusterActionOutcome> = audit.iter().map(|a| a.outcome).collect();
    use ClusterActionOutcome::*;
    assert_eq!(
        outcomes,
        [Refused, Succeeded, Refused, Refused, Refused],
        "newest first"
    );
    let ok = &audit[1];
    assert_eq!(ok.id, done.audit_id);
    assert_eq!(
        (
            ok.context.as_str(),
            ok.namespace.as_deref(),
            ok.kind.as_str(),
            ok.name.as_str(),
            ok.action.as_str()
        ),
        ("replay", Some("default"), "deployment", "web", "scale")
    );
    assert_eq!(
        ok.summary,
        "Scale deployment web in default from 4 to 5 replicas"
    );
    assert_eq!(
        ok.server.as_deref().map(|u| u.trim_end_matches('/')),
        Some(server.url.as_str())
    );
    assert!(
        ok.identity
            .as_deref()
            .is_some_and(|i| i.starts_with("user:")),
        "{:?}",
        ok.identity
    );
    assert!(ok.at > 1_600_000_000_000);
    assert_eq!(audit[4].message, "Not done: the scale of deployment web in default has not been confirmed Preview the action, read what it changes, and confirm it there.");
    assert_eq!(
        audit[4].error_code.as_deref(),
        Some("cluster_action_not_confirmed")
    );
}

#[test]
fn a_preview_is_refused_when_the_object_changed_since() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::connect(&server, dir.path());
    let s = &live.session;
    let first = s.preview_cluster_action(&scale("default/api", 5)).unwrap();
    let second = s.preview_cluster_action(&scale("default/api", 6)).unwrap();
    s.run_cluster_action(&scale("default/api", 6), Some(&second.token))
        .unwrap();
    live.until(|l| l.desired["default/api"] == 6);
    let s = &live.session;
    let e = s
        .run_cluster_action(&scale("default/api", 5), Some(&first.token))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);
    assert_eq!(
        e.message,
        "Not done: deployment api in default changed since the preview (it would now be: Scale deployment api in default from 6 to 5 replicas)"
    );
    assert_eq!(
        server.changes().len(),
        1,
        "only the confirmed, current action was sent"
    );
    // Nothing to do is said before any confirmation.
    let e = s
        .preview_cluster_action(&scale("default/api", 6))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionInvalid);
    assert_eq!(
        e.message,
        "deployment api in default already has 6 replicas."
    );
}

#[test]
fn forbidden_is_said_in_plain_words_and_audited_as_failed() {
    let server =
        ReplayServer::start(Script::corpus().forbid_verb("PATCH", "/apis/apps/v1/deployments"));
    let dir = tempfile::tempdir().unwrap();
    let live = Live::connect(&server, dir.path());
    let s = &live.session;
    let request = ClusterActionRequest {
        kind: ClusterKind::Deployment,
        key: "default/worker".into(),
        action: ClusterAction::RolloutRestart,
    };
    let preview = s.preview_cluster_action(&request).unwrap();
    assert_eq!(
        preview.summary,
        "Restart deployment worker in default: replace its 2 pods one by one"
    );
    let e = s
        .run_cluster_action(&request, Some(&preview.token))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionFailed);
    assert_eq!(
        e.message,
        "Not allowed: your credentials may not patch deployments in default (403 Forbidden)."
    );
    assert!(
        e.hint
            .contains("kubectl auth can-i patch deployments -n default"),
        "{}",
        e.hint
    );
    let row = &s.cluster_audit(1).unwrap()[0];
    assert_eq!(row.outcome, ClusterActionOutcome::Failed);
    assert_eq!(row.error_code.as_deref(), Some("clusters.forbidden"));
    assert_eq!(row.action, "rollout_restart");
    assert!(row.message.starts_with("Not allowed:"), "{}", row.message);
    assert_eq!(
        server.changes().len(),
        1,
        "the request was made, and refused by the cluster"
    );
}

#[test]
fn rollback_previews_the_revision_and_its_image_from_the_live_replica_sets() {
    let server = ReplayServer::start(Script::corpus().with_rollout_history());
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::connect(&server, dir.path());
    // The ReplicaSets come from their own watcher.
    live.until(|l| l.listed.contains(&ClusterKind::ReplicaSet));
    let s = &live.session;
    let request = ClusterActionRequest {
        kind: ClusterKind::Deployment,
        key: "default/web".into(),
        action: ClusterAction::Rollback { to_revision: None },
    };
    let preview = s.preview_cluster_action(&request).unwrap();
    assert_eq!(
        preview.summary,
        "Roll back deployment web in default from revision 2 to revision 1"
    );
    assert_eq!(
        preview.changes,
        ["container coredns: image coredns/coredns:v1.14.2 → coredns/coredns:v1.13.1"]
    );
    let done = s
        .run_cluster_action(&request, Some(&preview.token))
        .unwrap();
    assert_eq!(
        done.message,
        "deployment web in default is rolling back to the pod template of revision 1."
    );
    let sent = server.changes();
    assert_eq!(
        (sent[0].method.as_str(), sent[0].target.as_str()),
        ("PUT", "/apis/apps/v1/namespaces/default/deployments/web")
    );
    let row = &s.cluster_audit(1).unwrap()[0];
    assert_eq!(
        (row.action.as_str(), row.outcome),
        ("rollback", ClusterActionOutcome::Succeeded)
    );
}
