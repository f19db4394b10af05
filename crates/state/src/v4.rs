//! `terraform.tfstate` version 4: `resources[]` each with `instances[]`. Sensitive paths come
//! from `sensitive_attributes`; provider `private` blobs are never read (opaque, may be secret).

use crate::flatmap;
use crate::model::{Instance, Mode, Output, State, StateFormat};
use crate::read::{address, id_of, strings};
use crate::redact::{path_string, redact_path, v4_paths, REDACTED};
use crate::StateError;
use serde_json::{Map, Value};

pub fn read(mut doc: Map<String, Value>, label: &str) -> Result<State, StateError> {
    let mut redacted = 0;
    let mut instances = Vec::new();
    let resources = match doc.remove("resources") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(shape(label, "`resources` is not a list")),
    };
    for r in resources {
        let Value::Object(mut r) = r else {
            return Err(shape(label, "a resource is not an object"));
        };
        let s =
            |r: &Map<String, Value>, k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
        let rtype = s(&r, "type").ok_or_else(|| shape(label, "a resource has no `type`"))?;
        let name = s(&r, "name").ok_or_else(|| shape(label, "a resource has no `name`"))?;
        let module = s(&r, "module").filter(|m| !m.is_empty());
        let mode = if s(&r, "mode").as_deref() == Some("data") {
            Mode::Data
        } else {
            Mode::Managed
        };
        let provider = s(&r, "provider").unwrap_or_default();
        let list = match r.remove("instances") {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        for inst in list {
            let Value::Object(mut inst) = inst else {
                return Err(shape(label, "a resource instance is not an object"));
            };
            let index = inst.remove("index_key");
            let mut attributes = match inst.remove("attributes") {
                Some(v @ Value::Object(_)) => v,
                // States upgraded from 0.11 may keep the flat-map form until the next refresh.
                _ => match inst.get("attributes_flat") {
                    Some(Value::Object(flat)) => flatmap::unflatten(flat),
                    _ => Value::Object(Map::new()),
                },
            };
            let mut sensitive_paths = Vec::new();
            if let Some(marks) = inst.get("sensitive_attributes") {
                for steps in v4_paths(marks) {
                    redacted += redact_path(&mut attributes, &steps);
                    sensitive_paths.push(path_string(&steps));
                }
                // A marker we cannot read must not leak its value: hide every attribute.
                if marks.as_array().is_some_and(|a| !a.is_empty()) && sensitive_paths.is_empty() {
                    redacted += redact_all(&mut attributes);
                }
            }
            let id = id_of(&attributes);
            instances.push(Instance {
                address: address(
                    module.as_deref(),
                    mode == Mode::Data,
                    &rtype,
                    &name,
                    index.as_ref(),
                ),
                module: module.clone(),
                mode,
                resource_type: rtype.clone(),
                name: name.clone(),
                index,
                deposed: inst
                    .get("deposed")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                provider: provider.clone(),
                id,
                attributes,
                sensitive_paths,
                dependencies: strings(inst.get("dependencies")),
            });
        }
    }
    let outputs = outputs(doc.get("outputs"), &mut redacted);
    Ok(State {
        format: StateFormat::V4,
        version: "4".into(),
        terraform_version: doc
            .get("terraform_version")
            .and_then(Value::as_str)
            .map(str::to_string),
        serial: doc.get("serial").and_then(Value::as_u64),
        lineage: doc
            .get("lineage")
            .and_then(Value::as_str)
            .map(str::to_string),
        encrypted: false,
        instances,
        outputs,
        redacted_values: redacted,
    })
}

/// `{"name": {"value", "type", "sensitive"}}` — shared with show-json (same shape).
pub(crate) fn outputs(v: Option<&Value>, redacted: &mut usize) -> Vec<Output> {
    let mut out: Vec<Output> = v
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, o)| {
            let sensitive = o.get("sensitive").and_then(Value::as_bool) == Some(true);
            if sensitive {
                *redacted += 1;
            }
            Output {
                name: name.clone(),
                value: (!sensitive).then(|| o.get("value").cloned().unwrap_or(Value::Null)),
                sensitive,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn redact_all(attrs: &mut Value) -> usize {
    let mut n = 0;
    if let Value::Object(m) = attrs {
        for (k, v) in m.iter_mut() {
            if k != "id" && !v.is_null() {
                *v = Value::String(REDACTED.into());
                n += 1;
            }
        }
    }
    n
}

fn shape(label: &str, what: &str) -> StateError {
    StateError::new(
        "state.unexpected_shape",
        format!("{label}: {what}"),
        "the state was edited or damaged; use `terraform state pull` to get an intact copy",
    )
}
