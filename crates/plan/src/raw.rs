//! The on-disk shapes, deserialized straight from the JSON bytes. Big attribute trees stay
//! `Box<RawValue>` (their JSON text, copied once) so a 100 MB plan is never expanded into a
//! `serde_json::Value` tree; only trees carrying sensitive markers are parsed, redacted and
//! written back. The same structs serialize the redacted document for policies.
//!
//! Fields unknown to these structs are skipped on load and absent from the redacted document.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

pub type Raw = Box<RawValue>;

/// Union of every supported document kind; which fields are present tells the kind.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RawDocument {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_format_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_format_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terraform_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variables: Option<BTreeMap<String, RawVariable>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_values: Option<RawValues>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_drift: Option<Vec<RawResourceChange>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_changes: Option<Vec<RawResourceChange>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deferred_changes: Option<Vec<RawDeferredChange>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_changes: Option<BTreeMap<String, RawChange>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prior_state: Option<RawStateDocument>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration: Option<Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relevant_attributes: Option<Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checks: Option<Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errored: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applyable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete: Option<bool>,
    /// `show -json` of a state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<RawValues>,
    /// Raw `.tfstate`: `version` (1…4) and, by version, `resources` or `modules`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lineage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modules: Option<Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Raw>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RawVariable {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Raw>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RawStateDocument {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terraform_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<RawValues>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RawValues {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<BTreeMap<String, RawOutputValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_module: Option<RawModule>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RawOutputValue {
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Raw>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<Raw>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RawModule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default)]
    pub resources: Vec<RawStateResource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_modules: Vec<RawModule>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RawStateResource {
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub mode: String,
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<Raw>,
    #[serde(default)]
    pub provider_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<serde_json::Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Raw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive_values: Option<Raw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tainted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposed_key: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RawResourceChange {
    #[serde(default)]
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module_address: Option<String>,
    #[serde(default)]
    pub mode: String,
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<Raw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposed: Option<String>,
    #[serde(default)]
    pub provider_name: String,
    #[serde(default)]
    pub change: RawChange,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RawChange {
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Raw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Raw>,
    #[serde(
        default,
        deserialize_with = "only_if_true",
        skip_serializing_if = "Option::is_none"
    )]
    pub after_unknown: Option<Raw>,
    #[serde(
        default,
        deserialize_with = "only_if_true",
        skip_serializing_if = "Option::is_none"
    )]
    pub before_sensitive: Option<Raw>,
    #[serde(
        default,
        deserialize_with = "only_if_true",
        skip_serializing_if = "Option::is_none"
    )]
    pub after_sensitive: Option<Raw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_paths: Option<Raw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importing: Option<RawImporting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_config: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RawImporting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RawDeferredChange {
    #[serde(default)]
    pub reason: String,
    pub resource_change: RawResourceChange,
}

/// Keeps a mask (`after_unknown`, `*_sensitive`) only when it marks something: most are
/// `{}`/`false`/all-false, and a 100 MB plan holds hundreds of thousands of them. Borrows
/// the input while deciding (documents are always parsed from a slice).
fn only_if_true<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Raw>, D::Error> {
    let raw: Option<&'de RawValue> = Option::deserialize(d)?;
    Ok(raw
        .filter(|r| r.get().contains("true"))
        .map(RawValue::to_owned))
}
