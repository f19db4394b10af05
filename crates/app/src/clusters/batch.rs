//! Coalescing of cluster deltas between two sends to the UI. A busy cluster makes ~1,000 watch
//! events per second, mostly on a few objects; the webview would spend its time parsing
//! messages. The forwarder sends at most one batch per interval, and within a batch several
//! deltas of one object become one: only what the UI must do to reach the latest state.

use super::dto::{ClusterDelta, ClusterKind};
use std::collections::HashMap;

#[derive(Default)]
pub struct DeltaBatch {
    /// In arrival order; `None` where a later delta cancelled this one.
    pending: Vec<Option<ClusterDelta>>,
    /// (kind, key) → its delta's index in `pending`; kind statuses under an empty key… see
    /// `slot`.
    index: HashMap<(ClusterKind, Option<String>), usize>,
    /// Deltas received since the last `take` (before coalescing), for the figures.
    received: usize,
}

impl DeltaBatch {
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn received(&self) -> usize {
        self.received
    }

    pub fn push_all(&mut self, deltas: impl IntoIterator<Item = ClusterDelta>) {
        for d in deltas {
            self.push(d);
        }
    }

    pub fn push(&mut self, delta: ClusterDelta) {
        use ClusterDelta::*;
        self.received += 1;
        let slot = match &delta {
            Added { kind, key, .. } | Modified { kind, key, .. } | Deleted { kind, key } => {
                (*kind, Some(key.clone()))
            }
            // One status per kind: only the latest matters.
            Status { kind, .. } => (*kind, None),
        };
        let Some(&i) = self.index.get(&slot) else {
            self.index.insert(slot, self.pending.len());
            self.pending.push(Some(delta));
            return;
        };
        let previous = self.pending[i].take();
        let merged = match (previous, delta) {
            // The UI never saw it: an add that is deleted again is nothing at all.
            (Some(Added { .. }), Deleted { .. }) => None,
            (Some(Added { kind, key, .. }), Modified { row, .. }) => Some(Added { kind, key, row }),
            // The UI has it (it was deleted and came back): replace its row.
            (Some(Deleted { .. }), Added { kind, key, row }) => Some(Modified { kind, key, row }),
            (_, later) => Some(later),
        };
        match merged {
            None => {
                self.index.remove(&slot);
            }
            Some(d) => {
                // Moved to the end, so what the UI applies keeps the order of the last change.
                self.pending.push(Some(d));
                self.index.insert(slot, self.pending.len() - 1);
            }
        }
    }

    /// The coalesced deltas, in order; the batch is empty afterwards.
    pub fn take(&mut self) -> Vec<ClusterDelta> {
        self.index.clear();
        self.received = 0;
        std::mem::take(&mut self.pending)
            .into_iter()
            .flatten()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clusters::dto::*;

    fn row(name: &str, restarts: u32) -> ClusterRow {
        ClusterRow::Pod(ClusterPodRow {
            namespace: "default".into(),
            name: name.into(),
            phase: "Running".into(),
            ready: "1/1".into(),
            restarts,
            reason: None,
            severity: ClusterSeverity::Ok,
            message: None,
            node: None,
            created: None,
        })
    }
    fn added(n: &str, r: u32) -> ClusterDelta {
        ClusterDelta::Added {
            kind: ClusterKind::Pod,
            key: format!("default/{n}"),
            row: row(n, r),
        }
    }
    fn modified(n: &str, r: u32) -> ClusterDelta {
        ClusterDelta::Modified {
            kind: ClusterKind::Pod,
            key: format!("default/{n}"),
            row: row(n, r),
        }
    }
    fn deleted(n: &str) -> ClusterDelta {
        ClusterDelta::Deleted {
            kind: ClusterKind::Pod,
            key: format!("default/{n}"),
        }
    }
    fn status(s: ClusterKindStatus) -> ClusterDelta {
        ClusterDelta::Status {
            kind: ClusterKind::Pod,
            status: s,
        }
    }

    #[test]
    fn coalesces_changes_of_one_object_into_what_the_ui_must_do() {
        let mut b = DeltaBatch::default();
        b.push_all([
            status(ClusterKindStatus::Loading),
            added("a", 0),
            modified("a", 1),
            added("gone", 0),
            modified("b", 1),
            modified("b", 2),
            deleted("gone"),
            deleted("c"),
            added("c", 5),
            status(ClusterKindStatus::Ready { count: 3 }),
            modified("d", 1),
            deleted("d"),
        ]);
        assert_eq!(b.received(), 12);
        assert_eq!(
            b.take(),
            vec![
                added("a", 1),
                modified("b", 2),
                modified("c", 5),
                status(ClusterKindStatus::Ready { count: 3 }),
                deleted("d"),
            ]
        );
        assert!(b.is_empty());
        assert_eq!(b.take(), vec![]);
        // After a take, the next batch starts from what the UI now has.
        b.push(deleted("a"));
        assert_eq!(b.take(), vec![deleted("a")]);
    }

    #[test]
    fn a_thousand_updates_of_ten_pods_become_ten_deltas() {
        let mut b = DeltaBatch::default();
        for i in 0..1000u32 {
            b.push(modified(&format!("p{}", i % 10), i));
        }
        let out = b.take();
        assert_eq!(out.len(), 10);
        assert_eq!(out[9], modified("p9", 999));
    }
}
