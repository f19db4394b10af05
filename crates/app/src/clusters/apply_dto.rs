//! What crosses to the UI for applying a YAML file to the live cluster (issue 11). Compiles
//! without the `clusters` feature, like `dto.rs`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClusterApplyOutcome {
    Created,
    Changed,
    Unchanged,
}

/// One object of the file and what applying it does (from the server's dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterApplyObject {
    /// 1-based document of the file.
    pub document: u32,
    pub api_version: String,
    pub kind: String,
    /// `None` for cluster-scoped kinds; else where it goes (the context's namespace when the
    /// file names none).
    pub namespace: Option<String>,
    pub name: String,
    pub outcome: ClusterApplyOutcome,
    /// "spec.replicas: 2 → 3"; for a created object its top-level fields. Secret values are
    /// never shown.
    pub changes: Vec<String>,
}

/// The dry-run preview of a whole file; `token` confirms exactly this preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterApplyPreview {
    pub token: String,
    /// The workspace-relative file.
    pub source: String,
    pub context: String,
    /// "1 to create, 1 to change, 2 unchanged".
    pub summary: String,
    pub objects: Vec<ClusterApplyObject>,
    /// The requests that will be made.
    pub request: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterApplyDone {
    /// What the cluster accepted, in a sentence.
    pub message: String,
    /// The audit log rows written (one per object).
    #[ts(type = "number[]")]
    pub audit_ids: Vec<i64>,
}
