//! All clusters at a glance (issue 11): what one probe of a context found. Compiles without
//! the `clusters` feature (the bindings are generated without it).

use super::dto::ClusterProblem;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FailingPodRow {
    /// `namespace/name`.
    pub pod: String,
    /// The plain cause (CrashLoopBackOff, ImagePullBackOff, Unschedulable…).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterContextProbe {
    pub context: String,
    pub reachable: bool,
    /// Distinct kubelet versions (more than one: a version skew).
    pub versions: Vec<String>,
    pub nodes: u32,
    pub nodes_ready: u32,
    pub pods: u32,
    pub failing_pods: u32,
    /// The first few failing pods.
    pub failing: Vec<FailingPodRow>,
    /// Why it could not be probed (or pods could not be listed).
    pub problem: Option<ClusterProblem>,
    pub millis: u32,
}
