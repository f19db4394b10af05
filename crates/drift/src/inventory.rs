//! The live side of a drift scan: a snapshot of the resources that exist in the cloud.
//!
//! The snapshot format (what the cloud crate's live inventory produces, documented in
//! README.md):
//!
//! ```json
//! {"inventory_version": 1, "source": "aws:dev", "generated_at": "2026-11-27T14:00:00Z",
//!  "scanned_types": ["aws_instance"],
//!  "resources": [{"type": "aws_instance", "id": "i-0abc", "region": "eu-west-3",
//!                 "account": "123456789012", "attributes": {"instance_type": "t3.nano"},
//!                 "tags": {"Name": "web"}}]}
//! ```
//!
//! `scanned_types` says which types were enumerated: only those can be missing or unmanaged
//! (a scan of S3 buckets says nothing about instances). Absent, it is the types present.
//! Also accepted: driftctl's recorded cloud fixtures (`results.golden.json`, a bare list of
//! attribute maps of one resource type) with the type given or inferred from the recorded
//! `<type>-<id>.res.golden.json` files beside it.

use crate::DriftError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const INVENTORY_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Inventory {
    #[serde(default = "version")]
    pub inventory_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scanned_types: Vec<String>,
    pub resources: Vec<LiveResource>,
    /// Types (per region) the scan could not enumerate (access denied, throttled, service
    /// error). They are not in `scanned_types`, so nothing of them is reported missing or
    /// unmanaged; the report carries one warning each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scan_errors: Vec<ScanError>,
}

/// One resource type the live scan could not enumerate in one region.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScanError {
    #[serde(rename = "type")]
    pub resource_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The cloud crate's error code (`cloud.denied`, `cloud.timeout`…).
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub hint: String,
}

impl ScanError {
    /// The report's warning for it.
    pub fn warning(&self) -> String {
        format!(
            "{} was not scanned{}: {}{}",
            self.resource_type,
            self.region
                .as_deref()
                .map(|r| format!(" in {r}"))
                .unwrap_or_default(),
            self.message,
            if self.hint.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.hint)
            }
        )
    }
}

fn version() -> u32 {
    INVENTORY_VERSION
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LiveResource {
    #[serde(rename = "type")]
    pub resource_type: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Attributes as the provider's schema names them; only these are compared.
    #[serde(default)]
    pub attributes: Map<String, Value>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

impl Inventory {
    /// The types this inventory enumerated. Without `scanned_types`, the types present — unless
    /// the scan reported errors (then nothing was fully enumerated).
    pub fn covered_types(&self) -> BTreeSet<String> {
        if self.scanned_types.is_empty() && self.scan_errors.is_empty() {
            self.resources
                .iter()
                .map(|r| r.resource_type.clone())
                .collect()
        } else {
            self.scanned_types.iter().cloned().collect()
        }
    }
}

/// Reads an inventory file: the snapshot format, or a driftctl fixture (a JSON list).
/// `fixture_type` names the resource type of a fixture; without it the type is inferred.
pub fn load_file(
    path: &Path,
    fixture_type: Option<&str>,
) -> Result<(Inventory, Vec<String>), DriftError> {
    let bytes = std::fs::read(path).map_err(|e| {
        DriftError::new(
            "drift.inventory_io",
            format!("cannot read {}: {e}", path.display()),
            "check the path",
        )
    })?;
    let label = path.display().to_string();
    let doc: Value = serde_json::from_slice(&bytes).map_err(|e| {
        DriftError::new(
            "drift.inventory_invalid",
            format!("{label} is not valid JSON (line {} column {})", e.line(), e.column()),
            "pass an inventory snapshot (see `orbis drift --help`) or a driftctl results.golden.json",
        )
    })?;
    match doc {
        Value::Array(items) => {
            let rtype = match fixture_type {
                Some(t) => t.to_string(),
                None => infer_fixture_type(path).ok_or_else(|| {
                    DriftError::new(
                        "drift.inventory_type",
                        format!("{label} is a list of attribute maps without a resource type"),
                        "name the type with `--inventory-type TYPE` (e.g. aws_instance)",
                    )
                })?,
            };
            Ok(from_fixture(items, &rtype))
        }
        doc @ Value::Object(_) => {
            let inv: Inventory = serde_json::from_value(doc).map_err(|e| {
                DriftError::new(
                    "drift.inventory_invalid",
                    format!("{label} is not an inventory snapshot: {e}"),
                    "each resource needs at least `type` and `id`; see the format in `orbis drift --help`",
                )
            })?;
            if inv.inventory_version > INVENTORY_VERSION {
                return Err(DriftError::new(
                    "drift.inventory_version",
                    format!(
                        "{label} is inventory version {}; this build reads {INVENTORY_VERSION}",
                        inv.inventory_version
                    ),
                    "update TerraOrbis",
                ));
            }
            Ok((inv, Vec::new()))
        }
        _ => Err(DriftError::new(
            "drift.inventory_invalid",
            format!("{label} is neither an inventory snapshot nor a list of resources"),
            "pass an inventory snapshot or a driftctl results.golden.json",
        )),
    }
}

/// A driftctl cloud fixture: every entry is one resource's attributes; its id is `id`.
/// Entries without an id are skipped with a warning.
pub fn from_fixture(items: Vec<Value>, rtype: &str) -> (Inventory, Vec<String>) {
    let mut warnings = Vec::new();
    let mut resources = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        let Value::Object(attributes) = item else {
            warnings.push(format!("entry {n} is not an object; skipped"));
            continue;
        };
        let id = match attributes.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(x)) => x.to_string(),
            _ => {
                warnings.push(format!("entry {n} has no `id`; skipped"));
                continue;
            }
        };
        resources.push(LiveResource {
            resource_type: rtype.to_string(),
            id,
            region: None,
            account: None,
            attributes,
            tags: BTreeMap::new(),
        });
    }
    let inv = Inventory {
        inventory_version: INVENTORY_VERSION,
        source: Some("driftctl fixture".into()),
        generated_at: None,
        scanned_types: vec![rtype.to_string()],
        resources,
        scan_errors: Vec::new(),
    };
    (inv, warnings)
}

/// The type of a recorded fixture, from the `<type>-<id>.res.golden.json` files next to it
/// (resource types never contain `-`).
pub fn infer_fixture_type(path: &Path) -> Option<String> {
    let dir = path.parent()?;
    let mut types = BTreeSet::new();
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".res.golden.json") {
            if let Some((t, _)) = stem.split_once('-') {
                types.insert(t.to_string());
            }
        }
    }
    // Only when unambiguous.
    (types.len() == 1)
        .then(|| types.into_iter().next())
        .flatten()
}
