//! What crosses to the UI for cluster actions and their audit log (issue 11). Compiles
//! without the `clusters` feature, like `dto.rs`.

use super::dto::ClusterKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ClusterAction {
    Scale {
        replicas: i32,
    },
    RolloutRestart,
    DeletePod,
    Cordon,
    Uncordon,
    /// Back to an earlier revision of a deployment (`None`: the one before the current).
    Rollback {
        #[ts(type = "number | null")]
        to_revision: Option<i64>,
    },
}

/// An action on one object of the live cluster: `key` is `namespace/name` (`name` for nodes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClusterActionRequest {
    pub kind: ClusterKind,
    pub key: String,
    pub action: ClusterAction,
}

/// What the action will change, to show before asking. `token` confirms exactly this
/// preview: `run_cluster_action` refuses without it, and when the object changed meanwhile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterActionPreview {
    pub token: String,
    /// "Scale deployment web in shop from 3 to 5 replicas".
    pub summary: String,
    /// The fields that change ("spec.replicas: 3 → 5").
    pub changes: Vec<String>,
    pub consequences: Vec<String>,
    /// Something that does not come back by itself (scale to 0, a pod nothing replaces).
    pub warning: Option<String>,
    /// The API request that will be made.
    pub request: String,
    pub context: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterActionDone {
    /// What the cluster accepted, in a sentence.
    pub message: String,
    /// The audit log row written for it.
    #[ts(type = "number")]
    pub audit_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClusterActionOutcome {
    Succeeded,
    Failed,
    Refused,
}

/// One row of the cluster action audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterAuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub at: i64,
    pub context: String,
    pub server: Option<String>,
    pub namespace: Option<String>,
    pub kind: String,
    pub name: String,
    pub action: String,
    pub summary: String,
    /// The local user who acted (`user:alice`).
    pub identity: Option<String>,
    pub outcome: ClusterActionOutcome,
    pub message: String,
    pub error_code: Option<String>,
}
