// The only module that talks to the desktop shell (Architecture Invariant: nothing else imports
// @tauri-apps/*). Components receive an `Api` so unit tests can pass a fake one.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  FileLiveLinks,
  LiveLink,
  LiveLinkOpen,
  LiveTarget,
  YamlLiveStatus,
  CatalogModuleInfo,
  ModuleCallSnippet,
  NewProjectOptions,
  NewProjectPreview,
  NewProjectRequest,
  NewProjectResult,
  NewProjectTarget,
  DriftAccept,
  DriftCapabilities,
  DriftImport,
  DriftScanRequest,
  DriftTimeline,
  DriftView,
  AddContextPreview,
  AddedClusterContext,
  CloudClusters,
  DiscoverClustersRequest,
  ClusterContextProbe,
  InventoryScope,
  InventoryTable,
  ClusterActionDone,
  ClusterActionPreview,
  ClusterActionRequest,
  ClusterApplyDone,
  ClusterApplyPreview,
  ClusterMetrics,
  ClusterPlatform,
  HelmReleases,
  ClusterGitOps,
  ClusterAuditEntry,
  ClusterConnected,
  ClusterContexts,
  ClusterEventMessage,
  ClusterKind,
  ClusterObjectDetail,
  PodLogMessage,
  PodLogRequest,
  StateInstanceDetail,
  StateView,
  RemoteBackendInfo,
  AppError,
  AppInfo,
  CompletionList,
  CostChartFormat,
  CostHistory,
  CostView,
  CredentialCloud,
  CredentialEntry,
  CredentialReport,
  RunSecrets,
  DirListing,
  DiskChange,
  DocumentDiagnostics,
  EditResult,
  FileContent,
  HoverInfo,
  Location,
  OpenDocument,
  OutlineItem,
  PlanChangeDetail,
  PlanReviewView,
  RecentWorkspace,
  RenamePreview,
  RenameResult,
  ReportFormat,
  RunEnvironment,
  RunEventMessage,
  RunFilter,
  RunLog,
  RunStarted,
  RunSummary,
  StartRunRequest,
  SaveResult,
  SearchQuery,
  SearchResults,
  Settings,
  TextChange,
  WorkspaceInfo,
  WorkspaceProblems,
  TeamApprovalRequest,
  TeamComment,
  TeamConnectRequest,
  TeamDecisionRequest,
  TeamStatus,
  TeamSyncReport,
  TeamSsoInfo,
  TeamAuditFilter,
  TeamAuditView,
  TeamGovernanceView,
  TeamSsoRequest,
  TeamNewRequest,
  TeamRequest,
  TeamRequestDecision,
  TeamRequestWorkspace,
} from "./generated/types";

/** An error from the Rust side: a stable code, what happened, and what to do next. */
export class ApiError extends Error {
  readonly code: string;
  readonly hint: string;
  constructor(err: AppError) {
    super(err.message);
    this.code = err.code;
    this.hint = err.hint;
  }
}

/** Menu items the native menu forwards to the UI (the editor ones are handled when a menu
 * item with that id exists; the same commands have keyboard shortcuts in the webview). */
export type MenuAction =
  | "close_tab" | "toggle_theme" | "refresh_tree" | "about"
  | "save" | "format_document" | "find_in_files" | "toggle_problems"
  | "new_project" | "inventory_drift" | "open_cost" | "open_clusters" | "show_credentials" | "show_runs" | "open_remote_state" | "show_team" | "show_requests";

export interface Api {
  appInfo(): Promise<AppInfo>;
  /** The workspace chosen at start: a folder given on the command line, the last one, or the demo. */
  startupWorkspace(): Promise<WorkspaceInfo | null>;
  /** Shows the native folder picker; null when the user cancels. */
  pickWorkspaceFolder(): Promise<WorkspaceInfo | null>;
  /** Null when the user chose to stay (asked about unsaved edits). */
  openRecentWorkspace(path: string): Promise<WorkspaceInfo | null>;
  recentWorkspaces(): Promise<RecentWorkspace[]>;
  listDir(path: string): Promise<DirListing>;
  readFile(path: string): Promise<FileContent>;
  settings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<Settings>;
  /** Problems found while starting (e.g. a damaged settings database), for a banner. */
  startupProblems(): Promise<AppError[]>;
  /** Tells the shell the first workspace is on screen (start-up time measurement). */
  uiReady(): Promise<number>;
  onWorkspaceOpened(handler: (ws: WorkspaceInfo) => void): Promise<() => void>;
  onMenu(handler: (action: MenuAction) => void): Promise<() => void>;
  /** Opens a plan JSON inside the workspace (workspace-relative path) in Plan Review. */
  openPlan(path: string): Promise<PlanReviewView>;
  /** Shows the native Open Plan dialog; null when the user cancels. */
  pickPlanFile(): Promise<PlanReviewView | null>;
  /** Runs the policies on the open plan; its view again, with policy results and final verdict. */
  checkPlanPolicies(): Promise<PlanReviewView>;
  /** The plan open in Plan Review, if any. */
  currentPlan(): Promise<PlanReviewView | null>;
  /** One change's attribute diff, risk reasons and policy results. */
  planChange(index: number): Promise<PlanChangeDetail>;
  /** Shows the native save dialog and writes the report; the saved path, or null if cancelled. */
  exportPlanReport(format: ReportFormat): Promise<string | null>;
  /** A plan opened by the native menu's dialog or dropped on the window. */
  onPlanOpened(handler: (plan: PlanReviewView) => void): Promise<() => void>;
  /** A plan from the menu or a drop could not be opened. */
  onPlanError(handler: (err: AppError) => void): Promise<() => void>;
  /** Opens a state file inside the workspace in the State Explorer (read only, redacted). */
  openState(path: string): Promise<StateView>;
  /** The workspace's remote backend (s3/http…), or null when its state is local. */
  remoteBackend(): Promise<RemoteBackendInfo | null>;
  /** Reads (or re-reads) the workspace's remote state with its lock holders; never writes. */
  openRemoteState(): Promise<StateView>;
  /** One instance of the open state: attributes, dependencies, dependents, declaring block. */
  stateInstance(address: string): Promise<StateInstanceDetail>;
  /** Addresses of the open state's instances whose address, id or values contain `query`. */
  searchState(query: string): Promise<string[]>;
  /** Inventory & Drift: live scan availability, the workspace's states and snapshots. */
  driftCapabilities(): Promise<DriftCapabilities>;
  /** State vs live AWS (scanned now) or a snapshot; recorded for the timeline. */
  driftScan(request: DriftScanRequest): Promise<DriftView>;
  /** Import block + resource skeleton of an unmanaged resource of the last scan. */
  driftImportBlock(resourceType: string, id: string): Promise<DriftImport>;
  /** Accept-into-code diff of a changed resource of the last scan. */
  driftAcceptPreview(resourceType: string, id: string): Promise<DriftAccept>;
  /** The workspace's drift timeline (SVG) from the recorded scans. */
  driftTimeline(dark: boolean): Promise<DriftTimeline>;
  /** The cross-cloud inventory table from the newest cached scan of each scope. */
  inventoryTable(): Promise<InventoryTable>;
  /** Scans (or refreshes) one scope now, then returns the whole table. */
  inventoryScan(scope: InventoryScope): Promise<InventoryTable>;
  /** A state opened by File → Open State… or a drop. */
  onStateOpened(handler: (state: StateView) => void): Promise<() => void>;
  /** A workspace file (not a plan) was dropped on the window: its workspace-relative path. */
  onOpenFile(handler: (path: string) => void): Promise<() => void>;
  /** Files are dragged over the window (true) or left/dropped (false), for the drop overlay. */
  onDragging(handler: (dragging: boolean) => void): Promise<() => void>;

  // ---- Editor (crates/app/src/editor): positions are UTF-16 offsets = CodeMirror positions.
  /** Opens a file as an editable document; refuses plans and binary files (ApiError). */
  openDocument(path: string): Promise<OpenDocument>;
  /** Applies changes made to `version` of the document; the result carries the new version. */
  editDocument(path: string, version: number, changes: TextChange[]): Promise<EditResult>;
  /** Replaces the whole buffer (recovery after `document_out_of_sync`). */
  setDocumentText(path: string, text: string): Promise<EditResult>;
  /** Writes the buffer; `saved: false, conflict: true` when the file changed on disk since read. */
  saveDocument(path: string, overwrite: boolean): Promise<SaveResult>;
  /** Re-reads the file from disk, dropping the buffer's edits. */
  reloadDocument(path: string): Promise<OpenDocument>;
  closeDocument(path: string): Promise<void>;
  workspaceProblems(): Promise<WorkspaceProblems>;
  searchWorkspace(query: SearchQuery): Promise<SearchResults>;
  definition(path: string, offset: number): Promise<Location[]>;
  references(path: string, offset: number): Promise<Location[]>;
  renamePreview(path: string, offset: number, newName: string): Promise<RenamePreview>;
  applyRename(path: string, offset: number, newName: string): Promise<RenameResult>;
  completions(path: string, offset: number): Promise<CompletionList>;
  hover(path: string, offset: number): Promise<HoverInfo | null>;
  outline(path: string): Promise<OutlineItem[]>;
  /** The changes that format the document (its current version); apply them as an edit. */
  formatDocument(path: string): Promise<TextChange[]>;
  // ---- Cost view (crates/app/src/cost_view): money is unrounded; show it to the cent.
  /** Estimates a workspace folder ("" = the whole workspace) from its configuration. */
  estimateCost(folder: string): Promise<CostView>;
  /** The last estimate grouped by "service", "module" or "tag:KEY", as SVG text. */
  costChart(grouping: string, theme: "light" | "dark"): Promise<string>;
  /** The totals of the last estimated folder over time (points + SVG). */
  costHistory(theme: "light" | "dark"): Promise<CostHistory>;
  /** The native Open dialog for a usage file (its file name; null if cancelled); `clear` forgets it. */
  pickCostUsageFile(clear: boolean): Promise<string | null>;
  /** The native Save dialog, then the chart written as SVG or PNG; the path, or null if cancelled. */
  exportCostChart(grouping: string, theme: "light" | "dark", format: CostChartFormat): Promise<string | null>;
  /** A workspace file changed on disk (not by our own save). */
  onFileChanged(handler: (change: DiskChange) => void): Promise<() => void>;
  /** Another open document's diagnostics changed (e.g. a variable default edited elsewhere). */
  onDiagnostics(handler: (diagnostics: DocumentDiagnostics) => void): Promise<() => void>;

  // ---- Runs (crates/app/src/runs): terraform init/plan/apply of the open workspace.
  /** The environments of `.orbis.toml` (`[runs.environments.NAME]`). */
  runEnvironments(): Promise<RunEnvironment[]>;
  /** Starts a run; its updates arrive through `onRunEvent`, `finished` last. */
  startRun(request: StartRunRequest): Promise<RunStarted>;
  /** `hard: false` interrupts (graceful); `hard: true` kills (after the user confirmed). */
  cancelRun(id: number, hard: boolean): Promise<void>;
  listRuns(filter: RunFilter): Promise<RunSummary[]>;
  /** A run's redacted log as kept in history. */
  runLog(id: number): Promise<RunLog>;
  /** Opens a plan run's saved plan in Plan Review. */
  openRunPlan(id: number): Promise<PlanReviewView>;
  /** Confirms the plan open in Plan Review (run `id`'s) for apply. */
  approveRunPlan(id: number): Promise<RunSummary>;
  onRunEvent(handler: (message: RunEventMessage) => void): Promise<() => void>;

  // ---- New Project wizard and Modules view (crates/app/src/new_project.rs, catalog.rs).
  /** Clouds, regions, components, environments the generator offers. */
  newProjectOptions(): Promise<NewProjectOptions>;
  /** The native folder dialog for the new project (Rust keeps the path); null when cancelled. */
  pickNewProjectFolder(): Promise<NewProjectTarget | null>;
  /** The files, modules and DECISIONS.md a request would write (a bad field: ApiError naming it). */
  previewNewProject(request: NewProjectRequest): Promise<NewProjectPreview>;
  /** Writes into the chosen folder, checks, and opens it as the workspace (asking about unsaved edits). */
  createNewProject(request: NewProjectRequest, overwrite: boolean): Promise<NewProjectResult>;
  /** The catalog's modules with their inputs and outputs. */
  catalogModules(): Promise<CatalogModuleInfo[]>;
  /** The `module` block calling catalog module `id` from workspace file `path`, and where it
   * goes given the document's text and cursor (UTF-16). */
  catalogModuleCall(id: string, path: string, callName: string, text: string, cursor: number): Promise<ModuleCallSnippet>;
  /** Copies a catalog module into the workspace's modules/ folder; the files written. */
  vendorCatalogModule(id: string): Promise<string[]>;
  // ---- Clusters (crates/app/src/clusters): kubeconfig contexts and one live cluster.
  /** Every context of the user's kubeconfigs with its offline checks (nothing is contacted). */
  clusterContexts(): Promise<ClusterContexts>;
  /** Connects (replacing any live cluster); batches of deltas arrive through `onClusterEvent`. */
  connectCluster(context: string): Promise<ClusterConnected>;
  disconnectCluster(): Promise<void>;
  /** One object of the live cluster as YAML (Secrets: keys only). */
  clusterObject(kind: ClusterKind, key: string): Promise<ClusterObjectDetail>;
  onClusterEvent(handler: (message: ClusterEventMessage) => void): Promise<() => void>;
  /** Opens one container's log (replacing the open one); lines arrive through `onPodLog`. */
  openPodLog(request: PodLogRequest): Promise<number>;
  /** Stops the log `stream` if it is still the open one (null: whatever is open). */
  closePodLog(stream: number | null): Promise<void>;
  onPodLog(handler: (message: PodLogMessage) => void): Promise<() => void>;
  /** What an action will change, and the token that confirms exactly that (nothing is sent). */
  previewClusterAction(request: ClusterActionRequest): Promise<ClusterActionPreview>;
  /** Runs a previewed action; refused (and audited) without the preview's token. */
  runClusterAction(request: ClusterActionRequest, confirmation: string | null): Promise<ClusterActionDone>;
  /** The server-side dry run of applying a workspace YAML file (its editor buffer) to the live cluster. */
  previewClusterApply(path: string): Promise<ClusterApplyPreview>;
  /** Applies the previewed file; `confirmation` is the preview's token. */
  runClusterApply(source: string, confirmation: string | null): Promise<ClusterApplyDone>;
  /** CPU and memory usage of the live cluster's nodes and pods beside allocatable, requests and limits. */
  clusterMetrics(): Promise<ClusterMetrics>;
  /** Quotas, limit ranges, who can do what and network policies of one namespace. */
  clusterPlatform(namespace: string): Promise<ClusterPlatform>;
  /** Helm releases from Helm's release secrets. */
  clusterHelmReleases(): Promise<HelmReleases>;
  /** Link IaC to live: the live links of a `.tf` file's resources (saved text). */
  liveLinksInFile(path: string): Promise<FileLiveLinks>;
  /** The live link of change `index` of the open plan, if its type has one. */
  liveLinkForPlanChange(index: number): Promise<LiveLink | null>;
  /** The live link of an instance of the open state, if its type has one. */
  liveLinkForStateInstance(address: string): Promise<LiveLink | null>;
  /** Where a live link goes: a context (and object), or "Add cloud cluster" pre-filled. */
  openLiveLink(target: LiveTarget): Promise<LiveLinkOpen>;
  /** A workspace YAML file (editor text) compared object by object with the live cluster. */
  yamlLiveStatus(path: string, context: string | null): Promise<YamlLiveStatus>;
  /** Argo CD and Flux applications, when their CRDs are served. */
  clusterGitops(): Promise<ClusterGitOps>;
  /** The newest rows of the local audit log of cluster actions. */
  clusterAudit(limit: number): Promise<ClusterAuditEntry[]>;
  /** "Add a cloud cluster": the EKS clusters of the user's AWS account (read only). */
  discoverCloudClusters(request: DiscoverClustersRequest): Promise<CloudClusters>;
  /** What adding a found cluster's context to the kubeconfig would change (writes nothing). */
  previewAddClusterContext(id: string): Promise<AddContextPreview>;
  /** Writes it (after the user confirmed the preview). */
  addClusterContext(id: string): Promise<AddedClusterContext>;
  /** "Check all": one read-only probe per context (empty: every context). */
  probeClusterContexts(contexts: string[]): Promise<ClusterContextProbe[]>;
  // ---- Credentials (crates/app/src/credentials): no secret value ever comes back.
  /** Every configured cloud context, from files only (no network). */
  credentialReport(): Promise<CredentialReport>;
  /** Reads one context's files again (its live verdict is dropped); the whole report. */
  recheckCredential(cloud: CredentialCloud, context: string | null): Promise<CredentialReport>;
  /** STS GetCallerIdentity for an AWS context, on request only (bounded by a timeout). */
  /** The doctor's live check of one context (AWS STS, Azure CLI token, Google token). */
  checkCredentialLive(cloud: CredentialCloud, context: string | null): Promise<CredentialEntry>;
  /** The open workspace's run secrets: names only. */
  runSecrets(): Promise<RunSecrets>;
  /** Stores a secret in the OS keychain (refused without one). */
  setRunSecret(name: string, value: string): Promise<RunSecrets>;
  deleteRunSecret(name: string): Promise<RunSecrets>;
  // ---- Team server (crates/app/src/team): the password is sent once, the token stays in Rust.
  teamStatus(): Promise<TeamStatus>;
  teamConnect(request: TeamConnectRequest): Promise<TeamStatus>;
  teamDisconnect(): Promise<TeamStatus>;
  teamSyncNow(): Promise<TeamSyncReport>;
  /** Plans on the server waiting for a decision. */
  teamApprovals(): Promise<TeamApprovalRequest[]>;
  /** The team server's audit log (organization administrators), filtered, newest first. */
  teamAudit(filter: TeamAuditFilter): Promise<TeamAuditView>;
  /** The team budget and policy packs Plan Review applies (as last pulled; offline too). */
  teamGovernance(): Promise<TeamGovernanceView>;
  /** Approves or rejects a plan (bound to its hash and environment); the inbox after it. */
  teamDecide(request: TeamDecisionRequest): Promise<TeamApprovalRequest[]>;
  teamComments(runId: string | null): Promise<TeamComment[]>;
  teamAddComment(runId: string | null, address: string | null, text: string): Promise<TeamComment>;
  /** The team record id of a local run (null when not connected). */
  teamRunRecordId(id: number): Promise<string | null>;
  /** Whether the server at this address offers single sign-on (one bounded request). */
  teamSsoInfo(serverUrl: string): Promise<TeamSsoInfo>;
  /** Single sign-on in the system browser; resolves once the browser came back (or fails). */
  teamSignInSso(request: TeamSsoRequest): Promise<TeamStatus>;
  /** Ends a single sign-on that waits for the browser (it fails with team_sso_cancelled). */
  teamCancelSso(): Promise<void>;
  // ---- Self-service requests (crates/app/src/requests.rs): catalog modules asked for by a
  // form of their variables, approved on the server, run by an operator's app.
  teamRequests(): Promise<TeamRequest[]>;
  teamCreateRequest(request: TeamNewRequest): Promise<TeamRequest>;
  teamDecideRequest(decision: TeamRequestDecision): Promise<TeamRequest>;
  /** Makes an approved request's workspace folder (under `parent`, default ~/TerraOrbis Requests). */
  teamPrepareRequest(requestId: string, parent: string | null): Promise<TeamRequestWorkspace>;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    if (err && typeof err === "object" && "code" in err && "message" in err) {
      throw new ApiError(err as AppError);
    }
    throw new ApiError({
      code: "invalid_request",
      message: String(err),
      hint: "This is a bug in TerraOrbis; please report it with Help → Open Log Folder.",
    });
  }
}

function subscribe<T>(event: string, handler: (payload: T) => void): Promise<UnlistenFn> {
  return listen<T>(event, (e) => handler(e.payload));
}

export const tauriApi: Api = {
  appInfo: () => call("app_info"),
  startupWorkspace: () => call("startup_workspace"),
  pickWorkspaceFolder: () => call("pick_workspace_folder"),
  openRecentWorkspace: (path) => call("open_recent_workspace", { path }),
  recentWorkspaces: () => call("recent_workspaces"),
  listDir: (path) => call("list_dir", { path }),
  readFile: (path) => call("read_file", { path }),
  settings: () => call("get_settings"),
  saveSettings: (settings) => call("save_settings", { settings }),
  startupProblems: () => call("startup_problems"),
  uiReady: () => call("ui_ready"),
  onWorkspaceOpened: (handler) => subscribe("workspace-opened", handler),
  onMenu: (handler) => subscribe("menu", handler),
  openPlan: (path) => call("open_plan", { path }),
  pickPlanFile: () => call("pick_plan_file"),
  checkPlanPolicies: () => call("check_plan_policies"),
  currentPlan: () => call("current_plan"),
  planChange: (index) => call("plan_change", { index }),
  exportPlanReport: (format) => call("export_plan_report", { format }),
  onPlanOpened: (handler) => subscribe("plan-opened", handler),
  onPlanError: (handler) => subscribe("plan-error", handler),
  openState: (path) => call("open_state", { path }),
  remoteBackend: () => call("remote_backend"),
  openRemoteState: () => call("open_remote_state"),
  stateInstance: (address) => call("state_instance", { address }),
  searchState: (query) => call("search_state", { query }),
  driftCapabilities: () => call("drift_capabilities"),
  driftScan: (request) => call("drift_scan", { request }),
  driftImportBlock: (resourceType, id) => call("drift_import_block", { resourceType, id }),
  driftAcceptPreview: (resourceType, id) => call("drift_accept_preview", { resourceType, id }),
  driftTimeline: (dark) => call("drift_timeline", { dark }),
  inventoryTable: () => call("inventory_table"),
  inventoryScan: (scope) => call("inventory_scan", { scope }),
  onStateOpened: (handler) => subscribe("state-opened", handler),
  onOpenFile: (handler) => subscribe("open-file", handler),
  onDragging: async (handler) => {
    // Tauri's own drag events; their paths are ignored here (Rust handles the drop itself).
    const offs = await Promise.all([
      listen("tauri://drag-enter", () => handler(true)),
      listen("tauri://drag-leave", () => handler(false)),
      listen("tauri://drag-drop", () => handler(false)),
    ]);
    return () => offs.forEach((off) => off());
  },
  openDocument: (path) => call("open_document", { path }),
  editDocument: (path, version, changes) => call("edit_document", { path, version, changes }),
  setDocumentText: (path, text) => call("set_document_text", { path, text }),
  saveDocument: (path, overwrite) => call("save_document", { path, overwrite }),
  reloadDocument: (path) => call("reload_document", { path }),
  closeDocument: (path) => call("close_document", { path }),
  workspaceProblems: () => call("workspace_problems"),
  searchWorkspace: (query) => call("search_workspace", { query }),
  definition: (path, offset) => call("definition", { path, offset }),
  references: (path, offset) => call("references", { path, offset }),
  renamePreview: (path, offset, newName) => call("rename_preview", { path, offset, newName }),
  applyRename: (path, offset, newName) => call("apply_rename", { path, offset, newName }),
  completions: (path, offset) => call("completions", { path, offset }),
  hover: (path, offset) => call("hover", { path, offset }),
  outline: (path) => call("outline", { path }),
  formatDocument: (path) => call("format_document", { path }),
  estimateCost: (folder) => call("estimate_cost", { folder }),
  costChart: (grouping, theme) => call("cost_chart", { grouping, theme }),
  costHistory: (theme) => call("cost_history", { theme }),
  pickCostUsageFile: (clear) => call("pick_cost_usage_file", { clear }),
  exportCostChart: (grouping, theme, format) => call("export_cost_chart", { grouping, theme, format }),
  onFileChanged: (handler) => subscribe("file-changed", handler),
  onDiagnostics: (handler) => subscribe("diagnostics", handler),
  runEnvironments: () => call("run_environments"),
  startRun: (request) => call("start_run", { request }),
  cancelRun: (id, hard) => call("cancel_run", { id, hard }),
  listRuns: (filter) => call("list_runs", { filter }),
  runLog: (id) => call("run_log", { id }),
  openRunPlan: (id) => call("open_run_plan", { id }),
  approveRunPlan: (id) => call("approve_run_plan", { id }),
  onRunEvent: (handler) => subscribe("run-event", handler),
  newProjectOptions: () => call("new_project_options"),
  pickNewProjectFolder: () => call("pick_new_project_folder"),
  previewNewProject: (request) => call("preview_new_project", { request }),
  createNewProject: (request, overwrite) => call("create_new_project", { request, overwrite }),
  catalogModules: () => call("catalog_modules"),
  catalogModuleCall: (id, path, callName, text, cursor) => call("catalog_module_call", { id, path, callName, text, cursor }),
  vendorCatalogModule: (id) => call("vendor_catalog_module", { id }),
  clusterContexts: () => call("cluster_contexts"),
  connectCluster: (context) => call("connect_cluster", { context }),
  disconnectCluster: () => call("disconnect_cluster"),
  clusterObject: (kind, key) => call("cluster_object", { kind, key }),
  onClusterEvent: (handler) => subscribe("cluster-event", handler),
  openPodLog: (request) => call("open_pod_log", { request }),
  closePodLog: (stream) => call("close_pod_log", { stream }),
  onPodLog: (handler) => subscribe("cluster-log", handler),
  previewClusterAction: (request) => call("preview_cluster_action", { request }),
  runClusterAction: (request, confirmation) => call("run_cluster_action", { request, confirmation }),
  previewClusterApply: (path) => call("preview_cluster_apply", { path }),
  runClusterApply: (source, confirmation) => call("run_cluster_apply", { source, confirmation }),
  clusterMetrics: () => call("cluster_metrics"),
  clusterPlatform: (namespace) => call("cluster_platform", { namespace }),
  clusterHelmReleases: () => call("cluster_helm_releases"),
  liveLinksInFile: (path) => call("live_links_in_file", { path }),
  liveLinkForPlanChange: (index) => call("live_link_for_plan_change", { index }),
  liveLinkForStateInstance: (address) => call("live_link_for_state_instance", { address }),
  openLiveLink: (target) => call("open_live_link", { target }),
  yamlLiveStatus: (path, context) => call("yaml_live_status", { path, context }),
  clusterGitops: () => call("cluster_gitops"),
  clusterAudit: (limit) => call("cluster_audit", { limit }),
  discoverCloudClusters: (request) => call("discover_cloud_clusters", { request }),
  previewAddClusterContext: (id) => call("preview_add_cluster_context", { id }),
  addClusterContext: (id) => call("add_cluster_context", { id }),
  probeClusterContexts: (contexts) => call("probe_cluster_contexts", { contexts }),
  credentialReport: () => call("credential_report"),
  recheckCredential: (cloud, context) => call("recheck_credential", { cloud, context }),
  checkCredentialLive: (cloud, context) => call("check_credential_live", { cloud, context }),
  runSecrets: () => call("run_secrets"),
  setRunSecret: (name, value) => call("set_run_secret", { name, value }),
  deleteRunSecret: (name) => call("delete_run_secret", { name }),
  teamStatus: () => call("team_status"),
  teamConnect: (request) => call("team_connect", { request }),
  teamDisconnect: () => call("team_disconnect"),
  teamSyncNow: () => call("team_sync_now"),
  teamApprovals: () => call("team_approvals"),
  teamAudit: (filter) => call("team_audit", { filter }),
  teamGovernance: () => call("team_governance"),
  teamDecide: (request) => call("team_decide", { request }),
  teamComments: (runId) => call("team_comments", { runId }),
  teamAddComment: (runId, address, text) => call("team_add_comment", { runId, address, text }),
  teamRunRecordId: (id) => call("team_run_record_id", { id }),
  teamSsoInfo: (serverUrl) => call("team_sso_info", { serverUrl }),
  teamSignInSso: (request) => call("team_sign_in_sso", { request }),
  teamCancelSso: () => call("team_cancel_sso"),
  teamRequests: () => call("team_requests"),
  teamCreateRequest: (request) => call("team_create_request", { request }),
  teamDecideRequest: (decision) => call("team_decide_request", { decision }),
  teamPrepareRequest: (requestId, parent) => call("team_prepare_request", { requestId, parent }),
};
