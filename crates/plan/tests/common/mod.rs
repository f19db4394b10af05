//! Shared test helpers: the corpora location and the INDEX.json of the plan corpus.
#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;

pub fn corpora() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora")
}

pub fn plans_dir() -> PathBuf {
    corpora().join("plans")
}

pub fn index() -> Value {
    let text = std::fs::read_to_string(plans_dir().join("INDEX.json"))
        .expect("corpora/plans/INDEX.json is readable");
    serde_json::from_str(&text).expect("INDEX.json is JSON")
}

/// Entries of INDEX.json `plans[]` with the given kind.
pub fn plan_entries(kind: &str) -> Vec<Value> {
    index()["plans"]
        .as_array()
        .expect("plans[]")
        .iter()
        .filter(|p| p["kind"] == kind)
        .cloned()
        .collect()
}

pub fn read(rel: &str) -> Vec<u8> {
    std::fs::read(plans_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}
