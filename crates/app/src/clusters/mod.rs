//! The Clusters view's operations (issue 11): the user's kubeconfig contexts with their
//! offline checks, one live connection at a time whose watch deltas reach the UI in batches
//! (at most one per `BATCH_INTERVAL`, coalesced by `batch.rs`), and one object's YAML on
//! request. The engine is `orbis-clusters` (kube-rs), present only with the `clusters` feature
//! (the desktop enables it); without it the operations answer `clusters_unavailable`.

mod actions;
pub mod actions_dto;
mod apply;
pub mod apply_dto;
mod batch;
mod discover;
pub mod discover_dto;
pub mod dto;
mod gitops;
pub mod gitops_dto;
mod helm;
pub mod helm_dto;
pub mod link_targets;
mod links;
pub mod links_dto;
#[cfg(feature = "clusters")]
mod live;
mod metrics;
pub mod metrics_dto;
mod overview;
pub mod overview_dto;
mod platform;
pub mod platform_dto;

pub use actions::PREVIEW_VALID_FOR;
pub use batch::DeltaBatch;
use dto::*;
pub use links::{links_in_module_file, sync_summary};
pub use overview::PROBE_TIMEOUT;

use crate::error::AppError;
#[cfg(not(feature = "clusters"))]
use crate::error::ErrorCode;
use crate::session::Session;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Receives the batched deltas of the live connection, from a background thread.
pub type ClusterSink = Arc<dyn Fn(ClusterEventMessage) + Send + Sync>;

/// Receives the lines of the open pod log, from a background thread.
pub type PodLogSink = Arc<dyn Fn(PodLogMessage) + Send + Sync>;

/// How many of a log's last lines are read when it is opened (`kubectl logs --tail`): an old
/// pod's log can be gigabytes.
pub const POD_LOG_TAIL: i64 = 2000;

/// At most one batch of deltas per interval reaches the UI (a quiet cluster's single change is
/// sent at once; see `live.rs`). 50 ms: a change waits at most that long (the goal is
/// p99 < 100 ms from watch event to the UI), and 20 messages/s still leave the UI time to
/// render each (100 ms put the benchmark's p99 at 101 ms).
pub const BATCH_INTERVAL: Duration = Duration::from_millis(50);

/// The Session's cluster state: where kubeconfigs are read from and the live connection.
#[derive(Default)]
pub struct Clusters {
    /// Kubeconfig files to read instead of `KUBECONFIG` / `~/.kube/config` (tests, `--kubeconfig`).
    files: RwLock<Option<Vec<PathBuf>>>,
    #[cfg(feature = "clusters")]
    live: live::Live,
    /// Action previews waiting for their confirmation (`actions.rs`).
    #[cfg_attr(not(feature = "clusters"), allow(dead_code))]
    pending: actions::Pending,
    /// The managed clusters found by the last "Add a cloud cluster" look-up (`discover.rs`).
    #[cfg_attr(not(all(feature = "cloud", feature = "clusters")), allow(dead_code))]
    discovered: discover::Discovered,
    /// Apply previews waiting for their confirmation (`apply.rs`).
    #[cfg_attr(not(feature = "clusters"), allow(dead_code))]
    applies: apply::PendingApplies,
}

#[cfg(not(feature = "clusters"))]
fn unavailable() -> AppError {
    AppError::new(
        ErrorCode::ClustersUnavailable,
        "This build of TerraOrbis has no Kubernetes support",
        "Use the desktop release (built with the `clusters` feature), or `orbis clusters` from a CLI built with it.",
    )
}

/// The first command in backticks of a hint ("Sign in again: `aws sso login --profile X`…").
pub fn fix_command(hint: &str) -> Option<String> {
    let start = hint.find('`')? + 1;
    let len = hint[start..].find('`')?;
    let cmd = hint[start..start + len].trim();
    (!cmd.is_empty()).then(|| cmd.to_string())
}

impl Session {
    /// Reads kubeconfigs from these files instead of `KUBECONFIG` / `~/.kube/config`.
    pub fn set_kubeconfig_files(&self, files: Option<Vec<PathBuf>>) {
        *self
            .clusters()
            .files
            .write()
            .unwrap_or_else(|p| p.into_inner()) = files;
    }

    /// The kubeconfig files set with `set_kubeconfig_files`, if any.
    #[cfg_attr(not(all(feature = "cloud", feature = "clusters")), allow(dead_code))]
    pub(crate) fn kubeconfig_override(&self) -> Option<Vec<PathBuf>> {
        self.clusters()
            .files
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Every context of the user's kubeconfigs, checked offline (nothing is contacted).
    pub fn list_cluster_contexts(&self) -> ClusterContexts {
        #[cfg(feature = "clusters")]
        {
            let files = self
                .clusters()
                .files
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            live::list_contexts(files.as_deref())
        }
        #[cfg(not(feature = "clusters"))]
        {
            ClusterContexts {
                contexts: Vec::new(),
                errors: vec![ClusterProblem {
                    code: "clusters_unavailable".into(),
                    message: unavailable().message,
                    hint: unavailable().hint,
                    fix_command: None,
                    file: None,
                }],
                files: Vec::new(),
                available: false,
            }
        }
    }

    /// Connects to `context` (replacing any live connection) and starts its watchers; batches
    /// of deltas go to `sink` until `disconnect_cluster` or the next connect.
    pub fn connect_cluster(
        &self,
        context: &str,
        sink: ClusterSink,
    ) -> Result<ClusterConnected, AppError> {
        #[cfg(feature = "clusters")]
        {
            let files = self
                .clusters()
                .files
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            self.clusters()
                .live
                .connect(files.as_deref(), context, sink)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = (context, sink);
            Err(unavailable())
        }
    }

    /// Stops the live connection's watchers (nothing happens when there is none).
    pub fn disconnect_cluster(&self) {
        #[cfg(feature = "clusters")]
        self.clusters().live.disconnect();
    }

    /// One object of the live connection as YAML (Secrets: keys only).
    pub fn cluster_object(
        &self,
        kind: ClusterKind,
        key: &str,
    ) -> Result<ClusterObjectDetail, AppError> {
        #[cfg(feature = "clusters")]
        {
            self.clusters().live.object(kind, key)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = (kind, key);
            Err(unavailable())
        }
    }
}

impl Session {
    /// Opens one container's log of the live cluster (replacing the log open before); its lines
    /// go to `sink` in batches until the log ends or `close_pod_log`. Returns the stream id.
    pub fn open_pod_log(&self, request: &PodLogRequest, sink: PodLogSink) -> Result<u32, AppError> {
        #[cfg(feature = "clusters")]
        {
            self.clusters().live.open_log(request, sink)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = (request, sink);
            Err(unavailable())
        }
    }

    /// Stops reading the open pod log (with `Some(stream)`: only if that one is still open).
    pub fn close_pod_log(&self, stream: Option<u32>) {
        #[cfg(feature = "clusters")]
        self.clusters().live.close_log(stream);
        #[cfg(not(feature = "clusters"))]
        let _ = stream;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fix_command_is_the_first_command_of_the_hint() {
        assert_eq!(
            fix_command("Sign in again: `aws sso login --profile prod`, then retry.").as_deref(),
            Some("aws sso login --profile prod")
        );
        assert_eq!(fix_command("Check the file."), None);
        assert_eq!(fix_command("unbalanced ` quote"), None);
        assert_eq!(fix_command("empty `` then"), None);
    }
}
