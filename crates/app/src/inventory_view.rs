//! The cross-cloud Inventory table: every resource of the newest cached live scan of each
//! scope (an AWS profile/account and its regions, Azure subscriptions, Google Cloud
//! projects), with a monthly cost estimate from orbis-cost where it models the type, and the
//! state address that manages it from the last drift scan of this session. A scope is scanned
//! (or refreshed) on request — only in builds with the `cloud` feature — and its snapshot
//! goes to the store's inventory cache like every live scan, so the table reappears without
//! scanning and each scope shows how old it is.

use crate::drift_view::DriftNotScanned;
use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_drift::{Inventory, Status};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// Newest cached scans looked at to find each scope's latest (five are kept per scope).
const LOOKED_AT: usize = 200;

/// What to scan: one cloud and where in it (empty lists = the cloud CLI's own default).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(tag = "cloud", rename_all = "snake_case")]
pub enum InventoryScope {
    Aws {
        profile: Option<String>,
        regions: Vec<String>,
    },
    Azure {
        subscriptions: Vec<String>,
    },
    Gcp {
        projects: Vec<String>,
    },
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InventoryRow {
    /// `aws`, `azure` or `gcp`.
    pub cloud: String,
    pub resource_type: String,
    pub id: String,
    pub name: Option<String>,
    pub region: Option<String>,
    /// AWS account, Azure subscription or Google Cloud project.
    pub account: Option<String>,
    pub tags: BTreeMap<String, String>,
    /// USD per month from the bundled price catalog; None where the type has no cost model.
    pub monthly_cost: Option<f64>,
    /// State address managing it, per the last drift scan of this session; None when that
    /// scan did not see it as managed (or no scan ran).
    pub managed_by: Option<String>,
    /// The scope (cached scan source) it was listed in.
    pub scope: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InventoryScopeRow {
    /// The scan's own name (`aws:dev:123… (eu-west-1)`, `azure:<subscriptions>`, `gcp:<projects>`).
    pub source: String,
    pub cloud: String,
    /// Unix seconds (UTC) of the scan, and minutes since.
    pub scanned_at: f64,
    pub age_minutes: u32,
    pub resources: u32,
    /// What can be sent back to scan it again (None when the source cannot be read back).
    pub refresh: Option<InventoryScope>,
    pub not_scanned: Vec<DriftNotScanned>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InventoryTable {
    pub scopes: Vec<InventoryScopeRow>,
    pub rows: Vec<InventoryRow>,
    /// Whether this build can scan (the `cloud` feature).
    pub can_scan: bool,
    /// Whether `managed_by` comes from a drift scan of this session.
    pub drift_known: bool,
}

fn cloud_of(source: &str) -> &str {
    source.split(':').next().unwrap_or("")
}

/// The scope a cached scan's source names, so it can be refreshed as it was made.
pub fn scope_of(source: &str) -> Option<InventoryScope> {
    let list = |s: &str| -> Vec<String> {
        s.split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = source.strip_prefix("aws:") {
        // aws:<profile>:<account> (<regions>)
        let (head, regions) = rest.rsplit_once(" (")?;
        let (profile, _account) = head.rsplit_once(':')?;
        return Some(InventoryScope::Aws {
            profile: (profile != "(environment)").then(|| profile.to_string()),
            regions: list(regions.strip_suffix(')')?),
        });
    }
    if let Some(rest) = source.strip_prefix("azure:") {
        return Some(InventoryScope::Azure {
            subscriptions: list(rest),
        });
    }
    source.strip_prefix("gcp:").map(|rest| InventoryScope::Gcp {
        projects: list(rest),
    })
}

/// The name shown: the `Name` tag, else the resource's own name attribute.
fn display_name(r: &orbis_drift::LiveResource) -> Option<String> {
    r.tags.get("Name").cloned().or_else(|| {
        ["name", "function_name", "identifier", "bucket"]
            .iter()
            .find_map(|k| r.attributes.get(*k)?.as_str().map(str::to_string))
    })
}

/// Monthly cost per (type, id) for the types orbis-cost models.
fn costs(inventories: &[(String, Inventory)]) -> HashMap<(String, String), f64> {
    let inputs: Vec<orbis_cost::ResourceInput> = inventories
        .iter()
        .flat_map(|(_, inv)| inv.resources.iter())
        .map(|r| {
            let mut values = serde_json::Value::Object(r.attributes.clone());
            if !r.tags.is_empty() {
                values["tags"] = serde_json::json!(r.tags);
            }
            orbis_cost::ResourceInput::new(
                &format!("{}.{}", r.resource_type, r.id),
                &r.resource_type,
                r.region.as_deref(),
                values,
            )
        })
        .collect();
    orbis_cost::Estimator::default()
        .estimate(&inputs)
        .resources
        .into_iter()
        .filter_map(|c| {
            let id = c.address.strip_prefix(&format!("{}.", c.resource_type))?;
            Some(((c.resource_type.clone(), id.to_string()), c.monthly_cost))
        })
        .collect()
}

impl Session {
    /// The table from the newest cached scan of every scope (no cloud is called).
    pub fn inventory_table(&self) -> Result<InventoryTable, AppError> {
        let now = crate::inventory_cache::now();
        let records = self.store().inventory_scans(LOOKED_AT)?;
        let mut seen = std::collections::HashSet::new();
        let mut loaded: Vec<(orbis_store::InventoryScanRecord, Inventory)> = Vec::new();
        for rec in records {
            if !seen.insert(rec.source.clone()) {
                continue;
            }
            let (inv, _) = crate::inventory_cache::load(&self.store(), rec.id.max(0) as u32)?;
            loaded.push((rec, inv));
        }
        let managed: HashMap<(String, String), String> = self
            .drift_slot()
            .as_ref()
            .map(|d| {
                d.report()
                    .resources
                    .iter()
                    .filter(|r| matches!(r.status, Status::Managed | Status::Changed))
                    .filter_map(|r| {
                        Some(((r.resource_type.clone(), r.id.clone()), r.address.clone()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let drift_known = self.drift_slot().is_some();
        let pairs: Vec<(String, Inventory)> = loaded
            .iter()
            .map(|(rec, inv)| (rec.source.clone(), inv.clone()))
            .collect();
        let costs = costs(&pairs);
        let mut rows = Vec::new();
        let mut scopes = Vec::new();
        for (rec, inv) in &loaded {
            let cloud = cloud_of(&rec.source).to_string();
            for r in &inv.resources {
                let key = (r.resource_type.clone(), r.id.clone());
                rows.push(InventoryRow {
                    cloud: cloud.clone(),
                    resource_type: r.resource_type.clone(),
                    id: r.id.clone(),
                    name: display_name(r),
                    region: r.region.clone(),
                    account: r.account.clone(),
                    tags: r.tags.clone(),
                    monthly_cost: costs.get(&key).copied(),
                    managed_by: managed.get(&key).cloned(),
                    scope: rec.source.clone(),
                });
            }
            scopes.push(InventoryScopeRow {
                source: rec.source.clone(),
                cloud,
                scanned_at: rec.scanned_at as f64,
                age_minutes: ((now - rec.scanned_at).max(0) / 60).min(u32::MAX as i64) as u32,
                resources: inv.resources.len().min(u32::MAX as usize) as u32,
                refresh: scope_of(&rec.source),
                not_scanned: inv
                    .scan_errors
                    .iter()
                    .map(|e| DriftNotScanned {
                        resource_type: e.resource_type.clone(),
                        region: e.region.clone(),
                        code: e.code.clone(),
                        message: e.message.clone(),
                        hint: e.hint.clone(),
                    })
                    .collect(),
            });
        }
        rows.sort_by(|a, b| {
            (&a.cloud, &a.resource_type, &a.region, &a.id).cmp(&(
                &b.cloud,
                &b.resource_type,
                &b.region,
                &b.id,
            ))
        });
        scopes.sort_by(|a, b| a.source.cmp(&b.source));
        Ok(InventoryTable {
            scopes,
            rows,
            can_scan: cfg!(feature = "cloud"),
            drift_known,
        })
    }

    /// Scans one scope now (refresh = the scope of a listed row), caches it, and returns the
    /// whole table again.
    pub fn inventory_scan(&self, scope: &InventoryScope) -> Result<InventoryTable, AppError> {
        let inv = scan(scope)?;
        let source = inv.source.clone().unwrap_or_else(|| "scan".into());
        crate::inventory_cache::record(&self.store(), &inv, &source);
        self.inventory_table()
    }
}

#[cfg(feature = "cloud")]
fn scan(scope: &InventoryScope) -> Result<Inventory, AppError> {
    use orbis_cloud::inventory::{azure, default_profile, gcp, scan_aws, AwsScanOptions};
    let ctx = orbis_cloud::Context::from_process();
    let clean = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("Cannot start the scan: {e}"),
                "Try again.",
            )
        })?;
    let result = match scope {
        InventoryScope::Aws { profile, regions } => {
            let mut o = AwsScanOptions::new(
                profile
                    .as_deref()
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| p.trim().to_string())
                    .unwrap_or_else(|| default_profile(&ctx)),
            );
            o.regions = clean(regions);
            rt.block_on(scan_aws(&ctx, &o))
        }
        InventoryScope::Azure { subscriptions } => {
            let o = azure::AzureScanOptions {
                subscriptions: clean(subscriptions),
                ..Default::default()
            };
            rt.block_on(azure::scan_azure(&ctx, &o))
        }
        InventoryScope::Gcp { projects } => {
            let o = gcp::GcpScanOptions {
                projects: clean(projects),
                ..Default::default()
            };
            rt.block_on(gcp::scan_gcp(&ctx, &o))
        }
    };
    result.map_err(|e| {
        AppError::new(
            ErrorCode::CloudScanFailed,
            format!("{} [{}]", e.message, e.code),
            e.hint,
        )
    })
}

#[cfg(not(feature = "cloud"))]
fn scan(_scope: &InventoryScope) -> Result<Inventory, AppError> {
    Err(AppError::new(
        ErrorCode::CloudNotBuilt,
        "This build of TerraOrbis cannot scan clouds",
        "Use the desktop release, or list a saved scan with `orbis inventory --from FILE`.",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_sources_read_back_as_scopes() {
        assert_eq!(
            scope_of("aws:dev:123456789012 (eu-west-1,us-east-1)"),
            Some(InventoryScope::Aws {
                profile: Some("dev".into()),
                regions: vec!["eu-west-1".into(), "us-east-1".into()]
            })
        );
        assert_eq!(
            scope_of("aws:(environment):123456789012 (eu-west-1)"),
            Some(InventoryScope::Aws {
                profile: None,
                regions: vec!["eu-west-1".into()]
            })
        );
        assert_eq!(
            scope_of("azure:a,b"),
            Some(InventoryScope::Azure {
                subscriptions: vec!["a".into(), "b".into()]
            })
        );
        assert_eq!(
            scope_of("gcp:p1"),
            Some(InventoryScope::Gcp {
                projects: vec!["p1".into()]
            })
        );
        assert_eq!(scope_of("snapshot x.json"), None);
    }
}
