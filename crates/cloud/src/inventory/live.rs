//! What every service module of the inventory shares: where a listing runs (clients built
//! from the profile's configuration for one region) and one constructor for live resources,
//! so attributes that an answer lacks are left out rather than compared as null.

use aws_config::{Region, SdkConfig};
use aws_credential_types::Credentials;
use orbis_drift::LiveResource;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One listing's context: the profile's configuration, its loaded credentials, the region
/// (for global services, the one their clients are signed for) and the account.
pub(super) struct Scope<'a> {
    pub config: &'a SdkConfig,
    pub credentials: Credentials,
    pub region: &'a str,
    pub account: &'a str,
    /// Items per page the caller asked for (each service clamps it to its own limits).
    pub page_size: i32,
    /// Follow-up calls (tags) in flight at once.
    pub concurrency: usize,
}

impl Scope<'_> {
    /// The region a service client of this scope is built for.
    pub fn region(&self) -> Region {
        Region::new(self.region.to_string())
    }
}

/// A live resource; `region` None for global ones (IAM). Null attributes are dropped: an
/// attribute the answer did not carry is not compared.
pub(super) fn resource(
    rtype: &str,
    id: &str,
    region: Option<&str>,
    account: &str,
    attributes: Value,
    tags: BTreeMap<String, String>,
) -> LiveResource {
    let attributes: Map<String, Value> = match attributes {
        Value::Object(m) => m.into_iter().filter(|(_, v)| !v.is_null()).collect(),
        _ => Map::new(),
    };
    LiveResource {
        resource_type: rtype.to_string(),
        id: id.to_string(),
        region: region.map(str::to_string),
        account: (!account.is_empty()).then(|| account.to_string()),
        attributes,
        tags,
    }
}

/// Terraform keeps sets of strings sorted.
pub(super) fn sorted<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = items.collect();
    v.sort_unstable();
    v
}
