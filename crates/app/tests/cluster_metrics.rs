//! Resource usage through `Session` (feature `clusters`) against orbis-clusters' loopback
//! replay server: with metrics-server (the corpus's metrics lists) usage sits beside the
//! nodes' allocatable and the pods' requests; without it (the corpus's 404) the state says
//! "not installed" and the capacity rows are still there.
#![cfg(feature = "clusters")]

#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use orbis_app::clusters::dto::*;
use orbis_app::clusters::metrics_dto::*;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use replay::{ReplayServer, Script};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// A session connected to `server`, once its nodes and pods are listed.
fn connected(server: &ReplayServer, dir: &std::path::Path) -> Session {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.set_kubeconfig_files(Some(vec![server.kubeconfig(dir, "t")]));
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    session
        .connect_cluster(
            "replay",
            Arc::new(move |m| {
                let _ = tx.lock().unwrap().send(m);
            }),
        )
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut listed = Vec::new();
    while !(listed.contains(&ClusterKind::Node) && listed.contains(&ClusterKind::Pod)) {
        let m: ClusterEventMessage = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("nodes and pods listed");
        for d in m.deltas {
            if let ClusterDelta::Status {
                kind,
                status: ClusterKindStatus::Ready { .. },
            } = d
            {
                listed.push(kind);
            }
        }
    }
    session
}

#[test]
fn usage_beside_capacity_and_requests_when_metrics_server_is_installed() {
    let server = ReplayServer::start(Script::corpus().with_metrics());
    let dir = tempfile::tempdir().unwrap();
    let s = connected(&server, dir.path());
    let m = s.cluster_metrics().unwrap();
    assert_eq!(m.state, ClusterMetricsState::Available);
    let node = m
        .nodes
        .iter()
        .find(|n| n.name == "node-mem-pressure")
        .unwrap();
    assert_eq!(node.cpu_used, Some(441.0));
    assert_eq!(node.cpu_allocatable, 4000.0);
    assert_eq!(node.memory_used, Some(2_250_000 * 1024));
    let pod = m
        .pods
        .iter()
        .find(|p| p.key == "kube-system/coredns-589f44dc88-4fpns")
        .unwrap();
    assert_eq!(pod.memory_used, Some(12_288 * 1024));
    assert_eq!(pod.cpu_request, 100.0);
    assert_eq!(pod.memory_limit, Some(170 * 1024 * 1024));
    assert_eq!(pod.cpu_limit, None);
}

#[test]
fn without_metrics_server_the_state_says_so_and_capacity_remains() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let s = connected(&server, dir.path());
    let m = s.cluster_metrics().unwrap();
    assert_eq!(m.state, ClusterMetricsState::NotInstalled);
    assert_eq!(m.nodes.len(), 7);
    assert!(m
        .nodes
        .iter()
        .all(|n| n.cpu_used.is_none() && n.cpu_allocatable > 0.0));
    assert!(m.pods.iter().all(|p| p.cpu_used.is_none()));
    s.disconnect_cluster();
    assert_eq!(s.cluster_metrics().unwrap_err().code, ErrorCode::NoCluster);
}
