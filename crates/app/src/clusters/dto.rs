//! What crosses to the UI for the Clusters view (issue 11). These types compile without the
//! `clusters` feature (the TypeScript bindings are generated from a build without it); the
//! conversions from `orbis-clusters`' types live in `live.rs`, behind the feature.

use serde::Serialize;
use ts_rs::TS;

/// A kubeconfig context with the result of its offline checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterContext {
    pub name: String,
    pub cluster: Option<String>,
    /// The API server URL.
    pub server: Option<String>,
    pub user: Option<String>,
    /// How the user authenticates: `exec:aws`, `token`, `client-certificate`…
    pub auth: String,
    pub namespace: Option<String>,
    pub current: bool,
    /// No offline check failed: connecting can be tried.
    pub usable: bool,
    /// What the offline checks found, with the fix.
    pub problems: Vec<ClusterProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterProblem {
    /// A stable `clusters.*` code.
    pub code: String,
    pub message: String,
    pub hint: String,
    /// The first command of the hint (the text between backticks), for a Copy button.
    pub fix_command: Option<String>,
    pub file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterContexts {
    pub contexts: Vec<ClusterContext>,
    /// Problems not about one context (a broken or missing kubeconfig file).
    pub errors: Vec<ClusterProblem>,
    /// The kubeconfig files looked at.
    pub files: Vec<String>,
    /// False when the app was built without cluster support.
    pub available: bool,
}

/// The answer to connecting: deltas follow as `cluster-event` messages for `connection`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterConnected {
    pub connection: u32,
    pub context: String,
    pub server: String,
    /// The context's namespace (else `default`).
    pub namespace: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClusterKind {
    Namespace,
    Node,
    Pod,
    Deployment,
    ReplicaSet,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
    Service,
    Ingress,
    ConfigMap,
    Secret,
    PersistentVolumeClaim,
    Event,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClusterSeverity {
    Ok,
    Warning,
    Error,
}

/// The state of one kind's watcher, shown as it is: "no permission to list secrets" is not an
/// empty table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClusterKindStatus {
    Loading,
    Ready {
        count: u32,
    },
    /// The watch broke (410 Gone, dropped connection); retried with backoff.
    Recovering {
        message: String,
    },
    /// RBAC forbids listing this kind.
    NoAccess {
        message: String,
    },
    /// The cluster does not serve this kind.
    NotServed {
        message: String,
    },
    /// Credentials refused or not produced: retrying will not help until the user acts.
    Failed {
        message: String,
        hint: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterPodRow {
    pub namespace: String,
    pub name: String,
    pub phase: String,
    /// `ready/total` containers.
    pub ready: String,
    pub restarts: u32,
    /// The plain cause: CrashLoopBackOff, ImagePullBackOff, OOMKilled, Unschedulable…
    pub reason: Option<String>,
    pub severity: ClusterSeverity,
    /// The reason in a sentence.
    pub message: Option<String>,
    pub node: Option<String>,
    /// Creation time (RFC 3339), for the age.
    pub created: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterWorkloadRow {
    pub namespace: String,
    pub name: String,
    pub ready: i32,
    pub desired: i32,
    pub up_to_date: Option<i32>,
    pub reason: Option<String>,
    pub severity: ClusterSeverity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterNodeRow {
    pub name: String,
    /// `True`, `False` or `Unknown`.
    pub ready: String,
    pub pressures: Vec<String>,
    pub unschedulable: bool,
    pub version: Option<String>,
    pub reason: Option<String>,
    pub severity: ClusterSeverity,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterEventRow {
    pub namespace: String,
    pub name: String,
    /// `Normal` or `Warning`.
    pub event_type: String,
    pub reason: Option<String>,
    pub message: Option<String>,
    /// `Kind/name` of the object the event is about.
    pub object: String,
    pub count: i32,
    pub last_seen: Option<String>,
}

/// Namespaces, services, ingresses, ConfigMaps, Secrets (keys, never values), PVCs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterObjectRow {
    pub namespace: Option<String>,
    pub name: String,
    pub detail: Option<String>,
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClusterRow {
    Pod(ClusterPodRow),
    Workload(ClusterWorkloadRow),
    Node(ClusterNodeRow),
    Event(ClusterEventRow),
    Object(ClusterObjectRow),
}

/// One change to the UI's tables. `key` is `namespace/name` (`name` when cluster-scoped).
/// `modified` may name a key the UI does not have yet (after coalescing a delete and an add):
/// apply it as an upsert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ClusterDelta {
    Added {
        kind: ClusterKind,
        key: String,
        row: ClusterRow,
    },
    Modified {
        kind: ClusterKind,
        key: String,
        row: ClusterRow,
    },
    Deleted {
        kind: ClusterKind,
        key: String,
    },
    Status {
        kind: ClusterKind,
        status: ClusterKindStatus,
    },
}

/// A batch of deltas for one connection (the `cluster-event` Tauri event): at most one batch
/// per ~50 ms (`BATCH_INTERVAL`), several watch events on one object coalesced into one delta.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterEventMessage {
    pub connection: u32,
    pub deltas: Vec<ClusterDelta>,
}

/// One object as the watcher holds it, as YAML. Secrets show keys only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClusterObjectDetail {
    pub kind: ClusterKind,
    pub key: String,
    pub yaml: String,
    /// Why some content is not shown (Secret values), when it is not.
    pub note: Option<String>,
    /// A pod's containers (init containers first), for its logs; empty for other kinds.
    pub containers: Vec<String>,
}

/// Which log to open: one container of one pod of the live cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct PodLogRequest {
    /// `namespace/name` of the pod.
    pub key: String,
    pub container: String,
    /// Keep the log open and append what the container writes.
    pub follow: bool,
    /// The previous (crashed) instance of the container.
    pub previous: bool,
}

/// Lines of the open log (the `cluster-log` Tauri event), at most one message per ~50 ms.
/// The log starts with the last `POD_LOG_TAIL` lines; the UI keeps a bounded tail too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PodLogMessage {
    pub stream: u32,
    pub lines: Vec<String>,
    /// The log ended (not following, the container stopped, or an error).
    pub ended: bool,
    pub error: Option<crate::error::AppError>,
}
