//! The state explorer's data: resources grouped by module and type, reverse dependencies and
//! search. Works on the redacted [`State`], so nothing here can reveal a sensitive value.

use crate::model::{Instance, State};
use crate::REDACTED;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ModuleGroup {
    /// `root` for the root module, else `module.a.module.b`.
    pub module: String,
    pub types: Vec<TypeGroup>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TypeGroup {
    #[serde(rename = "type")]
    pub resource_type: String,
    /// Instance addresses, in state order.
    pub addresses: Vec<String>,
}

/// Instances grouped by module (root first, then sorted), then by type (sorted).
pub fn tree(state: &State) -> Vec<ModuleGroup> {
    let mut by: BTreeMap<(bool, String), BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for i in &state.instances {
        let module = i.module.clone().unwrap_or_default();
        by.entry((!module.is_empty(), module))
            .or_default()
            .entry(i.resource_type.clone())
            .or_default()
            .push(i.address.clone());
    }
    by.into_iter()
        .map(|((_, m), types)| ModuleGroup {
            module: if m.is_empty() { "root".into() } else { m },
            types: types
                .into_iter()
                .map(|(t, addresses)| TypeGroup {
                    resource_type: t,
                    addresses,
                })
                .collect(),
        })
        .collect()
}

/// Addresses of the instances that depend on `address` (the reverse of `dependencies`).
/// Dependencies name resources (`aws_vpc.main`), so every instance of them matches.
pub fn dependents<'a>(state: &'a State, address: &str) -> Vec<&'a str> {
    let base = strip_index(address);
    state
        .instances
        .iter()
        .filter(|i| i.dependencies.iter().any(|d| d == address || d == base))
        .map(|i| i.address.as_str())
        .collect()
}

/// Instances whose address, type, id or a (non-sensitive) attribute value contains `query`
/// (case-insensitive). Redacted values never match, so a search cannot probe a secret.
pub fn search<'a>(state: &'a State, query: &str) -> Vec<&'a Instance> {
    let q = query.to_lowercase();
    if q.is_empty() {
        return state.instances.iter().collect();
    }
    state
        .instances
        .iter()
        .filter(|i| {
            i.address.to_lowercase().contains(&q)
                || i.id
                    .as_deref()
                    .is_some_and(|id| id.to_lowercase().contains(&q))
                || value_contains(&i.attributes, &q)
        })
        .collect()
}

fn value_contains(v: &Value, q: &str) -> bool {
    match v {
        Value::String(s) => s != REDACTED && s.to_lowercase().contains(q),
        Value::Number(n) => n.to_string().contains(q),
        Value::Bool(b) => b.to_string() == q,
        Value::Array(a) => a.iter().any(|x| value_contains(x, q)),
        Value::Object(m) => m.values().any(|x| value_contains(x, q)),
        Value::Null => false,
    }
}

fn strip_index(address: &str) -> &str {
    match address
        .strip_suffix(']')
        .and_then(|a| a.rfind('[').map(|i| &address[..i]))
    {
        Some(base) => base,
        None => address,
    }
}
