//! The drift corpus harness shared by the drift crate's corpus test and the cloud crate's
//! live-types test (included by `#[path]`): where the corpus is, driftctl's reading of a state
//! case as a State, and the classification sets compared with INDEX.json.

#![allow(dead_code)]

use orbis_drift::{scan, DriftIgnore, ScanInput, Status};
use orbis_state::{Instance, Mode, State, StateFormat};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub fn drift_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/drift")
}

/// A resource by type and id.
pub type Key = (String, String);

/// driftctl's own reading of a state case (`results.golden.json`: `[{"Id","Type","Attrs"}]`),
/// as a State: the state side the derived `changed` classification was computed from.
pub fn golden_state(path: &Path) -> State {
    let items: Vec<Value> =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap_or_default();
    let instances = items
        .into_iter()
        .enumerate()
        .map(|(n, r)| Instance {
            address: format!("{}.r{n}", r["Type"].as_str().unwrap_or("")),
            module: None,
            mode: Mode::Managed,
            resource_type: r["Type"].as_str().unwrap_or("").to_string(),
            name: format!("r{n}"),
            index: None,
            deposed: None,
            provider: String::new(),
            id: r["Id"].as_str().map(str::to_string),
            attributes: r["Attrs"].clone(),
            sensitive_paths: Vec::new(),
            dependencies: Vec::new(),
        })
        .collect();
    State {
        format: StateFormat::V4,
        version: "4".into(),
        terraform_version: None,
        serial: None,
        lineage: None,
        encrypted: false,
        instances,
        outputs: Vec::new(),
        redacted_values: 0,
    }
}

pub fn keys(v: &Value) -> BTreeSet<Key> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            (
                r["type"].as_str().unwrap_or("").to_string(),
                r["id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

pub fn classify(
    states: &[State],
    inventory: &orbis_drift::Inventory,
    strict: bool,
) -> orbis_drift::DriftReport {
    scan(ScanInput {
        states: states.iter().collect(),
        inventory: Some(inventory),
        refresh_only: None,
        ignore: DriftIgnore::default(),
        warnings: Vec::new(),
        strict,
    })
}

pub fn with(report: &orbis_drift::DriftReport, s: &[Status]) -> BTreeSet<Key> {
    report
        .resources
        .iter()
        .filter(|r| s.contains(&r.status))
        .map(|r| (r.resource_type.clone(), r.id.clone()))
        .collect()
}
