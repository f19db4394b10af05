//! What crosses to the UI for cluster resource usage (metrics.k8s.io, issue 11). Compiles
//! without the `clusters` feature, like `dto.rs`.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClusterMetricsState {
    Available,
    /// The metrics API is not served: metrics-server is not installed (said once, not an error).
    NotInstalled,
    /// RBAC forbids reading the metrics API.
    NoAccess,
}

/// A node's CPU (millicores) and memory (bytes): used (absent without a sample) and allocatable.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NodeUsageRow {
    pub name: String,
    pub cpu_used: Option<f64>,
    pub cpu_allocatable: f64,
    #[ts(type = "number | null")]
    pub memory_used: Option<u64>,
    #[ts(type = "number")]
    pub memory_allocatable: u64,
}

/// A pod's usage beside the sums of its containers' requests and limits (a limit is absent
/// when a container has none).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PodUsageRow {
    /// `namespace/name`.
    pub key: String,
    pub cpu_used: Option<f64>,
    pub cpu_request: f64,
    pub cpu_limit: Option<f64>,
    #[ts(type = "number | null")]
    pub memory_used: Option<u64>,
    #[ts(type = "number")]
    pub memory_request: u64,
    #[ts(type = "number | null")]
    pub memory_limit: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClusterMetrics {
    pub state: ClusterMetricsState,
    /// Every node and pod the watchers hold; usage only when `state` is available.
    pub nodes: Vec<NodeUsageRow>,
    pub pods: Vec<PodUsageRow>,
}
