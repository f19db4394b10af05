use super::Kind;
use crate::summary::Summary;
use serde::Serialize;

/// One change the UI applies to its tables. `key` is `namespace/name` (`name` for
/// cluster-scoped kinds).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Delta {
    Added {
        kind: Kind,
        key: String,
        summary: Summary,
    },
    Modified {
        kind: Kind,
        key: String,
        summary: Summary,
    },
    Deleted {
        kind: Kind,
        key: String,
    },
    /// The kind's watcher changed state (loading, ready, recovering, no access).
    Status {
        kind: Kind,
        status: KindStatus,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum KindStatus {
    Loading,
    Ready {
        count: usize,
    },
    /// The watch broke (410 Gone, dropped connection, server error); it is retried with
    /// backoff and the next list is diffed against what the UI has.
    Recovering {
        message: String,
    },
    /// RBAC forbids listing or watching this kind: the UI shows "no access", not an error.
    NoAccess {
        message: String,
    },
    /// The cluster does not serve this kind (404 on the list: an API group that is off or
    /// too new/old for this cluster). Retried with backoff, shown as "not available".
    NotServed {
        message: String,
    },
    /// Credentials were refused or cannot be produced (exec plugin failed): retrying will not
    /// help until the user acts on `hint`.
    Failed {
        message: String,
        hint: String,
    },
}
