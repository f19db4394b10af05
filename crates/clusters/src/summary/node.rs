use crate::health::Severity;
use k8s_openapi::api::core::v1::Node;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeSummary {
    pub name: String,
    /// `True`, `False` or `Unknown` (the kubelet stopped reporting).
    pub ready: String,
    /// Conditions that are on and should not be: MemoryPressure, DiskPressure, PIDPressure,
    /// NetworkUnavailable.
    pub pressures: Vec<String>,
    /// Cordoned: no new pods are scheduled on it.
    pub unschedulable: bool,
    pub version: Option<String>,
    pub reason: Option<String>,
    pub severity: Severity,
    /// The Ready condition's message when the node is not ready.
    pub message: Option<String>,
}

pub fn summarize_node(node: &Node) -> NodeSummary {
    let conditions = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_deref())
        .unwrap_or(&[]);
    let ready_cond = conditions.iter().find(|c| c.type_ == "Ready");
    let ready = ready_cond
        .map(|c| c.status.clone())
        .unwrap_or_else(|| "Unknown".into());
    let pressures: Vec<String> = conditions
        .iter()
        .filter(|c| c.type_ != "Ready" && c.status == "True")
        .map(|c| c.type_.clone())
        .collect();
    let unschedulable = node
        .spec
        .as_ref()
        .and_then(|s| s.unschedulable)
        .unwrap_or(false);
    let (reason, severity) = if ready == "Unknown" {
        // The kubelet stopped reporting: the node is down or cut off.
        (Some("NodeStatusUnknown".to_string()), Severity::Error)
    } else if ready != "True" {
        (Some("NotReady".to_string()), Severity::Error)
    } else if let Some(p) = pressures.first() {
        (Some(p.clone()), Severity::Warning)
    } else if unschedulable {
        (Some("Cordoned".into()), Severity::Warning)
    } else {
        (None, Severity::Ok)
    };
    let message = (ready != "True")
        .then(|| ready_cond.and_then(|c| c.message.clone()))
        .flatten()
        .map(|m| m.trim().to_string());
    NodeSummary {
        message,
        name: node.metadata.name.clone().unwrap_or_default(),
        ready,
        pressures,
        unschedulable,
        version: node
            .status
            .as_ref()
            .and_then(|s| s.node_info.as_ref())
            .map(|i| i.kubelet_version.clone()),
        reason,
        severity,
    }
}
