//! What a spec can ask for, per cloud, and the catalog modules each request brings in. The
//! baseline (network, logs, budget, keys) is always added: it is governance, not a choice.

use crate::spec::{Cloud, SpecError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Component {
    /// A containerised web application behind a TLS load balancer with a WAF.
    Web,
    /// A managed PostgreSQL database.
    Database,
    /// An object storage bucket / account for application data.
    Storage,
    /// A private managed Kubernetes cluster.
    Kubernetes,
}

/// One line of `orbis new --list-components`.
pub struct ComponentInfo {
    pub cloud: Cloud,
    pub component: Component,
    pub name: &'static str,
    pub description: &'static str,
    /// Catalog modules (`<cloud>/<name>`) the component uses.
    pub modules: &'static [&'static str],
}

/// Every component of every cloud, and the always-present baseline (component name `baseline`).
pub const CATALOG: &[ComponentInfo] = &[
    ComponentInfo {
        cloud: Cloud::Aws,
        component: Component::Web,
        name: "web",
        description: "Container web app: ECS Fargate service behind an ALB with TLS and WAF",
        modules: &["aws/alb-waf", "aws/ecs-service"],
    },
    ComponentInfo {
        cloud: Cloud::Aws,
        component: Component::Database,
        name: "database",
        description: "PostgreSQL on RDS, master secret in Secrets Manager",
        modules: &["aws/rds"],
    },
    ComponentInfo {
        cloud: Cloud::Aws,
        component: Component::Storage,
        name: "storage",
        description: "S3 bucket for application data, KMS-encrypted and access-logged",
        modules: &["aws/s3-bucket"],
    },
    ComponentInfo {
        cloud: Cloud::Azure,
        component: Component::Kubernetes,
        name: "kubernetes",
        description: "Private AKS cluster with Entra ID RBAC",
        modules: &["azure/aks"],
    },
    ComponentInfo {
        cloud: Cloud::Azure,
        component: Component::Storage,
        name: "storage",
        description: "Storage account behind a private endpoint with a customer-managed key",
        modules: &["azure/storage-account"],
    },
    ComponentInfo {
        cloud: Cloud::Gcp,
        component: Component::Kubernetes,
        name: "kubernetes",
        description: "Private regional GKE cluster with Workload Identity",
        modules: &["gcp/gke"],
    },
    ComponentInfo {
        cloud: Cloud::Gcp,
        component: Component::Storage,
        name: "storage",
        description: "Cloud Storage bucket with a customer-managed key",
        modules: &["gcp/gcs-bucket"],
    },
];

/// The modules every project of a cloud gets, whatever it asks for.
pub fn baseline_modules(cloud: Cloud) -> &'static [&'static str] {
    match cloud {
        Cloud::Aws => &["aws/kms-key", "aws/network", "aws/account-baseline"],
        Cloud::Azure => &[
            "azure/vnet",
            "azure/monitor",
            "azure/budget",
            "azure/storage-account",
        ],
        Cloud::Gcp => &["gcp/vpc", "gcp/audit-log-sink", "gcp/budget"],
    }
}

/// Components a cloud offers, by name.
pub fn names(cloud: Cloud) -> Vec<&'static str> {
    CATALOG
        .iter()
        .filter(|c| c.cloud == cloud)
        .map(|c| c.name)
        .collect()
}

/// Parse the `components` list of a spec (sorted, without duplicates).
pub fn parse_list(cloud: Cloud, requested: &[String]) -> Result<Vec<Component>, SpecError> {
    let allowed = names(cloud);
    let mut out = Vec::new();
    for r in requested {
        let Some(info) = CATALOG
            .iter()
            .find(|c| c.cloud == cloud && c.name == r.as_str())
        else {
            let elsewhere: Vec<&str> = CATALOG
                .iter()
                .filter(|c| c.name == r.as_str())
                .map(|c| c.cloud.name())
                .collect();
            let message = if elsewhere.is_empty() {
                format!("unknown component {r:?}")
            } else {
                format!(
                    "component {r:?} is not in the {} catalog (available on: {})",
                    cloud.name(),
                    elsewhere.join(", ")
                )
            };
            return Err(SpecError {
                field: "components".into(),
                message,
                allowed: allowed.iter().map(|s| s.to_string()).collect(),
            });
        };
        out.push(info.component);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The catalog modules a project uses: baseline first, then its components'.
pub fn modules_for(cloud: Cloud, components: &[Component]) -> Vec<&'static str> {
    let mut m: Vec<&'static str> = baseline_modules(cloud).to_vec();
    for c in CATALOG
        .iter()
        .filter(|c| c.cloud == cloud && components.contains(&c.component))
    {
        for x in c.modules {
            if !m.contains(x) {
                m.push(x);
            }
        }
    }
    m
}
