//! One small function per command, each a call into `orbis_app::Session`. Commands that touch
//! the disk or a dialog run off the main thread (`async`), so the window never stalls.
//! Session operations run on Tauri's blocking pool (`blocking`): a plain `fn` marked
//! `command(async)` would run on one of the few async worker threads, and a long operation
//! (Problems of a big workspace, references waiting for the index) would stall the others —
//! keystrokes included.

use crate::startup::AppState;
use orbis_app::dto::{AppInfo, DirListing, FileContent, RecentWorkspace, Settings, WorkspaceInfo};
use orbis_app::editor::dto::{
    CompletionList, EditResult, EditTiming, HoverInfo, Location, OpenDocument, OutlineItem,
    RenamePreview, RenameResult, SaveResult, SearchQuery, SearchResults, TextChange,
    WorkspaceProblems,
};
use orbis_app::plan_review::{PlanChangeDetail, PlanReviewView, ReportFormat};
use orbis_app::runs::dto::{
    RunEnvironment, RunFilter, RunLog, RunStarted, RunSummary, StartRunRequest,
};
use orbis_app::runs::RunSink;
use orbis_app::state_explorer::{StateInstanceDetail, StateView};
use orbis_app::AppError;
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, State};

/// Runs a Session operation on the blocking pool. A panic in it becomes an error for the UI
/// instead of a promise that never settles.
pub(crate) async fn blocking<T: Send + 'static>(
    app: AppHandle,
    op: impl FnOnce(&AppState) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(move || op(&app.state::<AppState>()))
        .await
        .unwrap_or_else(|e| {
            log::error!("a command failed unexpectedly: {e}");
            Err(AppError::internal())
        })
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        os: std::env::consts::OS.to_string(),
    }
}

#[tauri::command(async)]
pub fn startup_workspace(state: State<'_, AppState>) -> Result<Option<WorkspaceInfo>, AppError> {
    state.startup_workspace()
}

#[tauri::command(async)]
pub fn pick_workspace_folder(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<WorkspaceInfo>, AppError> {
    state.pick_workspace_folder(&app)
}

#[tauri::command(async)]
pub fn open_recent_workspace(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<Option<WorkspaceInfo>, AppError> {
    state.open_recent_workspace(&app, &path)
}

#[tauri::command]
pub async fn recent_workspaces(app: AppHandle) -> Result<Vec<RecentWorkspace>, AppError> {
    blocking(app, move |state| state.session.recent_workspaces()).await
}

#[tauri::command]
pub async fn list_dir(app: AppHandle, path: String) -> Result<DirListing, AppError> {
    blocking(app, move |state| state.session.list_dir(&path)).await
}

#[tauri::command]
pub async fn read_file(app: AppHandle, path: String) -> Result<FileContent, AppError> {
    blocking(app, move |state| state.session.read_file(&path)).await
}

#[tauri::command]
pub async fn get_settings(app: AppHandle) -> Result<Settings, AppError> {
    blocking(app, move |state| state.session.settings()).await
}

#[tauri::command]
pub async fn save_settings(app: AppHandle, settings: Settings) -> Result<Settings, AppError> {
    blocking(app, move |state| state.session.save_settings(&settings)).await
}

#[tauri::command]
pub fn startup_problems(state: State<'_, AppState>) -> Vec<AppError> {
    state.problems.clone()
}

/// The UI calls this once, after the first workspace is painted: the start-up time users feel.
#[tauri::command]
pub fn ui_ready() -> u64 {
    let elapsed = crate::STARTED
        .get()
        .map(|t| t.elapsed().as_millis() as u64)
        .unwrap_or(0);
    log::info!("first workspace painted {elapsed} ms after start");
    elapsed
}

/// Opens a plan JSON inside the workspace (the path is workspace-relative and resolved there).
#[tauri::command]
pub async fn open_plan(app: AppHandle, path: String) -> Result<PlanReviewView, AppError> {
    blocking(app, move |state| state.session.open_plan(&path)).await
}

/// Opens a state file inside the workspace in the State Explorer (read only, redacted).
#[tauri::command]
pub async fn open_state(app: AppHandle, path: String) -> Result<StateView, AppError> {
    blocking(app, move |state| state.session.open_state(&path)).await
}

/// The remote backend of the workspace's root module (s3://…, http), or null for a local state.
#[tauri::command]
pub async fn remote_backend(
    app: AppHandle,
) -> Result<Option<orbis_app::remote_state::RemoteBackendInfo>, AppError> {
    blocking(app, move |state| state.session.remote_backend()).await
}

/// Reads (or re-reads) the workspace's remote state into the State Explorer, with lock holders.
#[tauri::command]
pub async fn open_remote_state(app: AppHandle) -> Result<StateView, AppError> {
    blocking(app, move |state| state.session.open_remote_state()).await
}

/// One instance of the open state: attributes (redacted), dependencies, declaring block.
#[tauri::command]
pub async fn state_instance(
    app: AppHandle,
    address: String,
) -> Result<StateInstanceDetail, AppError> {
    blocking(app, move |state| state.session.state_instance(&address)).await
}

/// Addresses of the open state's instances matching a query (address, id or values).
#[tauri::command]
pub async fn search_state(app: AppHandle, query: String) -> Result<Vec<String>, AppError> {
    blocking(app, move |state| state.session.search_state(&query)).await
}

/// The native Open Plan dialog; null when the user cancels.
#[tauri::command(async)]
pub fn pick_plan_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<PlanReviewView>, AppError> {
    state.pick_plan_file(&app)
}

/// Runs the bundled policies on the open plan (apart from opening it, so big plans show at once).
#[tauri::command]
pub async fn check_plan_policies(app: AppHandle) -> Result<PlanReviewView, AppError> {
    blocking(app, move |state| state.session.check_plan_policies()).await
}

#[tauri::command(async)]
pub fn current_plan(state: State<'_, AppState>) -> Option<PlanReviewView> {
    state.session.current_plan()
}

#[tauri::command]
pub async fn plan_change(app: AppHandle, index: u32) -> Result<PlanChangeDetail, AppError> {
    blocking(app, move |state| state.session.plan_change(index)).await
}

/// The native save dialog, then the export; the saved path, or null when cancelled.
#[tauri::command(async)]
pub fn export_plan_report(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    format: ReportFormat,
) -> Result<Option<String>, AppError> {
    state.export_plan_report(&app, format)
}

// The editor (issue 6): positions are UTF-16 offsets, paths workspace-relative.

#[tauri::command]
pub async fn open_document(app: AppHandle, path: String) -> Result<OpenDocument, AppError> {
    blocking(app, move |state| state.session.open_document(&path)).await
}

#[tauri::command]
pub async fn edit_document(
    app: AppHandle,
    path: String,
    version: u32,
    changes: Vec<TextChange>,
) -> Result<EditResult, AppError> {
    let received_ms = epoch_ms();
    blocking(app, move |state| {
        let mut result = state.session.edit_document(&path, version, &changes)?;
        result.timing = Some(EditTiming {
            received_ms,
            answered_ms: epoch_ms(),
        });
        Ok(result)
    })
    .await
}

/// Milliseconds since the Unix epoch, the clock the web view's `performance.timeOrigin` uses.
fn epoch_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

#[tauri::command]
pub async fn set_document_text(
    app: AppHandle,
    path: String,
    text: String,
) -> Result<EditResult, AppError> {
    blocking(app, move |state| {
        state.session.set_document_text(&path, text)
    })
    .await
}

#[tauri::command]
pub async fn save_document(
    app: AppHandle,
    path: String,
    overwrite: bool,
) -> Result<SaveResult, AppError> {
    blocking(app, move |state| {
        state.session.save_document(&path, overwrite)
    })
    .await
}

#[tauri::command]
pub async fn reload_document(app: AppHandle, path: String) -> Result<OpenDocument, AppError> {
    blocking(app, move |state| state.session.reload_document(&path)).await
}

#[tauri::command]
pub async fn close_document(app: AppHandle, path: String) -> Result<(), AppError> {
    blocking(app, move |state| state.session.close_document(&path)).await
}

#[tauri::command]
pub async fn workspace_problems(app: AppHandle) -> Result<WorkspaceProblems, AppError> {
    blocking(app, move |state| state.session.workspace_problems()).await
}

#[tauri::command]
pub async fn search_workspace(
    app: AppHandle,
    query: SearchQuery,
) -> Result<SearchResults, AppError> {
    blocking(app, move |state| state.session.search_workspace(&query)).await
}

#[tauri::command]
pub async fn definition(
    app: AppHandle,
    path: String,
    offset: u32,
) -> Result<Vec<Location>, AppError> {
    blocking(app, move |state| state.session.definition(&path, offset)).await
}

#[tauri::command]
pub async fn references(
    app: AppHandle,
    path: String,
    offset: u32,
) -> Result<Vec<Location>, AppError> {
    blocking(app, move |state| state.session.references(&path, offset)).await
}

#[tauri::command]
pub async fn rename_preview(
    app: AppHandle,
    path: String,
    offset: u32,
    new_name: String,
) -> Result<RenamePreview, AppError> {
    blocking(app, move |state| {
        state.session.rename_preview(&path, offset, &new_name)
    })
    .await
}

#[tauri::command]
pub async fn apply_rename(
    app: AppHandle,
    path: String,
    offset: u32,
    new_name: String,
) -> Result<RenameResult, AppError> {
    blocking(app, move |state| {
        state.session.apply_rename(&path, offset, &new_name)
    })
    .await
}

#[tauri::command]
pub async fn completions(
    app: AppHandle,
    path: String,
    offset: u32,
) -> Result<CompletionList, AppError> {
    blocking(app, move |state| state.session.completions(&path, offset)).await
}

#[tauri::command]
pub async fn hover(
    app: AppHandle,
    path: String,
    offset: u32,
) -> Result<Option<HoverInfo>, AppError> {
    blocking(app, move |state| state.session.hover(&path, offset)).await
}

#[tauri::command]
pub async fn outline(app: AppHandle, path: String) -> Result<Vec<OutlineItem>, AppError> {
    blocking(app, move |state| state.session.outline(&path)).await
}

#[tauri::command]
pub async fn format_document(app: AppHandle, path: String) -> Result<Vec<TextChange>, AppError> {
    blocking(app, move |state| state.session.format_document(&path)).await
}

// ---- Runs (issue 9) ----

#[tauri::command]
pub async fn run_environments(app: AppHandle) -> Result<Vec<RunEnvironment>, AppError> {
    blocking(app, move |state| state.session.run_environments()).await
}

/// Starts a run; its updates arrive as `run-event` (a `RunEventMessage`), `finished` last.
#[tauri::command]
pub async fn start_run(app: AppHandle, request: StartRunRequest) -> Result<RunStarted, AppError> {
    let emitter = app.clone();
    let sink: RunSink = Arc::new(move |msg| {
        // A run that ended goes to the team server's outbox: the background sync runs now.
        let ended = matches!(msg.update, orbis_app::runs::dto::RunUpdate::Finished { .. });
        let _ = emitter.emit("run-event", msg);
        if ended {
            emitter.state::<AppState>().session.team_record_changed();
        }
    });
    blocking(app, move |state| state.session.start_run(&request, sink)).await
}

#[tauri::command]
pub async fn cancel_run(app: AppHandle, id: i64, hard: bool) -> Result<(), AppError> {
    blocking(app, move |state| state.session.cancel_run(id, hard)).await
}

#[tauri::command]
pub async fn list_runs(app: AppHandle, filter: RunFilter) -> Result<Vec<RunSummary>, AppError> {
    blocking(app, move |state| state.session.list_runs(&filter)).await
}

#[tauri::command]
pub async fn run_log(app: AppHandle, id: i64) -> Result<RunLog, AppError> {
    blocking(app, move |state| state.session.run_log(id)).await
}

#[tauri::command]
pub async fn open_run_plan(app: AppHandle, id: i64) -> Result<PlanReviewView, AppError> {
    blocking(app, move |state| state.session.open_run_plan(id)).await
}

#[tauri::command]
pub async fn approve_run_plan(app: AppHandle, id: i64) -> Result<RunSummary, AppError> {
    blocking(app, move |state| state.session.approve_run_plan(id)).await
}
