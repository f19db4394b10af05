//! A review: one or more loaded plans (a Terragrunt `run-all` gives several), the risk of
//! every change, policy findings from outside (the policy crate) and the verdict.

use crate::model::{Plan, ResourceChange};
use crate::risk::{assess, Risk, RiskContext, RiskLevel, Verdict};
use crate::summary::Summary;
use serde::Serialize;

/// Outcome of one policy rule for one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyResult {
    Pass,
    Warn,
    Deny,
    /// The policy could not be evaluated (syntax or runtime error).
    Error,
}

impl PolicyResult {
    pub fn name(self) -> &'static str {
        match self {
            PolicyResult::Pass => "pass",
            PolicyResult::Warn => "warn",
            PolicyResult::Deny => "deny",
            PolicyResult::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyFinding {
    /// Policy name (file stem / package).
    pub policy: String,
    pub result: PolicyResult,
    pub message: String,
    /// Resource address the message is about, when the policy says so.
    pub address: Option<String>,
}

#[derive(Debug)]
pub struct Review {
    pub plans: Vec<Plan>,
    /// `risks[p][i]` is the risk of `plans[p].resource_changes[i]`.
    pub risks: Vec<Vec<Risk>>,
    pub policy: Vec<PolicyFinding>,
}

/// Risk of every change; big plans are split over the available cores (rules are pure).
fn assess_all(changes: &[ResourceChange], ctx: RiskContext<'_>) -> Vec<Risk> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if changes.len() < 5_000 || threads < 2 {
        return changes.iter().map(|c| assess(c, ctx)).collect();
    }
    let chunk = changes.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = changes
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|c| assess(c, ctx)).collect::<Vec<_>>()))
            .collect();
        // A panicking rule would be a bug: its changes are flagged rather than lost.
        handles
            .into_iter()
            .zip(changes.chunks(chunk))
            .flat_map(|(h, part)| {
                h.join()
                    .unwrap_or_else(|_| part.iter().map(|_| assessment_failed()).collect())
            })
            .collect()
    })
}

fn assessment_failed() -> Risk {
    let mut r = Risk::default();
    r.add(
        "risk-error",
        RiskLevel::Medium,
        "risk could not be assessed (internal error): review by hand",
    );
    r
}

impl Review {
    pub fn new(plans: Vec<Plan>) -> Review {
        let risks = plans
            .iter()
            .map(|p| {
                assess_all(
                    &p.resource_changes,
                    RiskContext {
                        prevent_destroy: &p.prevent_destroy,
                    },
                )
            })
            .collect();
        Review {
            plans,
            risks,
            policy: Vec::new(),
        }
    }

    pub fn with_policy(mut self, findings: Vec<PolicyFinding>) -> Review {
        self.policy = findings;
        self
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for p in &self.plans {
            s.add(&Summary::of(p));
        }
        s
    }

    /// Every change with its plan and risk, in plan order.
    pub fn changes(&self) -> impl Iterator<Item = (&Plan, &ResourceChange, &Risk)> {
        self.plans.iter().zip(&self.risks).flat_map(|(p, rs)| {
            p.resource_changes
                .iter()
                .zip(rs)
                .map(move |(c, r)| (p, c, r))
        })
    }

    pub fn max_risk(&self) -> RiskLevel {
        self.risks
            .iter()
            .flatten()
            .map(|r| r.level)
            .max()
            .unwrap_or_default()
    }

    pub fn has_deny(&self) -> bool {
        self.policy
            .iter()
            .any(|f| matches!(f.result, PolicyResult::Deny | PolicyResult::Error))
    }

    pub fn verdict(&self) -> Verdict {
        let max = self.max_risk();
        if max >= RiskLevel::High || self.has_deny() {
            Verdict::Dangerous
        } else if max == RiskLevel::Medium
            || self.policy.iter().any(|f| f.result == PolicyResult::Warn)
            || self
                .plans
                .iter()
                .any(|p| p.errored || p.complete == Some(false) || !p.deferred_changes.is_empty())
        {
            Verdict::Review
        } else {
            Verdict::Safe
        }
    }
}
