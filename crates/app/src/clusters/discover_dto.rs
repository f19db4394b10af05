//! What crosses to the UI for "Add a cloud cluster" (issue 11): the managed clusters found
//! with the user's cloud sign-in, and what adding one to a kubeconfig would change. Compiles
//! without the `cloud`/`clusters` features (the bindings are generated without them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to look for: the AWS profile (empty: the default one) and regions (empty: the
/// profile's region).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiscoverClustersRequest {
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub regions: Vec<String>,
}

/// One managed cluster found in a cloud account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CloudCluster {
    /// `eks` (AKS and GKE later).
    pub cloud: String,
    pub name: String,
    /// The cloud's id of the cluster (the EKS ARN); what `add_cluster_context` takes.
    pub id: String,
    pub region: String,
    pub version: String,
    /// The cloud's status word (`ACTIVE`, `CREATING`…).
    pub status: String,
    pub endpoint: String,
    /// The kubeconfig context it gets (the name `aws eks update-kubeconfig` gives it).
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
    /// The profile used and the account it signed in to.
    pub profile: String,
    pub account: String,
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
    /// How the new user signs in (`aws --region … eks get-token …`).
    pub credentials: String,
}

/// What adding a context did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AddedClusterContext {
    pub preview: AddContextPreview,
    /// Where the file was copied before it was changed (none when it was created).
    pub backup: Option<String>,
}
