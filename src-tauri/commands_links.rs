//! Link IaC to live (issue 11): the live links of a `.tf` file, a plan change or a state
//! instance, where one opens, and a workspace YAML file compared with the live cluster.
//! One-line calls into `orbis_app::Session`.

use crate::commands::blocking;
use orbis_app::clusters::links_dto::{
    FileLiveLinks, LiveLink, LiveLinkOpen, LiveTarget, YamlLiveStatus,
};
use orbis_app::AppError;
use tauri::AppHandle;

#[tauri::command]
pub async fn live_links_in_file(app: AppHandle, path: String) -> Result<FileLiveLinks, AppError> {
    blocking(app, move |state| state.session.live_links_in_file(&path)).await
}

#[tauri::command]
pub async fn live_link_for_plan_change(
    app: AppHandle,
    index: u32,
) -> Result<Option<LiveLink>, AppError> {
    blocking(app, move |state| {
        state.session.live_link_for_plan_change(index)
    })
    .await
}

#[tauri::command]
pub async fn live_link_for_state_instance(
    app: AppHandle,
    address: String,
) -> Result<Option<LiveLink>, AppError> {
    blocking(app, move |state| {
        state.session.live_link_for_state_instance(&address)
    })
    .await
}

#[tauri::command]
pub async fn open_live_link(app: AppHandle, target: LiveTarget) -> Result<LiveLinkOpen, AppError> {
    blocking(app, move |state| state.session.open_live_link(&target)).await
}

#[tauri::command]
pub async fn yaml_live_status(
    app: AppHandle,
    path: String,
    context: Option<String>,
) -> Result<YamlLiveStatus, AppError> {
    blocking(app, move |state| {
        state.session.yaml_live_status(&path, context.as_deref())
    })
    .await
}
