//! The Cost view's commands (issue 8): one-line calls into `orbis_app::Session`, plus the two
//! native dialogs it needs (the usage file to open and where to save a chart), which run here
//! in Rust so the webview never names a path outside the workspace.

use crate::commands::blocking;
use crate::startup::chosen_path;
use crate::startup::AppState;
use orbis_app::cost_view::{CostChartFormat, CostHistory, CostView};
use orbis_app::{AppError, ErrorCode, Session};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// Estimates a workspace folder (`""` = the whole workspace) from its configuration.
#[tauri::command]
pub async fn estimate_cost(app: AppHandle, folder: String) -> Result<CostView, AppError> {
    blocking(app, move |state| state.session.estimate_cost(&folder)).await
}

/// The last estimate grouped by `grouping` (`service`, `module`, `tag:KEY`) as SVG.
#[tauri::command]
pub async fn cost_chart(
    app: AppHandle,
    grouping: String,
    theme: String,
) -> Result<String, AppError> {
    blocking(app, move |state| {
        state.session.cost_chart(&grouping, &theme)
    })
    .await
}

/// The history of the last estimated folder's totals (points + SVG).
#[tauri::command]
pub async fn cost_history(app: AppHandle, theme: String) -> Result<CostHistory, AppError> {
    blocking(app, move |state| state.session.cost_history_chart(&theme)).await
}

/// The native Open dialog for a usage file (infracost-usage.yml layout); its file name, or
/// null when cancelled. `clear` forgets the usage file instead.
#[tauri::command(async)]
pub fn pick_cost_usage_file(app: AppHandle, clear: bool) -> Result<Option<String>, AppError> {
    let state = app.state::<AppState>();
    if clear {
        return state.session.set_cost_usage_file(None);
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Choose a Usage File")
        .add_filter("Usage file (infracost-usage.yml)", &["yml", "yaml"]);
    if let Some(ws) = state.session.current_workspace() {
        dialog = dialog.set_directory(ws.root);
    }
    let Some(choice) = dialog.blocking_pick_file() else {
        return Ok(None);
    };
    let path = chosen_path(
        choice,
        ErrorCode::CostFailed,
        "file",
        "Choose a local usage file.",
    )?;
    state.session.set_cost_usage_file(Some(&path))
}

/// The native Save dialog, then the chart export; the saved path, or null when cancelled.
#[tauri::command(async)]
pub fn export_cost_chart(
    app: AppHandle,
    grouping: String,
    theme: String,
    format: CostChartFormat,
) -> Result<Option<String>, AppError> {
    let state = app.state::<AppState>();
    let Some(choice) = app
        .dialog()
        .file()
        .set_title(format!("Export Cost Chart as {}", format.label()))
        .set_file_name(Session::cost_chart_file_name(&grouping, format))
        .add_filter(format.label(), &[format.extension()])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = chosen_path(choice, ErrorCode::Io, "location", "Choose a local folder.")?;
    state
        .session
        .export_cost_chart(&grouping, &theme, format, &path)?;
    Ok(Some(path.display().to_string()))
}
