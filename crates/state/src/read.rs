//! Entry points: bytes (from a file, `state pull`, or later a remote backend) → [`State`].
//! Detection is by shape, not by file name, so bytes from anywhere parse the same way.

use crate::encrypted::{self, Passphrase};
use crate::model::State;
use crate::{show_json, v3, v4, StateError};
use serde_json::Value;
use std::path::Path;

/// Larger inputs are refused before reading: far above any real state (the largest public
/// ones are tens of MB) and keeps memory bounded (the JSON tree costs ~5x the file size).
pub const MAX_STATE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a state file. `passphrase` is only used when the file is an OpenTofu encrypted state.
pub fn read_file(path: &Path, passphrase: Option<&Passphrase>) -> Result<State, StateError> {
    let what = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_error(&what, &e))?;
    if meta.is_dir() {
        return Err(StateError::new(
            "state.is_directory",
            format!("{what} is a folder"),
            "pass the state file itself, e.g. DIR/terraform.tfstate",
        ));
    }
    if meta.len() > MAX_STATE_BYTES {
        return Err(too_large(&what, meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(&what, &e))?;
    read_bytes(&bytes, &what, passphrase)
}

/// Reads a state from bytes; `label` names the source in errors.
pub fn read_bytes(
    bytes: &[u8],
    label: &str,
    passphrase: Option<&Passphrase>,
) -> Result<State, StateError> {
    let doc = parse_json(bytes, label)?;
    if encrypted::is_envelope(&doc) {
        let plain = encrypted::decrypt(&doc, label, passphrase)?;
        let inner = parse_json(&plain, label)?;
        if encrypted::is_envelope(&inner) {
            return Err(StateError::new(
                "state.unexpected_shape",
                format!("{label} decrypts to another encrypted envelope"),
                "this is not a state OpenTofu writes; check the file",
            ));
        }
        let mut state = from_document(inner, label)?;
        state.encrypted = true;
        return Ok(state);
    }
    from_document(doc, label)
}

fn from_document(doc: Value, label: &str) -> Result<State, StateError> {
    let Value::Object(map) = doc else {
        return Err(StateError::new(
            "state.unexpected_shape",
            format!("{label} is JSON but not an object"),
            "pass a terraform.tfstate or `terraform show -json` output",
        ));
    };
    if map.contains_key("values")
        || (map.contains_key("format_version") && !map.contains_key("version"))
    {
        if map.contains_key("planned_values") || map.contains_key("resource_changes") {
            return Err(StateError::new(
                "state.is_plan",
                format!("{label} is a plan, not a state"),
                "use `orbis plan review` for plans, or pass `terraform show -json` of the state \
                 (without a plan file)",
            ));
        }
        return show_json::read(map, label);
    }
    match map.get("version").and_then(Value::as_u64) {
        Some(4) => v4::read(map, label),
        Some(3) => v3::read(map, label),
        Some(v) => Err(StateError::new(
            "state.unsupported_version",
            format!("{label} is a state of version {v}; versions 3 and 4 are supported"),
            "states older than version 3 come from Terraform before 0.7: run `terraform \
             refresh` with Terraform 0.11 once to upgrade it, or pass `terraform show -json`",
        )),
        None => Err(StateError::new(
            "state.unexpected_shape",
            format!("{label} has no `version` field: it is not a Terraform state"),
            "pass a terraform.tfstate, `terraform state pull` output or `terraform show -json` \
             output of a state",
        )),
    }
}

fn parse_json(bytes: &[u8], label: &str) -> Result<Value, StateError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(StateError::new(
            "state.empty",
            format!("{label} is empty"),
            "an empty state file means nothing was ever applied (or the write failed); \
             use `terraform state pull` to get the current state",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(StateError::new(
            "state.binary_planfile",
            format!("{label} is a zip archive (a saved plan file), not a state"),
            "read a state file, or the plan's JSON with `terraform show -json PLANFILE` and \
             `orbis plan review`",
        ));
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(StateError::new(
            "state.not_utf8",
            format!(
                "{label} is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
            "Terraform states are UTF-8 JSON; the file is binary or damaged. A saved plan file \
             (zip) is not a state: use `terraform show -json` to read one",
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| StateError::from_json(&e, label))
}

fn io_error(what: &str, e: &std::io::Error) -> StateError {
    StateError::new(
        "state.io",
        format!("cannot read {what}: {e}"),
        "check the path and that you may read the file",
    )
}

fn too_large(what: &str, len: u64) -> StateError {
    StateError::new(
        "state.too_large",
        format!(
            "{what} is {} MB, over the {} MB limit",
            len >> 20,
            MAX_STATE_BYTES >> 20
        ),
        "split the workspace, or read a smaller `terraform show -json` extract",
    )
}

/// `module.a.aws_x.n[0]` from its parts; used by every reader so addresses agree.
pub(crate) fn address(
    module: Option<&str>,
    data: bool,
    rtype: &str,
    name: &str,
    index: Option<&Value>,
) -> String {
    let mut s = String::new();
    if let Some(m) = module.filter(|m| !m.is_empty()) {
        s.push_str(m);
        s.push('.');
    }
    if data {
        s.push_str("data.");
    }
    s.push_str(rtype);
    s.push('.');
    s.push_str(name);
    match index {
        Some(Value::Number(n)) => s.push_str(&format!("[{n}]")),
        Some(Value::String(k)) => s.push_str(&format!("[{k:?}]")),
        _ => {}
    }
    s
}

/// The `id` attribute as a string (numbers happen in some providers).
pub(crate) fn id_of(attributes: &Value) -> Option<String> {
    match attributes.get("id")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}
