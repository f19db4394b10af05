//! `terraform show -json` of a state: `values.root_module` with nested `child_modules`, each
//! resource with `values` and a `sensitive_values` mirror tree.

use crate::model::{Instance, Mode, State, StateFormat};
use crate::read::{address, id_of, strings};
use crate::redact::{marked_paths, redact_marked};
use crate::v4::outputs;
use crate::StateError;
use serde_json::{Map, Value};

pub fn read(mut doc: Map<String, Value>, _label: &str) -> Result<State, StateError> {
    let mut redacted = 0;
    let mut instances = Vec::new();
    let mut values = doc.remove("values").unwrap_or(Value::Null);
    if let Some(root) = values.get_mut("root_module") {
        walk(root.take(), &mut instances, &mut redacted);
    }
    let outputs = outputs(values.get("outputs"), &mut redacted);
    Ok(State {
        format: StateFormat::ShowJson,
        version: doc
            .get("format_version")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        terraform_version: doc
            .get("terraform_version")
            .and_then(Value::as_str)
            .map(str::to_string),
        serial: None,
        lineage: None,
        encrypted: false,
        instances,
        outputs,
        redacted_values: redacted,
    })
}

fn walk(mut module: Value, out: &mut Vec<Instance>, redacted: &mut usize) {
    let module_addr = module
        .get("address")
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(Value::Array(resources)) = module.get_mut("resources").map(Value::take) {
        for r in resources {
            out.push(instance(r, module_addr.clone(), redacted));
        }
    }
    if let Some(Value::Array(children)) = module.get_mut("child_modules").map(Value::take) {
        for child in children {
            walk(child, out, redacted);
        }
    }
}

fn instance(mut r: Value, module: Option<String>, redacted: &mut usize) -> Instance {
    let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let (rtype, name) = (s("type"), s("name"));
    let mode = if s("mode") == "data" {
        Mode::Data
    } else {
        Mode::Managed
    };
    let index = r.get("index").cloned();
    let addr = match s("address") {
        a if !a.is_empty() => a,
        _ => address(
            module.as_deref(),
            mode == Mode::Data,
            &rtype,
            &name,
            index.as_ref(),
        ),
    };
    let provider = s("provider_name");
    let deposed = r
        .get("deposed_key")
        .and_then(Value::as_str)
        .map(str::to_string);
    let dependencies = strings(r.get("depends_on"));
    let marks = r.get("sensitive_values").cloned().unwrap_or(Value::Null);
    let mut attributes = r
        .get_mut("values")
        .map(Value::take)
        .unwrap_or(Value::Object(Map::new()));
    *redacted += redact_marked(&mut attributes, &marks);
    Instance {
        address: addr,
        module,
        mode,
        resource_type: rtype,
        name,
        index,
        deposed,
        provider,
        id: id_of(&attributes),
        attributes,
        sensitive_paths: marked_paths(&marks),
        dependencies,
    }
}
