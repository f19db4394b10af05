//! Redaction of raw `.tfstate` files. Version 4 lists sensitive attribute paths per
//! instance (`sensitive_attributes`) and flags sensitive outputs; older versions only flag
//! outputs. Provider `private` blobs are dropped: they are opaque and may hold secrets.

use crate::raw::{Raw, RawDocument};
use crate::redact::{conceal, parse_raw, to_raw, Secrets, REDACTED};
use serde_json::Value;

pub struct RawStateFacts {
    pub resources: Vec<String>,
    pub redacted: usize,
}

pub fn process(doc: &mut RawDocument, secrets: &mut Secrets) -> RawStateFacts {
    let mut facts = RawStateFacts {
        resources: Vec::new(),
        redacted: 0,
    };
    if let Some(v) = parse(&doc.outputs) {
        let mut v = v;
        facts.redacted += redact_outputs(&mut v, secrets);
        doc.outputs = Some(to_raw(&v));
    }
    if let Some(mut resources) = parse(&doc.resources) {
        for r in resources.as_array_mut().into_iter().flatten() {
            facts.resources.push(v4_address(r));
            for inst in r
                .get_mut("instances")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                facts.redacted += redact_instance(inst, secrets);
            }
        }
        doc.resources = Some(to_raw(&resources));
    }
    if let Some(mut modules) = parse(&doc.modules) {
        for m in modules.as_array_mut().into_iter().flatten() {
            if let Some(o) = m.get_mut("outputs") {
                facts.redacted += redact_outputs(o, secrets);
            }
            if let Some(rs) = m.get("resources").and_then(Value::as_object) {
                facts.resources.extend(rs.keys().cloned());
            }
        }
        doc.modules = Some(to_raw(&modules));
    }
    facts
}

fn parse(raw: &Option<Raw>) -> Option<Value> {
    parse_raw(raw.as_ref()?)
}

fn v4_address(r: &Value) -> String {
    let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("");
    let base = if s("mode") == "data" {
        format!("data.{}.{}", s("type"), s("name"))
    } else {
        format!("{}.{}", s("type"), s("name"))
    };
    match s("module") {
        "" => base,
        m => format!("{m}.{base}"),
    }
}

fn redact_outputs(outputs: &mut Value, secrets: &mut Secrets) -> usize {
    let mut n = 0;
    for o in outputs
        .as_object_mut()
        .into_iter()
        .flat_map(|m| m.values_mut())
    {
        if o.get("sensitive").and_then(Value::as_bool) == Some(true) {
            if let Some(v) = o.get_mut("value") {
                n += conceal(v, secrets);
            }
        }
    }
    n
}

fn redact_instance(inst: &mut Value, secrets: &mut Secrets) -> usize {
    let Some(obj) = inst.as_object_mut() else {
        return 0;
    };
    obj.remove("private");
    let paths = obj
        .get("sensitive_attributes")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let Some(attrs) = obj.get_mut("attributes") else {
        return 0;
    };
    paths
        .iter()
        .filter_map(Value::as_array)
        .map(|steps| redact_path(attrs, steps, secrets))
        .sum()
}

/// Follows a cty path (`[{"type":"get_attr","value":"x"},{"type":"index","value":{"value":0,…}}]`)
/// and redacts what it points to. A path that does not resolve redacts its deepest prefix.
fn redact_path(value: &mut Value, steps: &[Value], secrets: &mut Secrets) -> usize {
    let Some((step, rest)) = steps.split_first() else {
        return conceal(value, secrets);
    };
    let key = step.get("value");
    let next = match (step.get("type").and_then(Value::as_str), key) {
        (Some("get_attr"), Some(Value::String(k))) => value.get_mut(k.as_str()),
        (Some("index"), Some(idx)) => match idx.get("value").unwrap_or(idx) {
            Value::Number(n) => n.as_u64().and_then(|i| value.get_mut(i as usize)),
            Value::String(k) => value.get_mut(k.as_str()),
            _ => None,
        },
        _ => None,
    };
    match next {
        Some(child) => redact_path(child, rest, secrets),
        // Not learnt as secrets: the parent holds much more than the sensitive value.
        None => {
            *value = Value::String(REDACTED.into());
            1
        }
    }
}
