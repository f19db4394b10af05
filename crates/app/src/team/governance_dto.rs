//! What the team's administrators published for the connected workspace — its budget and
//! the organization's policy packs — as kept in the app's store (`Stored*`, the server's JSON
//! field for field) and as Settings → Team server shows it (`TeamGovernanceView`).
//! Compiles without the `team` feature: Plan Review applies what was pulled even in builds
//! or moments without a connection to the server.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The settings key of the pulled set (one per app profile: the connection is one too).
pub const GOVERNANCE_KEY: &str = "team.governance";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredBudget {
    /// `default` (the organization's) or the workspace id.
    pub scope: String,
    #[serde(default)]
    pub workspace_name: Option<String>,
    /// US dollars a plan may add to the monthly cost.
    pub monthly_limit: f64,
    pub warn_percent: u8,
    pub published_by: String,
    pub published_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPolicy {
    pub name: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPack {
    pub name: String,
    pub version: i64,
    #[serde(default)]
    pub description: String,
    pub policies: Vec<StoredPolicy>,
    pub sha256: String,
    pub published_by: String,
    pub published_at: i64,
}

/// The set pulled for a workspace, with when it was pulled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredGovernance {
    pub workspace_id: String,
    pub revision: String,
    #[serde(default)]
    pub budget: Option<StoredBudget>,
    #[serde(default)]
    pub policy_packs: Vec<StoredPack>,
    /// Unix milliseconds of the last pull that confirmed it (0 before the first).
    #[serde(default)]
    pub pulled_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamBudgetView {
    /// "this workspace" or "organization default".
    pub applies_to: String,
    pub monthly_limit: f64,
    pub warn_percent: u8,
    pub published_by: String,
    #[ts(type = "number")]
    pub published_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamPackView {
    pub name: String,
    #[ts(type = "number")]
    pub version: i64,
    pub description: String,
    /// The policies' names (what findings show after `name@version/`).
    pub policies: Vec<String>,
    pub published_by: String,
    #[ts(type = "number")]
    pub published_at: i64,
}

/// What Plan Review applies from the team, for Settings → Team server.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamGovernanceView {
    /// False when nothing was pulled for the connected workspace yet (or not connected).
    pub pulled: bool,
    /// Unix milliseconds of the last pull that confirmed it.
    #[ts(type = "number | null")]
    pub pulled_at: Option<i64>,
    pub budget: Option<TeamBudgetView>,
    pub packs: Vec<TeamPackView>,
    /// How the team budget and a workspace's own `.orbis.toml` budgets combine.
    pub rule: String,
}

/// The rule, in the words Settings shows.
pub const BUDGET_RULE: &str = "The team budget limits each plan's monthly cost increase. \
    Budgets in the workspace's .orbis.toml still apply too: a plan must stay within all of \
    them, so the stricter limit wins.";
