// The only module that talks to the desktop shell (Architecture Invariant: nothing else imports
// @tauri-apps/*). Components receive an `Api` so unit tests can pass a fake one.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  StateInstanceDetail,
  StateView,
  AppError,
  AppInfo,
  CompletionList,
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
  | "show_credentials" | "show_runs";

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
  /** One instance of the open state: attributes, dependencies, dependents, declaring block. */
  stateInstance(address: string): Promise<StateInstanceDetail>;
  /** Addresses of the open state's instances whose address, id or values contain `query`. */
  searchState(query: string): Promise<string[]>;
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

  // ---- Credentials (crates/app/src/credentials): no secret value ever comes back.
  /** Every configured cloud context, from files only (no network). */
  credentialReport(): Promise<CredentialReport>;
  /** Reads one context's files again (its live verdict is dropped); the whole report. */
  recheckCredential(cloud: CredentialCloud, context: string | null): Promise<CredentialReport>;
  /** STS GetCallerIdentity for an AWS context, on request only (bounded by a timeout). */
  checkCredentialLive(context: string): Promise<CredentialEntry>;
  /** The open workspace's run secrets: names only. */
  runSecrets(): Promise<RunSecrets>;
  /** Stores a secret in the OS keychain (refused without one). */
  setRunSecret(name: string, value: string): Promise<RunSecrets>;
  deleteRunSecret(name: string): Promise<RunSecrets>;
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
  stateInstance: (address) => call("state_instance", { address }),
  searchState: (query) => call("search_state", { query }),
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
  credentialReport: () => call("credential_report"),
  recheckCredential: (cloud, context) => call("recheck_credential", { cloud, context }),
  checkCredentialLive: (context) => call("check_credential_live", { context }),
  runSecrets: () => call("run_secrets"),
  setRunSecret: (name, value) => call("set_run_secret", { name, value }),
  deleteRunSecret: (name) => call("delete_run_secret", { name }),
};
