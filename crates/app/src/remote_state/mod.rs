//! The workspace's remote state, read only: which backend the code and `terraform init` name
//! (`detect.rs`, files only, no feature needed), and — with the `cloud` feature — the state
//! object and its lock holders fetched through orbis-cloud (`fetch.rs`) and opened in the State
//! Explorer. Nothing here writes a state or a lock.

pub mod detect;
#[cfg(feature = "cloud")]
mod fetch;

use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use serde::Serialize;
use ts_rs::TS;

/// The backend the workspace's root module uses, as shown before anything is fetched.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RemoteBackendInfo {
    /// `s3`, `http`, `gcs`, `azurerm`, `cloud`…
    pub backend: String,
    /// `s3://bucket/key`, the blob's URL, `gs://bucket/object`, the HCP Terraform workspace's
    /// page or the HTTP address of the selected workspace; None when the settings are
    /// incomplete (then `problem` says what is missing).
    pub location: Option<String>,
    pub workspace: String,
    /// Whether this build can read it (s3, azurerm, gcs, http, remote/cloud with the `cloud`
    /// feature).
    pub readable: bool,
    /// Why it cannot be read, in plain words.
    pub problem: Option<String>,
    /// Workspace-relative files the settings came from.
    pub sources: Vec<String>,
}

/// Where the state is, for a detected backend (pure: no network).
pub enum Target {
    S3(orbis_state::S3Location),
    Http(orbis_state::HttpLocation),
    Azure(orbis_state::AzureLocation),
    Gcs(orbis_state::GcsLocation),
    /// HCP Terraform / Terraform Enterprise (`remote` backend or `cloud` block).
    Tfe(orbis_state::TfeLocation),
}

impl Target {
    /// Where the state is, as shown before it is read.
    pub fn location(&self) -> String {
        match self {
            Target::S3(l) => l.url(),
            Target::Http(l) => l.address.clone(),
            Target::Azure(l) => l.url(),
            Target::Gcs(l) => l.url(),
            Target::Tfe(l) => l.url(),
        }
    }
}

/// The state's location for a detected backend, or why it cannot be read.
pub fn target(found: &detect::Detected) -> Result<Target, String> {
    let c = &found.config;
    match c.kind.as_str() {
        "s3" => orbis_state::backend::s3_location(c, &found.workspace)
            .map(Target::S3)
            .map_err(|e| format!("{} ({})", e.message, e.hint)),
        "http" => orbis_state::backend::http_location(c)
            .map(Target::Http)
            .map_err(|e| format!("{} ({})", e.message, e.hint)),
        "azurerm" => orbis_state::backend::azurerm_location(c, &found.workspace)
            .map(Target::Azure)
            .map_err(|e| format!("{} ({})", e.message, e.hint)),
        "gcs" => orbis_state::backend::gcs_location(c, &found.workspace)
            .map(Target::Gcs)
            .map_err(|e| format!("{} ({})", e.message, e.hint)),
        "remote" | "cloud" => orbis_state::backend::tfe_location(c, &found.workspace)
            .map(Target::Tfe)
            .map_err(|e| format!("{} ({})", e.message, e.hint)),
        other => Err(format!(
            "Reading {other} backends is not supported (s3, azurerm, gcs, http, remote and cloud are); use `terraform state pull > state.json` and open that file."
        )),
    }
}

impl Session {
    /// The remote backend of the open workspace's root module, or None for a local state.
    pub fn remote_backend(&self) -> Result<Option<RemoteBackendInfo>, AppError> {
        let ws = self.current()?;
        let tf_workspace = std::env::var("TF_WORKSPACE").ok();
        let Some(found) = detect::detect(ws.root(), tf_workspace.as_deref()) else {
            return Ok(None);
        };
        let (location, mut problem) = match target(&found) {
            Ok(t) => (Some(t.location()), None),
            Err(why) => (None, Some(why)),
        };
        if problem.is_none() && !cfg!(feature = "cloud") {
            problem = Some("This build of TerraOrbis cannot read remote states.".to_string());
        }
        Ok(Some(RemoteBackendInfo {
            backend: found.config.kind.clone(),
            location,
            workspace: found.workspace.clone(),
            readable: problem.is_none(),
            problem,
            sources: found.sources.clone(),
        }))
    }

    /// Reads the workspace's remote state (with its lock holders) into the State Explorer.
    /// Called again, it refreshes.
    pub fn open_remote_state(&self) -> Result<crate::state_explorer::StateView, AppError> {
        let ws = self.current()?;
        let tf_workspace = std::env::var("TF_WORKSPACE").ok();
        let found = detect::detect(ws.root(), tf_workspace.as_deref()).ok_or_else(|| {
            AppError::new(
                ErrorCode::NoRemoteBackend,
                "This workspace keeps its state locally: its root module has no backend block.",
                "Open terraform.tfstate from the file tree (Show ignored files), or add a backend block and run `terraform init`.",
            )
        })?;
        let target = target(&found).map_err(|why| {
            AppError::new(
                ErrorCode::NoRemoteBackend,
                why,
                "Fix the backend block, then run `terraform init`.",
            )
        })?;
        #[cfg(feature = "cloud")]
        {
            let prefix = self.credentials().service_prefix();
            let loaded = fetch::load(ws.root(), &prefix, &found, &target)?;
            let view = loaded.view().clone();
            self.set_loaded_state(loaded);
            Ok(view)
        }
        #[cfg(not(feature = "cloud"))]
        {
            let _ = target;
            Err(AppError::new(
                ErrorCode::CloudUnavailable,
                "This build of TerraOrbis cannot read remote states",
                "Use `terraform state pull > state.json` and open that file, or use the desktop release.",
            ))
        }
    }
}
