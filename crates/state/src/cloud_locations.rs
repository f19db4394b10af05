//! Where the `azurerm`, `gcs` and `remote`/`cloud` (HCP Terraform, Terraform Enterprise)
//! backends keep a workspace's state, named exactly as Terraform names them — no network, the
//! cloud crate fetches. Re-exported through [`crate::backend`].
//!
//! - azurerm: blob `key` in `container_name` for `default`, `key + "env:" + workspace`
//!   otherwise (a suffix, not a folder: `app.tfstateenv:prod`); the lock is a lease on that
//!   blob with the lock record in its `terraformlockid` metadata.
//! - gcs: object `path.Join(prefix, workspace + ".tfstate")` in `bucket`; the lock is the object
//!   `path.Join(prefix, workspace + ".tflock")`, whose body is the lock record.
//! - remote / cloud: an HCP Terraform workspace in `organization` on `hostname`
//!   (`app.terraform.io` unless set): `workspaces { name }` maps the one local workspace,
//!   `workspaces { prefix }` (remote) maps local `W` to `prefix + W`, a `cloud` block without
//!   `name` (tags, project) uses the selected workspace's own name.

use crate::backend::BackendConfig;
use crate::StateError;
use serde::Serialize;

fn incomplete(backend: &str, what: &str) -> StateError {
    StateError::new(
        "state.backend_incomplete",
        format!("the {backend} backend has no `{what}`"),
        "set it in the backend block or a -backend-config file, or run `terraform init` so \
         .terraform/terraform.tfstate records it",
    )
}

fn workspace_or_default(workspace: &str) -> &str {
    if workspace.is_empty() {
        "default"
    } else {
        workspace
    }
}

/// An `azurerm` backend's state blob for one workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AzureLocation {
    pub storage_account: String,
    pub container: String,
    /// The blob name: `key`, or `key` + `env:` + workspace outside `default`.
    pub blob: String,
    /// Host suffix of the cloud's blob service (`blob.core.windows.net` for the public cloud).
    pub blob_host_suffix: String,
    pub workspace: String,
}

impl AzureLocation {
    /// The blob's URL on its cloud (the fetcher may send the request to an override instead).
    pub fn url(&self) -> String {
        format!(
            "https://{}.{}/{}/{}",
            self.storage_account, self.blob_host_suffix, self.container, self.blob
        )
    }

    /// The path Terraform writes into the lock record (`container/blob`).
    pub fn lock_path(&self) -> String {
        format!("{}/{}", self.container, self.blob)
    }
}

/// Blob service host suffixes of the clouds Terraform's `environment` setting names.
fn azure_blob_suffix(environment: &str) -> Option<&'static str> {
    match environment {
        "" | "public" => Some("blob.core.windows.net"),
        "usgovernment" => Some("blob.core.usgovcloudapi.net"),
        "china" => Some("blob.core.chinacloudapi.cn"),
        "german" => Some("blob.core.cloudapi.de"),
        _ => None,
    }
}

pub fn azurerm_location(
    config: &BackendConfig,
    workspace: &str,
) -> Result<AzureLocation, StateError> {
    let account = config
        .get("storage_account_name")
        .ok_or_else(|| incomplete("azurerm", "storage_account_name"))?;
    let container = config
        .get("container_name")
        .ok_or_else(|| incomplete("azurerm", "container_name"))?;
    let key = config
        .get("key")
        .ok_or_else(|| incomplete("azurerm", "key"))?;
    let environment = config
        .get("environment")
        .unwrap_or("public")
        .to_ascii_lowercase();
    let suffix = azure_blob_suffix(&environment).ok_or_else(|| {
        StateError::new(
            "state.backend_unsupported",
            format!(
                "the azurerm backend's environment \"{environment}\" is not one TerraOrbis knows"
            ),
            "use public, usgovernment or china (Azure Stack is not supported), or read the state \
             with `terraform state pull > state.json` and open that file",
        )
    })?;
    let workspace = workspace_or_default(workspace);
    let blob = if workspace == "default" {
        key.to_string()
    } else {
        format!("{key}env:{workspace}")
    };
    Ok(AzureLocation {
        storage_account: account.to_string(),
        container: container.to_string(),
        blob,
        blob_host_suffix: suffix.to_string(),
        workspace: workspace.to_string(),
    })
}

/// A `gcs` backend's state and lock objects for one workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GcsLocation {
    pub bucket: String,
    pub state_object: String,
    pub lock_object: String,
    /// The backend's `storage_custom_endpoint` (a JSON API base such as
    /// `https://host/storage/v1/`), when set.
    pub custom_endpoint: Option<String>,
    pub workspace: String,
}

impl GcsLocation {
    /// `gs://bucket/object`, as Terraform prints it.
    pub fn url(&self) -> String {
        format!("gs://{}/{}", self.bucket, self.state_object)
    }

    pub fn lock_url(&self) -> String {
        format!("gs://{}/{}", self.bucket, self.lock_object)
    }
}

/// Go's `path.Join(prefix, name)`: empty parts dropped, `.`/`..` resolved, slashes collapsed.
fn path_join(prefix: &str, name: &str) -> String {
    let joined = if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}/{name}")
    };
    let rooted = joined.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    if rooted {
        format!("/{body}")
    } else {
        body
    }
}

pub fn gcs_location(config: &BackendConfig, workspace: &str) -> Result<GcsLocation, StateError> {
    let bucket = config
        .get("bucket")
        .ok_or_else(|| incomplete("gcs", "bucket"))?;
    let prefix = config.get("prefix").unwrap_or("");
    let workspace = workspace_or_default(workspace);
    Ok(GcsLocation {
        bucket: bucket.to_string(),
        state_object: path_join(prefix, &format!("{workspace}.tfstate")),
        lock_object: path_join(prefix, &format!("{workspace}.tflock")),
        custom_endpoint: config.get("storage_custom_endpoint").map(str::to_string),
        workspace: workspace.to_string(),
    })
}

/// An HCP Terraform / Terraform Enterprise workspace (`remote` backend or `cloud` block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TfeLocation {
    /// `app.terraform.io` unless the block names another host.
    pub hostname: String,
    pub organization: String,
    /// The workspace's name in HCP Terraform.
    pub remote_workspace: String,
    /// The local (CLI) workspace it maps from.
    pub workspace: String,
}

impl TfeLocation {
    /// The workspace's page, for titles and messages.
    pub fn url(&self) -> String {
        format!(
            "https://{}/app/{}/workspaces/{}",
            self.hostname, self.organization, self.remote_workspace
        )
    }
}

pub const DEFAULT_TFE_HOST: &str = "app.terraform.io";

pub fn tfe_location(config: &BackendConfig, workspace: &str) -> Result<TfeLocation, StateError> {
    let kind = config.kind.as_str();
    let organization = config
        .get("organization")
        .ok_or_else(|| incomplete(kind, "organization"))?;
    let workspace = workspace_or_default(workspace);
    let select = |why: &str| {
        StateError::new(
            "state.backend_workspace",
            why.to_string(),
            "select the workspace to read: `terraform workspace select NAME` (or TF_WORKSPACE, or \
             --workspace NAME of `orbis state show`)",
        )
    };
    let remote_workspace = match (
        config.get("workspaces.name"),
        config.get("workspaces.prefix"),
    ) {
        (Some(name), _) => {
            // One remote workspace, mapped from the CLI's `default` (remote) or named by it
            // (cloud: `terraform workspace show` prints the remote name).
            if workspace != "default" && workspace != name {
                return Err(select(&format!(
                    "the {kind} backend maps only the workspace \"{name}\", not \"{workspace}\""
                )));
            }
            name.to_string()
        }
        (None, Some(prefix)) if kind == "remote" => {
            if workspace == "default" {
                return Err(select(&format!(
                    "the remote backend maps workspaces named \"{prefix}*\"; the default \
                     workspace is not one of them"
                )));
            }
            format!("{prefix}{workspace}")
        }
        (None, _) if kind == "cloud" => {
            if workspace == "default" {
                return Err(select(
                    "the cloud block selects workspaces by tags or project, and no workspace is \
                     selected",
                ));
            }
            workspace.to_string()
        }
        _ => return Err(incomplete(kind, "workspaces { name or prefix }")),
    };
    Ok(TfeLocation {
        hostname: config
            .get("hostname")
            .unwrap_or(DEFAULT_TFE_HOST)
            .to_string(),
        organization: organization.to_string(),
        remote_workspace,
        workspace: workspace.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::parse_init_record;
    use serde_json::{json, Value};

    fn config(kind: &str, settings: Value) -> BackendConfig {
        let mut c = BackendConfig::new(kind);
        c.set_all(settings.as_object().unwrap());
        c
    }

    #[test]
    fn azurerm_blobs_take_the_env_suffix_outside_default() {
        let c = config(
            "azurerm",
            json!({"storage_account_name": "tfstate01", "container_name": "tfstate",
                   "key": "app/prod.terraform.tfstate", "resource_group_name": "rg",
                   "access_key": "c2VjcmV0"}),
        );
        let d = azurerm_location(&c, "default").unwrap();
        assert_eq!(d.blob, "app/prod.terraform.tfstate");
        assert_eq!(
            d.url(),
            "https://tfstate01.blob.core.windows.net/tfstate/app/prod.terraform.tfstate"
        );
        assert_eq!(d.lock_path(), "tfstate/app/prod.terraform.tfstate");
        let p = azurerm_location(&c, "prod").unwrap();
        assert_eq!(p.blob, "app/prod.terraform.tfstateenv:prod");
        assert_eq!(p.workspace, "prod");
        assert!(!format!("{c:?}").contains("c2VjcmV0"));

        let gov = config(
            "azurerm",
            json!({"storage_account_name": "a", "container_name": "c", "key": "k",
                   "environment": "USGovernment"}),
        );
        assert_eq!(
            azurerm_location(&gov, "").unwrap().url(),
            "https://a.blob.core.usgovcloudapi.net/c/k"
        );
        let stack = config(
            "azurerm",
            json!({"storage_account_name": "a", "container_name": "c", "key": "k",
                   "environment": "stack"}),
        );
        assert_eq!(
            azurerm_location(&stack, "").unwrap_err().code,
            "state.backend_unsupported"
        );
        let e = azurerm_location(&config("azurerm", json!({"storage_account_name": "a"})), "")
            .unwrap_err();
        assert!(e.message.contains("`container_name`"), "{}", e.message);
    }

    #[test]
    fn gcs_objects_join_prefix_and_workspace_like_go_path_join() {
        let c = config(
            "gcs",
            json!({"bucket": "tf-state", "prefix": "terraform/state"}),
        );
        let d = gcs_location(&c, "default").unwrap();
        assert_eq!(d.state_object, "terraform/state/default.tfstate");
        assert_eq!(d.lock_object, "terraform/state/default.tflock");
        assert_eq!(d.url(), "gs://tf-state/terraform/state/default.tfstate");
        assert_eq!(
            gcs_location(&c, "prod").unwrap().state_object,
            "terraform/state/prod.tfstate"
        );
        let cases = [
            ("", "default.tfstate"),
            ("env/", "env/default.tfstate"),
            ("a//b/./c", "a/b/c/default.tfstate"),
            ("a/../b", "b/default.tfstate"),
            ("/rooted", "/rooted/default.tfstate"),
        ];
        for (prefix, want) in cases {
            let c = config("gcs", json!({"bucket": "b", "prefix": prefix}));
            assert_eq!(gcs_location(&c, "").unwrap().state_object, want, "{prefix}");
        }
        let e = gcs_location(&config("gcs", json!({"prefix": "p"})), "").unwrap_err();
        assert!(e.message.contains("`bucket`"));
    }

    #[test]
    fn hcp_terraform_workspaces_map_by_name_prefix_or_selection() {
        // The remote backend's init record keeps `workspaces` as a one-element list.
        let record = json!({"version": 3, "backend": {"type": "remote", "config": {
            "hostname": null, "organization": "acme", "token": "never.kept.token",
            "workspaces": [{"name": null, "prefix": "app-"}]}}});
        let c = parse_init_record(record.to_string().as_bytes())
            .unwrap()
            .unwrap();
        assert!(!format!("{c:?}").contains("never.kept"));
        let l = tfe_location(&c, "prod").unwrap();
        assert_eq!(l.remote_workspace, "app-prod");
        assert_eq!(l.hostname, "app.terraform.io");
        assert_eq!(
            l.url(),
            "https://app.terraform.io/app/acme/workspaces/app-prod"
        );
        assert_eq!(
            tfe_location(&c, "default").unwrap_err().code,
            "state.backend_workspace"
        );

        let named = config(
            "cloud",
            json!({"hostname": "tfe.example.com", "organization": "acme",
                   "workspaces": {"name": "networking"}}),
        );
        let l = tfe_location(&named, "default").unwrap();
        assert_eq!(
            (l.hostname.as_str(), l.remote_workspace.as_str()),
            ("tfe.example.com", "networking")
        );
        assert_eq!(
            tfe_location(&named, "networking").unwrap().remote_workspace,
            "networking"
        );
        assert!(tfe_location(&named, "other").is_err());

        let tagged = config("cloud", json!({"organization": "acme"}));
        assert_eq!(
            tfe_location(&tagged, "web-prod").unwrap().remote_workspace,
            "web-prod"
        );
        assert!(tfe_location(&tagged, "default").is_err());

        let e = tfe_location(&config("remote", json!({"organization": "acme"})), "").unwrap_err();
        assert!(e.message.contains("workspaces"), "{}", e.message);
        let e = tfe_location(&config("remote", json!({})), "").unwrap_err();
        assert!(e.message.contains("`organization`"), "{}", e.message);
    }
}
