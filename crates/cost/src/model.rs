//! The estimate: what each resource costs per month, component by component, plus the
//! resources known to be free and those not supported (never silently counted as zero).

use serde::Serialize;

/// One priced line of a resource: e.g. "Instance usage (Linux/UNIX, on-demand, t3.medium)".
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CostComponent {
    pub name: String,
    /// Unit of `monthly_quantity` and `unit_price`: `hours`, `GB`, `1M requests`, `months`…
    pub unit: String,
    /// `None` when the quantity depends on usage the usage file does not give.
    pub monthly_quantity: Option<f64>,
    /// `None` when the catalog has no price for this component in this region.
    pub unit_price: Option<f64>,
    /// `None` when either the quantity or the price is unknown.
    pub monthly_cost: Option<f64>,
    /// The quantity comes from usage (file or defaults), not from the configuration.
    pub usage_based: bool,
    /// Why a figure is missing or approximate (price not in catalog, unknown value…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CostComponent {
    pub fn cost(&self) -> f64 {
        self.monthly_cost.unwrap_or(0.0)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResourceCost {
    pub address: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    /// `aws`, `azure` or `google`.
    pub provider: String,
    pub region: Option<String>,
    /// Module path (`module.network`) or empty for the root module.
    pub module: String,
    pub monthly_cost: f64,
    pub cost_components: Vec<CostComponent>,
    /// Tags/labels (for chargeback grouping).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub tags: std::collections::BTreeMap<String, String>,
}

impl ResourceCost {
    pub fn recompute(&mut self) {
        self.monthly_cost = self.cost_components.iter().map(CostComponent::cost).sum();
    }
    /// Some usage-based component has no cost because no usage was given for it: the
    /// resource's figure leaves that usage out (shown as "usage-based — not estimated").
    pub fn has_unestimated_usage(&self) -> bool {
        self.cost_components
            .iter()
            .any(|c| c.usage_based && c.monthly_cost.is_none())
    }
    /// Some component has no price in the catalog for this region: its cost is left out of
    /// the resource's figure (the component's note says which price is missing).
    pub fn has_missing_price(&self) -> bool {
        self.cost_components.iter().any(|c| c.unit_price.is_none())
    }
    /// The catalog service of the resource, for chargeback "by service" (`aws_instance` → `ec2`…).
    pub fn service(&self) -> &'static str {
        crate::resources::service_of(&self.resource_type)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FreeResource {
    pub address: String,
    #[serde(rename = "type")]
    pub resource_type: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnsupportedResource {
    pub address: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub reason: String,
}

/// A breakdown of one set of resources (a configuration, or one side of a plan).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Estimate {
    pub currency: String,
    pub total_monthly_cost: f64,
    pub resources: Vec<ResourceCost>,
    pub free: Vec<FreeResource>,
    pub unsupported: Vec<UnsupportedResource>,
    /// Catalog version the prices come from.
    pub catalog_version: String,
    /// Things the user should know (unknown regions, unreadable files…).
    pub warnings: Vec<String>,
}

impl Estimate {
    pub fn recompute_total(&mut self) {
        self.total_monthly_cost = self.resources.iter().map(|r| r.monthly_cost).sum();
    }
}

/// Change of one resource between the two sides of a plan.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResourceDelta {
    pub address: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    /// Plan action: create, update, delete, replace, no-op…
    pub action: String,
    pub past_monthly_cost: f64,
    pub monthly_cost: f64,
    pub diff_monthly_cost: f64,
}

/// `cost diff`: the planned side in full, the prior side's total and the per-resource delta.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlanEstimate {
    /// Cost after the plan is applied.
    pub after: Estimate,
    /// Cost before (resources the plan updates, deletes or keeps).
    pub before: Estimate,
    pub deltas: Vec<ResourceDelta>,
}

impl PlanEstimate {
    pub fn past_total(&self) -> f64 {
        self.before.total_monthly_cost
    }
    pub fn total(&self) -> f64 {
        self.after.total_monthly_cost
    }
    pub fn diff_total(&self) -> f64 {
        self.after.total_monthly_cost - self.before.total_monthly_cost
    }
}
