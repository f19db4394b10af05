//! Resource usage of the live cluster (issue 11): the metrics API's node and pod usage,
//! read on request (the UI asks every 30 s while the view is open), beside the nodes'
//! allocatable and the pods' requests and limits from the watchers' stores. A cluster
//! without metrics-server is a state, not an error.

use super::metrics_dto::*;
use crate::error::AppError;
use crate::session::Session;

impl Session {
    pub fn cluster_metrics(&self) -> Result<ClusterMetrics, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::metrics(self)
        }
        #[cfg(not(feature = "clusters"))]
        {
            Err(super::unavailable())
        }
    }
}

#[cfg(feature = "clusters")]
mod imp {
    use super::*;
    use crate::clusters::live::{no_cluster, read_failed};
    use orbis_clusters::metrics::{self, Metrics};
    use std::collections::BTreeMap;

    pub(super) fn metrics(session: &Session) -> Result<ClusterMetrics, AppError> {
        let live = &session.clusters().live;
        let conn = live.connected()?;
        let fetched = live.block_on(metrics::fetch(&conn))?.map_err(read_failed)?;
        let empty = BTreeMap::new();
        let (state, nodes, pods) = match &fetched {
            Metrics::Available { nodes, pods } => (ClusterMetricsState::Available, nodes, pods),
            Metrics::NotInstalled => (ClusterMetricsState::NotInstalled, &empty, &empty),
            Metrics::NoAccess => (ClusterMetricsState::NoAccess, &empty, &empty),
        };
        let (node_rows, pod_rows) = live
            .with_state(|s| s.metric_rows(nodes, pods))
            .ok_or_else(no_cluster)?;
        Ok(ClusterMetrics {
            state,
            nodes: node_rows
                .into_iter()
                .map(|n| NodeUsageRow {
                    name: n.name,
                    cpu_used: n.usage.map(|u| u.cpu_millicores),
                    cpu_allocatable: n.allocatable.cpu_millicores,
                    memory_used: n.usage.map(|u| u.memory_bytes),
                    memory_allocatable: n.allocatable.memory_bytes,
                })
                .collect(),
            pods: pod_rows
                .into_iter()
                .map(|p| PodUsageRow {
                    key: p.key,
                    cpu_used: p.usage.map(|u| u.cpu_millicores),
                    cpu_request: p.requests.cpu_millicores,
                    cpu_limit: p.cpu_limit_millicores,
                    memory_used: p.usage.map(|u| u.memory_bytes),
                    memory_request: p.requests.memory_bytes,
                    memory_limit: p.memory_limit_bytes,
                })
                .collect(),
        })
    }
}
