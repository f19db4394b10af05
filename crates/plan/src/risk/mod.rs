//! Risk of each change: a level and the reasons for it. Rules are plain functions over the
//! redacted change (`rules.rs`), the resource-type knowledge lives in `catalog.rs`.

mod attrs;
pub mod catalog;
mod network;
mod rules;

use serde::Serialize;

pub use rules::{assess, RiskContext};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    #[default]
    None,
    Low,
    Medium,
    High,
    Critical,
}

impl RiskLevel {
    pub fn name(self) -> &'static str {
        match self {
            RiskLevel::None => "none",
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<RiskLevel> {
        Some(match s.to_ascii_lowercase().as_str() {
            "none" => RiskLevel::None,
            "low" => RiskLevel::Low,
            "medium" => RiskLevel::Medium,
            "high" => RiskLevel::High,
            "critical" => RiskLevel::Critical,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskReason {
    /// Stable identifier, e.g. `destroy-stateful`.
    pub code: &'static str,
    pub level: RiskLevel,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub level: RiskLevel,
    pub reasons: Vec<RiskReason>,
}

impl Risk {
    pub(crate) fn add(&mut self, code: &'static str, level: RiskLevel, message: impl Into<String>) {
        self.level = self.level.max(level);
        self.reasons.push(RiskReason {
            code,
            level,
            message: message.into(),
        });
    }
}

/// What the review of the whole plan concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Nothing above low risk, no policy warning or denial.
    Safe,
    /// Medium risk, policy warnings or an errored/incomplete plan: a person should look.
    Review,
    /// High or critical risk, or a policy denial.
    Dangerous,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Safe => "safe",
            Verdict::Review => "review",
            Verdict::Dangerous => "dangerous",
        }
    }
}
