use crate::health::{pod_health, Severity};
use k8s_openapi::api::core::v1::Pod;
use serde::Serialize;

/// One row of the pods table (and of `orbis clusters pods`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PodSummary {
    pub namespace: String,
    pub name: String,
    pub phase: String,
    /// `ready/total` containers.
    pub ready: String,
    pub restarts: u32,
    /// The plain cause (CrashLoopBackOff, ImagePullBackOff, OOMKilled, Unschedulable,
    /// Evicted…), `null` when running and ready.
    pub reason: Option<String>,
    pub severity: Severity,
    pub message: Option<String>,
    pub node: Option<String>,
    /// When the pod was created (RFC 3339), for its age.
    pub created: Option<String>,
}

pub fn summarize_pod(pod: &Pod) -> PodSummary {
    let h = pod_health(pod);
    PodSummary {
        namespace: pod.metadata.namespace.clone().unwrap_or_default(),
        name: pod.metadata.name.clone().unwrap_or_default(),
        ready: h.ready_text(),
        phase: h.phase,
        restarts: h.restarts,
        reason: h.reason,
        severity: h.severity,
        message: h.message,
        node: pod.spec.as_ref().and_then(|s| s.node_name.clone()),
        created: pod
            .metadata
            .creation_timestamp
            .as_ref()
            .map(|t| t.0.to_string()),
    }
}
