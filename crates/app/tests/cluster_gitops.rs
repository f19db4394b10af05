//! Argo CD and Flux status through `Session` (feature `clusters`) against orbis-clusters'
//! loopback replay server, serving the GitOps objects and discovery documents that
//! `gitops_fixtures.rs` constructs from the public CRD shapes (the corpus has none), or the
//! corpus alone (neither tool installed).
#![cfg(feature = "clusters")]

#[path = "../../clusters/tests/support/gitops_fixtures.rs"]
mod gitops_fixtures;
mod live_cluster;
#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use live_cluster::connected;
use orbis_app::clusters::gitops_dto::*;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use replay::{ReplayServer, Script};

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
fn argo_and_flux_applications_of_the_live_cluster() {
    let server = ReplayServer::start(with_gitops());
    let dir = tempfile::tempdir().unwrap();
    let s = connected(&server, dir.path(), &[]);
    let g = s.cluster_gitops().unwrap();
    assert_eq!(g.argo.presence, GitOpsPresence::Installed);
    assert_eq!(g.flux.presence, GitOpsPresence::Installed);
    assert_eq!(g.apps.len(), 7);
    let first = &g.apps[0];
    assert_eq!(
        (
            first.tool.as_str(),
            first.name.as_str(),
            first.severity.as_str()
        ),
        ("argo", "payments", "error")
    );
    assert_eq!(first.sync.as_deref(), Some("OutOfSync"));
    assert_eq!(first.health.as_deref(), Some("Degraded"));
    let podinfo = g.apps.iter().find(|a| a.name == "podinfo").unwrap();
    assert!(podinfo.suspended);
    assert_eq!(podinfo.ready.as_deref(), Some("True"));
    assert_eq!(
        g.apps.last().map(|a| a.severity.as_str()),
        Some("ok"),
        "worst first"
    );
}

#[test]
fn without_their_crds_both_tools_are_not_installed() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let s = connected(&server, dir.path(), &[]);
    let g = s.cluster_gitops().unwrap();
    assert_eq!(
        (g.argo.presence, g.flux.presence),
        (GitOpsPresence::NotInstalled, GitOpsPresence::NotInstalled)
    );
    assert!(g.apps.is_empty());
}

#[test]
fn without_a_connection_it_says_to_connect() {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    let err = session.cluster_gitops().unwrap_err();
    assert_eq!(err.code, ErrorCode::NoCluster);
}
