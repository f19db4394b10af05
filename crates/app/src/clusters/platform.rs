//! The platform views of one namespace of the live cluster (issue 11), read on request:
//! quotas and limit ranges, the who-can-do-what matrix, network policies in plain words
//! (`orbis_clusters::platform`).

use super::platform_dto::*;
use crate::error::AppError;
use crate::session::Session;

impl Session {
    pub fn cluster_platform(&self, namespace: &str) -> Result<ClusterPlatform, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::platform(self, namespace)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = namespace;
            Err(super::unavailable())
        }
    }
}

#[cfg(feature = "clusters")]
mod imp {
    use super::*;
    use crate::clusters::live::read_failed;
    use orbis_clusters::platform::{self, rbac};

    pub(super) fn platform(
        session: &Session,
        namespace: &str,
    ) -> Result<ClusterPlatform, AppError> {
        let live = &session.clusters().live;
        let conn = live.connected()?;
        let p = live
            .block_on(platform::fetch(&conn, namespace))?
            .map_err(read_failed)?;
        let access = p.grants.map(|grants| {
            rbac::matrix(&grants)
                .into_iter()
                .map(|(subject, cells)| {
                    let mut via: Vec<String> = grants
                        .iter()
                        .filter(|g| g.subject == subject)
                        .map(|g| g.via.clone())
                        .collect();
                    via.dedup();
                    AccessRow {
                        subject,
                        resources: cells
                            .into_iter()
                            .map(|(resource, verbs)| AccessCell {
                                resource,
                                verbs: verbs.into_iter().collect(),
                            })
                            .collect(),
                        via,
                    }
                })
                .collect()
        });
        Ok(ClusterPlatform {
            namespace: p.namespace,
            quotas: p.quotas.map(|q| {
                q.into_iter()
                    .map(|r| QuotaUsage {
                        quota: r.quota,
                        resource: r.resource,
                        used: r.used,
                        hard: r.hard,
                        percent: r.percent,
                    })
                    .collect()
            }),
            limits: p.limits.map(|l| {
                l.into_iter()
                    .map(|r| LimitRangeRow {
                        limit_range: r.limit_range,
                        applies_to: r.applies_to,
                        resource: r.resource,
                        min: r.min,
                        max: r.max,
                        default_limit: r.default_limit,
                        default_request: r.default_request,
                    })
                    .collect()
            }),
            access,
            policies: p.policies.map(|ps| {
                ps.into_iter()
                    .map(|w| PolicyInWords {
                        name: w.name,
                        selects: w.selects,
                        ingress: w.ingress,
                        egress: w.egress,
                        denies_all_ingress: w.denies_all_ingress,
                        denies_all_egress: w.denies_all_egress,
                    })
                    .collect()
            }),
        })
    }
}
