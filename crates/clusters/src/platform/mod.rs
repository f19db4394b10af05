//! Platform views per namespace (issue 11), pure functions over the objects as the API
//! serves them: resource quotas and limit ranges ([`quota`]), who may do what ([`rbac`]),
//! and which pods may talk to which ([`network`]). The app lists the objects; these say
//! what they mean.

mod fetch;
pub mod network;
pub mod quota;
pub mod rbac;

pub use fetch::{fetch, Platform};

use std::collections::BTreeMap;

/// `app=web, tier=front`; "all pods" when empty (an empty selector selects everything).
pub(crate) fn labels(map: Option<&BTreeMap<String, String>>) -> String {
    match map {
        Some(m) if !m.is_empty() => m
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}
