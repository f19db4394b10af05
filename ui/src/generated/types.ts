// Generated from the Rust types in crates/app (src/typescript.rs). Do not edit:
// run `UPDATE_TS=1 cargo test -p orbis-app` after changing them.

export type ErrorCode = "workspace_not_found" | "no_workspace" | "outside_workspace" | "not_found" | "io" | "too_large" | "store" | "invalid_request" | "plan_invalid" | "no_plan" | "state_invalid" | "no_state" | "document_out_of_sync" | "document_not_open" | "rename_invalid" | "no_symbol" | "format_syntax_error" | "search_invalid" | "runner_missing" | "run_not_approved" | "run_confirmation" | "run_failed" | "run_busy" | "catalog_missing" | "catalog_module_unknown" | "new_project_invalid" | "new_project_not_empty" | "new_project_no_folder" | "drift_invalid" | "no_drift_scan" | "cloud_scan_failed" | "cloud_not_built" | "cost_failed" | "clusters_unavailable" | "cluster_discovery" | "cluster_connect" | "no_cluster" | "cloud_unavailable" | "keychain_unavailable" | "secret_invalid" | "credential_check_failed" | "no_remote_backend" | "remote_state_failed" | "team_unavailable" | "team_not_connected" | "team_unreachable" | "team_sign_in_needed" | "team_refused" | "team_invalid" | "team_sso_failed" | "team_sso_cancelled" | "cluster_action_invalid" | "cluster_action_not_confirmed" | "cluster_action_failed" | "internal";

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
settings_warnings: Array<string>, 
/**
 * Budgets the plan is near (the team budget's warning level), one sentence each.
 */
budget_warnings: Array<string>, };

export type StateView = { 
/**
 * Where the state was read from (workspace-relative when inside the workspace).
 */
location: string, 
/**
 * What the file is: `terraform.tfstate v4`, `terraform.tfstate v3`, `terraform show -json`.
 */
format: string, version: string, terraform_version: string | null, serial: bigint | null, lineage: string | null, 
/**
 * Read from an OpenTofu encrypted state (decrypted in memory only).
 */
encrypted: boolean, 
/**
 * How many sensitive values were replaced while reading.
 */
redacted_values: number, instances: number, 
/**
 * Who holds the lock (local lock file, or a remote backend's first lock holder).
 */
lock: StateLock | null, 
/**
 * Set when the state was read from the workspace's remote backend.
 */
remote: RemoteStateSource | null, modules: Array<StateModuleRow>, outputs: Array<StateOutputRow>, elapsed_ms: number, };

export type StateLock = { who: string, operation: string, created: string, id: string, 
/**
 * The command that removes a stale lock (shown, never run by the app).
 */
force_unlock: string, };

export type RemoteStateSource = { 
/**
 * `s3` or `http`.
 */
backend: string, 
/**
 * `s3://bucket/key` or the HTTP address (without credentials).
 */
url: string, 
/**
 * The Terraform workspace (`default`, or the one `terraform workspace select` chose).
 */
workspace: string, 
/**
 * Each lock seen (`dynamodb` table item, `s3_lockfile`, `azure_lease`, `gcs_lockfile`,
 * `tfe_workspace`), empty when unlocked.
 */
locks: Array<RemoteLockRow>, 
/**
 * What could not be checked (a lock table that could not be read…).
 */
warnings: Array<string>, 
/**
 * When it was read (RFC 3339, UTC).
 */
fetched_at: string, };

export type RemoteLockRow = { kind: string, lock: StateLock, };

export type RemoteBackendInfo = { 
/**
 * `s3`, `http`, `gcs`, `azurerm`, `cloud`…
 */
backend: string, 
/**
 * `s3://bucket/key`, the blob's URL, `gs://bucket/object`, the HCP Terraform workspace's
 * page or the HTTP address of the selected workspace; None when the settings are
 * incomplete (then `problem` says what is missing).
 */
location: string | null, workspace: string, 
/**
 * Whether this build can read it (s3, azurerm, gcs, http, remote/cloud with the `cloud`
 * feature).
 */
readable: boolean, 
/**
 * Why it cannot be read, in plain words.
 */
problem: string | null, 
/**
 * Workspace-relative files the settings came from.
 */
sources: Array<string>, };

export type StateModuleRow = { 
/**
 * `root` or `module.a.module.b`.
 */
module: string, types: Array<StateTypeRow>, };

export type StateTypeRow = { resource_type: string, instances: Array<StateInstanceRow>, };

export type StateInstanceRow = { address: string, id: string | null, data: boolean, 
/**
 * A create_before_destroy leftover (not the current object).
 */
deposed: boolean, };

export type StateOutputRow = { name: string, 
/**
 * JSON text of the value; None when the output is sensitive.
 */
value: string | null, sensitive: boolean, };

export type StateInstanceDetail = { address: string, resource_type: string, provider: string, id: string | null, data: boolean, deposed: string | null, attributes: Array<StateAttributeRow>, dependencies: Array<string>, dependents: Array<string>, 
/**
 * The block declaring this resource in the workspace's code, when found.
 */
code: Location | null, };

export type StateAttributeRow = { name: string, 
/**
 * JSON text (pretty for objects and lists); already redacted.
 */
value: string, sensitive: boolean, };

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

export type TextRange = { from: number, to: number, line: number, column: number, end_line: number, end_column: number, };

export type TextChange = { from: number, to: number, insert: string, };

export type DiagnosticSeverity = "error" | "warning" | "info";

export type QuickFix = { title: string, changes: Array<TextChange>, };

export type EditorDiagnostic = { range: TextRange, severity: DiagnosticSeverity, 
/**
 * `HCL001` for parse errors, the rule id (`AWS_S3_PUBLIC_ACL`…) for lint findings.
 */
code: string, 
/**
 * "syntax" or "lint".
 */
source: string, message: string, 
/**
 * The lint severity word (critical/high/medium/low/info) for findings.
 */
rule_severity: string | null, 
/**
 * Where to read more (the rule's doc), when there is one.
 */
doc_url: string | null, 
/**
 * The resource address a finding is about.
 */
resource: string | null, fixes: Array<QuickFix>, };

export type OpenDocument = { 
/**
 * Workspace-relative, `/`-separated.
 */
path: string, language: FileLanguage, text: string, 
/**
 * Starts at 0 when opened; each accepted `edit_document` adds one.
 */
version: number, 
/**
 * True when the buffer differs from what was last read from or written to disk.
 */
dirty: boolean, 
/**
 * True when the file was not valid UTF-8 (invalid bytes replaced; saving writes UTF-8).
 */
lossy: boolean, diagnostics: Array<EditorDiagnostic>, };

export type DocumentDiagnostics = { path: string, version: number, diagnostics: Array<EditorDiagnostic>, 
/**
 * Time the Rust side spent (parse + lint), for the status bar and the benchmark.
 */
micros: number, };

export type EditResult = { document: DocumentDiagnostics, related: Array<DocumentDiagnostics>, 
/**
 * When the desktop shell received the request and sent the answer (set by the shell, not
 * by the Session), so the round-trip benchmark can tell IPC time from Rust's work.
 */
timing: EditTiming | null, };

export type EditTiming = { 
/**
 * The command was entered (before the hop to the blocking pool).
 */
received_ms: number, 
/**
 * The answer was ready (after the Session returned, before the hop back).
 */
answered_ms: number, };

export type SaveResult = { path: string, version: number, 
/**
 * False when the save was refused because the file changed on disk since it was read
 * (the UI asks the user, then saves again with `overwrite: true` or reloads).
 */
saved: boolean, conflict: boolean, };

export type DiskChangeKind = "created" | "modified" | "removed";

export type DiskChange = { path: string, kind: DiskChangeKind, 
/**
 * Whether the file is open in the editor.
 */
open: boolean, 
/**
 * Whether its buffer has unsaved edits: then the UI asks before reloading.
 */
dirty: boolean, };

export type FileProblems = { path: string, diagnostics: Array<EditorDiagnostic>, };

export type WorkspaceProblems = { files: Array<FileProblems>, errors: number, warnings: number, infos: number, 
/**
 * How many files were indexed, and how long the index + lint took.
 */
indexed_files: number, millis: number, };

export type Location = { path: string, range: TextRange, 
/**
 * The text of the line the range starts on (trimmed), for lists.
 */
preview: string, };

export type FileEdits = { path: string, changes: Array<TextChange>, 
/**
 * One entry per change: the line before and after, for the preview.
 */
previews: Array<EditPreview>, };

export type EditPreview = { line: number, before: string, after: string, };

export type RenamePreview = { 
/**
 * What is renamed, e.g. "variable region".
 */
symbol: string, old_name: string, new_name: string, files: Array<FileEdits>, };

export type RenameResult = { written: Array<string>, updated: Array<OpenDocument>, };

export type CompletionKind = "keyword" | "resource_type" | "data_source_type" | "attribute" | "block" | "variable" | "local" | "module" | "output" | "resource" | "data_source" | "function" | "snippet";

export type CompletionItem = { label: string, kind: CompletionKind, detail: string | null, documentation: string | null, 
/**
 * Text to insert; may contain `${1:name}` style snippet fields when `snippet` is true.
 */
insert: string, snippet: boolean, };

export type CompletionList = { 
/**
 * Start of the text being completed (UTF-16 offset); it ends at the cursor.
 */
from: number, items: Array<CompletionItem>, };

export type OutlineItem = { 
/**
 * `resource "aws_s3_bucket" "logs"`, `bucket`, `versioning`…
 */
name: string, 
/**
 * block / attribute / the block type (resource, variable…)
 */
kind: string, range: TextRange, children: Array<OutlineItem>, };

export type SearchQuery = { text: string, regex: boolean, case_sensitive: boolean, whole_word: boolean, 
/**
 * Search symbol names (variables, resources…) instead of text.
 */
symbols: boolean, };

export type SearchHit = { path: string, range: TextRange, 
/**
 * The line of the hit (trimmed to ~200 chars around it), and the match's position in it.
 */
preview: string, preview_from: number, preview_to: number, 
/**
 * For symbol search: "variable", "resource"…
 */
kind: string | null, };

export type SearchResults = { hits: Array<SearchHit>, files_searched: number, 
/**
 * True when the hit limit stopped the search.
 */
truncated: boolean, millis: number, };

export type HoverInfo = { range: TextRange, markdown: string, };

export type RunKind = "init" | "plan" | "apply" | "destroy" | "refresh_only";

export type StartRunRequest = { kind: RunKind, 
/**
 * An environment from `run_environments` (None: the workspace without var files).
 */
environment: string | null, 
/**
 * apply: the `plan` run whose saved plan to apply (it must have been approved).
 */
plan_run_id: number | null, 
/**
 * The environment's name as typed, for production applies.
 */
typed_confirmation: string, };

export type RunEnvironment = { name: string, var_files: Array<string>, 
/**
 * Applying needs the environment's name typed.
 */
production: boolean, };

export type RunStatus = "running" | "succeeded" | "failed" | "cancelled" | "interrupted";

export type RunChanges = { add: number, change: number, remove: number, import: number, };

export type RunSummary = { id: number, 
/**
 * `init`, `plan`, `apply`, … (the tool's subcommand).
 */
operation: string, 
/**
 * The command line as run (backend-config values masked).
 */
command: string, tool: string, tool_version: string, environment: string | null, 
/**
 * Who ran it, never a secret: `aws:PROFILE ARN (account N) (verified)` when a live check
 * of that profile proved it this session, `aws:PROFILE (unverified)` otherwise, or
 * `user:NAME` without any AWS setting.
 */
identity: string | null, plan_sha256: string | null, 
/**
 * Unix seconds.
 */
started_at: number, ended_at: number | null, status: RunStatus, exit_code: number | null, changes: RunChanges | null, 
/**
 * A plan run whose saved plan file is still there (it can be reviewed and applied).
 */
plan_available: boolean, 
/**
 * This plan (this hash of it) was confirmed in Plan Review; the approval is kept in the
 * store, so it outlives a restart (the gate is open).
 */
approved: boolean, 
/**
 * A destroy plan (`plan -destroy`): applying it destroys what it lists.
 */
destroy: boolean, 
/**
 * A refresh-only plan (`plan -refresh-only`): applying it only updates the state.
 */
refresh_only: boolean, };

export type RunFilter = { status: RunStatus | null, operation: string | null, environment: string | null, limit: number | null, };

export type RunLog = { id: number, log: string, 
/**
 * Older lines were dropped (the log is bounded; the end is kept).
 */
truncated: boolean, };

export type ResourcePhase = "planned" | "refreshing" | "refreshed" | "applying" | "provisioning" | "applied" | "errored";

export type LogLevel = "info" | "warn" | "error";

export type RunUpdate = { "kind": "log", line: string, level: LogLevel, } | { "kind": "resource", address: string, action: string, phase: ResourcePhase, elapsed_seconds: number, } | { "kind": "summary", changes: RunChanges, } | { "kind": "state_locked", lock_id: string, who: string, operation: string, created: string, force_unlock_command: string, } | { "kind": "cancelling", hard: boolean, } | { "kind": "errored_state", path: string, } | { "kind": "finished", run: RunSummary, };

export type RunEventMessage = { run_id: number, 
/**
 * 0, 1, 2… per run, so a listener can tell a gap or a duplicate.
 */
seq: number, update: RunUpdate, };

export type RunStarted = { id: number, command: string, };

export type NewProjectOptions = { clouds: Array<NewProjectCloud>, environments: Array<NewProjectEnvironment>, exposures: Array<string>, classifications: Array<string>, 
/**
 * The module catalog folder the app uses (shown in the wizard's footer).
 */
catalog: string, };

export type NewProjectCloud = { 
/**
 * `aws`, `azure` or `gcp`.
 */
name: string, label: string, regions: Array<string>, components: Array<NewProjectComponent>, 
/**
 * Catalog modules every project of the cloud gets (governance baseline).
 */
baseline_modules: Array<string>, 
/**
 * The remote state the project gets, in one line.
 */
backend: string, };

export type NewProjectComponent = { name: string, description: string, modules: Array<string>, };

export type NewProjectEnvironment = { name: string, 
/**
 * What the environment changes, in one line.
 */
summary: string, };

export type NamedCidr = { name: string, cidr: string, };

export type NewProjectWeb = { image: string, domain: string, port: number | null, };

export type NewProjectBackend = { 
/**
 * False: the generator's names (shown in the preview's backend.tf).
 */
existing: boolean, aws_state_bucket: string | null, aws_state_kms_key: string | null, azure_state_resource_group: string | null, azure_state_storage_account: string | null, gcp_state_bucket: string | null, };

export type NewProjectCloudSettings = { azure_key_vault_name: string | null, azure_key_vault_resource_group: string | null, azure_admin_group_object_ids: Array<string>, gcp_project_id: string | null, gcp_billing_account: string | null, gcp_rbac_security_group: string | null, gcp_master_authorized_networks: Array<NamedCidr>, };

export type NewProjectRequest = { name: string, cloud: string, region: string, environment: string, components: Array<string>, exposure: string, data_classification: string, owner: string, cost_center: string, monthly_budget: number, alert_emails: Array<string>, secrets: Array<string>, web: NewProjectWeb | null, backend: NewProjectBackend, settings: NewProjectCloudSettings, };

export type NewProjectTarget = { path: string, exists: boolean, 
/**
 * How many entries the folder already has (0: empty or new).
 */
entry_count: number, 
/**
 * The first few of them, for the question before overwriting.
 */
entries: Array<string>, };

export type NewProjectFile = { path: string, bytes: number, 
/**
 * A file of that name already exists in the target folder and would be replaced.
 */
overwrites: boolean, };

export type NewProjectDecision = { topic: string, choice: string, };

export type NewProjectPreview = { target: NewProjectTarget | null, files: Array<NewProjectFile>, modules: Array<string>, decisions: Array<NewProjectDecision>, decisions_md: string, backend_tf: string, };

export type NewProjectProblem = { 
/**
 * Project-relative, `/`-separated.
 */
file: string, line: number, 
/**
 * The lint rule, or `validator`.
 */
source: string, message: string, };

export type NewProjectCost = { monthly: number, currency: string, priced_resources: number, 
/**
 * Resources the cost engine has no model for.
 */
unpriced_resources: number, 
/**
 * Some prices are missing from the bundled catalog for the region: `monthly` is a
 * lower bound.
 */
lower_bound: boolean, };

export type NewProjectResult = { root: string, files_written: number, modules: Array<string>, 
/**
 * Offline validator problems (references, module inputs, types).
 */
validation: Array<NewProjectProblem>, 
/**
 * `orbis lint` findings at medium or above.
 */
lint: Array<NewProjectProblem>, 
/**
 * Every active lint finding, any severity.
 */
lint_total: number, 
/**
 * The offline estimate from configuration, when the cost engine priced anything.
 */
cost: NewProjectCost | null, 
/**
 * The workspace now open (the shell fills it in once the new folder is opened; `None`
 * when the user chose to stay with unsaved edits).
 */
workspace: WorkspaceInfo | null, };

export type CatalogInput = { name: string, description: string | null, type_text: string | null, default_text: string | null, required: boolean, sensitive: boolean, };

export type CatalogOutput = { name: string, description: string | null, sensitive: boolean, };

export type CatalogModuleInfo = { 
/**
 * `<cloud>/<name>`.
 */
id: string, name: string, cloud: string, version: string, description: string, category: string, keywords: Array<string>, inputs: Array<CatalogInput>, outputs: Array<CatalogOutput>, 
/**
 * The open workspace already has it under `modules/<cloud>/<name>`.
 */
vendored: boolean, };

export type ModuleCallSnippet = { text: string, 
/**
 * The `source` used, relative to the file's folder.
 */
source: string, 
/**
 * The workspace already has the module (nothing to vendor).
 */
vendored: boolean, 
/**
 * Where to insert (UTF-16 offset): the cursor, or the end of the top-level block the
 * cursor is in (a `module` block inside another block would not be valid).
 */
insert_at: number, };

export type DriftSource = { "kind": "snapshot", path: string, } | { "kind": "live_aws", profile: string | null, regions: Array<string>, } | { "kind": "cached", id: number, };

export type DriftScanRequest = { 
/**
 * Workspace-relative state file; `terraform.tfstate` when absent.
 */
state: string | null, source: DriftSource, };

export type DriftCounts = { 
/**
 * In state and in the cloud (changed ones included, as driftctl counts).
 */
managed: number, changed: number, missing: number, unmanaged: number, 
/**
 * Left out by `.driftignore`.
 */
ignored: number, };

export type DriftChangeRow = { attribute: string, 
/**
 * JSON text of each side (cut when very long).
 */
state: string, live: string, };

export type DriftRow = { resource_type: string, id: string, 
/**
 * `managed` (in sync), `changed`, `missing` or `unmanaged`.
 */
status: string, 
/**
 * State address, for resources in state.
 */
address: string | null, 
/**
 * The live `Name` tag, when there is one.
 */
name: string | null, region: string | null, account: string | null, changes: Array<DriftChangeRow>, };

export type DriftNotScanned = { resource_type: string, region: string | null, code: string, message: string, hint: string, };

export type DriftView = { 
/**
 * The state compared (workspace-relative).
 */
state: string, 
/**
 * What the live side was: `snapshot inventory.json` or `aws:dev:123… (eu-west-1)`.
 */
source: string, counts: DriftCounts, 
/**
 * Managed share of everything seen, percent.
 */
coverage: number, rows: Array<DriftRow>, not_scanned: Array<DriftNotScanned>, warnings: Array<string>, 
/**
 * The `.driftignore` honoured (workspace-relative), when the workspace has one.
 */
driftignore: string | null, 
/**
 * How old the inventory is, in minutes, when it came from the cache (0 for a live scan,
 * None for a snapshot file).
 */
inventory_age_minutes: number | null, elapsed_ms: number, };

export type CachedInventoryScan = { id: number, 
/**
 * `aws:<profile>:<account> (<regions>)`, as the live scan named itself.
 */
source: string, 
/**
 * Unix seconds (UTC) of the scan.
 */
scanned_at: number, 
/**
 * Minutes between the scan and now (the staleness shown).
 */
age_minutes: number, resources: number, };

export type InventoryScope = { "cloud": "aws", profile: string | null, regions: Array<string>, } | { "cloud": "azure", subscriptions: Array<string>, } | { "cloud": "gcp", projects: Array<string>, };

export type InventoryRow = { 
/**
 * `aws`, `azure` or `gcp`.
 */
cloud: string, resource_type: string, id: string, name: string | null, region: string | null, 
/**
 * AWS account, Azure subscription or Google Cloud project.
 */
account: string | null, tags: { [key in string]: string }, 
/**
 * USD per month from the bundled price catalog; None where the type has no cost model.
 */
monthly_cost: number | null, 
/**
 * State address managing it, per the last drift scan of this session; None when that
 * scan did not see it as managed (or no scan ran).
 */
managed_by: string | null, 
/**
 * The scope (cached scan source) it was listed in.
 */
scope: string, };

export type InventoryScopeRow = { 
/**
 * The scan's own name (`aws:dev:123… (eu-west-1)`, `azure:<subscriptions>`, `gcp:<projects>`).
 */
source: string, cloud: string, 
/**
 * Unix seconds (UTC) of the scan, and minutes since.
 */
scanned_at: number, age_minutes: number, resources: number, 
/**
 * What can be sent back to scan it again (None when the source cannot be read back).
 */
refresh: InventoryScope | null, not_scanned: Array<DriftNotScanned>, };

export type InventoryTable = { scopes: Array<InventoryScopeRow>, rows: Array<InventoryRow>, 
/**
 * Whether this build can scan (the `cloud` feature).
 */
can_scan: boolean, 
/**
 * Whether `managed_by` comes from a drift scan of this session.
 */
drift_known: boolean, };

export type DriftCapabilities = { live_aws: boolean, 
/**
 * The state the view proposes first (the workspace's `terraform.tfstate` when present).
 */
default_state: string | null, 
/**
 * Workspace `.tfstate` files and `.json` files that look like snapshots, for the pickers.
 */
states: Array<string>, snapshots: Array<string>, 
/**
 * Live scans cached in the store, newest first (any workspace: an account's inventory
 * is the same whichever state is compared).
 */
cached_scans: Array<CachedInventoryScan>, };

export type DriftImport = { 
/**
 * `import` block + resource skeleton with the observed attributes (HCL).
 */
code: string, };

export type DriftAccept = { address: string, 
/**
 * Workspace-relative file holding the block, when found.
 */
file: string | null, 
/**
 * Unified diff of the block with the live values (empty when nothing can be rewritten).
 */
diff: string, notes: Array<string>, };

export type DriftTimeline = { scans: number, 
/**
 * Counts over time (SVG).
 */
counts_svg: string, 
/**
 * Coverage over time (SVG).
 */
coverage_svg: string, };

export type CostView = { 
/**
 * Workspace-relative folder estimated (`""` = the workspace root).
 */
folder: string, currency: string, catalog_version: string, 
/**
 * Sum of the priced resources; usage-based components without usage are not in it.
 */
total_monthly_cost: number, resources: Array<CostResourceRow>, free: Array<CostFreeRow>, unsupported: Array<CostUnsupportedRow>, 
/**
 * Resources with usage-based components the usage file gives no figure for.
 */
not_estimated: number, 
/**
 * Resources with a component the catalog has no price for in their region (left out of
 * the total; `orbis cost import` adds prices).
 */
prices_missing: number, budgets: Array<PlanBudgetResult>, budget_exceeded: boolean, 
/**
 * Chargeback: service, module, then each configured tag (`.orbis.toml` `chargeback_tags`).
 */
chargeback: Array<CostGrouping>, 
/**
 * File name of the usage file used, if any.
 */
usage_file: string | null, warnings: Array<string>, elapsed_ms: number, };

export type CostResourceRow = { address: string, resource_type: string, provider: string, region: string | null, 
/**
 * `module.network`, empty at the root.
 */
module: string, 
/**
 * `aws/ec2`: the chargeback service group.
 */
service: string, monthly_cost: number, 
/**
 * Some usage-based component has no figure (its usage was not given).
 */
not_estimated: boolean, 
/**
 * Some component has no price in the catalog for this region (not in the figure).
 */
price_missing: boolean, tags: Array<CostTag>, components: Array<CostComponentRow>, };

export type CostTag = { key: string, value: string, };

export type CostComponentRow = { name: string, unit: string, 
/**
 * `null` when it depends on usage not given.
 */
monthly_quantity: number | null, 
/**
 * `null` when the catalog has no price for it in this region.
 */
unit_price: number | null, monthly_cost: number | null, usage_based: boolean, note: string | null, };

export type CostFreeRow = { address: string, resource_type: string, };

export type CostUnsupportedRow = { address: string, resource_type: string, reason: string, };

export type CostGrouping = { 
/**
 * `service`, `module` or `tag:KEY` (what `cost_chart` takes).
 */
key: string, 
/**
 * For people: "Service", "Module", "Tag: Owner".
 */
label: string, groups: Array<CostGroup>, };

export type CostGroup = { key: string, monthly_cost: number, resources: number, 
/**
 * Resources of the group whose usage-based cost is not estimated.
 */
not_estimated: number, };

export type CostChartFormat = "svg" | "png";

export type CostHistoryPoint = { 
/**
 * Unix seconds (UTC); a JSON number (far below 2^53).
 */
estimated_at: number, total_monthly_cost: number, 
/**
 * From a plan reviewed in Plan Review (its total after apply), not from configuration.
 */
plan: boolean, };

export type CostHistory = { points: Array<CostHistoryPoint>, svg: string, };

export type ClusterProblem = { 
/**
 * A stable `clusters.*` code.
 */
code: string, message: string, hint: string, 
/**
 * The first command of the hint (the text between backticks), for a Copy button.
 */
fix_command: string | null, file: string | null, };

export type ClusterContext = { name: string, cluster: string | null, 
/**
 * The API server URL.
 */
server: string | null, user: string | null, 
/**
 * How the user authenticates: `exec:aws`, `token`, `client-certificate`…
 */
auth: string, namespace: string | null, current: boolean, 
/**
 * No offline check failed: connecting can be tried.
 */
usable: boolean, 
/**
 * What the offline checks found, with the fix.
 */
problems: Array<ClusterProblem>, };

export type ClusterContexts = { contexts: Array<ClusterContext>, 
/**
 * Problems not about one context (a broken or missing kubeconfig file).
 */
errors: Array<ClusterProblem>, 
/**
 * The kubeconfig files looked at.
 */
files: Array<string>, 
/**
 * False when the app was built without cluster support.
 */
available: boolean, };

export type ClusterConnected = { connection: number, context: string, server: string, 
/**
 * The context's namespace (else `default`).
 */
namespace: string, };

export type FailingPodRow = { 
/**
 * `namespace/name`.
 */
pod: string, 
/**
 * The plain cause (CrashLoopBackOff, ImagePullBackOff, Unschedulable…).
 */
reason: string, };

export type ClusterContextProbe = { context: string, reachable: boolean, 
/**
 * Distinct kubelet versions (more than one: a version skew).
 */
versions: Array<string>, nodes: number, nodes_ready: number, pods: number, failing_pods: number, 
/**
 * The first few failing pods.
 */
failing: Array<FailingPodRow>, 
/**
 * Why it could not be probed (or pods could not be listed).
 */
problem: ClusterProblem | null, millis: number, };

export type ManagedKubernetes = "eks" | "aks" | "gke";

export type DiscoverClustersRequest = { cloud: ManagedKubernetes, profile: string | null, regions: Array<string>, subscription: string | null, project: string | null, };

export type CloudCluster = { cloud: ManagedKubernetes, name: string, 
/**
 * The cloud's id of the cluster (EKS ARN, AKS resource id, GKE `project/location/name`);
 * what `add_cluster_context` takes.
 */
id: string, 
/**
 * Region or zone (GKE), location (AKS).
 */
region: string, version: string, 
/**
 * The cloud's status word (`ACTIVE`, `CREATING`…).
 */
status: string, endpoint: string, 
/**
 * The kubeconfig context it gets (the name the cloud's CLI gives it).
 */
context: string, 
/**
 * A context of that name is already in the user's kubeconfigs.
 */
in_kubeconfig: boolean, };

export type DiscoveryProblem = { scope: string, code: string, message: string, hint: string, };

export type CloudClusters = { cloud: ManagedKubernetes, 
/**
 * Whose sign-in was used ("AWS profile dev", "the Azure CLI", a service account).
 */
signed_in: string, 
/**
 * Where it looked ("account 123456789012", "subscriptions Prod, Sandbox", "project p").
 */
scope: string, clusters: Array<CloudCluster>, problems: Array<DiscoveryProblem>, };

export type AddContextPreview = { id: string, 
/**
 * The kubeconfig file that would be written.
 */
file: string, creates_file: boolean, context: string, server: string, 
/**
 * Entries of the same names that would be replaced ("cluster X", "user X", "context X").
 */
replaces: Array<string>, 
/**
 * `current-context` now (the new context becomes current, as the cloud CLIs do).
 */
current_context_before: string | null, 
/**
 * How the new user signs in (`aws --region … eks get-token …`, `kubelogin …`).
 */
credentials: string, };

export type AddedClusterContext = { preview: AddContextPreview, 
/**
 * Where the file was copied before it was changed (none when it was created).
 */
backup: string | null, };

export type ClusterKind = "namespace" | "node" | "pod" | "deployment" | "replica_set" | "stateful_set" | "daemon_set" | "job" | "cron_job" | "service" | "ingress" | "config_map" | "secret" | "persistent_volume_claim" | "event";

export type ClusterSeverity = "ok" | "warning" | "error";

export type ClusterKindStatus = { "state": "loading" } | { "state": "ready", count: number, } | { "state": "recovering", message: string, } | { "state": "no_access", message: string, } | { "state": "not_served", message: string, } | { "state": "failed", message: string, hint: string, };

export type ClusterPodRow = { namespace: string, name: string, phase: string, 
/**
 * `ready/total` containers.
 */
ready: string, restarts: number, 
/**
 * The plain cause: CrashLoopBackOff, ImagePullBackOff, OOMKilled, Unschedulable…
 */
reason: string | null, severity: ClusterSeverity, 
/**
 * The reason in a sentence.
 */
message: string | null, node: string | null, 
/**
 * Creation time (RFC 3339), for the age.
 */
created: string | null, };

export type ClusterWorkloadRow = { namespace: string, name: string, ready: number, desired: number, up_to_date: number | null, reason: string | null, severity: ClusterSeverity, };

export type ClusterNodeRow = { name: string, 
/**
 * `True`, `False` or `Unknown`.
 */
ready: string, pressures: Array<string>, unschedulable: boolean, version: string | null, reason: string | null, severity: ClusterSeverity, message: string | null, };

export type ClusterEventRow = { namespace: string, name: string, 
/**
 * `Normal` or `Warning`.
 */
event_type: string, reason: string | null, message: string | null, 
/**
 * `Kind/name` of the object the event is about.
 */
object: string, count: number, last_seen: string | null, };

export type ClusterObjectRow = { namespace: string | null, name: string, detail: string | null, keys: Array<string>, };

export type ClusterRow = { "type": "pod" } & ClusterPodRow | { "type": "workload" } & ClusterWorkloadRow | { "type": "node" } & ClusterNodeRow | { "type": "event" } & ClusterEventRow | { "type": "object" } & ClusterObjectRow;

export type ClusterDelta = { "op": "added", kind: ClusterKind, key: string, row: ClusterRow, } | { "op": "modified", kind: ClusterKind, key: string, row: ClusterRow, } | { "op": "deleted", kind: ClusterKind, key: string, } | { "op": "status", kind: ClusterKind, status: ClusterKindStatus, };

export type ClusterEventMessage = { connection: number, deltas: Array<ClusterDelta>, };

export type ClusterObjectDetail = { kind: ClusterKind, key: string, yaml: string, 
/**
 * Why some content is not shown (Secret values), when it is not.
 */
note: string | null, 
/**
 * A pod's containers (init containers first), for its logs; empty for other kinds.
 */
containers: Array<string>, };

export type PodLogRequest = { 
/**
 * `namespace/name` of the pod.
 */
key: string, container: string, 
/**
 * Keep the log open and append what the container writes.
 */
follow: boolean, 
/**
 * The previous (crashed) instance of the container.
 */
previous: boolean, };

export type PodLogMessage = { stream: number, lines: Array<string>, 
/**
 * The log ended (not following, the container stopped, or an error).
 */
ended: boolean, error: AppError | null, };

export type ClusterAction = { "action": "scale", replicas: number, } | { "action": "rollout_restart" } | { "action": "delete_pod" } | { "action": "cordon" } | { "action": "uncordon" } | { "action": "rollback", to_revision: number | null, };

export type ClusterActionRequest = { kind: ClusterKind, key: string, action: ClusterAction, };

export type ClusterActionPreview = { token: string, 
/**
 * "Scale deployment web in shop from 3 to 5 replicas".
 */
summary: string, 
/**
 * The fields that change ("spec.replicas: 3 → 5").
 */
changes: Array<string>, consequences: Array<string>, 
/**
 * Something that does not come back by itself (scale to 0, a pod nothing replaces).
 */
warning: string | null, 
/**
 * The API request that will be made.
 */
request: string, context: string, };

export type ClusterActionDone = { 
/**
 * What the cluster accepted, in a sentence.
 */
message: string, 
/**
 * The audit log row written for it.
 */
audit_id: number, };

export type ClusterActionOutcome = "succeeded" | "failed" | "refused";

export type ClusterApplyOutcome = "created" | "changed" | "unchanged";

export type ClusterApplyObject = { 
/**
 * 1-based document of the file.
 */
document: number, api_version: string, kind: string, 
/**
 * `None` for cluster-scoped kinds; else where it goes (the context's namespace when the
 * file names none).
 */
namespace: string | null, name: string, outcome: ClusterApplyOutcome, 
/**
 * "spec.replicas: 2 → 3"; for a created object its top-level fields. Secret values are
 * never shown.
 */
changes: Array<string>, };

export type ClusterApplyPreview = { token: string, 
/**
 * The workspace-relative file.
 */
source: string, context: string, 
/**
 * "1 to create, 1 to change, 2 unchanged".
 */
summary: string, objects: Array<ClusterApplyObject>, 
/**
 * The requests that will be made.
 */
request: string, };

export type ClusterApplyDone = { 
/**
 * What the cluster accepted, in a sentence.
 */
message: string, 
/**
 * The audit log rows written (one per object).
 */
audit_ids: number[], };

export type ClusterMetricsState = "available" | "not_installed" | "no_access";

export type NodeUsageRow = { name: string, cpu_used: number | null, cpu_allocatable: number, memory_used: number | null, memory_allocatable: number, };

export type PodUsageRow = { 
/**
 * `namespace/name`.
 */
key: string, cpu_used: number | null, cpu_request: number, cpu_limit: number | null, memory_used: number | null, memory_request: number, memory_limit: number | null, };

export type ClusterMetrics = { state: ClusterMetricsState, 
/**
 * Every node and pod the watchers hold; usage only when `state` is available.
 */
nodes: Array<NodeUsageRow>, pods: Array<PodUsageRow>, };

export type QuotaUsage = { quota: string, resource: string, used: string | null, hard: string, percent: number | null, };

export type LimitRangeRow = { limit_range: string, applies_to: string, resource: string, min: string | null, max: string | null, default_limit: string | null, default_request: string | null, };

export type AccessCell = { resource: string, verbs: Array<string>, };

export type AccessRow = { subject: string, resources: Array<AccessCell>, 
/**
 * How it got them: "RoleBinding x → Role y", "ClusterRoleBinding …" (cluster-wide).
 */
via: Array<string>, };

export type PolicyInWords = { name: string, selects: string, 
/**
 * `None`: the policy does not govern ingress; empty: nothing may connect in.
 */
ingress: Array<string> | null, egress: Array<string> | null, denies_all_ingress: boolean, denies_all_egress: boolean, };

export type ClusterPlatform = { namespace: string, quotas: Array<QuotaUsage> | null, limits: Array<LimitRangeRow> | null, access: Array<AccessRow> | null, policies: Array<PolicyInWords> | null, };

export type HelmRevision = { revision: number, status: string, chart: string, chart_version: string, app_version: string | null, updated: string | null, description: string | null, 
/**
 * What changed in the user-supplied values since the previous revision
 * ("replicaCount: 2 → 3"); empty for the first revision.
 */
values_changes: Array<string>, };

export type HelmRelease = { namespace: string, name: string, 
/**
 * Newest first; the first is the current revision.
 */
history: Array<HelmRevision>, };

export type HelmReleases = { 
/**
 * `None`: RBAC forbids listing secrets (Helm keeps releases in them).
 */
releases: Array<HelmRelease> | null, 
/**
 * Release secrets that could not be read, in words.
 */
errors: Array<string>, };

export type LiveTarget = { "type": "managed_cluster", cloud: ManagedKubernetes, name: string, region: string | null, arn: string | null, 
/**
 * Endpoint URL / IP / FQDN(s) as the cloud reports them.
 */
endpoints: Array<string>, resource_group: string | null, 
/**
 * AKS subscription (from the resource id).
 */
subscription: string | null, project: string | null, location: string | null, } | { "type": "kube_object", kind: string, api_version: string | null, 
/**
 * `None` for cluster-scoped kinds; the provider's default (`default`) otherwise.
 */
namespace: string | null, name: string, 
/**
 * The provider's `config_context`, when set.
 */
context: string | null, } | { "type": "helm_release", name: string, namespace: string, context: string | null, };

export type LiveLink = { address: string, resource_type: string, 
/**
 * 1-based line of the block (code only).
 */
line: number | null, 
/**
 * "Deployment shop/web", "EKS cluster prod", "Helm release ingress/nginx".
 */
label: string, 
/**
 * `None` when the values that name the live thing are not known (`why` says which).
 */
target: LiveTarget | null, why: string | null, };

export type FileLiveLinks = { path: string, links: Array<LiveLink>, };

export type AddClusterPrefill = { cloud: ManagedKubernetes, 
/**
 * Profile (EKS, unknown: empty), subscription (AKS) or project (GKE).
 */
scope: string, regions: Array<string>, 
/**
 * The cluster to pick from what the look-up finds.
 */
name: string, };

export type LiveLinkOpen = { context: string | null, 
/**
 * Why this context (or why none): shown beside the link.
 */
why: string, 
/**
 * The object to select in the Clusters view, when the view shows its kind.
 */
kind: ClusterKind | null, 
/**
 * Its row key (`namespace/name`, or `name`).
 */
key: string | null, 
/**
 * The Helm release to open (`namespace/name`).
 */
helm_release: string | null, add_cluster: AddClusterPrefill | null, };

export type LiveSync = "in_sync" | "differs" | "not_in_cluster" | "unknown";

export type LiveSyncObject = { 
/**
 * 0-based document of the file.
 */
document: number, 
/**
 * 1-based line where the object starts.
 */
line: number, kind: string, namespace: string | null, name: string, sync: LiveSync, 
/**
 * "spec.replicas: 3 → 2" (live → file), at most 60.
 */
changes: Array<string>, message: string | null, };

export type YamlLiveStatus = { path: string, context: string, 
/**
 * "2 in sync, 1 differs, 1 not in cluster".
 */
summary: string, objects: Array<LiveSyncObject>, 
/**
 * How it was compared (the request), for the banner's tooltip.
 */
method: string, };

export type GitOpsPresence = "not_installed" | "no_access" | "installed";

export type GitOpsTool = { presence: GitOpsPresence, 
/**
 * Kinds it serves that RBAC forbids listing.
 */
no_access: Array<string>, };

export type GitOpsApp = { 
/**
 * `argo` or `flux`.
 */
tool: string, kind: string, namespace: string, name: string, 
/**
 * Argo: Synced / OutOfSync / Unknown.
 */
sync: string | null, 
/**
 * Argo: Healthy / Progressing / Degraded / Suspended / Missing / Unknown.
 */
health: string | null, 
/**
 * Flux: the Ready condition's status (True / False / Unknown) and its reason.
 */
ready: string | null, reason: string | null, suspended: boolean, revision: string | null, source: string | null, destination: string | null, message: string | null, 
/**
 * `error`, `warning` or `ok`.
 */
severity: string, };

export type ClusterGitOps = { argo: GitOpsTool, flux: GitOpsTool, 
/**
 * Worst first.
 */
apps: Array<GitOpsApp>, };

export type ClusterAuditEntry = { id: number, 
/**
 * Unix milliseconds.
 */
at: number, context: string, server: string | null, namespace: string | null, kind: string, name: string, action: string, summary: string, 
/**
 * The local user who acted (`user:alice`).
 */
identity: string | null, outcome: ClusterActionOutcome, message: string, error_code: string | null, };

export type CredentialCloud = "aws" | "azure" | "gcp" | "kubernetes";

export type CredentialStatus = "ok" | "expired" | "missing" | "denied" | "error";

export type CredentialEntry = { cloud: CredentialCloud, 
/**
 * AWS profile or `(environment)`, Azure subscription, `application-default`, kube
 * context; null when nothing is configured for the cloud.
 */
context: string | null, status: CredentialStatus, 
/**
 * Who: an ARN and account, an SSO role and account, a user, a masked access key id.
 */
identity: string | null, 
/**
 * RFC 3339, UTC.
 */
expires_at: string | null, 
/**
 * What was found, in plain words.
 */
message: string, 
/**
 * The exact command that fixes it (`aws sso login --profile dev`), when there is one.
 */
fix: string | null, 
/**
 * True when this verdict comes from a live check (STS GetCallerIdentity) of this
 * session; false when it comes from the files only.
 */
verified: boolean, 
/**
 * When the live check was made (Unix seconds).
 */
checked_at: number | null, 
/**
 * "Check live" is offered (AWS contexts).
 */
can_check_live: boolean, 
/**
 * The AWS context terraform uses without other settings (credentials in the
 * environment first, else `AWS_PROFILE`, else `default`).
 */
active: boolean, };

export type CredentialReport = { entries: Array<CredentialEntry>, 
/**
 * The AWS context runs use (see `CredentialEntry::active`); null when none is configured.
 */
active_aws: string | null, };

export type RunSecrets = { 
/**
 * False when there is no usable OS keychain: secrets are then refused.
 */
available: boolean, 
/**
 * Why the keychain cannot be used, and what to do.
 */
problem: AppError | null, 
/**
 * Sorted environment variable names.
 */
names: Array<string>, };

export type TeamConnectRequest = { 
/**
 * `http(s)://host:port` of the `orbis-server`.
 */
server_url: string, org: string, username: string, password: string, 
/**
 * The server workspace to sync with (name or id); the first one the account may see
 * when empty.
 */
workspace: string | null, };

export type TeamRejectedRecord = { id: string, 
/**
 * `run`, `approval` or `comment`.
 */
kind: string, code: string, message: string, };

export type TeamStatus = { 
/**
 * This build can connect to a team server (the `team` feature).
 */
available: boolean, connected: boolean, server_url: string | null, org: string | null, username: string | null, workspace_id: string | null, workspace_name: string | null, 
/**
 * The account's role in that workspace (`viewer`, `operator`, `approver`, `admin`).
 */
role: string | null, 
/**
 * Records waiting in the outbox.
 */
pending: number, 
/**
 * Records the server refused (see `rejected_records`).
 */
rejected: number, rejected_records: Array<TeamRejectedRecord>, 
/**
 * Unix milliseconds of the last complete sync.
 */
last_sync_at: number | null, 
/**
 * A sync is going on now.
 */
syncing: boolean, 
/**
 * Why the last sync failed, in plain words, with what to do.
 */
last_error: AppError | null, };

export type TeamSyncReport = { 
/**
 * Records the server accepted (new or updated).
 */
pushed: number, 
/**
 * Records the server already had (a retry): nothing duplicated.
 */
unchanged: number, rejected: number, 
/**
 * Changes pulled from the server.
 */
pulled: number, };

export type TeamPlanSummary = { add: number, change: number, remove: number, import: number, };

export type TeamApprovalRequest = { 
/**
 * The run's record id on the server.
 */
run_id: string, environment: string, plan_sha256: string, plan_summary: TeamPlanSummary | null, tool: string | null, 
/**
 * Who ran the plan: an opaque label (cloud profile or OS user).
 */
identity: string | null, 
/**
 * The server account that pushed it.
 */
author_id: string, 
/**
 * Pushed by this account.
 */
mine: boolean, 
/**
 * Unix milliseconds.
 */
started_at: number, };

export type TeamDecision = "approved" | "rejected";

export type TeamDecisionRequest = { run_id: string, decision: TeamDecision, note: string | null, };

export type TeamComment = { id: string, run_id: string | null, 
/**
 * The resource address it is about.
 */
address: string | null, text: string, 
/**
 * The server account that wrote it (`null`: written here, not sent yet).
 */
author_id: string | null, created_at: number, };

export type TeamSsoInfo = { 
/**
 * The server names an OpenID Connect provider.
 */
available: boolean, 
/**
 * The provider's issuer URL, to show whom the browser will ask.
 */
issuer: string | null, };

export type TeamAuditFilter = { 
/**
 * Words found in the actor, action, target or detail (case-insensitive).
 */
text: string | null, 
/**
 * An action or its family: `request.` matches `request.create`, `request.approve`….
 */
action: string | null, actor: string | null, 
/**
 * Unix milliseconds, inclusive.
 */
since: number | null, until: number | null, };

export type TeamAuditRow = { seq: number, 
/**
 * Unix milliseconds.
 */
at: number, actor: string, action: string, target: string, 
/**
 * The entry's detail as compact JSON (never a secret: the server writes none).
 */
detail: string, };

export type TeamAuditView = { 
/**
 * Newest first, at most `TEAM_AUDIT_ROWS`.
 */
rows: Array<TeamAuditRow>, 
/**
 * Entries that matched (may be more than the rows shown).
 */
matched: number, 
/**
 * Entries read from the server.
 */
scanned: number, 
/**
 * The log is longer than what was read (the oldest entries were not looked at).
 */
partial: boolean, };

export type TeamBudgetView = { 
/**
 * "this workspace" or "organization default".
 */
applies_to: string, monthly_limit: number, warn_percent: number, published_by: string, published_at: number, };

export type TeamPackView = { name: string, version: number, description: string, 
/**
 * The policies' names (what findings show after `name@version/`).
 */
policies: Array<string>, published_by: string, published_at: number, };

export type TeamGovernanceView = { 
/**
 * False when nothing was pulled for the connected workspace yet (or not connected).
 */
pulled: boolean, 
/**
 * Unix milliseconds of the last pull that confirmed it.
 */
pulled_at: number | null, budget: TeamBudgetView | null, packs: Array<TeamPackView>, 
/**
 * How the team budget and a workspace's own `.orbis.toml` budgets combine.
 */
rule: string, };

export type TeamSsoRequest = { 
/**
 * `http(s)://host:port` of the `orbis-server`.
 */
server_url: string, 
/**
 * The organization; may be empty when the identity has accounts in one only.
 */
org: string | null, 
/**
 * The server workspace to sync with (name or id); the first one the account may see
 * when empty.
 */
workspace: string | null, };

export type TeamRequestStep = { 
/**
 * `requested`, `approved`, `rejected`, `planned`, `applied` or `failed`.
 */
status: string, 
/**
 * The account that made the step.
 */
actor: string, at: number, comment: string | null, };

export type TeamRequest = { id: string, 
/**
 * Catalog id, `<cloud>/<name>`.
 */
module: string, module_version: string, environment: string, 
/**
 * The module's input values (JSON values by input name).
 */
variables: Record<string, unknown>, reason: string, 
/**
 * `requested`, `approved`, `rejected`, `planned`, `applied` or `failed`.
 */
status: string, requester: string, 
/**
 * Made by this account.
 */
mine: boolean, decided_by: string | null, decision_comment: string | null, plan_sha256: string | null, history: Array<TeamRequestStep>, 
/**
 * This account may approve or reject it now (approver, not the requester, still open).
 */
can_decide: boolean, 
/**
 * This account may create its workspace folder and run it (operator or above, approved
 * or planned).
 */
can_run: boolean, 
/**
 * The workspace folder this desktop created for it, if any.
 */
folder: string | null, created_at: number, updated_at: number, };

export type TeamNewRequest = { 
/**
 * Catalog id, `<cloud>/<name>`.
 */
module: string, environment: string, 
/**
 * Input values by name (only inputs the module declares; sensitive ones are refused:
 * a request is readable by everyone on the workspace).
 */
variables: Record<string, unknown>, reason: string, };

export type TeamRequestDecision = { request_id: string, approve: boolean, comment: string | null, };

export type TeamRequestWorkspace = { request_id: string, folder: string, 
/**
 * Files written, relative to the folder.
 */
files: Array<string>, 
/**
 * The run environment to plan and apply in (the request's).
 */
environment: string, };
