//! The result of a drift scan, as the CLI prints it (`--format json`) and the app shows it.

use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In state and in the cloud, attributes agree.
    Managed,
    /// In state and in the cloud, some compared attributes differ.
    Changed,
    /// In state, gone from the cloud.
    Missing,
    /// In the cloud, in no known state.
    Unmanaged,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Managed => "managed",
            Status::Changed => "changed",
            Status::Missing => "missing",
            Status::Unmanaged => "unmanaged",
        }
    }
}

/// One attribute that differs. `state`/`live` are the values (sensitive ones never appear:
/// attributes the state marks sensitive are not compared).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub attribute: String,
    pub state: Value,
    pub live: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceDrift {
    #[serde(rename = "type")]
    pub resource_type: String,
    pub id: String,
    pub status: Status,
    /// State address (`module.a.aws_instance.web`), for resources in state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    pub changes: Vec<Change>,
}

/// Counts. `managed` counts every resource both in state and in the cloud (drifted or not,
/// as driftctl counts it); `changed` is the part of those whose attributes differ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub managed: usize,
    pub unmanaged: usize,
    pub missing: usize,
    pub changed: usize,
    /// Resources left out by `.driftignore`.
    pub ignored: usize,
}

impl Summary {
    /// Every resource seen on either side (driftctl's `total_resources`).
    pub fn total(&self) -> usize {
        self.managed + self.unmanaged + self.missing
    }

    /// Managed share of all resources, in percent with one decimal — driftctl's coverage
    /// (`managed / total_resources`; 0 when there is nothing at all).
    pub fn coverage(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            total => (self.managed as f64 * 1000.0 / total as f64).round() / 10.0,
        }
    }

    pub fn has_drift(&self) -> bool {
        self.unmanaged + self.missing + self.changed > 0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriftReport {
    pub summary: Summary,
    /// `summary.coverage()`, for JSON readers.
    pub coverage: f64,
    /// What the comparison is based on: `inventory`, `refresh_only_plan` or both.
    pub sources: Vec<String>,
    pub resources: Vec<ResourceDrift>,
    pub warnings: Vec<String>,
}

impl DriftReport {
    pub fn new(
        mut resources: Vec<ResourceDrift>,
        ignored: usize,
        sources: Vec<String>,
        warnings: Vec<String>,
    ) -> Self {
        resources.sort_by(|a, b| {
            (a.status, &a.resource_type, &a.id).cmp(&(b.status, &b.resource_type, &b.id))
        });
        let mut summary = Summary {
            ignored,
            ..Summary::default()
        };
        for r in &resources {
            match r.status {
                Status::Managed => summary.managed += 1,
                Status::Changed => {
                    summary.managed += 1;
                    summary.changed += 1
                }
                Status::Missing => summary.missing += 1,
                Status::Unmanaged => summary.unmanaged += 1,
            }
        }
        DriftReport {
            coverage: summary.coverage(),
            summary,
            sources,
            resources,
            warnings,
        }
    }

    pub fn with_status(&self, status: Status) -> impl Iterator<Item = &ResourceDrift> {
        self.resources.iter().filter(move |r| r.status == status)
    }
}
