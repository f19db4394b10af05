//! Cluster actions (issue 11): preview, run with the preview's confirmation token, and the
//! audit log. One-line calls into `orbis_app::Session`; the webview never sends a request the
//! Session has not previewed and the user confirmed.

use crate::commands::blocking;
use orbis_app::clusters::actions_dto::{
    ClusterActionDone, ClusterActionPreview, ClusterActionRequest, ClusterAuditEntry,
};
use orbis_app::clusters::apply_dto::{ClusterApplyDone, ClusterApplyPreview};
use orbis_app::clusters::helm_dto::HelmReleases;
use orbis_app::clusters::metrics_dto::ClusterMetrics;
use orbis_app::clusters::platform_dto::ClusterPlatform;
use orbis_app::AppError;
use tauri::AppHandle;

#[tauri::command]
pub async fn preview_cluster_action(
    app: AppHandle,
    request: ClusterActionRequest,
) -> Result<ClusterActionPreview, AppError> {
    blocking(app, move |state| {
        state.session.preview_cluster_action(&request)
    })
    .await
}

#[tauri::command]
pub async fn run_cluster_action(
    app: AppHandle,
    request: ClusterActionRequest,
    confirmation: Option<String>,
) -> Result<ClusterActionDone, AppError> {
    blocking(app, move |state| {
        state
            .session
            .run_cluster_action(&request, confirmation.as_deref())
    })
    .await
}

#[tauri::command]
pub async fn cluster_audit(app: AppHandle, limit: u32) -> Result<Vec<ClusterAuditEntry>, AppError> {
    blocking(app, move |state| {
        state.session.cluster_audit(limit as usize)
    })
    .await
}

/// The dry-run diff of applying a workspace YAML file (its editor buffer) to the live cluster.
#[tauri::command]
pub async fn preview_cluster_apply(
    app: AppHandle,
    path: String,
) -> Result<ClusterApplyPreview, AppError> {
    blocking(app, move |state| state.session.preview_cluster_apply(&path)).await
}

/// Applies the previewed file; `confirmation` is the preview's token.
#[tauri::command]
pub async fn run_cluster_apply(
    app: AppHandle,
    source: String,
    confirmation: Option<String>,
) -> Result<ClusterApplyDone, AppError> {
    blocking(app, move |state| {
        state
            .session
            .run_cluster_apply(&source, confirmation.as_deref())
    })
    .await
}

/// CPU and memory usage of the live cluster's nodes and pods (metrics.k8s.io), beside
/// allocatable, requests and limits.
#[tauri::command]
pub async fn cluster_metrics(app: AppHandle) -> Result<ClusterMetrics, AppError> {
    blocking(app, move |state| state.session.cluster_metrics()).await
}

/// Quotas, limit ranges, who can do what and network policies of one namespace.
#[tauri::command]
pub async fn cluster_platform(
    app: AppHandle,
    namespace: String,
) -> Result<ClusterPlatform, AppError> {
    blocking(app, move |state| state.session.cluster_platform(&namespace)).await
}

/// The Helm releases of the live cluster, from Helm's release secrets.
#[tauri::command]
pub async fn cluster_helm_releases(app: AppHandle) -> Result<HelmReleases, AppError> {
    blocking(app, move |state| state.session.cluster_helm_releases()).await
}
