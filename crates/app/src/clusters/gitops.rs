//! Argo CD and Flux status of the live cluster (issue 11), read on request when their CRDs
//! are served (`orbis_clusters::gitops`): sync, health, Ready, revision, source, destination.

use super::gitops_dto::*;
use crate::error::AppError;
use crate::session::Session;

impl Session {
    pub fn cluster_gitops(&self) -> Result<ClusterGitOps, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::gitops(self)
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
    use orbis_clusters::gitops::{self, Presence, Severity, Tool};

    fn tool(t: Tool) -> GitOpsTool {
        GitOpsTool {
            presence: match t.presence {
                Presence::NotInstalled => GitOpsPresence::NotInstalled,
                Presence::NoAccess => GitOpsPresence::NoAccess,
                Presence::Installed => GitOpsPresence::Installed,
            },
            no_access: t.no_access,
        }
    }

    pub(super) fn gitops(session: &Session) -> Result<ClusterGitOps, AppError> {
        let live = &session.clusters().live;
        let conn = live.connected()?;
        let found = live.block_on(gitops::fetch(&conn))?.map_err(read_failed)?;
        Ok(ClusterGitOps {
            argo: tool(found.argo),
            flux: tool(found.flux),
            apps: found
                .apps
                .into_iter()
                .map(|a| GitOpsApp {
                    tool: a.tool.to_string(),
                    kind: a.kind,
                    namespace: a.namespace,
                    name: a.name,
                    sync: a.sync,
                    health: a.health,
                    ready: a.ready,
                    reason: a.reason,
                    suspended: a.suspended,
                    revision: a.revision,
                    source: a.source,
                    destination: a.destination,
                    message: a.message,
                    severity: match a.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Ok => "ok",
                    }
                    .to_string(),
                })
                .collect(),
        })
    }
}
