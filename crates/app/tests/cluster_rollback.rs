//! Rollback of a daemonset through `Session` (feature `clusters`) against orbis-clusters'
//! loopback replay server, with the ControllerRevisions `rollout_fixtures.rs` constructs:
//! preview (the template diff) → confirm → the PUT reaches the server → an audit row; a
//! forbidden read of the revisions is said and audited as refused, with nothing sent.
#![cfg(feature = "clusters")]

mod live_cluster;
#[path = "../../clusters/tests/support/replay.rs"]
mod replay;
#[path = "../../clusters/tests/support/rollout_fixtures.rs"]
mod rollout_fixtures;

use live_cluster::connected;
use orbis_app::clusters::actions_dto::*;
use orbis_app::clusters::dto::*;
use orbis_app::ErrorCode;
use replay::{corpus, ReplayServer, Script};

fn request() -> ClusterActionRequest {
    ClusterActionRequest {
        kind: ClusterKind::DaemonSet,
        key: "default/fluentd-elasticsearch".into(),
        action: ClusterAction::Rollback { to_revision: None },
    }
}

#[test]
fn daemonset_rollback_is_previewed_confirmed_sent_and_audited() {
    let server = ReplayServer::start(Script::corpus().list_body(
        "/apis/apps/v1/controllerrevisions",
        rollout_fixtures::controller_revisions(&corpus()),
    ));
    let dir = tempfile::tempdir().unwrap();
    let s = connected(&server, dir.path(), &[ClusterKind::DaemonSet]);
    let preview = s.preview_cluster_action(&request()).unwrap();
    assert_eq!(
        preview.summary,
        "Roll back daemonset fluentd-elasticsearch in default from revision 2 to revision 1"
    );
    assert_eq!(preview.changes.len(), 1);
    assert!(
        preview.changes[0].ends_with(&format!("→ {}", rollout_fixtures::DS_OLD_IMAGE)),
        "{:?}",
        preview.changes
    );
    assert!(server.changes().is_empty(), "a preview sends nothing");
    let done = s
        .run_cluster_action(&request(), Some(&preview.token))
        .unwrap();
    assert!(done.message.ends_with("revision 1."), "{}", done.message);
    let sent = server.changes();
    assert_eq!(
        (sent[0].method.as_str(), sent[0].target.as_str()),
        (
            "PUT",
            "/apis/apps/v1/namespaces/default/daemonsets/fluentd-elasticsearch"
        )
    );
    let row = &s.cluster_audit(1).unwrap()[0];
    assert_eq!(
        (row.action.as_str(), row.kind.as_str(), row.outcome),
        ("rollback", "daemon_set", ClusterActionOutcome::Succeeded)
    );
}

#[test]
fn unreadable_revisions_refuse_the_rollback_and_are_audited() {
    let forbidden = corpus().join("objects/constructed/status/status-403-forbidden.json");
    let server = ReplayServer::start(Script::corpus().status(
        "/apis/apps/v1/controllerrevisions",
        403,
        forbidden,
    ));
    let dir = tempfile::tempdir().unwrap();
    let s = connected(&server, dir.path(), &[ClusterKind::DaemonSet]);
    let e = s.preview_cluster_action(&request()).unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionFailed);
    assert!(
        e.message.starts_with(
            "The revisions of daemonset fluentd-elasticsearch in default cannot be read"
        ),
        "{}",
        e.message
    );
    // Without a preview there is no token: refused, audited, nothing sent.
    let e = s
        .run_cluster_action(&request(), Some("made-up"))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ClusterActionNotConfirmed);
    assert!(server.changes().is_empty());
    assert_eq!(
        s.cluster_audit(1).unwrap()[0].outcome,
        ClusterActionOutcome::Refused
    );
}
