//! Change counts by action. A replace counts once, as replace (never also as create and
//! delete); moves and imports are counted besides their action.

use crate::model::{Action, Plan};
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub create: usize,
    pub update: usize,
    pub delete: usize,
    pub replace: usize,
    pub read: usize,
    pub no_op: usize,
    pub forget: usize,
    pub other: usize,
    /// Changes that also move (`previous_address`) or import an object.
    #[serde(rename = "move")]
    pub moved: usize,
    pub import: usize,
    /// Replaces that create the new object first.
    pub replace_create_before_destroy: usize,
    pub drift: usize,
    pub deferred: usize,
    pub output_changes: usize,
}

impl Summary {
    pub fn of(plan: &Plan) -> Summary {
        let mut s = Summary::default();
        for c in &plan.resource_changes {
            match c.action {
                Action::Create => s.create += 1,
                Action::Update => s.update += 1,
                Action::Delete => s.delete += 1,
                Action::Replace {
                    create_before_destroy,
                } => {
                    s.replace += 1;
                    s.replace_create_before_destroy += usize::from(create_before_destroy);
                }
                Action::Read => s.read += 1,
                Action::NoOp => s.no_op += 1,
                Action::Forget => s.forget += 1,
                Action::Other => s.other += 1,
            }
            s.moved += usize::from(c.is_move());
            s.import += usize::from(c.importing.is_some());
        }
        s.drift = plan.resource_drift.len();
        s.deferred = plan.deferred_changes.len();
        s.output_changes = plan
            .output_changes
            .iter()
            .filter(|o| o.action != Action::NoOp)
            .count();
        s
    }

    pub fn add(&mut self, o: &Summary) {
        self.create += o.create;
        self.update += o.update;
        self.delete += o.delete;
        self.replace += o.replace;
        self.read += o.read;
        self.no_op += o.no_op;
        self.forget += o.forget;
        self.other += o.other;
        self.moved += o.moved;
        self.import += o.import;
        self.replace_create_before_destroy += o.replace_create_before_destroy;
        self.drift += o.drift;
        self.deferred += o.deferred;
        self.output_changes += o.output_changes;
    }

    /// Changes that do something (not no-op/read).
    pub fn changing(&self) -> usize {
        self.create + self.update + self.delete + self.replace + self.forget + self.other
    }
}
