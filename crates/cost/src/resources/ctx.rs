//! What a cost model gets: the resource, its usage, the catalog and its region, with helpers
//! that turn a price key and a quantity into a `CostComponent`. A missing price or quantity
//! gives a component with `None` cost and a note — never a silent zero.

use crate::catalog::{Catalog, Tier};
use crate::input::ResourceInput;
use crate::model::CostComponent;
use crate::usage::Usage;
use crate::HOURS_PER_MONTH;

pub struct Ctx<'a> {
    pub r: &'a ResourceInput,
    pub usage: Usage,
    /// The whole usage file, for models whose usage is keyed on another resource (DynamoDB
    /// autoscaling capacity is given on its `aws_appautoscaling_target`).
    pub usage_file: &'a crate::usage::UsageFile,
    pub catalog: &'a Catalog,
    /// Region used for prices (the resource's, or the provider default when unknown).
    pub region: String,
}

/// A price key in the catalog (provider is the resource's).
#[derive(Clone, Copy)]
pub struct Key<'k> {
    pub service: &'k str,
    pub family: &'k str,
    pub attrs: &'k str,
}

pub const fn key<'k>(service: &'k str, family: &'k str, attrs: &'k str) -> Key<'k> {
    Key {
        service,
        family,
        attrs,
    }
}

impl<'a> Ctx<'a> {
    pub fn provider(&self) -> &str {
        self.r.provider()
    }

    pub fn tiers(&self, k: Key) -> Option<&'a [Tier]> {
        self.catalog.tiers(
            self.r.provider(),
            k.service,
            k.family,
            &self.region,
            k.attrs,
        )
    }

    pub fn unit_price(&self, k: Key) -> Option<f64> {
        self.tiers(k).and_then(|t| t.first()).map(|t| t.price)
    }

    /// Hours this resource runs per month: 730 unless the usage file sets `monthly_hrs`.
    pub fn hours(&self) -> f64 {
        self.usage.f64("monthly_hrs").unwrap_or(HOURS_PER_MONTH)
    }

    /// A component billed per hour for `count` units running all month.
    pub fn hourly(&self, name: impl Into<String>, k: Key, count: f64) -> CostComponent {
        self.component(name, "hours", Some(self.hours() * count), k, false)
    }

    /// A fixed monthly fee (`months` unit) for `count` units.
    pub fn monthly_fee(&self, name: impl Into<String>, k: Key, count: f64) -> CostComponent {
        self.component(name, "months", Some(count), k, false)
    }

    /// A component whose quantity comes from the usage file (`None` → "depends on usage").
    pub fn usage_based(
        &self,
        name: impl Into<String>,
        unit: &str,
        quantity: Option<f64>,
        k: Key,
    ) -> CostComponent {
        self.component(name, unit, quantity, k, true)
    }

    /// A priced component; tiered prices are applied across tiers and the unit price shown is
    /// the blended one.
    pub fn component(
        &self,
        name: impl Into<String>,
        unit: &str,
        quantity: Option<f64>,
        k: Key,
        usage_based: bool,
    ) -> CostComponent {
        let tiers = self.tiers(k);
        let mut note = None;
        let (unit_price, monthly_cost) = match (tiers, quantity) {
            (None, _) => {
                note = Some(format!(
                    "no price in the catalog for {}/{}/{} [{}] in {}",
                    self.r.provider(),
                    k.service,
                    k.family,
                    k.attrs,
                    self.region
                ));
                (None, None)
            }
            (Some(t), None) => (t.first().map(|t| t.price), None),
            (Some(t), Some(q)) => {
                let cost = tiered_cost(t, q);
                let shown = if t.len() > 1 && q > 0.0 {
                    cost / q
                } else {
                    t.first().map(|t| t.price).unwrap_or(0.0)
                };
                (Some(shown), Some(cost))
            }
        };
        // Absurd inputs (1e308 GB, negative counts) must not poison totals.
        let (unit_price, monthly_cost) = match monthly_cost {
            Some(c) if !c.is_finite() || c < 0.0 => {
                note = Some(format!(
                    "quantity {:?} is out of range; cost not computed",
                    quantity
                ));
                (unit_price, None)
            }
            other => (unit_price, other),
        };
        CostComponent {
            name: name.into(),
            unit: unit.to_string(),
            monthly_quantity: quantity,
            unit_price,
            monthly_cost,
            usage_based,
            note,
        }
    }
}

/// Cost of `q` units over ascending tiers (each price applies from its `start`).
pub fn tiered_cost(tiers: &[Tier], q: f64) -> f64 {
    let mut cost = 0.0;
    for (i, t) in tiers.iter().enumerate() {
        if q <= t.start {
            break;
        }
        let end = tiers.get(i + 1).map(|n| n.start).unwrap_or(f64::INFINITY);
        cost += (q.min(end) - t.start) * t.price;
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_are_applied_in_order() {
        let t = [
            Tier {
                start: 0.0,
                price: 0.023,
            },
            Tier {
                start: 51200.0,
                price: 0.022,
            },
        ];
        assert!((tiered_cost(&t, 100.0) - 2.3).abs() < 1e-9);
        assert!((tiered_cost(&t, 61200.0) - (51200.0 * 0.023 + 10000.0 * 0.022)).abs() < 1e-6);
        assert_eq!(tiered_cost(&t, 0.0), 0.0);
    }
}
