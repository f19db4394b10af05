// Generated from the Rust types in crates/app (src/typescript.rs). Do not edit:
// run `UPDATE_TS=1 cargo test -p orbis-app` after changing them.

export type ErrorCode = "workspace_not_found" | "no_workspace" | "outside_workspace" | "not_found" | "io" | "too_large" | "store" | "invalid_request" | "plan_invalid" | "no_plan";

export type AppError = { code: ErrorCode, message: string, hint: string, };

export type FileLanguage = "terraform" | "terragrunt" | "tfvars" | "hcl" | "yaml" | "json" | "markdown" | "plain";

export type EntryKind = "dir" | "file";

export type TreeEntry = { name: string, 
/**
 * Workspace-relative, `/`-separated.
 */
path: string, kind: EntryKind, language: FileLanguage, };

export type DirListing = { path: string, entries: Array<TreeEntry>, };

export type FileContent = { path: string, language: FileLanguage, text: string, 
/**
 * Size in bytes on disk.
 */
size: number, 
/**
 * True when the file was not valid UTF-8 and invalid bytes were replaced for display.
 */
lossy: boolean, 
/**
 * True when the file looks binary; `text` is then empty.
 */
binary: boolean, 
/**
 * True when the file is a Terraform plan JSON: `text` is then empty (plans hold
 * sensitive values in clear; only the redacted review reaches the UI) and the UI opens
 * it in Plan Review.
 */
plan: boolean, };

export type WorkspaceInfo = { root: string, name: string, 
/**
 * True for the bundled demo workspace.
 */
demo: boolean, };

export type RecentWorkspace = { path: string, name: string, 
/**
 * Unix seconds.
 */
last_opened: number, };

export type ThemePreference = "system" | "light" | "dark";

export type Settings = { theme: ThemePreference, 
/**
 * Show files ignored by .gitignore in the tree.
 */
show_ignored: boolean, };

export type AppInfo = { version: string, 
/**
 * The OS family ("linux", "macos", "windows"): the UI uses it for shortcut labels.
 */
os: string, };

export type ChangeAction = "create" | "update" | "delete" | "replace" | "read" | "no_op" | "forget" | "other";

export type PlanRiskLevel = "none" | "low" | "medium" | "high" | "critical";

export type PlanVerdict = "safe" | "review" | "dangerous";

export type PolicyOutcome = "pass" | "warn" | "deny" | "error";

export type PlanCounts = { create: number, update: number, delete: number, replace: number, read: number, no_op: number, forget: number, other: number, 
/**
 * Changes that also move (`moved` blocks) or import; they keep their own action.
 */
moved: number, import: number, drift: number, output_changes: number, };

export type PlanChangeRow = { 
/**
 * Position in the plan; the key for `plan_change`.
 */
index: number, address: string, 
/**
 * Module address (`module.network`), empty for the root module.
 */
module: string, resource_type: string, action: ChangeAction, create_before_destroy: boolean, 
/**
 * A data source read rather than a managed resource.
 */
data: boolean, risk: PlanRiskLevel, 
/**
 * The worst policy result naming this address (deny/warn/error), if any.
 */
policy: PolicyOutcome | null, moved_from: string | null, importing: boolean, };

export type PlanPolicyResult = { policy: string, result: PolicyOutcome, message: string, address: string | null, 
/**
 * The change this message is about, when its address is one of the plan's changes.
 */
change: number | null, };

export type PlanReviewView = { 
/**
 * Changes each time a plan is opened: tells a late policy result of an earlier plan apart.
 */
id: number, 
/**
 * File name, for the tab title.
 */
name: string, 
/**
 * Workspace-relative path when the file is inside the workspace, else the full path.
 */
location: string, 
/**
 * `plan`, `redacted_renderer_plan`, `state_json` or `raw_state`.
 */
kind: string, terraform_version: string | null, format_version: string | null, counts: PlanCounts, verdict: PlanVerdict, max_risk: PlanRiskLevel, errored: boolean, 
/**
 * False when Terraform stopped planning early (`complete: false`).
 */
complete: boolean, changes: Array<PlanChangeRow>, 
/**
 * False until the bundled policies have run; `verdict` then ignores policy results.
 */
policy_checked: boolean, 
/**
 * Deny, warn and error results, worst first.
 */
policy: Array<PlanPolicyResult>, policies_passed: number, 
/**
 * How many sensitive values were replaced while loading.
 */
redacted_values: number, 
/**
 * Time to read, redact and assess risk, in milliseconds.
 */
elapsed_ms: number, 
/**
 * Time the policies took, in milliseconds (0 until they ran).
 */
policy_ms: number, 
/**
 * The linter's rules on the planned values, worst first.
 */
lint: Array<PlanLintFinding>, 
/**
 * Monthly cost before/after/delta and budgets; `None` when it could not be estimated
 * (`cost_error` says why).
 */
cost: PlanCost | null, cost_error: string | null, 
/**
 * Exceeded budgets, one sentence each: they make the verdict `dangerous`.
 */
blocked_by: Array<string>, 
/**
 * Problems reading `.orbis.toml` (the review still runs with defaults).
 */
settings_warnings: Array<string>, };

export type DiffValueKind = "value" | "unknown" | "sensitive" | "absent";

export type DiffValue = { kind: DiffValueKind, text: string, };

export type DiffChange = "added" | "removed" | "changed";

export type PlanAttributeDiff = { 
/**
 * `ingress[0].cidr_blocks[1]`.
 */
path: string, change: DiffChange, before: DiffValue, after: DiffValue, };

export type PlanRiskReason = { code: string, level: PlanRiskLevel, message: string, };

export type LintSeverity = "info" | "low" | "medium" | "high" | "critical";

export type PlanLintFinding = { rule_id: string, severity: LintSeverity, address: string, message: string, 
/**
 * The change this finding is about (index in the review), when the address is one.
 */
change: number | null, };

export type CostStatus = "priced" | "free" | "unsupported" | "not_estimated";

export type PlanChangeCost = { status: CostStatus, past_monthly_cost: number, monthly_cost: number, diff_monthly_cost: number, 
/**
 * Why it is unsupported, when it is.
 */
reason: string | null, };

export type PlanCostUnsupported = { address: string, resource_type: string, reason: string, };

export type PlanBudgetResult = { budget: string, 
/**
 * `monthly_total` or `monthly_delta`.
 */
limit_kind: string, limit: number, actual: number, exceeded: boolean, 
/**
 * One sentence for people: "budget prod: monthly delta $300.00 exceeds $250.00".
 */
message: string, };

export type PlanCost = { currency: string, past_total_monthly_cost: number, total_monthly_cost: number, diff_total_monthly_cost: number, catalog_version: string, 
/**
 * Resources the estimator could not price (listed, never counted as $0).
 */
unsupported: Array<PlanCostUnsupported>, budgets: Array<PlanBudgetResult>, budget_exceeded: boolean, warnings: Array<string>, };

export type PlanChangeDetail = { index: number, address: string, previous_address: string | null, resource_type: string, provider: string, action: ChangeAction, 
/**
 * Terraform's action list (`["delete", "create"]`).
 */
actions: Array<string>, create_before_destroy: boolean, action_reason: string | null, importing: string | null, risk: PlanRiskLevel, reasons: Array<PlanRiskReason>, diff: Array<PlanAttributeDiff>, policy: Array<PlanPolicyResult>, 
/**
 * Lint findings on this resource's planned values.
 */
lint: Array<PlanLintFinding>, 
/**
 * Its monthly cost before/after; `None` when the plan's cost could not be estimated.
 */
cost: PlanChangeCost | null, };

export type ReportFormat = "markdown" | "html";
