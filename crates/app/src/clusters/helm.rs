//! Helm releases of the live cluster (issue 11), read on request from Helm's release
//! Secrets (`orbis_clusters::helm`): chart, versions, status, history and the values diff of
//! each revision against the one before.

use super::helm_dto::*;
use crate::error::AppError;
use crate::session::Session;

impl Session {
    pub fn cluster_helm_releases(&self) -> Result<HelmReleases, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::releases(self)
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
    use crate::clusters::live::read_failed;
    use orbis_clusters::helm;

    pub(super) fn releases(session: &Session) -> Result<HelmReleases, AppError> {
        let live = &session.clusters().live;
        let conn = live.connected()?;
        let found = live.block_on(helm::fetch(&conn))?.map_err(read_failed)?;
        Ok(HelmReleases {
            releases: found.releases.map(|rs| {
                rs.into_iter()
                    .map(|r| HelmRelease {
                        namespace: r.namespace,
                        name: r.name,
                        history: r
                            .history
                            .iter()
                            .enumerate()
                            .map(|(i, rev)| HelmRevision {
                                revision: rev.revision,
                                status: rev.status.clone(),
                                chart: rev.chart.clone(),
                                chart_version: rev.chart_version.clone(),
                                app_version: rev.app_version.clone(),
                                updated: rev.updated.clone(),
                                description: rev.description.clone(),
                                values_changes: r
                                    .history
                                    .get(i + 1)
                                    .map(|older| helm::values_diff(older, rev))
                                    .unwrap_or_default(),
                            })
                            .collect(),
                    })
                    .collect()
            }),
            errors: found
                .errors
                .into_iter()
                .map(|e| format!("{} {}", e.message, e.hint))
                .collect(),
        })
    }
}
