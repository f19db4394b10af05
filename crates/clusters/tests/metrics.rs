//! The metrics API (metrics.k8s.io) through the real kube-rs client against the loopback
//! replay server serving the corpus's constructed NodeMetricsList / PodMetricsList, and the
//! corpus's 404 of a cluster without metrics-server; Kubernetes quantities; the rows beside
//! the nodes' allocatable and the pods' requests/limits from the watchers' stores.

mod support;

use orbis_clusters::metrics::{self, cpu_millicores, memory_bytes, Metrics};
use orbis_clusters::watch::{ClusterState, Kind, WatchOptions};
use orbis_clusters::Kubeconfigs;
use support::replay::{ReplayServer, Script};
use support::{deltas_until, is_ready};

#[test]
fn quantities_in_every_unit_the_api_writes() {
    assert_eq!(cpu_millicores("250m"), Some(250.0));
    assert_eq!(cpu_millicores("2"), Some(2000.0));
    assert_eq!(cpu_millicores("0.5"), Some(500.0));
    assert!((cpu_millicores("123456789n").unwrap() - 123.456789).abs() < 1e-9);
    assert_eq!(cpu_millicores("12u"), Some(0.012));
    assert_eq!(cpu_millicores("lots"), None);
    assert_eq!(cpu_millicores("5x"), None);
    assert_eq!(memory_bytes("1500000Ki"), Some(1_536_000_000));
    assert_eq!(memory_bytes("512Mi"), Some(536_870_912));
    assert_eq!(memory_bytes("2Gi"), Some(2_147_483_648));
    assert_eq!(memory_bytes("129M"), Some(129_000_000));
    assert_eq!(memory_bytes("128974848"), Some(128_974_848));
    assert_eq!(memory_bytes("1e3"), Some(1000));
    assert_eq!(memory_bytes("-1Ki"), None);
    assert_eq!(memory_bytes("Ki"), None);
}

async fn connect(
    server: &ReplayServer,
    dir: &std::path::Path,
) -> orbis_clusters::connect::Connection {
    let kcs = Kubeconfigs::load(&[server.kubeconfig(dir, "t")], true);
    orbis_clusters::connect(&kcs, None).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_from_metrics_server_beside_allocatable_and_requests() {
    let server = ReplayServer::start(Script::corpus().with_metrics());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let Metrics::Available { nodes, pods } = metrics::fetch(&conn).await.unwrap() else {
        panic!("metrics-server is served");
    };
    assert_eq!(nodes.len(), 7);
    assert_eq!(nodes["node-notready"].cpu_millicores, 247.0);
    assert_eq!(nodes["node-ready"].memory_bytes, 1_536_000_000);
    assert_eq!(pods.len(), 8);
    let coredns = pods["kube-system/coredns-589f44dc88-4fpns"];
    assert!((coredns.cpu_millicores - 1.734567).abs() < 1e-9);
    assert_eq!(coredns.memory_bytes, 12_582_912);

    let options = WatchOptions {
        kinds: vec![Kind::Node, Kind::Pod],
        ..Default::default()
    };
    let (state, mut rx) = ClusterState::start(&conn, &options);
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        is_ready(s, Kind::Node) && is_ready(s, Kind::Pod)
    })
    .await;
    let (node_rows, pod_rows) = state.metric_rows(&nodes, &pods);
    let ready = node_rows.iter().find(|n| n.name == "node-ready").unwrap();
    assert_eq!(ready.allocatable.cpu_millicores, 4000.0);
    assert_eq!(ready.allocatable.memory_bytes, 8_063_156 * 1024);
    assert!(ready.usage.is_some());
    let row = pod_rows
        .iter()
        .find(|p| p.key == "kube-system/coredns-589f44dc88-4fpns")
        .unwrap();
    assert_eq!(row.usage, Some(coredns));
    // coredns asks for 100m CPU and 70Mi, and is limited to 170Mi with no CPU limit.
    assert_eq!(row.requests.cpu_millicores, 100.0);
    assert_eq!(row.requests.memory_bytes, 70 * 1024 * 1024);
    assert_eq!(row.cpu_limit_millicores, None);
    assert_eq!(row.memory_limit_bytes, Some(170 * 1024 * 1024));
    // Pods the metrics API has no sample of have no usage, not zero.
    assert!(pod_rows
        .iter()
        .any(|p| p.key.starts_with("default/") && p.usage.is_none()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_without_metrics_server_is_not_installed_not_an_error() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    assert_eq!(metrics::fetch(&conn).await.unwrap(), Metrics::NotInstalled);
    let asked = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/apis/metrics.k8s.io/"))
        .count();
    assert_eq!(
        asked, 1,
        "the pods list is not asked for once nodes said 404"
    );
}
