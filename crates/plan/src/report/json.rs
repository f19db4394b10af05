//! The stable JSON report (documented in the crate README).

use crate::diff::{attribute_diff, AttributeDiff};
use crate::model::DocumentKind;
use crate::review::{PolicyFinding, Review};
use crate::risk::{RiskLevel, RiskReason, Verdict};
use crate::summary::Summary;
use serde::Serialize;

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub verdict: Verdict,
    pub max_risk: RiskLevel,
    pub summary: Summary,
    pub plans: Vec<PlanInfo<'a>>,
    pub changes: Vec<ChangeInfo<'a>>,
    pub drift: Vec<OtherChange<'a>>,
    pub deferred: Vec<OtherChange<'a>>,
    pub outputs: Vec<OutputInfo<'a>>,
    pub policy: &'a [PolicyFinding],
    pub redacted_values: usize,
}

#[derive(Serialize)]
pub struct PlanInfo<'a> {
    pub source: &'a str,
    pub kind: DocumentKind,
    pub format_version: Option<&'a str>,
    pub terraform_version: Option<&'a str>,
    pub errored: bool,
    pub applyable: Option<bool>,
    pub complete: Option<bool>,
    pub providers: &'a [crate::model::Provider],
    pub modules: &'a crate::model::ModuleNode,
    pub state_resources: usize,
}

#[derive(Serialize)]
pub struct RiskInfo<'a> {
    pub level: RiskLevel,
    pub reasons: &'a [RiskReason],
}

#[derive(Serialize)]
pub struct ChangeInfo<'a> {
    pub plan: &'a str,
    pub address: &'a str,
    pub previous_address: Option<&'a str>,
    #[serde(rename = "type")]
    pub resource_type: &'a str,
    pub provider: &'a str,
    pub action: &'static str,
    pub actions: &'a [String],
    pub action_reason: Option<&'a str>,
    pub importing: Option<&'a str>,
    pub risk: RiskInfo<'a>,
    pub diff: Vec<AttributeDiff>,
}

#[derive(Serialize)]
pub struct OtherChange<'a> {
    pub plan: &'a str,
    pub address: &'a str,
    pub action: &'static str,
    pub reason: Option<&'a str>,
}

#[derive(Serialize)]
pub struct OutputInfo<'a> {
    pub plan: &'a str,
    pub name: &'a str,
    pub action: &'static str,
    pub sensitive: bool,
    pub after_unknown: bool,
}

pub fn build(review: &Review) -> JsonReport<'_> {
    let plans = review
        .plans
        .iter()
        .map(|p| PlanInfo {
            source: &p.source,
            kind: p.kind,
            format_version: p.format_version.as_deref(),
            terraform_version: p.terraform_version.as_deref(),
            errored: p.errored,
            applyable: p.applyable,
            complete: p.complete,
            providers: &p.providers,
            modules: &p.modules,
            state_resources: p.state_resources.len(),
        })
        .collect();
    let changes = review
        .changes()
        .map(|(p, c, r)| ChangeInfo {
            plan: &p.source,
            address: &c.address,
            previous_address: c.previous_address.as_deref(),
            resource_type: &c.resource_type,
            provider: &c.provider_name,
            action: c.action.name(),
            actions: &c.actions,
            action_reason: c.action_reason.as_deref(),
            importing: c.importing.as_deref(),
            risk: RiskInfo {
                level: r.level,
                reasons: &r.reasons,
            },
            diff: if c.action == crate::Action::NoOp {
                Vec::new()
            } else {
                attribute_diff(c)
            },
        })
        .collect();
    let mut drift = Vec::new();
    let mut deferred = Vec::new();
    let mut outputs = Vec::new();
    for p in &review.plans {
        drift.extend(p.resource_drift.iter().map(|c| OtherChange {
            plan: &p.source,
            address: &c.address,
            action: c.action.name(),
            reason: None,
        }));
        deferred.extend(p.deferred_changes.iter().map(|d| OtherChange {
            plan: &p.source,
            address: &d.change.address,
            action: d.change.action.name(),
            reason: Some(&d.reason),
        }));
        outputs.extend(p.output_changes.iter().map(|o| OutputInfo {
            plan: &p.source,
            name: &o.name,
            action: o.action.name(),
            sensitive: o.sensitive,
            after_unknown: o.after_unknown,
        }));
    }
    JsonReport {
        verdict: review.verdict(),
        max_risk: review.max_risk(),
        summary: review.summary(),
        plans,
        changes,
        drift,
        deferred,
        outputs,
        policy: &review.policy,
        redacted_values: review.plans.iter().map(|p| p.redacted_values).sum(),
    }
}

pub fn render(review: &Review) -> String {
    serde_json::to_string_pretty(&build(review)).unwrap_or_else(|_| "{}".to_owned())
}
