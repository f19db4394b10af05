//! Where a remote state lives, computed from a backend's settings exactly as Terraform does —
//! without any network: the cloud crate fetches, this module only names objects and parses.
//!
//! Settings come from the `terraform { backend "TYPE" { … } }` block, `-backend-config` files
//! and the record `terraform init` leaves in `.terraform/terraform.tfstate`
//! ([`parse_init_record`]); the caller merges them into one [`BackendConfig`]. Only the
//! settings needed to *find* the state are kept: credentials written into a backend block
//! (`access_key`, `secret_key`, `token`, `password`…) are never copied out of the record.

pub use crate::cloud_locations::{
    azurerm_location, gcs_location, tfe_location, AzureLocation, GcsLocation, TfeLocation,
};
use crate::StateError;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Settings that name where a state is; everything else in a backend block is ignored here.
/// Passwords are read by the fetcher from the environment or the keychain, never from here.
const KEPT: &[&str] = &[
    // s3
    "bucket",
    "key",
    "region",
    "dynamodb_table",
    "use_lockfile",
    "workspace_key_prefix",
    "profile",
    "endpoint",
    "dynamodb_endpoint",
    "use_path_style",
    "force_path_style",
    "endpoints.s3",
    "endpoints.dynamodb",
    // http
    "address",
    "lock_address",
    "unlock_address",
    "username",
    "skip_cert_verification",
    // azurerm (`key` above)
    "storage_account_name",
    "container_name",
    "environment",
    // gcs (`bucket` above)
    "prefix",
    "storage_custom_endpoint",
    // remote / cloud (HCP Terraform, Terraform Enterprise)
    "hostname",
    "organization",
    "workspaces.name",
    "workspaces.prefix",
];

/// A backend's type and the location settings of [`KEPT`] (nested `endpoints { s3 }` flattened
/// to `endpoints.s3`), all as strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BackendConfig {
    /// `s3`, `http`, `gcs`, `azurerm`, `remote`, `local`…
    pub kind: String,
    pub settings: BTreeMap<String, String>,
}

impl BackendConfig {
    pub fn new(kind: &str) -> Self {
        Self {
            kind: kind.to_string(),
            settings: BTreeMap::new(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.settings
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub(crate) fn flag(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| v == "true")
    }

    /// Sets `key` when it is one of the kept location settings (others are dropped silently:
    /// they may be credentials).
    pub fn set(&mut self, key: &str, value: &Value) {
        if !KEPT.contains(&key) {
            return;
        }
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            _ => return,
        };
        self.settings.insert(key.to_string(), text);
    }

    /// Sets every kept setting of a JSON object (nested objects one level deep, as
    /// `endpoints = { s3 = … }`; a nested block recorded as a one-element list, as the
    /// `remote` backend's `workspaces`, counts as that object).
    pub fn set_all(&mut self, object: &serde_json::Map<String, Value>) {
        for (k, v) in object {
            let v = match v {
                Value::Array(items) if items.len() == 1 && items[0].is_object() => &items[0],
                other => other,
            };
            match v {
                Value::Object(inner) => {
                    for (ik, iv) in inner {
                        self.set(&format!("{k}.{ik}"), iv);
                    }
                }
                other => self.set(k, other),
            }
        }
    }
}

/// The backend `terraform init` recorded in `.terraform/terraform.tfstate` (its merged
/// configuration, `-backend-config` values included), or None for a local/absent backend.
pub fn parse_init_record(bytes: &[u8]) -> Result<Option<BackendConfig>, StateError> {
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| {
        StateError::new(
            "state.backend_record_invalid",
            format!(".terraform/terraform.tfstate is not valid JSON: {e}"),
            "run `terraform init` again to rewrite the backend record",
        )
    })?;
    let Some(backend) = doc.get("backend").filter(|b| b.is_object()) else {
        return Ok(None);
    };
    let Some(kind) = backend.get("type").and_then(Value::as_str) else {
        return Ok(None);
    };
    let mut config = BackendConfig::new(kind);
    if let Some(Value::Object(settings)) = backend.get("config") {
        config.set_all(settings);
    }
    Ok(Some(config))
}

/// An S3 backend's state object and locks for one Terraform workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct S3Location {
    pub bucket: String,
    /// The object key of this workspace's state (`env:/<ws>/<key>` outside `default`).
    pub state_key: String,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub dynamodb_table: Option<String>,
    /// The DynamoDB item holding the lock: `<bucket>/<state_key>`.
    pub lock_id: String,
    /// S3-native lock (terraform 1.10+ `use_lockfile`): `<state_key>.tflock`.
    pub lockfile_key: Option<String>,
    pub s3_endpoint: Option<String>,
    pub dynamodb_endpoint: Option<String>,
    pub path_style: bool,
    pub workspace: String,
}

impl S3Location {
    /// `s3://bucket/key`, for titles and messages.
    pub fn url(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.state_key)
    }
}

/// Resolves an `s3` backend for `workspace`, as Terraform's S3 backend names objects: the
/// default workspace at `key`, others at `<workspace_key_prefix>/<workspace>/<key>`
/// (prefix `env:` unless set).
pub fn s3_location(config: &BackendConfig, workspace: &str) -> Result<S3Location, StateError> {
    let missing = |what: &str| {
        StateError::new(
            "state.backend_incomplete",
            format!("the s3 backend has no `{what}`"),
            "set it in the backend block or a -backend-config file, or run `terraform init` so \
             .terraform/terraform.tfstate records it",
        )
    };
    let bucket = config.get("bucket").ok_or_else(|| missing("bucket"))?;
    let key = config.get("key").ok_or_else(|| missing("key"))?;
    let workspace = if workspace.is_empty() {
        "default"
    } else {
        workspace
    };
    let state_key = if workspace == "default" {
        key.to_string()
    } else {
        let prefix = config.get("workspace_key_prefix").unwrap_or("env:");
        format!("{prefix}/{workspace}/{key}")
    };
    let dynamodb_table = config.get("dynamodb_table").map(str::to_string);
    Ok(S3Location {
        bucket: bucket.to_string(),
        lock_id: format!("{bucket}/{state_key}"),
        lockfile_key: config
            .flag("use_lockfile")
            .then(|| format!("{state_key}.tflock")),
        state_key,
        region: config.get("region").map(str::to_string),
        profile: config.get("profile").map(str::to_string),
        dynamodb_table,
        s3_endpoint: config
            .get("endpoints.s3")
            .or_else(|| config.get("endpoint"))
            .map(str::to_string),
        dynamodb_endpoint: config
            .get("endpoints.dynamodb")
            .or_else(|| config.get("dynamodb_endpoint"))
            .map(str::to_string),
        path_style: config.flag("use_path_style") || config.flag("force_path_style"),
        workspace: workspace.to_string(),
    })
}

/// An `http` backend's addresses (the password is never part of the configuration kept here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpLocation {
    pub address: String,
    pub lock_address: Option<String>,
    pub username: Option<String>,
    pub skip_cert_verification: bool,
}

pub fn http_location(config: &BackendConfig) -> Result<HttpLocation, StateError> {
    let address = config.get("address").ok_or_else(|| {
        StateError::new(
            "state.backend_incomplete",
            "the http backend has no `address`",
            "set it in the backend block, a -backend-config file or TF_HTTP_ADDRESS",
        )
    })?;
    Ok(HttpLocation {
        address: address.to_string(),
        lock_address: config.get("lock_address").map(str::to_string),
        username: config.get("username").map(str::to_string),
        skip_cert_verification: config.flag("skip_cert_verification"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s3(settings: Value) -> BackendConfig {
        let mut c = BackendConfig::new("s3");
        c.set_all(settings.as_object().unwrap());
        c
    }

    #[test]
    fn default_and_named_workspaces_follow_terraform_key_rules() {
        let c = s3(json!({"bucket": "b", "key": "app/terraform.tfstate", "dynamodb_table": "t"}));
        let d = s3_location(&c, "default").unwrap();
        assert_eq!(d.state_key, "app/terraform.tfstate");
        assert_eq!(d.lock_id, "b/app/terraform.tfstate");
        assert_eq!(d.url(), "s3://b/app/terraform.tfstate");
        assert_eq!(d.lockfile_key, None);
        let p = s3_location(&c, "prod").unwrap();
        assert_eq!(p.state_key, "env:/prod/app/terraform.tfstate");
        assert_eq!(p.lock_id, "b/env:/prod/app/terraform.tfstate");
        let c = s3(
            json!({"bucket": "b", "key": "k", "workspace_key_prefix": "ws",
                          "use_lockfile": true}),
        );
        let p = s3_location(&c, "dev").unwrap();
        assert_eq!(p.state_key, "ws/dev/k");
        assert_eq!(p.lockfile_key.as_deref(), Some("ws/dev/k.tflock"));
    }

    #[test]
    fn credentials_in_the_init_record_are_never_kept() {
        let record = json!({"version": 3, "backend": {"type": "s3", "config": {
            "bucket": "b", "key": "k", "access_key": "AKIAEXAMPLE", "secret_key": "s3cr3t",
            "token": "tok", "region": "eu-west-1", "use_path_style": true,
            "endpoints": {"s3": "http://127.0.0.1:1", "dynamodb": null, "sts": "x"}}}});
        let c = parse_init_record(record.to_string().as_bytes())
            .unwrap()
            .unwrap();
        assert_eq!(c.kind, "s3");
        let all = format!("{c:?}");
        for secret in ["AKIAEXAMPLE", "s3cr3t", "tok\""] {
            assert!(!all.contains(secret), "{secret} kept: {all}");
        }
        let l = s3_location(&c, "default").unwrap();
        assert_eq!(l.s3_endpoint.as_deref(), Some("http://127.0.0.1:1"));
        assert_eq!(l.dynamodb_endpoint, None);
        assert!(l.path_style);
        assert_eq!(l.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn missing_settings_and_local_records_are_named() {
        let e = s3_location(&s3(json!({"bucket": "b"})), "default").unwrap_err();
        assert_eq!(e.code, "state.backend_incomplete");
        assert!(e.message.contains("`key`"));
        assert_eq!(
            parse_init_record(br#"{"version":3,"backend":null}"#).unwrap(),
            None
        );
        assert!(parse_init_record(b"{oops").is_err());
        let e = http_location(&BackendConfig::new("http")).unwrap_err();
        assert!(e.message.contains("address"));
    }
}
