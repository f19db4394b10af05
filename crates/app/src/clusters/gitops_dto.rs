//! What crosses to the UI for Argo CD and Flux status (issue 11). Compiles without the
//! `clusters` feature, like `dto.rs`.

use serde::Serialize;
use ts_rs::TS;

/// Whether a GitOps tool's CRDs are served by the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GitOpsPresence {
    /// None of its kinds is served.
    NotInstalled,
    /// API discovery is forbidden: unknown whether it is installed.
    NoAccess,
    Installed,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GitOpsTool {
    pub presence: GitOpsPresence,
    /// Kinds it serves that RBAC forbids listing.
    pub no_access: Vec<String>,
}

/// One Argo CD Application or Flux object.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GitOpsApp {
    /// `argo` or `flux`.
    pub tool: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
    /// Argo: Synced / OutOfSync / Unknown.
    pub sync: Option<String>,
    /// Argo: Healthy / Progressing / Degraded / Suspended / Missing / Unknown.
    pub health: Option<String>,
    /// Flux: the Ready condition's status (True / False / Unknown) and its reason.
    pub ready: Option<String>,
    pub reason: Option<String>,
    pub suspended: bool,
    pub revision: Option<String>,
    pub source: Option<String>,
    pub destination: Option<String>,
    pub message: Option<String>,
    /// `error`, `warning` or `ok`.
    pub severity: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClusterGitOps {
    pub argo: GitOpsTool,
    pub flux: GitOpsTool,
    /// Worst first.
    pub apps: Vec<GitOpsApp>,
}
