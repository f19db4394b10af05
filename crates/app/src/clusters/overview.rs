//! All clusters at a glance (issue 11): on request ("Check all" in the Clusters view), one
//! read-only probe per context through `orbis_clusters::overview` — nothing is contacted before
//! the user asks, as the view promises.

use super::overview_dto::*;
use crate::error::AppError;
#[cfg(not(feature = "clusters"))]
use crate::error::ErrorCode;
use crate::session::Session;

/// How long one context may take to answer.
pub const PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

impl Session {
    /// Probes `contexts` (empty: every context of the user's kubeconfigs), in that order.
    pub fn probe_cluster_contexts(
        &self,
        contexts: &[String],
    ) -> Result<Vec<ClusterContextProbe>, AppError> {
        #[cfg(feature = "clusters")]
        {
            use super::live::{env_and_files, problem};
            let files = self.kubeconfig_override();
            let (_, files, explicit) = env_and_files(files.as_deref());
            let kcs = orbis_clusters::Kubeconfigs::load(&files, explicit);
            let names: Vec<String> = if contexts.is_empty() {
                kcs.context_names()
            } else {
                contexts.to_vec()
            };
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| {
                    AppError::new(
                        crate::error::ErrorCode::Internal,
                        format!("Cannot start the cluster check: {e}"),
                        "Try again.",
                    )
                })?;
            let probes = rt.block_on(orbis_clusters::overview::probe_all(
                &kcs,
                &names,
                PROBE_TIMEOUT,
            ));
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            Ok(probes
                .into_iter()
                .map(|p| ClusterContextProbe {
                    context: p.context,
                    reachable: p.reachable,
                    versions: p.versions,
                    nodes: count(p.nodes),
                    nodes_ready: count(p.nodes_ready),
                    pods: count(p.pods),
                    failing_pods: count(p.failing_pods),
                    failing: p
                        .failing
                        .into_iter()
                        .map(|f| FailingPodRow {
                            pod: f.pod,
                            reason: f.reason,
                        })
                        .collect(),
                    problem: p.error.as_ref().map(problem),
                    millis: u32::try_from(p.millis).unwrap_or(u32::MAX),
                })
                .collect())
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = contexts;
            Err(AppError::new(
                ErrorCode::ClustersUnavailable,
                "This build of TerraOrbis has no Kubernetes support",
                "Use the desktop release (built with the `clusters` feature).",
            ))
        }
    }
}
