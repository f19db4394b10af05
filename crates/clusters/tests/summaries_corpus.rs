//! The compact summaries on the corpus's constructed deployments and nodes (one per state) and
//! on the k9s and every-field fixtures of the other kinds (must not panic).

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{Event, Node};
use orbis_clusters::health::Severity;
use orbis_clusters::summary::{summarize_event, summarize_node, Workloads};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/k8s/objects")
}

fn read<T: DeserializeOwned>(rel: &str) -> T {
    serde_json::from_slice(&std::fs::read(corpus().join(rel)).unwrap())
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn deployments_ready_desired_and_reason() {
    let cases = [
        (
            "deployment-mid-rollout",
            4,
            4,
            Some("RollingOut"),
            Severity::Warning,
        ),
        (
            "deployment-rollout-stuck",
            3,
            3,
            Some("ProgressDeadlineExceeded"),
            Severity::Error,
        ),
        (
            "deployment-unavailable",
            0,
            2,
            Some("MinimumReplicasUnavailable"),
            Severity::Error,
        ),
        (
            "deployment-generation-not-observed",
            2,
            2,
            Some("RolloutPending"),
            Severity::Warning,
        ),
        (
            "deployment-scaled-to-zero",
            0,
            0,
            Some("ScaledToZero"),
            Severity::Ok,
        ),
    ];
    for (name, ready, desired, reason, severity) in cases {
        let d: Deployment = read(&format!("constructed/deployments/{name}.json"));
        let w = Workloads::deployment(&d);
        assert_eq!(
            (w.ready, w.desired, w.reason.as_deref(), w.severity),
            (ready, desired, reason, severity),
            "{name}"
        );
    }
    let mid: Deployment = read("constructed/deployments/deployment-mid-rollout.json");
    assert_eq!(Workloads::deployment(&mid).up_to_date, Some(2));
}

#[test]
fn nodes_conditions_in_words() {
    let cases = [
        ("node-ready", "True", None, Severity::Ok),
        (
            "node-notready-kubelet-stopped",
            "Unknown",
            Some("NodeStatusUnknown"),
            Severity::Error,
        ),
        (
            "node-notready-runtime",
            "False",
            Some("NotReady"),
            Severity::Error,
        ),
        (
            "node-memory-pressure",
            "True",
            Some("MemoryPressure"),
            Severity::Warning,
        ),
        (
            "node-disk-pressure",
            "True",
            Some("DiskPressure"),
            Severity::Warning,
        ),
        (
            "node-pid-pressure",
            "True",
            Some("PIDPressure"),
            Severity::Warning,
        ),
        ("node-cordoned", "True", Some("Cordoned"), Severity::Warning),
    ];
    for (name, ready, reason, severity) in cases {
        let n: Node = read(&format!("constructed/nodes/{name}.json"));
        let s = summarize_node(&n);
        assert_eq!(
            (s.ready.as_str(), s.reason.as_deref(), s.severity),
            (ready, reason, severity),
            "{name}: {s:?}"
        );
    }
    let down: Node = read("constructed/nodes/node-notready-runtime.json");
    assert!(
        summarize_node(&down).message.is_some(),
        "why it is not ready"
    );
    let stopped: Node = read("constructed/nodes/node-notready-kubelet-stopped.json");
    assert!(
        summarize_node(&stopped).pressures.is_empty(),
        "Unknown is not a pressure"
    );
}

#[test]
fn other_kinds_of_the_corpus_summarize() {
    let j: Job = read("kubernetes-api-roundtrip/batch.v1.Job.json");
    Workloads::job(&j);
    let c: CronJob = read("kubernetes-api-roundtrip/batch.v1.CronJob.json");
    assert_eq!(Workloads::cron_job(&c).desired, 0);
    let s: StatefulSet = read("k9s/render/sts.json");
    let w = Workloads::stateful_set(&s);
    assert!(w.ready <= w.desired || w.reason.is_none());
    let d: DaemonSet = read("k9s/render/ds.json");
    Workloads::daemon_set(&d);
    let r: ReplicaSet = read("kubernetes-api-roundtrip/apps.v1.ReplicaSet.json");
    Workloads::replica_set(&r);
    let e: Event = read("k9s/render/ev.json");
    let s = summarize_event(&e);
    assert!(
        !s.object.is_empty() && (s.event_type == "Normal" || s.event_type == "Warning"),
        "{s:?}"
    );
    let roundtrip: Event = read("kubernetes-api-roundtrip/core.v1.Event.json");
    summarize_event(&roundtrip);
    let n: Node = read("kubernetes-api-roundtrip/core.v1.Node.json");
    summarize_node(&n);
}

#[test]
fn recorded_jobs_progress_to_failed() {
    // The real Job of the k8s-openapi recordings: active, then failed (BackoffLimitExceeded).
    let dir = corpus().join("recorded/v1-36");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("job-create.") && n.ends_with(".Job.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    let last: Job = read(&format!("recorded/v1-36/{}", files.last().unwrap()));
    let w = Workloads::job(&last);
    assert_eq!(w.severity, Severity::Error, "{w:?}");
    assert!(w.reason.is_some());
}
