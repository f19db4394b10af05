//! The compact summaries the UI's tables need, one per object, built from full objects by
//! pure functions. Deltas carry these, never whole objects: a pod summary is ~200 bytes where
//! the object is ~8 KB, and Secrets never carry values.

mod node;
mod object;
mod pod;
mod workload;

pub use node::{summarize_node, NodeSummary};
pub use object::{summarize_event, EventSummary, ObjectSummary};
pub use pod::{summarize_pod, PodSummary};
pub use workload::{WorkloadSummary, Workloads};

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Summary {
    Pod(PodSummary),
    Workload(WorkloadSummary),
    Node(NodeSummary),
    Event(EventSummary),
    Object(ObjectSummary),
}

impl Summary {
    /// Warning events first in a batch (the UI shows problems before routine events).
    pub(crate) fn is_warning(&self) -> bool {
        matches!(self, Summary::Event(e) if e.event_type == "Warning")
    }
}
