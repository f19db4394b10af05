//! The Clusters view's read-only panels (issue 11): resource usage (metrics.k8s.io), a
//! namespace's platform views (quotas, limit ranges, RBAC, network policies), Helm
//! releases and Argo CD / Flux status. One-line calls into `orbis_app::Session`.

use crate::commands::blocking;
use orbis_app::clusters::gitops_dto::ClusterGitOps;
use orbis_app::clusters::helm_dto::HelmReleases;
use orbis_app::clusters::metrics_dto::ClusterMetrics;
use orbis_app::clusters::platform_dto::ClusterPlatform;
use orbis_app::AppError;
use tauri::AppHandle;

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

/// Argo CD and Flux applications of the live cluster, when their CRDs are served.
#[tauri::command]
pub async fn cluster_gitops(app: AppHandle) -> Result<ClusterGitOps, AppError> {
    blocking(app, move |state| state.session.cluster_gitops()).await
}
