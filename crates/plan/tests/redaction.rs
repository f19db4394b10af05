//! Sensitive values never leave the loader. Unique canary strings are planted in the
//! sensitive places of every corpus document (existing markers, plus markers added to every
//! change, output, variable and state resource), and no rendering may contain them.

mod common;

use common::{plan_entries, read};
use orbis_plan::report::{render, Format};
use orbis_plan::{load_bytes, Review, REDACTED};
use serde_json::{json, Map, Value};

struct Canaries(Vec<String>);

impl Canaries {
    fn next(&mut self) -> Value {
        let c = format!("CANARY{:06}SECRET", self.0.len());
        self.0.push(c.clone());
        Value::String(c)
    }
}

/// Puts a canary at every `true` of `mask` in `value`.
fn plant_at_mask(value: &mut Value, mask: &Value, c: &mut Canaries) {
    match mask {
        Value::Bool(true) => *value = c.next(),
        Value::Object(m) => {
            if let Value::Object(v) = value {
                for (k, sub) in m {
                    plant_at_mask(v.entry(k.clone()).or_insert(Value::Null), sub, c);
                }
            }
        }
        Value::Array(m) => {
            if let Value::Array(v) = value {
                for (sub, val) in m.iter().zip(v.iter_mut()) {
                    plant_at_mask(val, sub, c);
                }
            }
        }
        _ => {}
    }
}

/// Marks the first attribute of an object value sensitive, then plants at every marker.
fn mark_and_plant(value: &mut Value, mask: &mut Value, c: &mut Canaries) {
    if let Some(first) = value.as_object().and_then(|o| o.keys().next().cloned()) {
        if !mask.is_object() {
            *mask = Value::Object(Map::new());
        }
        mask[first.as_str()] = Value::Bool(true);
    }
    plant_at_mask(value, mask, c);
}

fn plant_change(rc: &mut Value, c: &mut Canaries) {
    let Some(change) = rc.get_mut("change").and_then(Value::as_object_mut) else {
        return;
    };
    for side in ["before", "after"] {
        let mut value = change.remove(side).unwrap_or(Value::Null);
        let mut mask = change
            .remove(&format!("{side}_sensitive"))
            .unwrap_or(Value::Bool(false));
        mark_and_plant(&mut value, &mut mask, c);
        change.insert(side.into(), value);
        change.insert(format!("{side}_sensitive"), mask);
    }
}

fn plant_values(values: &mut Value, c: &mut Canaries) {
    if let Some(outputs) = values.get_mut("outputs").and_then(Value::as_object_mut) {
        for o in outputs.values_mut() {
            if o["sensitive"] == true {
                o["value"] = c.next();
            }
        }
        outputs.insert(
            "orbis_canary_output".into(),
            json!({"sensitive": true, "value": c.next()}),
        );
    }
    let mut stack: Vec<&mut Value> = values.get_mut("root_module").into_iter().collect();
    while let Some(module) = stack.pop() {
        let Some(m) = module.as_object_mut() else {
            continue;
        };
        for r in m
            .get_mut("resources")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            let mut value = r.get("values").cloned().unwrap_or(Value::Null);
            let mut mask = r
                .get("sensitive_values")
                .cloned()
                .unwrap_or(Value::Bool(false));
            mark_and_plant(&mut value, &mut mask, c);
            r["values"] = value;
            r["sensitive_values"] = mask;
        }
        if let Some(children) = m.get_mut("child_modules").and_then(Value::as_array_mut) {
            stack.extend(children.iter_mut());
        }
    }
}

/// Plants canaries everywhere a plan document can hold a sensitive value.
fn plant_plan(doc: &mut Value, c: &mut Canaries) {
    for key in ["resource_changes", "resource_drift"] {
        for rc in doc
            .get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            plant_change(rc, c);
        }
    }
    if let Some(outputs) = doc.get_mut("output_changes").and_then(Value::as_object_mut) {
        for o in outputs.values_mut() {
            for side in ["before", "after"] {
                let mut value = o.get(side).cloned().unwrap_or(Value::Null);
                let mut mask = o
                    .get(format!("{side}_sensitive").as_str())
                    .cloned()
                    .unwrap_or(Value::Bool(false));
                plant_at_mask(&mut value, &mask, c);
                if !value.is_object() && !value.is_array() {
                    value = c.next();
                    mask = Value::Bool(true);
                }
                o[side] = value;
                o[format!("{side}_sensitive").as_str()] = mask;
            }
        }
    }
    for key in ["planned_values"] {
        if let Some(v) = doc.get_mut(key) {
            plant_values(v, c);
        }
    }
    if let Some(v) = doc.get_mut("prior_state").and_then(|p| p.get_mut("values")) {
        plant_values(v, c);
    }
    // A sensitive root variable: `show -json` writes its value in clear under `variables`.
    let obj = doc.as_object_mut().expect("plan documents are objects");
    let vars = obj.entry("variables").or_insert_with(|| json!({}));
    vars["orbis_canary_var"] = json!({"value": c.next()});
    let config = obj
        .entry("configuration")
        .or_insert_with(|| json!({"root_module": {}}));
    let root = config
        .as_object_mut()
        .unwrap()
        .entry("root_module")
        .or_insert_with(|| json!({}));
    let cvars = root
        .as_object_mut()
        .unwrap()
        .entry("variables")
        .or_insert_with(|| json!({}));
    cvars["orbis_canary_var"] = json!({"sensitive": true, "default": c.next()});
}

fn assert_no_canary(what: &str, text: &str, c: &Canaries) {
    // Canaries share a prefix, so one search finds any of them.
    if let Some(pos) = text.find("CANARY") {
        let snippet: String = text[pos..].chars().take(24).collect();
        panic!(
            "{what} leaks a sensitive canary: {snippet} (of {} planted)",
            c.0.len()
        );
    }
}

fn check_all_outputs(name: &str, bytes: &[u8], c: &Canaries) -> usize {
    let plan = load_bytes(bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let redacted = plan.redacted_values;
    assert_no_canary(
        &format!("{name} redacted document"),
        &plan.redacted_json(),
        c,
    );
    assert_no_canary(&format!("{name} Debug"), &format!("{plan:?}"), c);
    let review = Review::new(vec![plan]);
    for format in [
        Format::Json,
        Format::Text,
        Format::Markdown,
        Format::Sarif,
        Format::Html,
    ] {
        assert_no_canary(&format!("{name} {format:?}"), &render(&review, format), c);
    }
    redacted
}

#[test]
fn canaries_in_every_plan_never_reach_any_output() {
    let mut planted = 0;
    for kind in ["plan", "redacted_renderer_plan"] {
        for entry in plan_entries(kind) {
            let path = entry["path"].as_str().unwrap();
            let plan = load_bytes(&read(path), path).unwrap();
            // Start from the engine's own (redacted) view, which is plain UTF-8 JSON.
            let mut doc: Value = serde_json::from_str(&plan.redacted_json()).unwrap();
            let mut c = Canaries(Vec::new());
            plant_plan(&mut doc, &mut c);
            let bytes = serde_json::to_vec(&doc).unwrap();
            assert!(
                String::from_utf8_lossy(&bytes).contains("CANARY"),
                "{path}: canaries were planted"
            );
            let redacted = check_all_outputs(path, &bytes, &c);
            assert!(
                redacted >= 2,
                "{path}: at least the variable and its default were redacted"
            );
            planted += c.0.len();
        }
    }
    assert!(planted > 1000, "planted {planted} canaries");
}

#[test]
fn canaries_in_every_state_never_reach_any_output() {
    let index = common::index();
    let mut checked = 0;
    for entry in index["states"].as_array().unwrap() {
        if entry["kind"] == "invalid" {
            continue;
        }
        let path = entry["path"].as_str().unwrap();
        let mut doc: Value =
            serde_json::from_str(&load_bytes(&read(path), path).unwrap().redacted_json()).unwrap();
        let mut c = Canaries(Vec::new());
        if let Some(values) = doc.get_mut("values") {
            plant_values(values, &mut c);
        }
        for r in doc
            .get_mut("resources")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            for inst in r
                .get_mut("instances")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                let Some(first) = inst["attributes"]
                    .as_object()
                    .and_then(|a| a.keys().next().cloned())
                else {
                    continue;
                };
                inst["attributes"][first.as_str()] = c.next();
                let path = json!([{"type": "get_attr", "value": first}]);
                match inst
                    .get_mut("sensitive_attributes")
                    .and_then(Value::as_array_mut)
                {
                    Some(list) => list.push(path),
                    None => inst["sensitive_attributes"] = json!([path]),
                }
            }
        }
        for outputs in [doc.get_mut("outputs")].into_iter().flatten() {
            for o in outputs
                .as_object_mut()
                .into_iter()
                .flat_map(|m| m.values_mut())
                .filter(|o| o.is_object())
            {
                o["sensitive"] = Value::Bool(true);
                o["value"] = c.next();
            }
        }
        for m in doc
            .get_mut("modules")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            for o in m
                .get_mut("outputs")
                .and_then(Value::as_object_mut)
                .into_iter()
                .flat_map(|m| m.values_mut())
                .filter(|o| o.is_object())
            {
                o["sensitive"] = Value::Bool(true);
                o["value"] = c.next();
            }
        }
        check_all_outputs(path, &serde_json::to_vec(&doc).unwrap(), &c);
        checked += 1;
    }
    assert_eq!(checked, 119);
}

/// Walks `golden` and returns the paths of terraform-json's redaction markers.
fn marker_paths(v: &Value, path: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::String(s) if s == "REDACTED_SENSITIVE" => out.push(path),
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            let mut p = path.clone();
            p.push(json!(k));
            marker_paths(x, p, out)
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
            let mut p = path.clone();
            p.push(json!(i));
            marker_paths(x, p, out)
        }),
        _ => {}
    }
}

#[test]
fn redacts_at_least_what_terraform_jsons_sanitizer_redacts() {
    let plan = load_bytes(
        &read("json/terraform-json/sanitize_basic.json"),
        "sanitize_basic",
    )
    .unwrap();
    let ours: Value = serde_json::from_str(&plan.redacted_json()).unwrap();
    let golden: Value =
        serde_json::from_slice(&read("json/terraform-json/sanitize_basic.golden.json")).unwrap();
    let mut paths = Vec::new();
    marker_paths(&golden, Vec::new(), &mut paths);
    assert!(paths.len() >= 5, "the golden file has redaction markers");
    for p in paths {
        let mut at = &ours;
        for step in &p {
            at = match step {
                Value::String(k) => &at[k.as_str()],
                Value::Number(i) => &at[i.as_u64().unwrap() as usize],
                _ => unreachable!(),
            };
        }
        assert_eq!(at, &json!(REDACTED), "not redacted at {p:?}");
    }
}

#[test]
fn a_changed_sensitive_value_is_reported_without_its_value() {
    let doc = json!({
        "format_version": "1.2",
        "resource_changes": [{
            "address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["update"],
                "before": {"password": "old-CANARY-1", "port": 5432},
                "after": {"password": "new-CANARY-2", "port": 5432},
                "after_unknown": {}, "before_sensitive": {"password": true}, "after_sensitive": {"password": true}}
        }]
    });
    let plan = load_bytes(doc.to_string().as_bytes(), "inline").unwrap();
    let diff = orbis_plan::attribute_diff(&plan.resource_changes[0]);
    assert_eq!(diff.len(), 1, "{diff:?}");
    assert_eq!(diff[0].path, "password");
    assert_eq!(
        diff[0].after.as_deref(),
        Some(format!("\"{REDACTED}\"").as_str())
    );
    assert!(!format!("{diff:?}").contains("CANARY"));
}

#[test]
fn unmarked_copies_of_a_sensitive_value_are_scrubbed() {
    // terraform_data copies `input` into `output` but only marks `input` sensitive.
    let doc = json!({
        "format_version": "1.2",
        "resource_changes": [{
            "address": "terraform_data.s", "mode": "managed", "type": "terraform_data", "name": "s",
            "change": {"actions": ["no-op"],
                "before": {"input": "hunter2-CANARY", "output": "hunter2-CANARY", "id": "abc"},
                "after": {"input": "hunter2-CANARY", "output": "hunter2-CANARY", "id": "abc"},
                "before_sensitive": {"input": true}, "after_sensitive": {"input": true}}
        }],
        "planned_values": {"root_module": {"resources": [{"address": "terraform_data.s",
            "values": {"output": "dsn://u:hunter2-CANARY@db", "id": "abc"}}]}}
    });
    let plan = load_bytes(doc.to_string().as_bytes(), "inline").unwrap();
    let text = plan.redacted_json();
    assert!(!text.contains("CANARY"), "{text}");
    assert!(
        text.contains("\"id\":\"abc\""),
        "unrelated values stay: {text}"
    );
}
