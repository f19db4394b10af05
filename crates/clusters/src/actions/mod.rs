//! Safe actions on live objects (issue 11): scale a deployment or statefulset, restart its
//! rollout, roll a deployment, statefulset or daemonset back, delete a pod, cordon or
//! uncordon a node. Each has a [`preview`] that states exactly
//! what will change, computed from the object as the watchers hold it (pure, no request), and
//! an [`execute`] that makes the same API call kubectl makes. The app asks for confirmation
//! between the two and records every attempt in its audit log; this crate only talks to the
//! cluster.

mod execute;
mod history;
mod preview;
mod rollback;

pub use execute::{execute, Done};
pub use history::controller_revisions;
pub use preview::{preview, Preview};

use crate::watch::Kind;
use serde::Serialize;

/// What to do. The target's kind decides which actions apply (see [`Action::applies_to`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Set the desired replicas (the `scale` subresource, as `kubectl scale`).
    Scale { replicas: i32 },
    /// Replace every pod by a rolling update (`kubectl rollout restart`).
    RolloutRestart,
    /// Delete one pod (its controller, if any, creates a replacement).
    DeletePod,
    /// Mark a node unschedulable (`kubectl cordon`).
    Cordon,
    /// Mark a node schedulable again (`kubectl uncordon`).
    Uncordon,
    /// Put back the pod template of an earlier revision of a deployment, statefulset or
    /// daemonset (`kubectl rollout undo [--to-revision N]`); `None` is the revision before
    /// the current one.
    Rollback { to_revision: Option<i64> },
}

impl Action {
    /// The name recorded in the audit log.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Scale { .. } => "scale",
            Action::RolloutRestart => "rollout_restart",
            Action::DeletePod => "delete_pod",
            Action::Cordon => "cordon",
            Action::Uncordon => "uncordon",
            Action::Rollback { .. } => "rollback",
        }
    }

    pub fn applies_to(&self, kind: Kind) -> bool {
        match self {
            Action::Scale { .. } | Action::RolloutRestart => {
                matches!(kind, Kind::Deployment | Kind::StatefulSet)
            }
            Action::DeletePod => kind == Kind::Pod,
            Action::Cordon | Action::Uncordon => kind == Kind::Node,
            Action::Rollback { .. } => {
                matches!(kind, Kind::Deployment | Kind::StatefulSet | Kind::DaemonSet)
            }
        }
    }
}

/// The object an action is about. `namespace` is `None` for nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub kind: Kind,
    pub namespace: Option<String>,
    pub name: String,
}

impl Target {
    /// `namespace/name`, or `name` when cluster-scoped: the key the watchers' stores use.
    pub fn key(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{ns}/{}", self.name),
            None => self.name.clone(),
        }
    }

    /// "deployment web in shop", "node worker-1": how messages name the object.
    pub fn describe(&self) -> String {
        let kind = match self.kind {
            Kind::StatefulSet => "statefulset",
            Kind::DaemonSet => "daemonset",
            other => other.as_str(),
        };
        match &self.namespace {
            Some(ns) => format!("{kind} {} in {ns}", self.name),
            None => format!("{kind} {}", self.name),
        }
    }
}

/// The pod-template annotation `kubectl rollout restart` sets; a new value makes the
/// controller roll every pod.
pub const RESTARTED_AT: &str = "kubectl.kubernetes.io/restartedAt";

/// The revision a deployment controller writes on a deployment and on each of its
/// ReplicaSets; a rollback looks the wanted one up by it.
pub const REVISION: &str = "deployment.kubernetes.io/revision";
