//! The Clusters view's commands (issue 11): one-line calls into `orbis_app::Session`. The live
//! connection's batched deltas arrive in the webview as `cluster-event` (`ClusterEventMessage`),
//! the open pod log's lines as `cluster-log` (`PodLogMessage`).

use crate::commands::blocking;
use orbis_app::clusters::discover_dto::{
    AddContextPreview, AddedClusterContext, CloudClusters, DiscoverClustersRequest,
};
use orbis_app::clusters::dto::{
    ClusterConnected, ClusterContexts, ClusterKind, ClusterObjectDetail, PodLogRequest,
};
use orbis_app::clusters::overview_dto::ClusterContextProbe;
use orbis_app::clusters::{ClusterSink, PodLogSink};
use orbis_app::AppError;
use std::sync::Arc;
use tauri::{AppHandle, Emitter};

#[tauri::command]
pub async fn cluster_contexts(app: AppHandle) -> Result<ClusterContexts, AppError> {
    blocking(app, |state| Ok(state.session.list_cluster_contexts())).await
}

#[tauri::command]
pub async fn connect_cluster(
    app: AppHandle,
    context: String,
) -> Result<ClusterConnected, AppError> {
    let emitter = app.clone();
    let sink: ClusterSink = Arc::new(move |msg| {
        let _ = emitter.emit("cluster-event", msg);
    });
    blocking(app, move |state| {
        state.session.connect_cluster(&context, sink)
    })
    .await
}

#[tauri::command]
pub async fn disconnect_cluster(app: AppHandle) -> Result<(), AppError> {
    blocking(app, |state| {
        state.session.disconnect_cluster();
        Ok(())
    })
    .await
}

#[tauri::command]
pub async fn cluster_object(
    app: AppHandle,
    kind: ClusterKind,
    key: String,
) -> Result<ClusterObjectDetail, AppError> {
    blocking(app, move |state| state.session.cluster_object(kind, &key)).await
}

/// Opens a pod's log; its lines arrive as `cluster-log`. Returns the stream id.
#[tauri::command]
pub async fn open_pod_log(app: AppHandle, request: PodLogRequest) -> Result<u32, AppError> {
    let emitter = app.clone();
    let sink: PodLogSink = Arc::new(move |msg| {
        let _ = emitter.emit("cluster-log", msg);
    });
    blocking(app, move |state| state.session.open_pod_log(&request, sink)).await
}

#[tauri::command]
pub async fn close_pod_log(app: AppHandle, stream: Option<u32>) -> Result<(), AppError> {
    blocking(app, move |state| {
        state.session.close_pod_log(stream);
        Ok(())
    })
    .await
}

/// "Add a cloud cluster": the EKS clusters of the user's AWS account.
#[tauri::command]
pub async fn discover_cloud_clusters(
    app: AppHandle,
    request: DiscoverClustersRequest,
) -> Result<CloudClusters, AppError> {
    blocking(app, move |state| {
        state.session.discover_cloud_clusters(&request)
    })
    .await
}

/// What adding a found cluster's context to the kubeconfig would change.
#[tauri::command]
pub async fn preview_add_cluster_context(
    app: AppHandle,
    id: String,
) -> Result<AddContextPreview, AppError> {
    blocking(app, move |state| {
        state.session.preview_add_cluster_context(&id)
    })
    .await
}

/// Writes a found cluster's context (after the user confirmed its preview).
#[tauri::command]
pub async fn add_cluster_context(
    app: AppHandle,
    id: String,
) -> Result<AddedClusterContext, AppError> {
    blocking(app, move |state| state.session.add_cluster_context(&id)).await
}

/// "Check all": one read-only probe of each context (empty: all of them).
#[tauri::command]
pub async fn probe_cluster_contexts(
    app: AppHandle,
    contexts: Vec<String>,
) -> Result<Vec<ClusterContextProbe>, AppError> {
    blocking(app, move |state| {
        state.session.probe_cluster_contexts(&contexts)
    })
    .await
}
