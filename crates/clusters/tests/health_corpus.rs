//! Pod health on the corpus's pods: the constructed failure states (one per reason), the real
//! recorded pods of kind clusters (running, failed Job pod, ContainerCreating), k9s's pods and
//! the every-field round-trip fixture (must not panic).

use k8s_openapi::api::core::v1::Pod;
use orbis_clusters::health::{pod_health, Severity};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/k8s/objects")
}

fn pod(rel: &str) -> Pod {
    serde_json::from_slice(&std::fs::read(corpus().join(rel)).unwrap()).unwrap()
}

fn pods_of_list(rel: &str) -> Vec<Pod> {
    let list: k8s_openapi::List<Pod> =
        serde_json::from_slice(&std::fs::read(corpus().join(rel)).unwrap()).unwrap();
    list.items
}

#[test]
fn constructed_pods_get_their_plain_reason() {
    let cases: [(&str, Option<&str>, Severity, &str, u32); 11] = [
        ("pod-running", None, Severity::Ok, "1/1", 0),
        (
            "pod-pending-unschedulable",
            Some("Unschedulable"),
            Severity::Error,
            "0/1",
            0,
        ),
        (
            "pod-crashloopbackoff",
            Some("CrashLoopBackOff"),
            Severity::Error,
            "0/1",
            17,
        ),
        (
            "pod-imagepullbackoff",
            Some("ImagePullBackOff"),
            Severity::Error,
            "0/1",
            0,
        ),
        (
            "pod-errimagepull",
            Some("ErrImagePull"),
            Severity::Error,
            "0/1",
            0,
        ),
        (
            "pod-oomkilled-restarted",
            Some("OOMKilled"),
            Severity::Warning,
            "1/1",
            3,
        ),
        (
            "pod-oomkilled-terminated",
            Some("OOMKilled"),
            Severity::Error,
            "0/1",
            0,
        ),
        ("pod-succeeded", Some("Completed"), Severity::Ok, "0/1", 0),
        ("pod-failed", Some("Error"), Severity::Error, "0/1", 0),
        ("pod-evicted", Some("Evicted"), Severity::Error, "0/1", 0),
        (
            "pod-terminating",
            Some("Terminating"),
            Severity::Warning,
            "1/1",
            0,
        ),
    ];
    for (name, reason, severity, ready, restarts) in cases {
        let p = pod(&format!("constructed/pods/{name}.json"));
        let h = pod_health(&p);
        assert_eq!(h.reason.as_deref(), reason, "{name}: {h:?}");
        assert_eq!(h.severity, severity, "{name}: {h:?}");
        assert_eq!(h.ready_text(), ready, "{name}: {h:?}");
        assert_eq!(h.restarts, restarts, "{name}: {h:?}");
        if severity != Severity::Ok {
            assert!(
                h.message.is_some(),
                "{name}: a problem is explained in words"
            );
        }
    }
}

#[test]
fn messages_say_what_happened() {
    let h = pod_health(&pod("constructed/pods/pod-crashloopbackoff.json"));
    let m = h.message.unwrap();
    assert!(
        m.contains("keeps crashing") && m.contains("17 times") && m.contains("last exit: Error"),
        "{m}"
    );

    let h = pod_health(&pod("constructed/pods/pod-pending-unschedulable.json"));
    assert!(h.message.unwrap().starts_with("No node can run the pod: "));

    let h = pod_health(&pod("constructed/pods/pod-oomkilled-restarted.json"));
    assert!(h.message.unwrap().contains("ran out of memory"));

    let h = pod_health(&pod("constructed/pods/pod-imagepullbackoff.json"));
    assert!(h.message.unwrap().contains("cannot be pulled"));

    let h = pod_health(&pod("constructed/pods/pod-evicted.json"));
    assert!(h.message.unwrap().starts_with("The node evicted the pod"));
}

#[test]
fn recorded_pods_of_real_clusters() {
    for p in pods_of_list("recorded/v1-36/pod-list.00.GET.PodList.json") {
        let h = pod_health(&p);
        assert_eq!(
            (h.reason, h.severity),
            (None, Severity::Ok),
            "{:?}",
            p.metadata.name
        );
    }
    let failed = pods_of_list("recorded/v1-36/job-create.07.GET.PodList.json");
    let h = pod_health(&failed[0]);
    assert_eq!(
        (h.phase.as_str(), h.reason.as_deref(), h.severity),
        ("Failed", Some("Error"), Severity::Error)
    );

    let pending = pods_of_list("recorded/v1-36/patch-deployment.05.DELETE.PodList.json");
    let reasons: Vec<Option<String>> = pending.iter().map(|p| pod_health(p).reason).collect();
    assert_eq!(
        reasons,
        [Some("Pending".into()), Some("ContainerCreating".into())]
    );
}

#[test]
fn every_pod_of_the_corpus_is_classified_without_panicking() {
    let mut n = 0;
    for rel in [
        "kubernetes-api-roundtrip/core.v1.Pod.json",
        "k9s/render/po.json",
        "k9s/render/po_init.json",
        "k9s/render/po_sidecar.json",
        "k9s/render/p1.json",
        "k9s/dao/p1.json",
        "k9s/xray/po.json",
        "k9s/xray/init.json",
    ] {
        let h = pod_health(&pod(rel));
        assert!(h.ready <= h.total, "{rel}: {h:?}");
        n += 1;
    }
    for p in pods_of_list("constructed/lists/PodList.json") {
        pod_health(&p);
        n += 1;
    }
    // A pod with nothing but a name.
    let empty: Pod = serde_json::from_str(r#"{"metadata":{"name":"x"}}"#).unwrap();
    let h = pod_health(&empty);
    assert_eq!(
        (h.phase.as_str(), h.ready_text().as_str()),
        ("Unknown", "0/0")
    );
    assert!(n >= 25);
}
