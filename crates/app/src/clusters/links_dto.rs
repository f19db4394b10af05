//! What crosses to the UI for "Link IaC to live" (issue 11): the live thing a Terraform
//! resource stands for, where the app found it, and whether a workspace YAML file matches the
//! cluster. Compiles without the `clusters` feature (the bindings are generated without it).

use super::discover_dto::ManagedKubernetes;
use super::dto::ClusterKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The live counterpart of a Terraform resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveTarget {
    /// An EKS, AKS or GKE cluster; unknown values (computed at apply time) are absent.
    ManagedCluster {
        cloud: ManagedKubernetes,
        name: String,
        region: Option<String>,
        arn: Option<String>,
        /// Endpoint URL / IP / FQDN(s) as the cloud reports them.
        endpoints: Vec<String>,
        resource_group: Option<String>,
        /// AKS subscription (from the resource id).
        subscription: Option<String>,
        project: Option<String>,
        location: Option<String>,
    },
    /// One Kubernetes object (`kubernetes_*`, `kubernetes_manifest`).
    KubeObject {
        kind: String,
        api_version: Option<String>,
        /// `None` for cluster-scoped kinds; the provider's default (`default`) otherwise.
        namespace: Option<String>,
        name: String,
        /// The provider's `config_context`, when set.
        context: Option<String>,
    },
    /// A Helm release (`helm_release`).
    HelmRelease {
        name: String,
        namespace: String,
        context: Option<String>,
    },
}

/// A resource that has (or could have) a live link, in code, a plan or a state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LiveLink {
    pub address: String,
    pub resource_type: String,
    /// 1-based line of the block (code only).
    pub line: Option<u32>,
    /// "Deployment shop/web", "EKS cluster prod", "Helm release ingress/nginx".
    pub label: String,
    /// `None` when the values that name the live thing are not known (`why` says which).
    pub target: Option<LiveTarget>,
    pub why: Option<String>,
}

/// The live links of one `.tf` file of the workspace, in source order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileLiveLinks {
    pub path: String,
    pub links: Vec<LiveLink>,
}

/// What "Add cloud cluster…" starts with when no context reaches a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AddClusterPrefill {
    pub cloud: ManagedKubernetes,
    /// Profile (EKS, unknown: empty), subscription (AKS) or project (GKE).
    pub scope: String,
    pub regions: Vec<String>,
    /// The cluster to pick from what the look-up finds.
    pub name: String,
}

/// Where a live link goes: a context (and in it an object or a Helm release), or — for a
/// managed cluster no context reaches — the "Add cloud cluster" dialog, pre-filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LiveLinkOpen {
    pub context: Option<String>,
    /// Why this context (or why none): shown beside the link.
    pub why: String,
    /// The object to select in the Clusters view, when the view shows its kind.
    pub kind: Option<ClusterKind>,
    /// Its row key (`namespace/name`, or `name`).
    pub key: Option<String>,
    /// The Helm release to open (`namespace/name`).
    pub helm_release: Option<String>,
    pub add_cluster: Option<AddClusterPrefill>,
}

/// Whether one object of a YAML file matches the live cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LiveSync {
    /// Every field the file sets has that value in the cluster.
    InSync,
    /// Some field the file sets differs (`changes` lists them).
    Differs,
    /// The cluster has no such object.
    NotInCluster,
    /// Could not be compared (`message` says why: no access, kind not served…).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LiveSyncObject {
    /// 0-based document of the file.
    pub document: u32,
    /// 1-based line where the object starts.
    pub line: u32,
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
    pub sync: LiveSync,
    /// "spec.replicas: 3 → 2" (live → file), at most 60.
    pub changes: Vec<String>,
    pub message: Option<String>,
}

/// A workspace YAML file compared with the live cluster, object by object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YamlLiveStatus {
    pub path: String,
    pub context: String,
    /// "2 in sync, 1 differs, 1 not in cluster".
    pub summary: String,
    pub objects: Vec<LiveSyncObject>,
    /// How it was compared (the request), for the banner's tooltip.
    pub method: String,
}
