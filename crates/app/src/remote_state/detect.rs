//! Which backend a workspace's state lives in, as `terraform init` would see it: the
//! `terraform { backend "TYPE" { … } }` block of the root module (through orbis-hcl, literal
//! values only), overridden by what `terraform init` recorded in `.terraform/terraform.tfstate`
//! (its merged configuration, `-backend-config` files and values included). The selected
//! workspace is `TF_WORKSPACE`, else `.terraform/environment`, else `default`. Files only.

use orbis_hcl::{Body, ExprKind};
use orbis_state::BackendConfig;
use std::path::Path;

/// A detected backend, its workspace and the files that said so.
#[derive(Debug, Clone)]
pub struct Detected {
    pub config: BackendConfig,
    pub workspace: String,
    /// Workspace-relative files the settings came from (`main.tf`, `.terraform/terraform.tfstate`).
    pub sources: Vec<String>,
}

/// The backend of the root module in `dir`; None for the local backend (no block, no record).
/// `tf_workspace` is the `TF_WORKSPACE` variable, when set.
pub fn detect(dir: &Path, tf_workspace: Option<&str>) -> Option<Detected> {
    let mut sources = Vec::new();
    let mut config = from_code(dir, &mut sources);
    if let Ok(bytes) = std::fs::read(dir.join(".terraform/terraform.tfstate")) {
        if let Ok(Some(recorded)) = orbis_state::backend::parse_init_record(&bytes) {
            match &mut config {
                // The record is what init used: its values win over the block's literals.
                Some(c) if c.kind == recorded.kind => c.settings.extend(recorded.settings),
                // The code names another backend than init used: the code is what the next
                // `terraform init` will use, so the record is stale; keep the code's.
                Some(_) => {}
                None => config = Some(recorded),
            }
            sources.push(".terraform/terraform.tfstate".to_string());
        }
    }
    let config = config.filter(|c| c.kind != "local")?;
    let workspace = tf_workspace
        .map(str::to_string)
        .or_else(|| {
            std::fs::read_to_string(dir.join(".terraform/environment"))
                .ok()
                .map(|s| s.trim().to_string())
        })
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "default".to_string());
    Some(Detected {
        config,
        workspace,
        sources,
    })
}

/// The `backend` (or HCP Terraform `cloud`) block of the `.tf` files directly in `dir`.
fn from_code(dir: &Path, sources: &mut Vec<String>) -> Option<BackendConfig> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf") && p.is_file())
        .collect();
    files.sort();
    for path in files {
        let file = orbis_hcl::parse_file(&path);
        for terraform in file.blocks_of("terraform") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if let Some(backend) = terraform.body.block("backend") {
                let mut config = BackendConfig::new(backend.label(0).unwrap_or(""));
                settings(&backend.body, "", &mut config);
                sources.push(name);
                return Some(config);
            }
            if let Some(cloud) = terraform.body.block("cloud") {
                let mut config = BackendConfig::new("cloud");
                settings(&cloud.body, "", &mut config);
                sources.push(name);
                return Some(config);
            }
        }
    }
    None
}

/// Literal attributes (and nested blocks/objects such as `endpoints`) into the config.
fn settings(body: &Body, prefix: &str, config: &mut BackendConfig) {
    for attr in &body.attributes {
        // References and function calls are not allowed in backend blocks; skip them.
        if matches!(attr.expr.kind, ExprKind::Invalid) {
            continue;
        }
        let value = orbis_hcl::eval_static(&attr.expr);
        if !value.is_known() || value.is_null() {
            continue;
        }
        let json = value.to_json();
        let key = format!("{prefix}{}", attr.name.name);
        match json {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    config.set(&format!("{key}.{k}"), &v);
                }
            }
            other => config.set(&key, &other),
        }
    }
    for block in &body.blocks {
        settings(
            &block.body,
            &format!("{prefix}{}.", block.kind.name),
            config,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_init_record_overrides_the_block_and_the_workspace_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("backend.tf"),
            r#"terraform {
  backend "s3" {
    bucket = "from-code"
    key    = "app.tfstate"
    region = "eu-west-1"
    endpoints = { s3 = "http://127.0.0.1:1" }
    secret_key = "never-kept"
  }
}"#,
        )
        .unwrap();
        let found = detect(d, None).unwrap();
        assert_eq!(found.config.kind, "s3");
        assert_eq!(found.config.get("bucket"), Some("from-code"));
        assert_eq!(found.config.get("endpoints.s3"), Some("http://127.0.0.1:1"));
        assert!(!format!("{found:?}").contains("never-kept"));
        assert_eq!(found.workspace, "default");
        assert_eq!(found.sources, ["backend.tf"]);

        std::fs::create_dir(d.join(".terraform")).unwrap();
        std::fs::write(
            d.join(".terraform/terraform.tfstate"),
            r#"{"version":3,"backend":{"type":"s3","config":{"bucket":"from-init","key":null}}}"#,
        )
        .unwrap();
        std::fs::write(d.join(".terraform/environment"), "prod").unwrap();
        let found = detect(d, None).unwrap();
        assert_eq!(found.config.get("bucket"), Some("from-init"));
        assert_eq!(found.config.get("key"), Some("app.tfstate"));
        assert_eq!(found.workspace, "prod");
        assert_eq!(detect(d, Some("staging")).unwrap().workspace, "staging");
    }

    #[test]
    fn local_and_missing_backends_are_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(detect(dir.path(), None).is_none());
        std::fs::write(
            dir.path().join("main.tf"),
            "terraform {\n  backend \"local\" {\n    path = \"x.tfstate\"\n  }\n}\n",
        )
        .unwrap();
        assert!(detect(dir.path(), None).is_none());
        std::fs::write(
            dir.path().join("main.tf"),
            "terraform {\n  cloud {\n    organization = \"acme\"\n  }\n}\n",
        )
        .unwrap();
        assert_eq!(detect(dir.path(), None).unwrap().config.kind, "cloud");
        std::fs::write(
            dir.path().join("main.tf"),
            "terraform {\n  cloud {\n    organization = \"acme\"\n    hostname = \"tfe.example\"\n    token = \"never-kept\"\n    workspaces {\n      name = \"net\"\n    }\n  }\n}\n",
        )
        .unwrap();
        let found = detect(dir.path(), None).unwrap();
        assert_eq!(found.config.get("organization"), Some("acme"));
        assert_eq!(found.config.get("workspaces.name"), Some("net"));
        assert_eq!(found.config.get("hostname"), Some("tfe.example"));
        assert!(!format!("{found:?}").contains("never-kept"));
    }
}
