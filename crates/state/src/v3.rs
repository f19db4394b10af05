//! `terraform.tfstate` version 3 (Terraform 0.7–0.11): `modules[]` with a `path`, resources
//! keyed `type.name[.index]` / `data.type.name[.index]`, flat-map attributes. v3 marks only
//! outputs as sensitive; resource attributes carry no sensitivity markers.

use crate::flatmap::unflatten;
use crate::model::{Instance, Mode, State, StateFormat};
use crate::read::{address, id_of, strings};
use crate::v4::outputs;
use crate::StateError;
use serde_json::{Map, Value};

pub fn read(doc: Map<String, Value>, label: &str) -> Result<State, StateError> {
    let mut redacted = 0;
    let mut instances = Vec::new();
    let mut root_outputs = Vec::new();
    for m in doc
        .get("modules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let path = strings(m.get("path"));
        let module: Vec<String> = path.iter().skip(1).map(|p| format!("module.{p}")).collect();
        let module = (!module.is_empty()).then(|| module.join("."));
        if module.is_none() {
            root_outputs = outputs(m.get("outputs"), &mut redacted);
        }
        let Some(resources) = m.get("resources").and_then(Value::as_object) else {
            continue;
        };
        for (key, r) in resources {
            let Some((mode, rtype, name, index)) = split_key(key) else {
                return Err(StateError::new(
                    "state.unexpected_shape",
                    format!("{label}: resource key `{key}` is not `type.name[.index]`"),
                    "the state was edited or damaged; use `terraform state pull`",
                ));
            };
            let primary = r.get("primary");
            let attributes = match primary
                .and_then(|p| p.get("attributes"))
                .and_then(Value::as_object)
            {
                Some(flat) => unflatten(flat),
                None => Value::Object(Map::new()),
            };
            let id = primary
                .and_then(|p| p.get("id"))
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .or_else(|| id_of(&attributes));
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
                name,
                index,
                deposed: None,
                provider: r
                    .get("provider")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                id,
                attributes,
                sensitive_paths: Vec::new(),
                dependencies: strings(r.get("depends_on")),
                resource_type: r
                    .get("type")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or(rtype),
            });
        }
    }
    Ok(State {
        format: StateFormat::V3,
        version: "3".into(),
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
        outputs: root_outputs,
        redacted_values: redacted,
    })
}

/// `aws_instance.web`, `aws_instance.web.2`, `data.aws_ami.x`, `data.aws_ami.x.0`.
fn split_key(key: &str) -> Option<(Mode, String, String, Option<Value>)> {
    let (mode, rest) = match key.strip_prefix("data.") {
        Some(r) => (Mode::Data, r),
        None => (Mode::Managed, key),
    };
    let mut parts = rest.split('.');
    let rtype = parts.next().filter(|s| !s.is_empty())?.to_string();
    let name = parts.next().filter(|s| !s.is_empty())?.to_string();
    let index = match parts.next() {
        Some(i) => Some(Value::from(i.parse::<u64>().ok()?)),
        None => None,
    };
    parts.next().is_none().then_some((mode, rtype, name, index))
}
