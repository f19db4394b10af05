//! "Add a cloud cluster" in the Clusters view (issue 11): the EKS, AKS or GKE clusters the
//! user's own sign-in can see (orbis-cloud, read-only), and — only after the user saw what
//! would change and confirmed — a context written to the kubeconfig the way `aws eks
//! update-kubeconfig`, `az aks get-credentials` or `gcloud container clusters get-credentials`
//! writes it (orbis-clusters: backup first, atomic replace).
//! Needs both the `cloud` and `clusters` features (the desktop has them); without them the
//! operations say so.

use super::discover_dto::*;
use crate::error::{AppError, ErrorCode};
use crate::session::Session;

/// The last discovery's clusters: adding a context takes a cluster id from this list, so what
/// is written is exactly what the user was shown.
#[derive(Default)]
pub(super) struct Discovered {
    #[cfg(all(feature = "cloud", feature = "clusters"))]
    last: std::sync::Mutex<Option<imp::Found>>,
    /// The entries the last preview showed (cluster id → entries): adding writes exactly
    /// those, without asking the cloud again (AKS hands out a kubeconfig per request).
    #[cfg(all(feature = "cloud", feature = "clusters"))]
    previewed: std::sync::Mutex<Option<(String, orbis_clusters::kubeconfig::add::NewContext)>>,
}

impl Session {
    /// Lists the EKS clusters of the profile's account in the asked regions. A region that
    /// fails is a problem in the answer; a sign-in that fails is the error (with its fix).
    pub fn discover_cloud_clusters(
        &self,
        request: &DiscoverClustersRequest,
    ) -> Result<CloudClusters, AppError> {
        #[cfg(all(feature = "cloud", feature = "clusters"))]
        {
            let known: Vec<String> = self
                .list_cluster_contexts()
                .contexts
                .into_iter()
                .map(|c| c.name)
                .collect();
            let (found, view) = imp::discover(request, &known)?;
            // A preview of an earlier look-up no longer stands.
            *self
                .clusters()
                .discovered
                .previewed
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = None;
            *self
                .clusters()
                .discovered
                .last
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = Some(found);
            Ok(view)
        }
        #[cfg(not(all(feature = "cloud", feature = "clusters")))]
        {
            let _ = request;
            Err(not_built())
        }
    }

    /// What adding the context of cluster `id` (from the last discovery) would change.
    pub fn preview_add_cluster_context(&self, id: &str) -> Result<AddContextPreview, AppError> {
        #[cfg(all(feature = "cloud", feature = "clusters"))]
        {
            let (file, new) = self.context_to_add(id, false)?;
            let preview = imp::preview(id, &file, &new)?;
            *self
                .clusters()
                .discovered
                .previewed
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = Some((id.to_string(), new));
            Ok(preview)
        }
        #[cfg(not(all(feature = "cloud", feature = "clusters")))]
        {
            let _ = id;
            Err(not_built())
        }
    }

    /// Writes the context of cluster `id` (from the last discovery) to the kubeconfig; the
    /// UI calls this only after the user confirmed the preview.
    pub fn add_cluster_context(&self, id: &str) -> Result<AddedClusterContext, AppError> {
        #[cfg(all(feature = "cloud", feature = "clusters"))]
        {
            let (file, new) = self.context_to_add(id, true)?;
            imp::add(id, &file, &new)
        }
        #[cfg(not(all(feature = "cloud", feature = "clusters")))]
        {
            let _ = id;
            Err(not_built())
        }
    }

    /// The kubeconfig file to write (the first of the files the view reads) and the entries
    /// (`previewed`: those the last preview of `id` showed, when there is one).
    #[cfg(all(feature = "cloud", feature = "clusters"))]
    fn context_to_add(
        &self,
        id: &str,
        previewed: bool,
    ) -> Result<
        (
            std::path::PathBuf,
            orbis_clusters::kubeconfig::add::NewContext,
        ),
        AppError,
    > {
        let discovered = &self.clusters().discovered;
        let shown = if previewed {
            discovered
                .previewed
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take()
                .filter(|(shown_id, _)| shown_id == id)
                .map(|(_, new)| new)
        } else {
            None
        };
        let new = match shown {
            Some(new) => new,
            None => {
                let last = discovered.last.lock().unwrap_or_else(|p| p.into_inner());
                imp::new_context(last.as_ref(), id)?
            }
        };
        let files = self.kubeconfig_override();
        let file = match files.and_then(|f| f.into_iter().next()) {
            Some(f) => f,
            None => orbis_clusters::kubeconfig::add::default_target(
                &orbis_clusters::KubeEnv::from_process(),
            )
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::ClusterDiscovery,
                    "There is no kubeconfig file to write to (no KUBECONFIG and no home folder)",
                    "Set KUBECONFIG to the file to use, then try again.",
                )
            })?,
        };
        Ok((file, new))
    }
}

#[cfg(not(all(feature = "cloud", feature = "clusters")))]
fn not_built() -> AppError {
    AppError::new(
        ErrorCode::CloudNotBuilt,
        "This build of TerraOrbis cannot look for managed clusters",
        "Use the desktop release (built with cloud and Kubernetes support), or add the context with `aws eks update-kubeconfig --name NAME --region REGION`.",
    )
}

#[cfg(all(feature = "cloud", feature = "clusters"))]
mod imp {
    use super::*;
    use orbis_cloud::aks::{aks_user_kubeconfig, discover_aks, AksCluster};
    use orbis_cloud::eks::{discover_eks, EksCluster, RegionError};
    use orbis_cloud::gke::{discover_gke, GkeCluster};
    use orbis_cloud::CloudError;
    use orbis_clusters::kubeconfig::add::{
        add_context, context_from_kubeconfig, eks_context, gke_context, preview_add, NewContext,
    };
    use std::path::Path;

    /// What the last look-up found, with what adding a context needs.
    pub(super) enum Found {
        Eks {
            profile: String,
            clusters: Vec<EksCluster>,
        },
        Aks {
            clusters: Vec<AksCluster>,
        },
        Gke {
            clusters: Vec<GkeCluster>,
        },
    }

    fn runtime() -> Result<tokio::runtime::Runtime, AppError> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                AppError::new(
                    ErrorCode::Internal,
                    format!("Cannot start the cluster discovery: {e}"),
                    "Try again.",
                )
            })
    }

    fn cloud_error(e: CloudError) -> AppError {
        AppError::new(
            ErrorCode::CloudScanFailed,
            format!("{} [{}]", e.message, e.code),
            e.hint,
        )
    }

    fn trimmed(v: &Option<String>) -> Option<String> {
        v.as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
    }

    fn problems(errors: &[RegionError]) -> Vec<DiscoveryProblem> {
        errors
            .iter()
            .map(|e| DiscoveryProblem {
                scope: e.region.clone(),
                code: e.code.clone(),
                message: e.message.clone(),
                hint: e.hint.clone(),
            })
            .collect()
    }

    /// The GKE id the app uses for a cluster (the API has none shorter).
    fn gke_id(c: &GkeCluster) -> String {
        format!("{}/{}/{}", c.project, c.location, c.name)
    }

    pub(super) fn discover(
        request: &DiscoverClustersRequest,
        known_contexts: &[String],
    ) -> Result<(Found, CloudClusters), AppError> {
        let ctx = orbis_cloud::Context::from_process();
        let rt = runtime()?;
        let known = |name: &str| known_contexts.iter().any(|k| k == name);
        match request.cloud {
            ManagedKubernetes::Eks => {
                let profile = trimmed(&request.profile)
                    .unwrap_or_else(|| orbis_cloud::inventory::default_profile(&ctx));
                let regions: Vec<String> = request
                    .regions
                    .iter()
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .collect();
                let found = rt
                    .block_on(discover_eks(&ctx, &profile, &regions))
                    .map_err(cloud_error)?;
                let view = CloudClusters {
                    cloud: request.cloud,
                    signed_in: format!("AWS profile {}", found.profile),
                    scope: format!("account {}", found.account),
                    clusters: found
                        .clusters
                        .iter()
                        .map(|c| CloudCluster {
                            cloud: request.cloud,
                            name: c.name.clone(),
                            id: c.arn.clone(),
                            region: c.region.clone(),
                            version: c.version.clone(),
                            status: c.status.clone(),
                            endpoint: c.endpoint.clone(),
                            // `aws eks update-kubeconfig` names the context by the ARN.
                            context: c.arn.clone(),
                            in_kubeconfig: known(&c.arn),
                        })
                        .collect(),
                    problems: problems(&found.errors),
                };
                Ok((
                    Found::Eks {
                        profile: found.profile,
                        clusters: found.clusters,
                    },
                    view,
                ))
            }
            ManagedKubernetes::Aks => {
                let found = rt
                    .block_on(discover_aks(
                        &ctx,
                        trimmed(&request.subscription).as_deref(),
                    ))
                    .map_err(cloud_error)?;
                let view = CloudClusters {
                    cloud: request.cloud,
                    signed_in: "the Azure CLI".into(),
                    scope: format!(
                        "subscription{} {}",
                        if found.subscriptions.len() == 1 {
                            ""
                        } else {
                            "s"
                        },
                        found.subscriptions.join(", ")
                    ),
                    clusters: found
                        .clusters
                        .iter()
                        .map(|c| CloudCluster {
                            cloud: request.cloud,
                            name: c.name.clone(),
                            id: c.id.clone(),
                            region: c.location.clone(),
                            version: c.version.clone(),
                            status: c.status.clone(),
                            endpoint: format!("https://{}", c.fqdn),
                            // `az aks get-credentials` names the context by the cluster.
                            context: c.name.clone(),
                            in_kubeconfig: known(&c.name),
                        })
                        .collect(),
                    problems: problems(&found.errors),
                };
                Ok((
                    Found::Aks {
                        clusters: found.clusters,
                    },
                    view,
                ))
            }
            ManagedKubernetes::Gke => {
                let found = rt
                    .block_on(discover_gke(&ctx, trimmed(&request.project).as_deref()))
                    .map_err(cloud_error)?;
                let view = CloudClusters {
                    cloud: request.cloud,
                    signed_in: found.identity.clone(),
                    scope: format!("project {}", found.project),
                    clusters: found
                        .clusters
                        .iter()
                        .map(|c| {
                            let context =
                                gke_context(&c.project, &c.location, &c.name, "", "").context;
                            CloudCluster {
                                cloud: request.cloud,
                                name: c.name.clone(),
                                id: gke_id(c),
                                region: c.location.clone(),
                                version: c.version.clone(),
                                status: c.status.clone(),
                                endpoint: if c.endpoint.is_empty() {
                                    String::new()
                                } else {
                                    format!("https://{}", c.endpoint)
                                },
                                in_kubeconfig: known(&context),
                                context,
                            }
                        })
                        .collect(),
                    problems: problems(&found.errors),
                };
                Ok((
                    Found::Gke {
                        clusters: found.clusters,
                    },
                    view,
                ))
            }
        }
    }

    fn not_ready(name: &str, status: &str) -> AppError {
        AppError::new(
            ErrorCode::ClusterDiscovery,
            format!("{name} has no API endpoint yet (status {status})"),
            "Wait until the cluster is running, then look for clusters again.",
        )
    }

    /// The entries to write for cluster `id`. AKS asks Azure for the user kubeconfig (what `az
    /// aks get-credentials` does), so the preview shows exactly what will be written.
    pub(super) fn new_context(found: Option<&Found>, id: &str) -> Result<NewContext, AppError> {
        let unknown = || {
            AppError::new(
                ErrorCode::ClusterDiscovery,
                format!("{id} is not among the clusters found"),
                "Look for clusters again, then choose one from the list.",
            )
        };
        match found.ok_or_else(unknown)? {
            Found::Eks { profile, clusters } => {
                let c = clusters.iter().find(|c| c.arn == id).ok_or_else(unknown)?;
                if c.endpoint.is_empty() || c.certificate_authority.is_empty() {
                    return Err(not_ready(&c.name, &c.status));
                }
                // Credentials from the environment need no AWS_PROFILE in the exec entry.
                let profile =
                    (profile != orbis_cloud::aws::ENV_PROFILE).then_some(profile.as_str());
                Ok(eks_context(
                    &c.name,
                    &c.arn,
                    &c.region,
                    &c.endpoint,
                    &c.certificate_authority,
                    profile,
                ))
            }
            Found::Gke { clusters } => {
                let c = clusters
                    .iter()
                    .find(|c| gke_id(c) == id)
                    .ok_or_else(unknown)?;
                if c.endpoint.is_empty() || c.certificate_authority.is_empty() {
                    return Err(not_ready(&c.name, &c.status));
                }
                Ok(gke_context(
                    &c.project,
                    &c.location,
                    &c.name,
                    &c.endpoint,
                    &c.certificate_authority,
                ))
            }
            Found::Aks { clusters } => {
                let c = clusters.iter().find(|c| c.id == id).ok_or_else(unknown)?;
                let ctx = orbis_cloud::Context::from_process();
                let text = runtime()?
                    .block_on(aks_user_kubeconfig(&ctx, &c.id))
                    .map_err(cloud_error)?;
                context_from_kubeconfig(&text).map_err(kube_error)
            }
        }
    }

    fn kube_error(e: orbis_clusters::ClusterError) -> AppError {
        AppError::new(ErrorCode::ClusterDiscovery, e.message, e.hint)
    }

    fn to_view(id: &str, p: orbis_clusters::kubeconfig::add::AddPreview) -> AddContextPreview {
        AddContextPreview {
            id: id.to_string(),
            file: p.file.display().to_string(),
            creates_file: p.creates_file,
            context: p.context,
            server: p.server,
            replaces: p.replaces,
            current_context_before: p.current_context_before,
            credentials: p.credentials,
        }
    }

    pub(super) fn preview(
        id: &str,
        file: &Path,
        new: &NewContext,
    ) -> Result<AddContextPreview, AppError> {
        preview_add(file, new)
            .map(|p| to_view(id, p))
            .map_err(kube_error)
    }

    pub(super) fn add(
        id: &str,
        file: &Path,
        new: &NewContext,
    ) -> Result<AddedClusterContext, AppError> {
        let added = add_context(file, new).map_err(kube_error)?;
        Ok(AddedClusterContext {
            preview: to_view(id, added.preview),
            backup: added.backup.map(|b| b.display().to_string()),
        })
    }
}
