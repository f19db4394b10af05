//! "Add a cloud cluster" in the Clusters view (issue 11): the EKS clusters of the AWS account
//! the user is signed in to (orbis-cloud, read-only), and — only after the user saw what would
//! change and confirmed — their context written to the kubeconfig the way
//! `aws eks update-kubeconfig` writes it (orbis-clusters: backup first, atomic replace).
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
            let (file, new) = self.context_to_add(id)?;
            imp::preview(id, &file, &new)
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
            let (file, new) = self.context_to_add(id)?;
            imp::add(id, &file, &new)
        }
        #[cfg(not(all(feature = "cloud", feature = "clusters")))]
        {
            let _ = id;
            Err(not_built())
        }
    }

    /// The kubeconfig file to write (the first of the files the view reads) and the entries.
    #[cfg(all(feature = "cloud", feature = "clusters"))]
    fn context_to_add(
        &self,
        id: &str,
    ) -> Result<
        (
            std::path::PathBuf,
            orbis_clusters::kubeconfig::add::NewContext,
        ),
        AppError,
    > {
        let new = {
            let last = self
                .clusters()
                .discovered
                .last
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            imp::new_context(last.as_ref(), id)?
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
    use orbis_cloud::eks::{discover_eks, EksCluster};
    use orbis_clusters::kubeconfig::add::{add_context, eks_context, preview_add, NewContext};
    use std::path::Path;

    pub(super) struct Found {
        profile: String,
        clusters: Vec<EksCluster>,
    }

    pub(super) fn discover(
        request: &DiscoverClustersRequest,
        known_contexts: &[String],
    ) -> Result<(Found, CloudClusters), AppError> {
        let ctx = orbis_cloud::Context::from_process();
        let profile = request
            .profile
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .unwrap_or_else(|| orbis_cloud::inventory::default_profile(&ctx));
        let regions: Vec<String> = request
            .regions
            .iter()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                AppError::new(
                    ErrorCode::Internal,
                    format!("Cannot start the cluster discovery: {e}"),
                    "Try again.",
                )
            })?;
        let found = rt
            .block_on(discover_eks(&ctx, &profile, &regions))
            .map_err(|e| {
                AppError::new(
                    ErrorCode::CloudScanFailed,
                    format!("{} [{}]", e.message, e.code),
                    e.hint,
                )
            })?;
        let view = CloudClusters {
            profile: found.profile.clone(),
            account: found.account.clone(),
            clusters: found
                .clusters
                .iter()
                .map(|c| CloudCluster {
                    cloud: "eks".into(),
                    name: c.name.clone(),
                    id: c.arn.clone(),
                    region: c.region.clone(),
                    version: c.version.clone(),
                    status: c.status.clone(),
                    endpoint: c.endpoint.clone(),
                    // `aws eks update-kubeconfig` names the context by the ARN.
                    context: c.arn.clone(),
                    in_kubeconfig: known_contexts.contains(&c.arn),
                })
                .collect(),
            problems: found
                .errors
                .iter()
                .map(|e| DiscoveryProblem {
                    scope: e.region.clone(),
                    code: e.code.clone(),
                    message: e.message.clone(),
                    hint: e.hint.clone(),
                })
                .collect(),
        };
        Ok((
            Found {
                profile: found.profile,
                clusters: found.clusters,
            },
            view,
        ))
    }

    pub(super) fn new_context(found: Option<&Found>, id: &str) -> Result<NewContext, AppError> {
        let unknown = || {
            AppError::new(
                ErrorCode::ClusterDiscovery,
                format!("{id} is not among the clusters found"),
                "Look for clusters again, then choose one from the list.",
            )
        };
        let found = found.ok_or_else(unknown)?;
        let c = found
            .clusters
            .iter()
            .find(|c| c.arn == id)
            .ok_or_else(unknown)?;
        if c.endpoint.is_empty() || c.certificate_authority.is_empty() {
            return Err(AppError::new(
                ErrorCode::ClusterDiscovery,
                format!("{} has no API endpoint yet (status {})", c.name, c.status),
                "Wait until the cluster is ACTIVE, then look for clusters again.",
            ));
        }
        // Credentials from the environment need no AWS_PROFILE in the exec entry.
        let profile =
            (found.profile != orbis_cloud::aws::ENV_PROFILE).then_some(found.profile.as_str());
        Ok(eks_context(
            &c.name,
            &c.arn,
            &c.region,
            &c.endpoint,
            &c.certificate_authority,
            profile,
        ))
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
