//! All clusters at a glance (issue 11): for each context, one probe — list the nodes and the
//! pods (pages of 500) — giving reachability, the kubelet versions (the skew shows), how many
//! nodes are ready and which pods fail, in plain words. Each probe has its own deadline, and
//! a context that fails (unreachable, expired sign-in, RBAC) says why without holding up the
//! others. Read-only; nothing is watched.

use crate::connect::connect;
use crate::error::{ClusterError, ErrorCode};
use crate::health::Severity;
use crate::kubeconfig::Kubeconfigs;
use crate::pods::list_pods;
use crate::summary::summarize_node;
use futures::stream::{self, StreamExt};
use k8s_openapi::api::core::v1::Node;
use kube::api::ListParams;
use kube::Api;
use serde::Serialize;
use std::time::{Duration, Instant};

/// How many failing pods a probe names (the count covers all of them).
pub const FAILING_NAMED: usize = 5;
/// Probes running at once.
const CONCURRENCY: usize = 4;

/// One failing pod: `namespace/name` and the plain cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailingPod {
    pub pod: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterProbe {
    pub context: String,
    pub reachable: bool,
    /// Distinct kubelet versions of the nodes, sorted (more than one is a version skew).
    pub versions: Vec<String>,
    pub nodes: usize,
    pub nodes_ready: usize,
    pub pods: usize,
    /// Pods whose health is an error (crash loop, image pull, unschedulable, failed…).
    pub failing_pods: usize,
    /// The first [`FAILING_NAMED`] of them.
    pub failing: Vec<FailingPod>,
    /// Why the probe failed (or why pods could not be listed while nodes could).
    pub error: Option<ClusterError>,
    pub millis: u64,
}

impl ClusterProbe {
    fn failed(context: &str, error: ClusterError, started: Instant) -> Self {
        Self {
            context: context.to_string(),
            reachable: false,
            versions: Vec::new(),
            nodes: 0,
            nodes_ready: 0,
            pods: 0,
            failing_pods: 0,
            failing: Vec::new(),
            error: Some(error),
            millis: started.elapsed().as_millis() as u64,
        }
    }
}

/// Probes `contexts` (at most four at a time), each within `timeout`; answers in the order
/// asked.
pub async fn probe_all(
    kcs: &Kubeconfigs,
    contexts: &[String],
    timeout: Duration,
) -> Vec<ClusterProbe> {
    stream::iter(contexts.iter().cloned())
        .map(|name| async move { probe(kcs, &name, timeout).await })
        .buffered(CONCURRENCY)
        .collect()
        .await
}

/// One context's probe within `timeout`.
pub async fn probe(kcs: &Kubeconfigs, context: &str, timeout: Duration) -> ClusterProbe {
    let started = Instant::now();
    match tokio::time::timeout(timeout, probe_inner(kcs, context, started)).await {
        Ok(p) => p,
        Err(_) => ClusterProbe::failed(
            context,
            ClusterError::new(
                ErrorCode::Unreachable,
                format!(
                    "The cluster of \"{context}\" did not answer within {} s.",
                    timeout.as_secs()
                ),
                "Check the network (VPN, proxy) and that the cluster is running, then check again.",
            )
            .in_context(context),
            started,
        ),
    }
}

async fn probe_inner(kcs: &Kubeconfigs, context: &str, started: Instant) -> ClusterProbe {
    let conn = match connect(kcs, Some(context)).await {
        Ok(c) => c,
        Err(e) => return ClusterProbe::failed(context, e, started),
    };
    let api: Api<Node> = Api::all(conn.client.clone());
    let mut nodes = Vec::new();
    let mut params = ListParams::default().limit(500);
    loop {
        match api.list(&params).await {
            Ok(page) => {
                nodes.extend(page.items.iter().map(summarize_node));
                match page.metadata.continue_.filter(|c| !c.is_empty()) {
                    Some(token) => params = params.continue_token(&token),
                    None => break,
                }
            }
            Err(e) => return ClusterProbe::failed(context, conn.error(&e), started),
        }
    }
    let mut versions: Vec<String> = nodes.iter().filter_map(|n| n.version.clone()).collect();
    versions.sort();
    versions.dedup();
    let mut probe = ClusterProbe {
        context: context.to_string(),
        reachable: true,
        versions,
        nodes: nodes.len(),
        nodes_ready: nodes.iter().filter(|n| n.ready == "True").count(),
        pods: 0,
        failing_pods: 0,
        failing: Vec::new(),
        error: None,
        millis: 0,
    };
    // Listing pods may be forbidden where nodes are not (or the other way round): what was
    // read is kept, and the refusal said.
    match list_pods(&conn, None).await {
        Ok(pods) => {
            probe.pods = pods.len();
            let failing: Vec<_> = pods
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            probe.failing_pods = failing.len();
            probe.failing = failing
                .iter()
                .take(FAILING_NAMED)
                .map(|p| FailingPod {
                    pod: format!("{}/{}", p.namespace, p.name),
                    reason: p.reason.clone().unwrap_or_else(|| p.phase.clone()),
                })
                .collect();
        }
        Err(e) => probe.error = Some(e),
    }
    probe.millis = started.elapsed().as_millis() as u64;
    probe
}
