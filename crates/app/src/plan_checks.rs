//! What the plan review adds on top of `orbis-plan`'s risk and policies: the linter's rules on
//! the planned values (`orbis_lint::lint_plan`) and the monthly cost delta of the plan
//! (`orbis_cost` plan estimator, bundled catalog, no usage file) with the `[cost.budgets]` of
//! `.orbis.toml`. Written once here; the desktop Plan Review and `orbis plan review` both call
//! it. Every input is the plan engine's redacted model, so no sensitive value reaches these
//! outputs.

use orbis_cost::budget::{self, Budget};
use orbis_cost::from_plan::estimate_plan_bytes;
use orbis_cost::model::PlanEstimate;
use orbis_cost::Estimator;
use orbis_lint::Severity;
use orbis_plan::Plan;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// The `.orbis.toml` sections the plan review reads: `[lint]` and `[cost.budgets.*]`, and
/// the budget the team server published (when connected).
#[derive(Debug, Default)]
pub struct PlanCheckSettings {
    pub lint: orbis_lint::Config,
    pub budgets: Vec<Budget>,
    /// Problems found reading the file (a bad `[cost]` table); shown, never fatal.
    pub warnings: Vec<String>,
    /// Checked beside `budgets`, never instead: a plan must stay within every budget, so the
    /// stricter limit wins.
    pub team_budget: Option<TeamBudget>,
}

/// A budget published on the team server: a limit on a plan's monthly cost delta, with a
/// warning from a percentage of it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamBudget {
    /// `team:<workspace>` or `team:default`.
    pub name: String,
    pub monthly_limit: f64,
    pub warn_percent: u8,
}

impl TeamBudget {
    pub fn as_budget(&self) -> Budget {
        Budget {
            name: self.name.clone(),
            monthly_total: None,
            monthly_delta: Some(self.monthly_limit),
        }
    }

    /// A sentence when the delta reached the warning level but not the limit (an exceeded
    /// limit is a block, reported with the budgets).
    pub fn warning(&self, delta: f64) -> Option<String> {
        let cents = orbis_cost::money::round_cents;
        let level = self.monthly_limit * f64::from(self.warn_percent) / 100.0;
        (cents(delta) >= cents(level) && cents(delta) <= cents(self.monthly_limit) && delta > 0.0)
            .then(|| {
                format!(
                    "budget {}: monthly delta {} is {:.0}% of {} (warning from {}%)",
                    self.name,
                    money(delta),
                    delta / self.monthly_limit * 100.0,
                    money(self.monthly_limit),
                    self.warn_percent
                )
            })
    }
}

impl PlanCheckSettings {
    /// Reads `path` when it exists; defaults otherwise. A `[lint]` section that does not parse
    /// is an error (as for `orbis lint`): silently linting with other rules would mislead.
    pub fn load(path: &Path) -> Result<PlanCheckSettings, String> {
        if !path.is_file() {
            return Ok(PlanCheckSettings::default());
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let lint = orbis_lint::Config::parse(&text, path).map_err(|e| e.to_string())?;
        let cost = orbis_cost::settings::CostSettings::parse(&text);
        Ok(PlanCheckSettings {
            lint,
            budgets: cost.budgets,
            warnings: cost.warnings,
            team_budget: None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LintSeverity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl From<Severity> for LintSeverity {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Info => Self::Info,
            Severity::Low => Self::Low,
            Severity::Medium => Self::Medium,
            Severity::High => Self::High,
            Severity::Critical => Self::Critical,
        }
    }
}

/// A lint finding on a planned resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanLintFinding {
    pub rule_id: String,
    pub severity: LintSeverity,
    pub address: String,
    pub message: String,
    /// The change this finding is about (index in the review), when the address is one.
    pub change: Option<u32>,
}

/// Lints every plan's planned values; `change` indexes the review's changes in order.
pub fn lint_plans(plans: &[Plan], config: &orbis_lint::Config) -> Vec<PlanLintFinding> {
    let mut out = Vec::new();
    let mut offset = 0u32;
    for plan in plans {
        let index: HashMap<&str, u32> = plan
            .resource_changes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.address.as_str(), offset.saturating_add(n(i))))
            .collect();
        out.extend(
            orbis_lint::lint_plan(plan, config)
                .into_iter()
                .map(|f| PlanLintFinding {
                    rule_id: f.rule_id.to_owned(),
                    severity: f.severity.into(),
                    change: index.get(f.address.as_str()).copied(),
                    address: f.address,
                    message: f.message,
                }),
        );
        offset = offset.saturating_add(n(plan.resource_changes.len()));
    }
    out
}

fn n(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// What the estimator says about one resource of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CostStatus {
    /// Priced by a cost model (figures may leave out usage-based components).
    Priced,
    /// A type that costs nothing by itself (VPC, IAM, security group…).
    Free,
    /// No cost model for this type (or a value it needs is unknown): not counted, not $0.
    Unsupported,
    /// Not estimated (data sources, resources the plan does not keep).
    NotEstimated,
}

/// Monthly cost of one change: before, after, delta (US dollars, unrounded).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanChangeCost {
    pub status: CostStatus,
    pub past_monthly_cost: f64,
    pub monthly_cost: f64,
    pub diff_monthly_cost: f64,
    /// Why it is unsupported, when it is.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanCostUnsupported {
    pub address: String,
    pub resource_type: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanBudgetResult {
    pub budget: String,
    /// `monthly_total` or `monthly_delta`.
    pub limit_kind: String,
    pub limit: f64,
    pub actual: f64,
    pub exceeded: bool,
    /// One sentence for people: "budget prod: monthly delta $300.00 exceeds $250.00".
    pub message: String,
}

/// The cost side of the review.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanCost {
    pub currency: String,
    pub past_total_monthly_cost: f64,
    pub total_monthly_cost: f64,
    pub diff_total_monthly_cost: f64,
    pub catalog_version: String,
    /// Resources the estimator could not price (listed, never counted as $0).
    pub unsupported: Vec<PlanCostUnsupported>,
    pub budgets: Vec<PlanBudgetResult>,
    pub budget_exceeded: bool,
    pub warnings: Vec<String>,
}

/// The plan estimate with its per-address view.
pub struct CostCheck {
    pub summary: PlanCost,
    estimate: PlanEstimate,
}

/// `$1,234.56`-style money for messages: cents, sign kept.
pub fn money(v: f64) -> String {
    let cents = orbis_cost::money::round_cents(v);
    let sign = if cents < 0.0 { "-" } else { "" };
    format!("{sign}${:.2}", cents.abs())
}

/// Estimates the plan in `bytes` (its cost engine reads provider regions from the document's
/// configuration, so it gets the bytes, not the model) and checks the budgets.
pub fn estimate_cost(bytes: &[u8], source: &str, budgets: &[Budget]) -> Result<CostCheck, String> {
    let estimate =
        estimate_plan_bytes(bytes, source, &Estimator::default()).map_err(|e| e.to_string())?;
    Ok(summarize(estimate, budgets))
}

/// Several plans (a Terragrunt run-all): totals add up; budgets apply to the sums.
pub fn combine(checks: &[CostCheck], budgets: &[Budget]) -> Option<PlanCost> {
    let first = checks.first()?;
    let mut sum = first.summary.clone();
    for c in &checks[1..] {
        sum.past_total_monthly_cost += c.summary.past_total_monthly_cost;
        sum.total_monthly_cost += c.summary.total_monthly_cost;
        sum.diff_total_monthly_cost += c.summary.diff_total_monthly_cost;
        sum.unsupported
            .extend(c.summary.unsupported.iter().cloned());
        sum.warnings.extend(c.summary.warnings.iter().cloned());
    }
    sum.budgets = check_budgets(sum.total_monthly_cost, sum.diff_total_monthly_cost, budgets);
    sum.budget_exceeded = sum.budgets.iter().any(|b| b.exceeded);
    Some(sum)
}

fn check_budgets(total: f64, delta: f64, budgets: &[Budget]) -> Vec<PlanBudgetResult> {
    budget_results(total, Some(delta), budgets)
}

/// Budgets checked against a total (and a plan's delta), with a sentence each; the Cost view
/// (no delta) uses it too.
pub(crate) fn budget_results(
    total: f64,
    delta: Option<f64>,
    budgets: &[Budget],
) -> Vec<PlanBudgetResult> {
    budget::check(budget::BudgetInput { total, delta }, budgets)
        .into_iter()
        .map(|r| {
            let what = r.limit_kind.replace('_', " ");
            let verb = if r.exceeded { "exceeds" } else { "within" };
            PlanBudgetResult {
                message: format!(
                    "budget {}: {what} {} {verb} {}",
                    r.budget,
                    money(r.actual),
                    money(r.limit)
                ),
                budget: r.budget,
                limit_kind: r.limit_kind.to_owned(),
                limit: r.limit,
                actual: r.actual,
                exceeded: r.exceeded,
            }
        })
        .collect()
}

fn summarize(estimate: PlanEstimate, budgets: &[Budget]) -> CostCheck {
    // A resource unsupported on both sides (an update) is listed once.
    let mut unsupported: Vec<PlanCostUnsupported> = Vec::new();
    for u in estimate
        .after
        .unsupported
        .iter()
        .chain(&estimate.before.unsupported)
    {
        if !unsupported.iter().any(|x| x.address == u.address) {
            unsupported.push(PlanCostUnsupported {
                address: u.address.clone(),
                resource_type: u.resource_type.clone(),
                reason: u.reason.clone(),
            });
        }
    }
    let mut warnings = estimate.after.warnings.clone();
    for w in &estimate.before.warnings {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    let budgets = check_budgets(estimate.total(), estimate.diff_total(), budgets);
    CostCheck {
        summary: PlanCost {
            currency: estimate.after.currency.clone(),
            past_total_monthly_cost: estimate.past_total(),
            total_monthly_cost: estimate.total(),
            diff_total_monthly_cost: estimate.diff_total(),
            catalog_version: estimate.after.catalog_version.clone(),
            unsupported,
            budget_exceeded: budgets.iter().any(|b| b.exceeded),
            budgets,
            warnings,
        },
        estimate,
    }
}

impl CostCheck {
    /// The cost of the resource at `address` before and after the plan.
    pub fn change(&self, address: &str) -> PlanChangeCost {
        let priced = |e: &orbis_cost::Estimate| {
            e.resources
                .iter()
                .find(|r| r.address == address)
                .map(|r| r.monthly_cost)
        };
        let unsupported = |e: &orbis_cost::Estimate| {
            e.unsupported
                .iter()
                .find(|r| r.address == address)
                .map(|r| r.reason.clone())
        };
        let free = |e: &orbis_cost::Estimate| e.free.iter().any(|r| r.address == address);
        let (before, after) = (&self.estimate.before, &self.estimate.after);
        let (past, now) = (priced(before), priced(after));
        let reason = unsupported(after).or_else(|| unsupported(before));
        let status = if reason.is_some() {
            CostStatus::Unsupported
        } else if past.is_some() || now.is_some() {
            CostStatus::Priced
        } else if free(after) || free(before) {
            CostStatus::Free
        } else {
            CostStatus::NotEstimated
        };
        let (past, now) = (past.unwrap_or(0.0), now.unwrap_or(0.0));
        PlanChangeCost {
            status,
            past_monthly_cost: past,
            monthly_cost: now,
            diff_monthly_cost: now - past,
            reason,
        }
    }
}
