//! What crosses to the UI for Helm releases (issue 11). Compiles without the `clusters`
//! feature, like `dto.rs`.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HelmRevision {
    #[ts(type = "number")]
    pub revision: i64,
    pub status: String,
    pub chart: String,
    pub chart_version: String,
    pub app_version: Option<String>,
    pub updated: Option<String>,
    pub description: Option<String>,
    /// What changed in the user-supplied values since the previous revision
    /// ("replicaCount: 2 → 3"); empty for the first revision.
    pub values_changes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HelmRelease {
    pub namespace: String,
    pub name: String,
    /// Newest first; the first is the current revision.
    pub history: Vec<HelmRevision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HelmReleases {
    /// `None`: RBAC forbids listing secrets (Helm keeps releases in them).
    pub releases: Option<Vec<HelmRelease>>,
    /// Release secrets that could not be read, in words.
    pub errors: Vec<String>,
}
