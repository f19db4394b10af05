//! Commands of the New Project wizard and the Modules view (issue 10), each a call into
//! `orbis_app::Session` (`new_project.rs`, `catalog.rs`). The project folder comes from the
//! native dialog here, never from the webview; creating a project then opens it as the
//! workspace after the unsaved-edits question every workspace switch asks.

use crate::startup::chosen_path;
use crate::startup::AppState;
use orbis_app::catalog::{CatalogModuleInfo, ModuleCallSnippet};
use orbis_app::new_project::{
    NewProjectOptions, NewProjectPreview, NewProjectRequest, NewProjectResult, NewProjectTarget,
};
use orbis_app::{AppError, ErrorCode};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// TEST HOOK, not a feature: WebDriver cannot drive the native folder dialog, so the e2e
/// tests start the app with `--test-new-project-folder=PATH` and "Choose folder…" takes PATH.
/// Only the command line can set it (the webview cannot), like the folder argument itself.
const TEST_FOLDER_FLAG: &str = "--test-new-project-folder=";

/// The module catalog: `$ORBIS_MODULES`, else the copy bundled as a resource
/// (`tauri.conf.json` `bundle.resources`), else the source tree's `modules/` (development
/// builds run from the repository).
pub fn locate_catalog(app: &AppHandle) -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(p) = std::env::var_os("ORBIS_MODULES") {
        candidates.push(PathBuf::from(p));
    }
    if let Ok(dir) = app.path().resource_dir() {
        candidates.push(dir.join("modules"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("modules"));
    let found = candidates.into_iter().find(|p| p.join("aws").is_dir());
    match &found {
        Some(p) => log::info!("module catalog: {}", p.display()),
        None => log::warn!("module catalog not found: New Project and Modules are unavailable"),
    }
    found
}

#[tauri::command]
pub async fn new_project_options(app: AppHandle) -> Result<NewProjectOptions, AppError> {
    crate::commands::blocking(app, |state| state.session.new_project_options()).await
}

/// The native folder dialog for the new project; null when cancelled.
#[tauri::command(async)]
pub fn pick_new_project_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<NewProjectTarget>, AppError> {
    if let Some(path) =
        std::env::args().find_map(|a| a.strip_prefix(TEST_FOLDER_FLAG).map(PathBuf::from))
    {
        return Ok(Some(state.session.choose_new_project_folder(&path)));
    }
    let Some(choice) = app
        .dialog()
        .file()
        .set_title("Folder for the new project")
        .blocking_pick_folder()
    else {
        return Ok(None);
    };
    let path = chosen_path(
        choice,
        ErrorCode::WorkspaceNotFound,
        "folder",
        "Choose a local folder.",
    )?;
    Ok(Some(state.session.choose_new_project_folder(&path)))
}

#[tauri::command]
pub async fn preview_new_project(
    app: AppHandle,
    request: NewProjectRequest,
) -> Result<NewProjectPreview, AppError> {
    crate::commands::blocking(app, move |state| {
        state.session.preview_new_project(&request)
    })
    .await
}

/// Writes the project, checks it, then opens it as the workspace (asking first when editor
/// buffers are unsaved; `workspace` stays null when the user chose to stay). Runs on the
/// blocking pool: lint and the question take a while.
#[tauri::command]
pub async fn create_new_project(
    app: AppHandle,
    request: NewProjectRequest,
    overwrite: bool,
) -> Result<NewProjectResult, AppError> {
    let handle = app.clone();
    crate::commands::blocking(app, move |state| {
        let mut result = state.session.create_new_project(&request, overwrite)?;
        if crate::unsaved::confirm_leaving(&handle, &state.session, "opening the new project") {
            result.workspace = Some(state.session.open_workspace(Path::new(&result.root))?);
        }
        Ok(result)
    })
    .await
}

#[tauri::command]
pub async fn catalog_modules(app: AppHandle) -> Result<Vec<CatalogModuleInfo>, AppError> {
    crate::commands::blocking(app, |state| state.session.catalog_modules()).await
}

#[tauri::command]
pub async fn catalog_module_call(
    app: AppHandle,
    id: String,
    path: String,
    call_name: String,
    text: String,
    cursor: u32,
) -> Result<ModuleCallSnippet, AppError> {
    crate::commands::blocking(app, move |state| {
        state
            .session
            .catalog_module_call(&id, &path, &call_name, &text, cursor)
    })
    .await
}

/// Copies a catalog module into the workspace's `modules/` (the UI asked the user first).
#[tauri::command]
pub async fn vendor_catalog_module(app: AppHandle, id: String) -> Result<Vec<String>, AppError> {
    crate::commands::blocking(app, move |state| state.session.vendor_catalog_module(&id)).await
}
