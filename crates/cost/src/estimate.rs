//! Runs every resource through its cost model. Resources with no model are "free" when their
//! type is known to cost nothing, otherwise "unsupported" — never silently zero.

use crate::catalog::Catalog;
use crate::input::ResourceInput;
use crate::model::{Estimate, FreeResource, ResourceCost, UnsupportedResource};
use crate::resources::{default_region, free, model_for, Ctx, Outcome};
use crate::usage::UsageFile;

/// What the estimator needs besides the resources.
#[derive(Clone)]
pub struct Estimator {
    pub catalog: Catalog,
    pub usage: UsageFile,
}

impl Default for Estimator {
    fn default() -> Self {
        Estimator {
            catalog: Catalog::bundled(),
            usage: UsageFile::default(),
        }
    }
}

impl Estimator {
    pub fn new(catalog: Catalog, usage: UsageFile) -> Self {
        Estimator { catalog, usage }
    }

    pub fn estimate(&self, resources: &[ResourceInput]) -> Estimate {
        estimate_resources(resources, &self.catalog, &self.usage)
    }
}

/// Region as the catalog keys it: Azure display names (`West Europe`) → `westeurope`,
/// GCP zones (`us-central1-a`) → `us-central1`.
pub fn normalize_region(provider: &str, region: &str) -> String {
    match provider {
        "azure" => region
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase(),
        "google" => {
            let parts: Vec<&str> = region.split('-').collect();
            if parts.len() == 3 && parts[2].len() == 1 {
                format!("{}-{}", parts[0], parts[1])
            } else {
                region.to_string()
            }
        }
        _ => region.to_string(),
    }
}

pub fn estimate_resources(
    resources: &[ResourceInput],
    catalog: &Catalog,
    usage: &UsageFile,
) -> Estimate {
    let mut est = Estimate {
        currency: "USD".into(),
        catalog_version: catalog.version.clone(),
        ..Default::default()
    };
    let mut defaulted_regions = std::collections::BTreeSet::new();
    for r in resources {
        let Some(model) = model_for(&r.resource_type) else {
            if free::is_free(&r.resource_type) {
                est.free.push(FreeResource {
                    address: r.address.clone(),
                    resource_type: r.resource_type.clone(),
                });
            } else {
                est.unsupported.push(UnsupportedResource {
                    address: r.address.clone(),
                    resource_type: r.resource_type.clone(),
                    reason: "no cost model for this resource type yet".into(),
                });
            }
            continue;
        };
        let provider = r.provider().to_string();
        let region = match &r.region {
            Some(reg) => normalize_region(&provider, reg),
            None => {
                defaulted_regions.insert(provider.clone());
                default_region(&provider).to_string()
            }
        };
        let cx = Ctx {
            r,
            usage: usage.for_resource(&r.address, &r.resource_type),
            usage_file: usage,
            catalog,
            region: region.clone(),
        };
        match model(&cx) {
            Outcome::Priced(components) => {
                let mut rc = ResourceCost {
                    address: r.address.clone(),
                    resource_type: r.resource_type.clone(),
                    provider,
                    region: Some(region),
                    module: r.module.clone(),
                    monthly_cost: 0.0,
                    cost_components: components,
                    tags: r.tags(),
                };
                rc.recompute();
                est.resources.push(rc);
            }
            Outcome::Free => est.free.push(FreeResource {
                address: r.address.clone(),
                resource_type: r.resource_type.clone(),
            }),
            Outcome::Unsupported(reason) => est.unsupported.push(UnsupportedResource {
                address: r.address.clone(),
                resource_type: r.resource_type.clone(),
                reason,
            }),
        }
    }
    for p in defaulted_regions {
        est.warnings.push(format!(
            "{p}: region not known for some resources; priced in {}",
            default_region(&p)
        ));
    }
    est.recompute_total();
    est
}
