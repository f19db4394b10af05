//! One small function per command, each a call into `orbis_app::Session`. Commands that touch
//! the disk or a dialog run off the main thread (`async`), so the window never stalls.

use crate::startup::AppState;
use orbis_app::dto::{AppInfo, DirListing, FileContent, RecentWorkspace, Settings, WorkspaceInfo};
use orbis_app::plan_review::{PlanChangeDetail, PlanReviewView, ReportFormat};
use orbis_app::AppError;
use tauri::State;

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
    state: State<'_, AppState>,
    path: String,
) -> Result<WorkspaceInfo, AppError> {
    state.open_recent_workspace(&path)
}

#[tauri::command(async)]
pub fn recent_workspaces(state: State<'_, AppState>) -> Result<Vec<RecentWorkspace>, AppError> {
    state.session.recent_workspaces()
}

#[tauri::command(async)]
pub fn list_dir(state: State<'_, AppState>, path: String) -> Result<DirListing, AppError> {
    state.session.list_dir(&path)
}

#[tauri::command(async)]
pub fn read_file(state: State<'_, AppState>, path: String) -> Result<FileContent, AppError> {
    state.session.read_file(&path)
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings, AppError> {
    state.session.settings()
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> Result<Settings, AppError> {
    state.session.save_settings(&settings)
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
#[tauri::command(async)]
pub fn open_plan(state: State<'_, AppState>, path: String) -> Result<PlanReviewView, AppError> {
    state.session.open_plan(&path)
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
#[tauri::command(async)]
pub fn check_plan_policies(state: State<'_, AppState>) -> Result<PlanReviewView, AppError> {
    state.session.check_plan_policies()
}

#[tauri::command(async)]
pub fn current_plan(state: State<'_, AppState>) -> Option<PlanReviewView> {
    state.session.current_plan()
}

#[tauri::command(async)]
pub fn plan_change(state: State<'_, AppState>, index: u32) -> Result<PlanChangeDetail, AppError> {
    state.session.plan_change(index)
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
