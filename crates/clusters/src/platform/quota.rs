//! Resource quotas (used / hard per resource) and limit ranges (min, max, defaults per
//! container or pod), as rows.

use k8s_openapi::api::core::v1::{LimitRange, ResourceQuota};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotaRow {
    pub quota: String,
    pub resource: String,
    pub used: Option<String>,
    pub hard: String,
    /// used / hard for quantities both parse (CPU or plain counts and memory), else `None`.
    pub percent: Option<u32>,
}

fn number(resource: &str, q: &str) -> Option<f64> {
    if resource.contains("cpu") {
        crate::metrics::cpu_millicores(q)
    } else {
        crate::metrics::memory_bytes(q).map(|b| b as f64)
    }
}

/// One row per resource of each quota, in the order the quota lists them.
pub fn quota_rows(quotas: &[ResourceQuota]) -> Vec<QuotaRow> {
    let mut out = Vec::new();
    for q in quotas {
        let name = q.metadata.name.clone().unwrap_or_default();
        let used = q.status.as_ref().and_then(|s| s.used.as_ref());
        let hard = q
            .spec
            .as_ref()
            .and_then(|s| s.hard.as_ref())
            .or(q.status.as_ref().and_then(|s| s.hard.as_ref()));
        for (resource, limit) in hard.into_iter().flatten() {
            let used_q = used.and_then(|u| u.get(resource)).map(|u| u.0.clone());
            let percent = match (&used_q, number(resource, &limit.0)) {
                (Some(u), Some(h)) if h > 0.0 => {
                    number(resource, u).map(|u| ((u / h) * 100.0).round() as u32)
                }
                _ => None,
            };
            out.push(QuotaRow {
                quota: name.clone(),
                resource: resource.clone(),
                used: used_q,
                hard: limit.0.clone(),
                percent,
            });
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LimitRow {
    pub limit_range: String,
    /// `Container`, `Pod`, `PersistentVolumeClaim`.
    pub applies_to: String,
    pub resource: String,
    pub min: Option<String>,
    pub max: Option<String>,
    pub default_limit: Option<String>,
    pub default_request: Option<String>,
}

/// One row per (type, resource) of each limit range.
pub fn limit_rows(ranges: &[LimitRange]) -> Vec<LimitRow> {
    let mut out = Vec::new();
    for r in ranges {
        let name = r.metadata.name.clone().unwrap_or_default();
        for item in r.spec.iter().flat_map(|s| s.limits.iter()) {
            let mut resources: Vec<&String> =
                [&item.min, &item.max, &item.default, &item.default_request]
                    .into_iter()
                    .flatten()
                    .flat_map(|m| m.keys())
                    .collect();
            resources.sort();
            resources.dedup();
            let get = |m: &Option<
                std::collections::BTreeMap<
                    String,
                    k8s_openapi::apimachinery::pkg::api::resource::Quantity,
                >,
            >,
                       k: &str| {
                m.as_ref().and_then(|m| m.get(k)).map(|q| q.0.clone())
            };
            for res in resources {
                out.push(LimitRow {
                    limit_range: name.clone(),
                    applies_to: item.type_.clone(),
                    resource: res.clone(),
                    min: get(&item.min, res),
                    max: get(&item.max, res),
                    default_limit: get(&item.default, res),
                    default_request: get(&item.default_request, res),
                });
            }
        }
    }
    out
}
