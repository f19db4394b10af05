//! What crosses to the UI for "Add a cloud cluster" (issue 11): the managed clusters found
//! with the user's cloud sign-in, and what adding one to a kubeconfig would change. Compiles
//! without the `cloud`/`clusters` features (the bindings are generated without them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which cloud's managed Kubernetes to look in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ManagedKubernetes {
    /// EKS, with an AWS profile.
    #[default]
    Eks,
    /// AKS, with the Azure CLI sign-in.
    Aks,
    /// GKE, with the Application Default Credentials.
    Gke,
}

/// What to look for. EKS: the AWS profile (empty: the default one) and regions (empty: the
/// profile's region); AKS: one subscription (id or name; empty: every enabled one); GKE: the
/// project (empty: the sign-in's project).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiscoverClustersRequest {
    #[serde(default)]
    pub cloud: ManagedKubernetes,
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub subscription: Option<String>,
    #[serde(default)]
    pub project: Option<String>,
}

/// One managed cluster found in a cloud account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CloudCluster {
    pub cloud: ManagedKubernetes,
    pub name: String,
    /// The cloud's id of the cluster (EKS ARN, AKS resource id, GKE `project/location/name`);
    /// what `add_cluster_context` takes.
    pub id: String,
    /// Region or zone (GKE), location (AKS).
    pub region: String,
    pub version: String,
    /// The cloud's status word (`ACTIVE`, `CREATING`…).
    pub status: String,
    pub endpoint: String,
    /// The kubeconfig context it gets (the name the cloud's CLI gives it).
    pub context: String,
    /// A context of that name is already in the user's kubeconfigs.
    pub in_kubeconfig: bool,
}

/// A region (or other scope) that could not be listed; the others still were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiscoveryProblem {
    pub scope: String,
    pub code: String,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CloudClusters {
    pub cloud: ManagedKubernetes,
    /// Whose sign-in was used ("AWS profile dev", "the Azure CLI", a service account).
    pub signed_in: String,
    /// Where it looked ("account 123456789012", "subscriptions Prod, Sandbox", "project p").
    pub scope: String,
    pub clusters: Vec<CloudCluster>,
    pub problems: Vec<DiscoveryProblem>,
}

/// What adding a cluster's context would change (nothing is written yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AddContextPreview {
    pub id: String,
    /// The kubeconfig file that would be written.
    pub file: String,
    pub creates_file: bool,
    pub context: String,
    pub server: String,
    /// Entries of the same names that would be replaced ("cluster X", "user X", "context X").
    pub replaces: Vec<String>,
    /// `current-context` now (the new context becomes current, as the cloud CLIs do).
    pub current_context_before: Option<String>,
    /// How the new user signs in (`aws --region … eks get-token …`, `kubelogin …`).
    pub credentials: String,
}

/// What adding a context did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AddedClusterContext {
    pub preview: AddContextPreview,
    /// Where the file was copied before it was changed (none when it was created).
    pub backup: Option<String>,
}
