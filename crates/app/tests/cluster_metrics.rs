//! Resource usage and the platform views through `Session` (feature `clusters`) against
//! orbis-clusters' loopback replay server: with metrics-server (the corpus's metrics lists)
//! usage sits beside the nodes' allocatable and the pods' requests; without it (the corpus's
//! 404) the state says "not installed" and the capacity rows are still there; a namespace's
//! quotas, who-can-do-what and network policies (`--platform` objects).
#![cfg(feature = "clusters")]

mod live_cluster;
#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use live_cluster::connected;
use orbis_app::clusters::dto::*;
use orbis_app::clusters::metrics_dto::*;
use orbis_app::ErrorCode;
use replay::{ReplayServer, Script};

#[test]
fn usage_beside_capacity_and_requests_when_metrics_server_is_installed() {
    let server = ReplayServer::start(Script::corpus().with_metrics());
    let dir = tempfile::tempdir().unwrap();
    let s = connected(&server, dir.path(), &[ClusterKind::Node, ClusterKind::Pod]);
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
    let s = connected(&server, dir.path(), &[ClusterKind::Node, ClusterKind::Pod]);
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

#[test]
fn platform_views_of_a_namespace() {
    let server = ReplayServer::start(Script::corpus().with_platform());
    let dir = tempfile::tempdir().unwrap();
    let s = connected(&server, dir.path(), &[ClusterKind::Node, ClusterKind::Pod]);
    let p = s.cluster_platform("default").unwrap();
    assert_eq!(p.namespace, "default");
    let quotas = p.quotas.unwrap();
    let cpu = quotas
        .iter()
        .find(|q| q.resource == "requests.cpu")
        .unwrap();
    assert_eq!(
        (cpu.used.as_deref(), cpu.hard.as_str(), cpu.percent),
        (Some("500m"), "2", Some(25))
    );
    let access = p.access.unwrap();
    let sa = access
        .iter()
        .find(|a| a.subject == "ServiceAccount default/fernand")
        .unwrap();
    assert_eq!(sa.via, ["RoleBinding blee → Role blee"]);
    let pods = sa.resources.iter().find(|c| c.resource == "pods").unwrap();
    assert_eq!(
        pods.verbs,
        ["deletecollection", "get", "list", "patch", "watch"]
    );
    let policies = p.policies.unwrap();
    assert_eq!(policies[0].selects, "pods with app=nginx in default");
    assert!(!policies[0].denies_all_ingress);
}
