//! CPU and memory usage from the metrics API (`metrics.k8s.io/v1beta1`, served by
//! metrics-server) beside what the nodes offer (allocatable) and what the pods asked for
//! (requests, limits) — issue 11. `fetch` reads both usage lists; a cluster without
//! metrics-server answers 404, which is [`Metrics::NotInstalled`] (said once by the UI, never
//! an error), a 403 is [`Metrics::NoAccess`]. The rest is pure: Kubernetes quantities and the
//! rows the UI shows, from the watchers' stored nodes and pods.

use crate::connect::Connection;
use crate::error::ClusterError;
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{DynamicObject, ListParams};
use kube::discovery::ApiResource;
use kube::Api;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// One object's usage: CPU in millicores, memory in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Usage {
    pub cpu_millicores: f64,
    pub memory_bytes: u64,
}

/// What the metrics API answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Metrics {
    /// Nodes by name and pods by `namespace/name`.
    Available {
        nodes: BTreeMap<String, Usage>,
        pods: BTreeMap<String, Usage>,
    },
    /// The API is not served (no metrics-server): 404.
    NotInstalled,
    /// RBAC forbids reading it: 403.
    NoAccess,
}

/// A CPU quantity in millicores: `250m`, `1734567n`, `12u`, `2`, `0.5`, `1k`.
pub fn cpu_millicores(q: &str) -> Option<f64> {
    let q = q.trim();
    let (number, scale) = match q.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => q.split_at(i),
        None => (q, ""),
    };
    let n: f64 = number.parse().ok()?;
    let factor = match scale {
        "n" => 1e-6,
        "u" => 1e-3,
        "m" => 1.0,
        "" => 1e3,
        "k" => 1e6,
        "M" => 1e9,
        _ => return None,
    };
    Some(n * factor).filter(|v| v.is_finite() && *v >= 0.0)
}

/// A memory quantity in bytes: `1500000Ki`, `512Mi`, `2Gi`, `128974848`, `129M`, `1e3`.
pub fn memory_bytes(q: &str) -> Option<u64> {
    let q = q.trim();
    let suffixes: [(&str, f64); 12] = [
        ("Ki", 1024.0),
        ("Mi", 1024f64.powi(2)),
        ("Gi", 1024f64.powi(3)),
        ("Ti", 1024f64.powi(4)),
        ("Pi", 1024f64.powi(5)),
        ("Ei", 1024f64.powi(6)),
        ("k", 1e3),
        ("M", 1e6),
        ("G", 1e9),
        ("T", 1e12),
        ("P", 1e15),
        ("m", 1e-3),
    ];
    let (number, factor) = suffixes
        .iter()
        .find_map(|(s, f)| q.strip_suffix(s).map(|n| (n, *f)))
        .unwrap_or((q, 1.0));
    let n: f64 = number.parse().ok()?;
    let bytes = n * factor;
    (bytes.is_finite() && bytes >= 0.0).then(|| bytes.round() as u64)
}

fn usage_of(v: &Value) -> Usage {
    Usage {
        cpu_millicores: v["cpu"].as_str().and_then(cpu_millicores).unwrap_or(0.0),
        memory_bytes: v["memory"].as_str().and_then(memory_bytes).unwrap_or(0),
    }
}

/// Node usage by name from a `NodeMetricsList` (or its items).
pub fn node_usage<'a>(items: impl IntoIterator<Item = &'a Value>) -> BTreeMap<String, Usage> {
    items
        .into_iter()
        .filter_map(|i| {
            Some((
                i["metadata"]["name"].as_str()?.to_string(),
                usage_of(&i["usage"]),
            ))
        })
        .collect()
}

/// Pod usage by `namespace/name` (its containers summed) from a `PodMetricsList`'s items.
pub fn pod_usage<'a>(items: impl IntoIterator<Item = &'a Value>) -> BTreeMap<String, Usage> {
    items
        .into_iter()
        .filter_map(|i| {
            let key = format!(
                "{}/{}",
                i["metadata"]["namespace"].as_str()?,
                i["metadata"]["name"].as_str()?
            );
            let mut total = Usage::default();
            for c in i["containers"].as_array().into_iter().flatten() {
                let u = usage_of(&c["usage"]);
                total.cpu_millicores += u.cpu_millicores;
                total.memory_bytes += u.memory_bytes;
            }
            Some((key, total))
        })
        .collect()
}

/// A node's row: usage beside allocatable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeMetrics {
    pub name: String,
    pub usage: Option<Usage>,
    pub allocatable: Usage,
}

/// A pod's row: usage beside the sum of its containers' requests and limits (`None` when a
/// container has no limit: the pod is then unbounded).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PodMetrics {
    pub key: String,
    pub usage: Option<Usage>,
    pub requests: Usage,
    pub cpu_limit_millicores: Option<f64>,
    pub memory_limit_bytes: Option<u64>,
}

pub fn node_rows(nodes: &[Node], usage: &BTreeMap<String, Usage>) -> Vec<NodeMetrics> {
    nodes
        .iter()
        .map(|n| {
            let name = n.metadata.name.clone().unwrap_or_default();
            let alloc = n.status.as_ref().and_then(|s| s.allocatable.as_ref());
            let get = |k: &str| alloc.and_then(|a| a.get(k)).map(|q| q.0.as_str());
            NodeMetrics {
                usage: usage.get(&name).copied(),
                allocatable: Usage {
                    cpu_millicores: get("cpu").and_then(cpu_millicores).unwrap_or(0.0),
                    memory_bytes: get("memory").and_then(memory_bytes).unwrap_or(0),
                },
                name,
            }
        })
        .collect()
}

pub fn pod_rows(pods: &[Pod], usage: &BTreeMap<String, Usage>) -> Vec<PodMetrics> {
    pods.iter()
        .map(|p| {
            let key = format!(
                "{}/{}",
                p.metadata.namespace.as_deref().unwrap_or(""),
                p.metadata.name.as_deref().unwrap_or("")
            );
            let mut requests = Usage::default();
            let (mut cpu_limit, mut mem_limit) = (Some(0.0), Some(0u64));
            let containers = p
                .spec
                .as_ref()
                .map(|s| s.containers.as_slice())
                .unwrap_or(&[]);
            for c in containers {
                let r = c.resources.as_ref();
                let req = |k: &str| {
                    r.and_then(|r| r.requests.as_ref())
                        .and_then(|m| m.get(k))
                        .map(|q| q.0.clone())
                };
                let lim = |k: &str| {
                    r.and_then(|r| r.limits.as_ref())
                        .and_then(|m| m.get(k))
                        .map(|q| q.0.clone())
                };
                requests.cpu_millicores += req("cpu")
                    .as_deref()
                    .and_then(cpu_millicores)
                    .unwrap_or(0.0);
                requests.memory_bytes +=
                    req("memory").as_deref().and_then(memory_bytes).unwrap_or(0);
                cpu_limit = match (cpu_limit, lim("cpu").as_deref().and_then(cpu_millicores)) {
                    (Some(t), Some(l)) => Some(t + l),
                    _ => None,
                };
                mem_limit = match (mem_limit, lim("memory").as_deref().and_then(memory_bytes)) {
                    (Some(t), Some(l)) => Some(t + l),
                    _ => None,
                };
            }
            if containers.is_empty() {
                (cpu_limit, mem_limit) = (None, None);
            }
            PodMetrics {
                usage: usage.get(&key).copied(),
                key,
                requests,
                cpu_limit_millicores: cpu_limit,
                memory_limit_bytes: mem_limit,
            }
        })
        .collect()
}

fn resource(kind: &str, plural: &str) -> ApiResource {
    ApiResource {
        group: "metrics.k8s.io".into(),
        version: "v1beta1".into(),
        api_version: "metrics.k8s.io/v1beta1".into(),
        kind: kind.into(),
        plural: plural.into(),
    }
}

/// Reads node and pod usage (all namespaces), bounded to 20 s.
pub async fn fetch(conn: &Connection) -> Result<Metrics, ClusterError> {
    let list = |kind: &str, plural: &str| {
        let api: Api<DynamicObject> = Api::all_with(conn.client.clone(), &resource(kind, plural));
        async move { api.list(&ListParams::default()).await }
    };
    let work = async {
        let nodes = list("NodeMetrics", "nodes").await?;
        let pods = list("PodMetrics", "pods").await?;
        let values = |items: Vec<DynamicObject>| -> Vec<Value> {
            items
                .into_iter()
                .filter_map(|o| serde_json::to_value(o).ok())
                .collect()
        };
        let (nodes, pods) = (values(nodes.items), values(pods.items));
        Ok::<_, kube::Error>(Metrics::Available {
            nodes: node_usage(&nodes),
            pods: pod_usage(&pods),
        })
    };
    match tokio::time::timeout(Duration::from_secs(20), work).await {
        Ok(Ok(m)) => Ok(m),
        Ok(Err(kube::Error::Api(s))) if s.code == 404 => Ok(Metrics::NotInstalled),
        Ok(Err(kube::Error::Api(s))) if s.code == 403 => Ok(Metrics::NoAccess),
        Ok(Err(e)) => Err(conn.error(&e)),
        Err(_) => Err(ClusterError::new(
            crate::error::ErrorCode::Unreachable,
            "The metrics API did not answer within 20 s.",
            "metrics-server may be overloaded; usage is shown again when it answers.",
        )
        .in_context(&conn.context)),
    }
}

impl crate::watch::ClusterState {
    /// The node and pod rows of `metrics` from the watchers' stores (allocatable, requests,
    /// limits), with usage where the metrics API had it.
    pub fn metric_rows(
        &self,
        nodes_usage: &BTreeMap<String, Usage>,
        pods_usage: &BTreeMap<String, Usage>,
    ) -> (Vec<NodeMetrics>, Vec<PodMetrics>) {
        use crate::watch::Kind;
        let nodes: Vec<Node> = self
            .store::<Node>(Kind::Node)
            .map(|s| s.state().iter().map(|n| (**n).clone()).collect())
            .unwrap_or_default();
        let pods: Vec<Pod> = self
            .store::<Pod>(Kind::Pod)
            .map(|s| s.state().iter().map(|p| (**p).clone()).collect())
            .unwrap_or_default();
        (node_rows(&nodes, nodes_usage), pod_rows(&pods, pods_usage))
    }
}
