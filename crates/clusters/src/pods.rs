//! A one-shot list of pods with their health, for `orbis clusters pods` and scripts: pages of
//! 500 (`limit` + `continue`) so a 10,000-pod cluster is never one giant response.

use crate::connect::Connection;
use crate::error::ClusterError;
use crate::summary::{summarize_pod, PodSummary};
use k8s_openapi::api::core::v1::Pod;
use kube::api::ListParams;
use kube::Api;

pub async fn list_pods(
    conn: &Connection,
    namespace: Option<&str>,
) -> Result<Vec<PodSummary>, ClusterError> {
    let api: Api<Pod> = match namespace {
        Some(ns) => Api::namespaced(conn.client.clone(), ns),
        None => Api::all(conn.client.clone()),
    };
    let mut out = Vec::new();
    let mut params = ListParams::default().limit(500);
    loop {
        let page = api.list(&params).await.map_err(|e| conn.error(&e))?;
        out.extend(page.items.iter().map(summarize_pod));
        match page.metadata.continue_.filter(|c| !c.is_empty()) {
            Some(token) => params = params.continue_token(&token),
            None => break,
        }
    }
    out.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    Ok(out)
}
