//! All clusters at a glance, against loopback replay servers of the recorded corpus: a cluster
//! whose nodes and pods are listed (versions, ready nodes, failing pods in plain words), one
//! where pods are forbidden by RBAC (nodes still counted, the refusal said), and one whose
//! server is gone (unreachable, with the fix) — probed together, answered in the order asked.

mod support;

use k8s_openapi::api::core::v1::Pod;
use orbis_clusters::health::Severity;
use orbis_clusters::overview::{probe_all, FAILING_NAMED};
use orbis_clusters::summary::summarize_pod;
use orbis_clusters::{ErrorCode, Kubeconfigs};
use std::time::Duration;
use support::replay::{corpus, ReplayServer, Script};

fn kubeconfig(dir: &std::path::Path, servers: &[(&str, &str)]) -> std::path::PathBuf {
    let mut clusters = String::new();
    let mut contexts = String::new();
    for (name, url) in servers {
        clusters.push_str(&format!(
            "- name: {name}\n  cluster: {{server: \"{url}\"}}\n"
        ));
        contexts.push_str(&format!(
            "- name: {name}\n  context: {{cluster: {name}, user: u}}\n"
        ));
    }
    let file = dir.join("kubeconfig");
    std::fs::write(
        &file,
        format!("apiVersion: v1\nkind: Config\nclusters:\n{clusters}contexts:\n{contexts}users:\n- name: u\n  user: {{token: t}}\n"),
    )
    .unwrap();
    file
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probes_every_context_and_says_what_fails() {
    let ok = ReplayServer::start(Script::corpus());
    let no_pods = ReplayServer::start(Script::corpus().status(
        "/api/v1/pods",
        403,
        corpus().join("objects/constructed/status/status-403-forbidden.json"),
    ));
    // A server that was there and is gone: its port is closed.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}", l.local_addr().unwrap().port())
    };
    let dir = tempfile::tempdir().unwrap();
    let file = kubeconfig(
        dir.path(),
        &[("ok", &ok.url), ("no-pods", &no_pods.url), ("dead", &dead)],
    );
    let kcs = Kubeconfigs::load(&[file], true);
    let names: Vec<String> = ["dead", "ok", "no-pods"].map(String::from).to_vec();
    let probes = probe_all(&kcs, &names, Duration::from_secs(20)).await;
    let order: Vec<&str> = probes.iter().map(|p| p.context.as_str()).collect();
    assert_eq!(order, ["dead", "ok", "no-pods"]);

    // What the corpus's lists hold, read here on their own.
    let list: serde_json::Value = serde_json::from_slice(
        &std::fs::read(corpus().join("objects/constructed/lists/PodList.json")).unwrap(),
    )
    .unwrap();
    let pods: Vec<Pod> = serde_json::from_value(list["items"].clone()).unwrap();
    let mut failing: Vec<(String, String)> = pods
        .iter()
        .map(summarize_pod)
        .filter(|p| p.severity == Severity::Error)
        .map(|p| {
            (
                format!("{}/{}", p.namespace, p.name),
                p.reason.unwrap_or(p.phase),
            )
        })
        .collect();
    failing.sort();
    assert!(
        failing.len() > FAILING_NAMED,
        "the corpus has many failing pods"
    );

    let ok = &probes[1];
    assert!(ok.reachable && ok.error.is_none(), "{ok:?}");
    assert_eq!(ok.nodes, 7);
    assert_eq!(
        ok.nodes_ready, 5,
        "node-notready (Unknown) and node-notready-cni (False)"
    );
    assert_eq!(ok.versions, ["v1.15.2"]);
    assert_eq!(ok.pods, pods.len());
    assert_eq!(ok.failing_pods, failing.len());
    // The first ones by namespace and name, each with its plain cause.
    let named: Vec<(String, String)> = ok
        .failing
        .iter()
        .map(|f| (f.pod.clone(), f.reason.clone()))
        .collect();
    assert_eq!(named, failing[..FAILING_NAMED]);
    assert!(
        failing.iter().any(|(_, r)| r == "CrashLoopBackOff")
            && failing.iter().any(|(_, r)| r == "ImagePullBackOff"),
        "{failing:?}"
    );

    let no_pods = &probes[2];
    assert!(no_pods.reachable);
    assert_eq!(no_pods.nodes, 7, "nodes are still counted");
    assert_eq!(no_pods.pods, 0);
    let e = no_pods.error.as_ref().expect("the refusal is said");
    assert_eq!(e.code, ErrorCode::Forbidden, "{e:?}");

    let dead = &probes[0];
    assert!(!dead.reachable);
    let e = dead.error.as_ref().unwrap();
    assert_eq!(e.code, ErrorCode::Unreachable, "{e:?}");
    assert!(!e.hint.is_empty());
}
