//! What the Cost view receives. Money is unrounded US dollars (or the estimate's currency);
//! the UI rounds to cents when showing it, as the CLI's reports do.

use super::{groupings, groups_of, Grouping};
use crate::plan_checks::PlanBudgetResult;
use orbis_cost::Estimate;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Instant;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostView {
    /// Workspace-relative folder estimated (`""` = the workspace root).
    pub folder: String,
    pub currency: String,
    pub catalog_version: String,
    /// Sum of the priced resources; usage-based components without usage are not in it.
    pub total_monthly_cost: f64,
    pub resources: Vec<CostResourceRow>,
    pub free: Vec<CostFreeRow>,
    pub unsupported: Vec<CostUnsupportedRow>,
    /// Resources with usage-based components the usage file gives no figure for.
    pub not_estimated: u32,
    /// Resources with a component the catalog has no price for in their region (left out of
    /// the total; `orbis cost import` adds prices).
    pub prices_missing: u32,
    pub budgets: Vec<PlanBudgetResult>,
    pub budget_exceeded: bool,
    /// Chargeback: service, module, then each configured tag (`.orbis.toml` `chargeback_tags`).
    pub chargeback: Vec<CostGrouping>,
    /// File name of the usage file used, if any.
    pub usage_file: Option<String>,
    pub warnings: Vec<String>,
    pub elapsed_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostResourceRow {
    pub address: String,
    pub resource_type: String,
    pub provider: String,
    pub region: Option<String>,
    /// `module.network`, empty at the root.
    pub module: String,
    /// `aws/ec2`: the chargeback service group.
    pub service: String,
    pub monthly_cost: f64,
    /// Some usage-based component has no figure (its usage was not given).
    pub not_estimated: bool,
    /// Some component has no price in the catalog for this region (not in the figure).
    pub price_missing: bool,
    pub tags: Vec<CostTag>,
    pub components: Vec<CostComponentRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CostTag {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostComponentRow {
    pub name: String,
    pub unit: String,
    /// `null` when it depends on usage not given.
    pub monthly_quantity: Option<f64>,
    /// `null` when the catalog has no price for it in this region.
    pub unit_price: Option<f64>,
    pub monthly_cost: Option<f64>,
    pub usage_based: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CostFreeRow {
    pub address: String,
    pub resource_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CostUnsupportedRow {
    pub address: String,
    pub resource_type: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostGrouping {
    /// `service`, `module` or `tag:KEY` (what `cost_chart` takes).
    pub key: String,
    /// For people: "Service", "Module", "Tag: Owner".
    pub label: String,
    pub groups: Vec<CostGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostGroup {
    pub key: String,
    pub monthly_cost: f64,
    pub resources: u32,
    /// Resources of the group whose usage-based cost is not estimated.
    pub not_estimated: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CostChartFormat {
    Svg,
    Png,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostHistoryPoint {
    /// Unix seconds (UTC); a JSON number (far below 2^53).
    #[ts(type = "number")]
    pub estimated_at: i64,
    pub total_monthly_cost: f64,
    /// From a plan reviewed in Plan Review (its total after apply), not from configuration.
    pub plan: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostHistory {
    pub points: Vec<CostHistoryPoint>,
    pub svg: String,
}

fn n(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn label(g: &Grouping) -> String {
    match g {
        Grouping::Service => "Service".into(),
        Grouping::Module => "Module".into(),
        Grouping::Tag(k) => format!("Tag: {k}"),
    }
}

pub(super) fn view(
    e: &Estimate,
    folder: &str,
    budgets: Vec<PlanBudgetResult>,
    tags: &[String],
    usage_file: Option<&Path>,
    warnings: Vec<String>,
    started: Instant,
) -> CostView {
    let resources: Vec<CostResourceRow> = e
        .resources
        .iter()
        .map(|r| CostResourceRow {
            address: r.address.clone(),
            resource_type: r.resource_type.clone(),
            provider: r.provider.clone(),
            region: r.region.clone(),
            module: r.module.clone(),
            service: format!("{}/{}", r.provider, r.service()),
            monthly_cost: r.monthly_cost,
            not_estimated: r.has_unestimated_usage(),
            price_missing: r.has_missing_price(),
            tags: r
                .tags
                .iter()
                .map(|(k, v)| CostTag {
                    key: k.clone(),
                    value: v.clone(),
                })
                .collect(),
            components: r
                .cost_components
                .iter()
                .map(|c| CostComponentRow {
                    name: c.name.clone(),
                    unit: c.unit.clone(),
                    monthly_quantity: c.monthly_quantity,
                    unit_price: c.unit_price,
                    monthly_cost: c.monthly_cost,
                    usage_based: c.usage_based,
                    note: c.note.clone(),
                })
                .collect(),
        })
        .collect();
    let chargeback = groupings(tags)
        .iter()
        .map(|g| CostGrouping {
            key: g.key(),
            label: label(g),
            groups: groups_of(e, g)
                .into_iter()
                .map(|x| CostGroup {
                    key: x.key,
                    monthly_cost: x.monthly_cost,
                    resources: n(x.resources),
                    not_estimated: n(x.not_estimated),
                })
                .collect(),
        })
        .collect();
    CostView {
        folder: folder.to_string(),
        currency: e.currency.clone(),
        catalog_version: e.catalog_version.clone(),
        total_monthly_cost: e.total_monthly_cost,
        not_estimated: n(resources.iter().filter(|r| r.not_estimated).count()),
        prices_missing: n(resources.iter().filter(|r| r.price_missing).count()),
        resources,
        free: e
            .free
            .iter()
            .map(|f| CostFreeRow {
                address: f.address.clone(),
                resource_type: f.resource_type.clone(),
            })
            .collect(),
        unsupported: e
            .unsupported
            .iter()
            .map(|u| CostUnsupportedRow {
                address: u.address.clone(),
                resource_type: u.resource_type.clone(),
                reason: u.reason.clone(),
            })
            .collect(),
        budget_exceeded: budgets.iter().any(|b| b.exceeded),
        budgets,
        chargeback,
        usage_file: usage_file.map(super::display_name),
        warnings,
        elapsed_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
    }
}
