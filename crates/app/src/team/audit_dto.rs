//! The team server's audit log in the app (issue 13): what to look for and what was found.
//! Compiles without the `team` feature (the bindings are generated without it).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Filters of the audit view; every field is optional and they combine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamAuditFilter {
    /// Words found in the actor, action, target or detail (case-insensitive).
    #[serde(default)]
    pub text: Option<String>,
    /// An action or its family: `request.` matches `request.create`, `request.approve`….
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub actor: Option<String>,
    /// Unix milliseconds, inclusive.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub since: Option<i64>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub until: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamAuditRow {
    #[ts(type = "number")]
    pub seq: i64,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    /// The entry's detail as compact JSON (never a secret: the server writes none).
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamAuditView {
    /// Newest first, at most `TEAM_AUDIT_ROWS`.
    pub rows: Vec<TeamAuditRow>,
    /// Entries that matched (may be more than the rows shown).
    pub matched: u32,
    /// Entries read from the server.
    pub scanned: u32,
    /// The log is longer than what was read (the oldest entries were not looked at).
    pub partial: bool,
}
