//! The state as every front end sees it: one entry per resource instance, attributes already
//! redacted. Built by `read` from any of the supported formats, so callers never care which.

use serde::Serialize;
use serde_json::Value;

/// Which document the state was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StateFormat {
    /// `terraform.tfstate` version 4 (Terraform 0.12+, OpenTofu).
    V4,
    /// `terraform.tfstate` version 3 (Terraform 0.7–0.11): flat-map attributes.
    V3,
    /// `terraform show -json` of a state.
    ShowJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Managed,
    Data,
}

/// One resource instance (`module.a.aws_instance.web[0]`).
#[derive(Debug, Clone, Serialize)]
pub struct Instance {
    /// Full instance address, with module path and index key.
    pub address: String,
    /// `module.a.module.b`, or None in the root module.
    pub module: Option<String>,
    pub mode: Mode,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub name: String,
    /// count index (number) or for_each key (string).
    pub index: Option<Value>,
    /// Deposed object key (create_before_destroy leftovers), None for the current object.
    pub deposed: Option<String>,
    /// Provider address as written in the state (`provider["hashicorp/aws"]`, `provider.aws`).
    pub provider: String,
    /// The `id` attribute (what cloud APIs and `import` blocks use), when present.
    pub id: Option<String>,
    /// Attribute tree with every sensitive value replaced by [`crate::REDACTED`].
    pub attributes: Value,
    /// Paths (`a.b[0]`) of attributes the state marks sensitive.
    pub sensitive_paths: Vec<String>,
    /// Addresses this instance depends on (v4 `dependencies`, v3 `depends_on`).
    pub dependencies: Vec<String>,
}

impl Instance {
    /// The value at a top-level attribute name, if present.
    pub fn attribute(&self, name: &str) -> Option<&Value> {
        self.attributes.get(name)
    }

    /// Is the top-level attribute (or anything below it) sensitive?
    pub fn is_sensitive(&self, name: &str) -> bool {
        self.sensitive_paths.iter().any(|p| {
            p == name
                || p.strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Output {
    pub name: String,
    /// None when the output is sensitive: the value is never kept.
    pub value: Option<Value>,
    pub sensitive: bool,
}

/// A read state. Never written back: this crate has no code path that writes a state.
#[derive(Debug, Clone, Serialize)]
pub struct State {
    pub format: StateFormat,
    /// Raw state version (3, 4) or the show-json `format_version`.
    pub version: String,
    pub terraform_version: Option<String>,
    pub serial: Option<u64>,
    pub lineage: Option<String>,
    /// True when the bytes were an OpenTofu encrypted state (decrypted in memory).
    pub encrypted: bool,
    pub instances: Vec<Instance>,
    pub outputs: Vec<Output>,
    /// How many values were redacted while reading.
    pub redacted_values: usize,
}

impl State {
    /// Managed (non-data) instances, current objects only: what exists in the cloud.
    pub fn managed(&self) -> impl Iterator<Item = &Instance> {
        self.instances
            .iter()
            .filter(|i| i.mode == Mode::Managed && i.deposed.is_none())
    }
}
