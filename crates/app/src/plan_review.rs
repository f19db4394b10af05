//! Plan Review: load a plan JSON (already redacted by `orbis-plan` while loading), assess risk,
//! run the bundled Rego policies, and hand the UI a compact view of it. The loaded review stays
//! in the `Session`, so the UI asks for one change's attribute diff when it is selected instead
//! of receiving every diff of a 100k-change plan at once, and exports render from the same
//! review (the raw plan JSON never crosses to the UI).

use crate::error::{AppError, ErrorCode};
use crate::plan_checks::{
    self, CostCheck, PlanChangeCost, PlanCheckSettings, PlanCost, PlanLintFinding,
};
use orbis_plan::report::{self, Format};
use orbis_plan::{
    Action, DiffKind, LoadError, Plan, PolicyFinding, PolicyResult, Review, RiskLevel, Verdict,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use ts_rs::TS;

/// What a change does, as the UI groups and colours it (a replace is one change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    Create,
    Update,
    Delete,
    Replace,
    Read,
    NoOp,
    Forget,
    Other,
}

impl From<Action> for ChangeAction {
    fn from(a: Action) -> Self {
        match a {
            Action::Create => Self::Create,
            Action::Update => Self::Update,
            Action::Delete => Self::Delete,
            Action::Replace { .. } => Self::Replace,
            Action::Read => Self::Read,
            Action::NoOp => Self::NoOp,
            Action::Forget => Self::Forget,
            Action::Other => Self::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanRiskLevel {
    None,
    Low,
    Medium,
    High,
    Critical,
}

impl From<RiskLevel> for PlanRiskLevel {
    fn from(l: RiskLevel) -> Self {
        match l {
            RiskLevel::None => Self::None,
            RiskLevel::Low => Self::Low,
            RiskLevel::Medium => Self::Medium,
            RiskLevel::High => Self::High,
            RiskLevel::Critical => Self::Critical,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanVerdict {
    Safe,
    Review,
    Dangerous,
}

impl From<Verdict> for PlanVerdict {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Safe => Self::Safe,
            Verdict::Review => Self::Review,
            Verdict::Dangerous => Self::Dangerous,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PolicyOutcome {
    Pass,
    Warn,
    Deny,
    /// The policy could not run; treated like a deny (fail closed).
    Error,
}

impl From<PolicyResult> for PolicyOutcome {
    fn from(r: PolicyResult) -> Self {
        match r {
            PolicyResult::Pass => Self::Pass,
            PolicyResult::Warn => Self::Warn,
            PolicyResult::Deny => Self::Deny,
            PolicyResult::Error => Self::Error,
        }
    }
}

/// Counts by action for the summary bar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PlanCounts {
    pub create: u32,
    pub update: u32,
    pub delete: u32,
    pub replace: u32,
    pub read: u32,
    pub no_op: u32,
    pub forget: u32,
    pub other: u32,
    /// Changes that also move (`moved` blocks) or import; they keep their own action.
    pub moved: u32,
    pub import: u32,
    pub drift: u32,
    pub output_changes: u32,
}

/// One row of the change tree: small on purpose (a 100k-change plan sends 100k of these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanChangeRow {
    /// Position in the plan; the key for `plan_change`.
    pub index: u32,
    pub address: String,
    /// Module address (`module.network`), empty for the root module.
    pub module: String,
    pub resource_type: String,
    pub action: ChangeAction,
    pub create_before_destroy: bool,
    /// A data source read rather than a managed resource.
    pub data: bool,
    pub risk: PlanRiskLevel,
    /// The worst policy result naming this address (deny/warn/error), if any.
    pub policy: Option<PolicyOutcome>,
    pub moved_from: Option<String>,
    pub importing: bool,
}

/// A policy message (pass results are only counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanPolicyResult {
    pub policy: String,
    pub result: PolicyOutcome,
    pub message: String,
    pub address: Option<String>,
    /// The change this message is about, when its address is one of the plan's changes.
    pub change: Option<u32>,
}

/// The whole review as the UI shows it. Attribute diffs come per change (`PlanChangeDetail`).
///
/// It arrives in two steps: first with risk but before the policies ran (`policy_checked`
/// false; Rego on a 20 MB plan takes seconds), then again from `check_plan_policies` with the
/// policy results and the final verdict.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanReviewView {
    /// Changes each time a plan is opened: tells a late policy result of an earlier plan apart.
    pub id: u32,
    /// File name, for the tab title.
    pub name: String,
    /// Workspace-relative path when the file is inside the workspace, else the full path.
    pub location: String,
    /// `plan`, `redacted_renderer_plan`, `state_json` or `raw_state`.
    pub kind: String,
    pub terraform_version: Option<String>,
    pub format_version: Option<String>,
    pub counts: PlanCounts,
    pub verdict: PlanVerdict,
    pub max_risk: PlanRiskLevel,
    pub errored: bool,
    /// False when Terraform stopped planning early (`complete: false`).
    pub complete: bool,
    pub changes: Vec<PlanChangeRow>,
    /// False until the bundled policies have run; `verdict` then ignores policy results.
    pub policy_checked: bool,
    /// Deny, warn and error results, worst first.
    pub policy: Vec<PlanPolicyResult>,
    pub policies_passed: u32,
    /// How many sensitive values were replaced while loading.
    pub redacted_values: u32,
    /// Time to read, redact and assess risk, in milliseconds.
    pub elapsed_ms: u32,
    /// Time the policies took, in milliseconds (0 until they ran).
    pub policy_ms: u32,
    /// The linter's rules on the planned values, worst first.
    pub lint: Vec<PlanLintFinding>,
    /// Monthly cost before/after/delta and budgets; `None` when it could not be estimated
    /// (`cost_error` says why).
    pub cost: Option<PlanCost>,
    pub cost_error: Option<String>,
    /// Exceeded budgets, one sentence each: they make the verdict `dangerous`.
    pub blocked_by: Vec<String>,
    /// Problems reading `.orbis.toml` (the review still runs with defaults).
    pub settings_warnings: Vec<String>,
    /// Budgets the plan is near (the team budget's warning level), one sentence each.
    pub budget_warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffValueKind {
    /// `text` is the value as compact JSON.
    Value,
    /// Known only after apply.
    Unknown,
    /// Redacted while loading; `text` is empty.
    Sensitive,
    /// No value on this side (added or removed attribute).
    Absent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiffValue {
    pub kind: DiffValueKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffChange {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanAttributeDiff {
    /// `ingress[0].cidr_blocks[1]`.
    pub path: String,
    pub change: DiffChange,
    pub before: DiffValue,
    pub after: DiffValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanRiskReason {
    pub code: String,
    pub level: PlanRiskLevel,
    pub message: String,
}

/// Everything about one change, fetched when it is selected.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanChangeDetail {
    pub index: u32,
    pub address: String,
    pub previous_address: Option<String>,
    pub resource_type: String,
    pub provider: String,
    pub action: ChangeAction,
    /// Terraform's action list (`["delete", "create"]`).
    pub actions: Vec<String>,
    pub create_before_destroy: bool,
    pub action_reason: Option<String>,
    pub importing: Option<String>,
    pub risk: PlanRiskLevel,
    pub reasons: Vec<PlanRiskReason>,
    pub diff: Vec<PlanAttributeDiff>,
    pub policy: Vec<PlanPolicyResult>,
    /// Lint findings on this resource's planned values.
    pub lint: Vec<PlanLintFinding>,
    /// Its monthly cost before/after; `None` when the plan's cost could not be estimated.
    pub cost: Option<PlanChangeCost>,
}

/// Export formats offered by the Plan Review (both rendered by `orbis_plan::report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// For a pull-request comment.
    Markdown,
    /// A self-contained page (no external assets).
    Html,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Html => "HTML",
        }
    }

    fn engine(self) -> Format {
        match self {
            Self::Markdown => Format::Markdown,
            Self::Html => Format::Html,
        }
    }
}

/// A loaded and reviewed plan, kept by the session.
pub struct LoadedReview {
    review: Review,
    view: PlanReviewView,
    cost: Option<CostCheck>,
}

static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// Is this JSON text a plan document? Decided on the first 256 KiB (the top-level keys of
/// `show -json` come before the big trees, except `variables`, which is small), so a
/// truncated or damaged plan is still recognised and opened in the review, which then shows
/// the engine's error instead of the raw text.
pub fn looks_like_plan(head: &[u8]) -> bool {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    const KEYS: [&[u8]; 5] = [
        b"\"resource_changes\"",
        b"\"planned_values\"",
        b"\"plan_format_version\"",
        b"\"resource_drift\"",
        b"\"prior_state\"",
    ];
    KEYS.iter().any(|k| head.windows(k.len()).any(|w| w == *k))
}

pub const SNIFF_BYTES: usize = 256 * 1024;

/// Reads the head of a file for `looks_like_plan`.
pub fn file_looks_like_plan(path: &Path) -> bool {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    std::fs::File::open(path)
        .and_then(|f| f.take(SNIFF_BYTES as u64).read_to_end(&mut head))
        .is_ok()
        && looks_like_plan(&head)
}

/// Runs the bundled policy pack and `team` (the team server's packs, named
/// `<pack>@<version>/<policy>`) on redacted plan documents (`LoadedReview::policy_inputs`);
/// returns the findings and the time taken.
pub fn evaluate_policies(
    inputs: &[String],
    team: Vec<orbis_policy::Policy>,
) -> (Vec<PolicyFinding>, u32) {
    let started = std::time::Instant::now();
    let mut policies = orbis_policy::bundled();
    policies.extend(team);
    let config = orbis_policy::PolicyConfig::default();
    let findings = inputs
        .iter()
        .flat_map(|doc| orbis_policy::evaluate(&policies, doc, &config))
        .collect();
    (findings, millis(started))
}

/// Loads `path`, assesses risk, lints the planned values and estimates the cost delta;
/// policies run later (`evaluate_policies`). `location` is what the UI and reports show as
/// its source; `settings` come from the workspace's `.orbis.toml` (`settings_path`).
pub fn load(
    path: &Path,
    location: &str,
    settings: Result<PlanCheckSettings, String>,
) -> Result<LoadedReview, AppError> {
    let started = std::time::Instant::now();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| location.to_owned());
    if path.is_dir() {
        return Err(AppError::new(
            ErrorCode::PlanInvalid,
            format!("{location} is a folder, not a plan file"),
            "Choose the JSON file written by `terraform show -json PLANFILE > plan.json`.",
        ));
    }
    let mut plan = orbis_plan::load_file(path).map_err(|e| load_error(&name, &e))?;
    plan.source = location.to_owned();
    let (settings, mut settings_warnings) = match settings {
        Ok(s) => (s, Vec::new()),
        Err(e) => (
            PlanCheckSettings::default(),
            vec![format!("{e}; the review uses the default settings")],
        ),
    };
    settings_warnings.extend(settings.warnings.iter().cloned());
    let lint = plan_checks::lint_plans(std::slice::from_ref(&plan), &settings.lint);
    // The cost engine reads provider regions from the document itself, so it gets the bytes.
    let mut budgets = settings.budgets.clone();
    budgets.extend(settings.team_budget.as_ref().map(|t| t.as_budget()));
    let cost = std::fs::read(path)
        .map_err(|e| format!("cannot read {location}: {e}"))
        .and_then(|bytes| plan_checks::estimate_cost(&bytes, location, &budgets));
    let review = Review::new(vec![plan]);
    let (cost, cost_error) = match cost {
        Ok(c) => (Some(c), None),
        Err(e) => (None, Some(e)),
    };
    let mut view = build_view(&review, name, location, false);
    view.lint = lint;
    view.cost = cost.as_ref().map(|c| c.summary.clone());
    view.cost_error = cost_error;
    view.settings_warnings = settings_warnings;
    view.budget_warnings = match (&settings.team_budget, &view.cost) {
        (Some(team), Some(cost)) => team
            .warning(cost.diff_total_monthly_cost)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    apply_budgets(&mut view);
    view.id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    view.elapsed_ms = millis(started);
    Ok(LoadedReview { review, view, cost })
}

/// The workspace's `.orbis.toml` (only that folder: a plan review never reads outside the
/// workspace).
pub fn settings_path(workspace_root: &Path) -> std::path::PathBuf {
    workspace_root.join(".orbis.toml")
}

/// An exceeded budget blocks the plan: the verdict is at least `dangerous`, with the reason.
fn apply_budgets(view: &mut PlanReviewView) {
    view.blocked_by = view
        .cost
        .iter()
        .flat_map(|c| &c.budgets)
        .filter(|b| b.exceeded)
        .map(|b| b.message.clone())
        .collect();
    if !view.blocked_by.is_empty() {
        view.verdict = PlanVerdict::Dangerous;
    }
}

fn millis(since: std::time::Instant) -> u32 {
    u32::try_from(since.elapsed().as_millis()).unwrap_or(u32::MAX)
}

fn load_error(name: &str, e: &LoadError) -> AppError {
    let position = match (e.line, e.column) {
        (Some(l), Some(c)) => format!(" at line {l}, column {c}"),
        _ => String::new(),
    };
    let what = match e.code {
        "plan.truncated" => "is cut short",
        "plan.invalid_json" => "is not valid JSON",
        "plan.binary_planfile" => "is a binary plan file",
        "plan.io" => "cannot be read",
        _ => "is not a Terraform plan",
    };
    // The engine's hints are lower-case fragments (the CLI prints them after `hint:`).
    let mut hint = e.hint.to_owned();
    if let Some(first) = hint.get(..1) {
        hint = first.to_uppercase() + &hint[1..];
    }
    if !hint.ends_with('.') {
        hint.push('.');
    }
    // The engine's message carries no position (it is in line/column), so it is said once.
    let message = e.message.as_str();
    // The engine's code stays visible: it is what the CLI prints and what docs refer to.
    AppError::new(
        ErrorCode::PlanInvalid,
        format!("{name} {what}{position}: {message} [{}]", e.code),
        hint,
    )
}

fn build_view(
    review: &Review,
    name: String,
    location: &str,
    policy_checked: bool,
) -> PlanReviewView {
    let plan: &Plan = &review.plans[0];
    let summary = review.summary();
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let counts = PlanCounts {
        create: n(summary.create),
        update: n(summary.update),
        delete: n(summary.delete),
        replace: n(summary.replace),
        read: n(summary.read),
        no_op: n(summary.no_op),
        forget: n(summary.forget),
        other: n(summary.other),
        moved: n(summary.moved),
        import: n(summary.import),
        drift: n(summary.drift),
        output_changes: n(summary.output_changes),
    };
    let by_address: HashMap<&str, u32> = plan
        .resource_changes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.address.as_str(), n(i)))
        .collect();
    let mut policy: Vec<PlanPolicyResult> = review
        .policy
        .iter()
        .filter(|f| f.result != PolicyResult::Pass)
        .map(|f| PlanPolicyResult {
            policy: f.policy.clone(),
            result: f.result.into(),
            message: f.message.clone(),
            address: f.address.clone(),
            change: f
                .address
                .as_deref()
                .and_then(|a| by_address.get(a).copied()),
        })
        .collect();
    policy.sort_by_key(|p| std::cmp::Reverse(p.result));
    let mut worst: HashMap<u32, PolicyOutcome> = HashMap::new();
    for p in &policy {
        if let Some(i) = p.change {
            let e = worst.entry(i).or_insert(p.result);
            *e = (*e).max(p.result);
        }
    }
    let changes = review
        .changes()
        .enumerate()
        .map(|(i, (_, c, risk))| PlanChangeRow {
            index: n(i),
            address: c.address.clone(),
            module: c.module_address.clone().unwrap_or_default(),
            resource_type: c.resource_type.clone(),
            action: c.action.into(),
            create_before_destroy: matches!(
                c.action,
                Action::Replace {
                    create_before_destroy: true
                }
            ),
            data: c.mode == "data",
            risk: risk.level.into(),
            policy: worst.get(&n(i)).copied(),
            moved_from: c.is_move().then(|| c.previous_address.clone()).flatten(),
            importing: c.importing.is_some(),
        })
        .collect();
    PlanReviewView {
        name,
        location: location.to_owned(),
        kind: serde_json::to_value(plan.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        terraform_version: plan.terraform_version.clone(),
        format_version: plan.format_version.clone(),
        counts,
        verdict: review.verdict().into(),
        max_risk: review.max_risk().into(),
        errored: plan.errored,
        complete: plan.complete != Some(false),
        changes,
        policy_checked,
        policies_passed: n(review
            .policy
            .iter()
            .filter(|f| f.result == PolicyResult::Pass)
            .count()),
        policy,
        redacted_values: n(plan.redacted_values),
        id: 0,
        elapsed_ms: 0,
        policy_ms: 0,
        lint: Vec::new(),
        cost: None,
        cost_error: None,
        blocked_by: Vec::new(),
        settings_warnings: Vec::new(),
        budget_warnings: Vec::new(),
    }
}

impl LoadedReview {
    pub fn view(&self) -> &PlanReviewView {
        &self.view
    }

    /// The redacted documents the policies read: taken under the session's lock, evaluated
    /// after it is released (`evaluate_policies`), so a 20-second Rego run on a big plan never
    /// blocks change details or opening another plan.
    pub fn policy_inputs(&self) -> Vec<String> {
        self.review.plans.iter().map(Plan::redacted_json).collect()
    }

    /// Stores policy findings and recomputes the view (verdict, rows' policy marks).
    pub fn apply_policies(&mut self, findings: Vec<PolicyFinding>, policy_ms: u32) {
        self.review.policy = findings;
        let mut view = build_view(
            &self.review,
            std::mem::take(&mut self.view.name),
            &self.view.location,
            true,
        );
        view.id = self.view.id;
        view.elapsed_ms = self.view.elapsed_ms;
        view.policy_ms = policy_ms;
        view.lint = std::mem::take(&mut self.view.lint);
        view.cost = self.view.cost.take();
        view.cost_error = self.view.cost_error.take();
        view.settings_warnings = std::mem::take(&mut self.view.settings_warnings);
        view.budget_warnings = std::mem::take(&mut self.view.budget_warnings);
        apply_budgets(&mut view);
        self.view = view;
    }

    /// Change `index`'s resource type and values (after, else before), for live links.
    pub(crate) fn change_values(&self, index: u32) -> Option<(String, String, serde_json::Value)> {
        let (_, c, _) = self.review.changes().nth(index as usize)?;
        let raw = c.after.as_ref().or(c.before.as_ref())?;
        let values = serde_json::from_str(raw.get()).ok()?;
        Some((c.address.clone(), c.resource_type.clone(), values))
    }

    pub fn change(&self, index: u32) -> Result<PlanChangeDetail, AppError> {
        let (_, c, risk) = self.review.changes().nth(index as usize).ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidRequest,
                format!("The plan has no change number {index}"),
                "Reopen the plan; it may have been replaced by another one.",
            )
        })?;
        let diff = orbis_plan::attribute_diff(c)
            .into_iter()
            .map(|d| PlanAttributeDiff {
                path: d.path,
                change: match d.change {
                    DiffKind::Added => DiffChange::Added,
                    DiffKind::Removed => DiffChange::Removed,
                    DiffKind::Changed => DiffChange::Changed,
                },
                before: diff_value(d.before.as_deref()),
                after: diff_value(d.after.as_deref()),
            })
            .collect();
        Ok(PlanChangeDetail {
            index,
            address: c.address.clone(),
            previous_address: c.previous_address.clone(),
            resource_type: c.resource_type.clone(),
            provider: c.provider_name.clone(),
            action: c.action.into(),
            actions: c.actions.clone(),
            create_before_destroy: matches!(
                c.action,
                Action::Replace {
                    create_before_destroy: true
                }
            ),
            action_reason: c.action_reason.clone(),
            importing: c.importing.clone(),
            risk: risk.level.into(),
            reasons: risk
                .reasons
                .iter()
                .map(|r| PlanRiskReason {
                    code: r.code.to_owned(),
                    level: r.level.into(),
                    message: r.message.clone(),
                })
                .collect(),
            diff,
            policy: self
                .view
                .policy
                .iter()
                .filter(|p| p.change == Some(index))
                .cloned()
                .collect(),
            lint: self
                .view
                .lint
                .iter()
                .filter(|f| f.change == Some(index))
                .cloned()
                .collect(),
            cost: self.cost.as_ref().map(|k| k.change(&c.address)),
        })
    }

    pub fn report(&self, format: ReportFormat) -> String {
        report::render(&self.review, format.engine())
    }

    /// `sample-plan-review.md` for `sample-plan.json`.
    pub fn report_file_name(&self, format: ReportFormat) -> String {
        let stem = self
            .view
            .name
            .strip_suffix(".json")
            .unwrap_or(&self.view.name);
        format!("{stem}-review.{}", format.extension())
    }
}

/// The diff engine gives compact JSON, the unknown marker, or `None`; the UI gets the kind so
/// it can style "(known after apply)" and "(sensitive)" apart from real values.
fn diff_value(v: Option<&str>) -> DiffValue {
    let redacted = serde_json::Value::String(orbis_plan::REDACTED.to_owned()).to_string();
    match v {
        None => DiffValue {
            kind: DiffValueKind::Absent,
            text: String::new(),
        },
        Some(orbis_plan::diff::UNKNOWN) => DiffValue {
            kind: DiffValueKind::Unknown,
            text: String::new(),
        },
        Some(t) if t == redacted => DiffValue {
            kind: DiffValueKind::Sensitive,
            text: String::new(),
        },
        // A list or object holding a redacted leaf: keep its shape, show the marker the UI uses.
        Some(t) => DiffValue {
            kind: DiffValueKind::Value,
            text: t.replace(&redacted, "(sensitive)"),
        },
    }
}
