//! Currency conversion with a rate the user gives (`--currency EUR --rate 0.92`): the
//! catalog is in USD and nothing is fetched. Every monetary field is multiplied; quantities
//! are not.

use crate::model::{Estimate, PlanEstimate};

pub fn convert(est: &mut Estimate, currency: &str, rate: f64) {
    est.currency = currency.to_ascii_uppercase();
    for r in &mut est.resources {
        for c in &mut r.cost_components {
            c.unit_price = c.unit_price.map(|p| p * rate);
            c.monthly_cost = c.monthly_cost.map(|p| p * rate);
        }
        r.monthly_cost *= rate;
    }
    est.total_monthly_cost *= rate;
}

pub fn convert_plan(p: &mut PlanEstimate, currency: &str, rate: f64) {
    convert(&mut p.after, currency, rate);
    convert(&mut p.before, currency, rate);
    for d in &mut p.deltas {
        d.past_monthly_cost *= rate;
        d.monthly_cost *= rate;
        d.diff_monthly_cost *= rate;
    }
}
