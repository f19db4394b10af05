//! Network policies in plain words: which pods a policy selects, who may reach them
//! (ingress) and where they may connect (egress), on which ports, and whether it is a
//! default deny (selects pods and allows nothing in a direction it governs).

use super::labels;
use k8s_openapi::api::networking::v1::{NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyWords {
    pub name: String,
    pub namespace: String,
    /// "pods with app=nginx in default", "every pod in default".
    pub selects: String,
    /// `None` when the policy does not govern ingress; else one sentence per rule (empty:
    /// nothing may connect in — a default deny).
    pub ingress: Option<Vec<String>>,
    pub egress: Option<Vec<String>>,
    pub denies_all_ingress: bool,
    pub denies_all_egress: bool,
}

fn peer(p: &NetworkPolicyPeer, ns: &str) -> String {
    if let Some(b) = &p.ip_block {
        let except = b.except.clone().unwrap_or_default();
        return if except.is_empty() {
            format!("addresses in {}", b.cidr)
        } else {
            format!("addresses in {} except {}", b.cidr, except.join(", "))
        };
    }
    let pods = p
        .pod_selector
        .as_ref()
        .map(|s| labels(s.match_labels.as_ref()))
        .map(|l| {
            if l.is_empty() {
                "every pod".to_string()
            } else {
                format!("pods with {l}")
            }
        });
    let namespaces = p
        .namespace_selector
        .as_ref()
        .map(|s| labels(s.match_labels.as_ref()))
        .map(|l| {
            if l.is_empty() {
                "every namespace".to_string()
            } else {
                format!("namespaces with {l}")
            }
        });
    match (pods, namespaces) {
        (Some(p), Some(n)) => format!("{p} in {n}"),
        (Some(p), None) => format!("{p} in {ns}"),
        (None, Some(n)) => format!("every pod in {n}"),
        (None, None) => "anything".to_string(),
    }
}

fn ports(ports: Option<&Vec<NetworkPolicyPort>>) -> String {
    let list: Vec<String> = ports
        .into_iter()
        .flatten()
        .map(|p| {
            let proto = p.protocol.clone().unwrap_or_else(|| "TCP".into());
            match (&p.port, p.end_port) {
                (Some(port), Some(end)) => format!("{proto} {}-{end}", port_text(port)),
                (Some(port), None) => format!("{proto} {}", port_text(port)),
                (None, _) => format!("any {proto} port"),
            }
        })
        .collect();
    if list.is_empty() {
        "on any port".into()
    } else {
        format!("on {}", list.join(", "))
    }
}

fn port_text(p: &k8s_openapi::apimachinery::pkg::util::intstr::IntOrString) -> String {
    match p {
        k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(n) => n.to_string(),
        k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String(s) => s.clone(),
    }
}

fn peers(list: Option<&Vec<NetworkPolicyPeer>>, ns: &str) -> String {
    match list {
        Some(l) if !l.is_empty() => l
            .iter()
            .map(|p| peer(p, ns))
            .collect::<Vec<_>>()
            .join("; or "),
        _ => "anything".into(),
    }
}

/// Each policy of `policies`, in words.
pub fn describe(policies: &[NetworkPolicy]) -> Vec<PolicyWords> {
    policies
        .iter()
        .map(|p| {
            let ns = p
                .metadata
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into());
            let spec = p.spec.clone().unwrap_or_default();
            let sel = labels(
                spec.pod_selector
                    .as_ref()
                    .and_then(|s| s.match_labels.as_ref()),
            );
            let selects = if sel.is_empty() {
                format!("every pod in {ns}")
            } else {
                format!("pods with {sel} in {ns}")
            };
            // Without policyTypes, a policy governs ingress, and egress when it has egress rules.
            let types = spec.policy_types.clone().unwrap_or_else(|| {
                let mut t = vec!["Ingress".to_string()];
                if spec.egress.is_some() {
                    t.push("Egress".into());
                }
                t
            });
            let ingress = types.iter().any(|t| t == "Ingress").then(|| {
                spec.ingress
                    .iter()
                    .flatten()
                    .map(|r| {
                        format!(
                            "from {} {}",
                            peers(r.from.as_ref(), &ns),
                            ports(r.ports.as_ref())
                        )
                    })
                    .collect::<Vec<_>>()
            });
            let egress = types.iter().any(|t| t == "Egress").then(|| {
                spec.egress
                    .iter()
                    .flatten()
                    .map(|r| {
                        format!(
                            "to {} {}",
                            peers(r.to.as_ref(), &ns),
                            ports(r.ports.as_ref())
                        )
                    })
                    .collect::<Vec<_>>()
            });
            PolicyWords {
                name: p.metadata.name.clone().unwrap_or_default(),
                namespace: ns,
                selects,
                denies_all_ingress: ingress.as_ref().is_some_and(Vec::is_empty),
                denies_all_egress: egress.as_ref().is_some_and(Vec::is_empty),
                ingress,
                egress,
            }
        })
        .collect()
}
