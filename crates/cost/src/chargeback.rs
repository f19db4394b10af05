//! Chargeback: the estimate's cost grouped by a tag (Owner, CostCenter, Environment…), by
//! module or by service. Untagged cost is its own group, so groups always add up to the total.

use crate::model::Estimate;
use serde::Serialize;
use std::collections::BTreeMap;

pub const UNTAGGED: &str = "(untagged)";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub monthly_cost: f64,
    pub resources: usize,
    /// Resources of the group with usage-based components the usage file gives no figure for:
    /// their cost is not in `monthly_cost` (not estimated, which is not the same as $0).
    pub not_estimated: usize,
}

pub enum GroupBy<'a> {
    Tag(&'a str),
    Module,
    Service,
}

pub fn group(est: &Estimate, by: GroupBy) -> Vec<Group> {
    let mut m: BTreeMap<String, (f64, usize, usize)> = BTreeMap::new();
    for r in &est.resources {
        let k = match &by {
            GroupBy::Tag(t) => r.tags.get(*t).cloned().unwrap_or_else(|| UNTAGGED.into()),
            GroupBy::Module => {
                if r.module.is_empty() {
                    "(root)".into()
                } else {
                    r.module.clone()
                }
            }
            GroupBy::Service => format!("{}/{}", r.provider, r.service()),
        };
        let e = m.entry(k).or_default();
        e.0 += r.monthly_cost;
        e.1 += 1;
        e.2 += usize::from(r.has_unestimated_usage());
    }
    let mut out: Vec<Group> = m
        .into_iter()
        .map(|(key, (c, n, u))| Group {
            key,
            monthly_cost: c,
            resources: n,
            not_estimated: u,
        })
        .collect();
    out.sort_by(|a, b| {
        b.monthly_cost
            .total_cmp(&a.monthly_cost)
            .then(a.key.cmp(&b.key))
    });
    out
}

/// All the groupings the reports show: each configured tag, module and service.
pub fn all(est: &Estimate, tags: &[String]) -> BTreeMap<String, Vec<Group>> {
    let mut out = BTreeMap::new();
    for t in tags {
        out.insert(format!("tag:{t}"), group(est, GroupBy::Tag(t)));
    }
    out.insert("module".into(), group(est, GroupBy::Module));
    out.insert("service".into(), group(est, GroupBy::Service));
    out
}
