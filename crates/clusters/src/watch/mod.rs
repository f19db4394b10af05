//! Live cluster state: one kube-rs watcher per kind, each feeding a reflector store (full
//! objects, for detail views) and a map of compact summaries that turns every watch event
//! into UI deltas. The UI never receives full lists after the first one: a re-list (after
//! 410 Gone, a dropped watch or a restart) is diffed against what the UI already has.

mod backoff;
mod delta;
mod kinds;
mod task;

pub use delta::{Delta, KindStatus};
pub use kinds::Kind;

use crate::connect::Connection;
use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// What to watch, and how patiently to retry.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    pub kinds: Vec<Kind>,
    /// Only this namespace (cluster-scoped kinds are always watched whole).
    pub namespace: Option<String>,
    /// First retry delay after a watch error; doubles (with jitter) up to `backoff_max`.
    pub backoff_min: Duration,
    pub backoff_max: Duration,
}

impl Default for WatchOptions {
    fn default() -> Self {
        Self {
            kinds: Kind::ALL.to_vec(),
            namespace: None,
            backoff_min: Duration::from_millis(800),
            backoff_max: Duration::from_secs(30),
        }
    }
}

/// The watchers of one cluster. Dropping it stops them.
pub struct ClusterState {
    tasks: Vec<JoinHandle<()>>,
    stores: HashMap<Kind, Arc<dyn Any + Send + Sync>>,
}

impl ClusterState {
    /// Starts one watcher per kind on the current tokio runtime. Deltas arrive in batches:
    /// the first list of a kind is one batch (warning events first), later events one each.
    pub fn start(
        conn: &Connection,
        options: &WatchOptions,
    ) -> (Self, mpsc::UnboundedReceiver<Vec<Delta>>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let mut state = ClusterState {
            tasks: Vec::new(),
            stores: HashMap::new(),
        };
        for kind in &options.kinds {
            let (handle, store) = kind.spawn(conn, options, tx.clone());
            state.tasks.push(handle);
            state.stores.insert(*kind, store);
        }
        (state, rx)
    }

    /// The reflector store of a kind (full objects, managed fields stripped; Secrets without
    /// values), e.g. `state.store::<Pod>(Kind::Pod)`.
    pub fn store<K>(&self, kind: Kind) -> Option<kube::runtime::reflector::Store<K>>
    where
        K: kube::Resource + Clone + 'static,
        K::DynamicType: Eq + std::hash::Hash + Clone + Default,
    {
        self.stores
            .get(&kind)?
            .downcast_ref::<kube::runtime::reflector::Store<K>>()
            .cloned()
    }
}

impl Drop for ClusterState {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}
