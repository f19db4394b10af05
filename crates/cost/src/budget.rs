//! Budgets: per workspace/environment monthly limits on the total and on a plan's delta.
//! `check` is what `orbis cost diff` (and later the plan review) calls.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    pub name: String,
    pub monthly_total: Option<f64>,
    pub monthly_delta: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetResult {
    pub budget: String,
    /// `monthly_total` or `monthly_delta`.
    pub limit_kind: &'static str,
    pub limit: f64,
    pub actual: f64,
    pub exceeded: bool,
}

/// The figures a budget is checked against: the total after the change and, for a plan, the
/// monthly delta (`None` for a plain breakdown).
#[derive(Debug, Clone, Copy)]
pub struct BudgetInput {
    pub total: f64,
    pub delta: Option<f64>,
}

pub fn check(input: BudgetInput, budgets: &[Budget]) -> Vec<BudgetResult> {
    let mut out = Vec::new();
    for b in budgets {
        if let Some(limit) = b.monthly_total {
            out.push(result(b, "monthly_total", limit, input.total));
        }
        if let (Some(limit), Some(delta)) = (b.monthly_delta, input.delta) {
            out.push(result(b, "monthly_delta", limit, delta));
        }
    }
    out
}

fn result(b: &Budget, kind: &'static str, limit: f64, actual: f64) -> BudgetResult {
    // Compared in cents, as shown, so a total printed equal to the limit passes.
    let exceeded = crate::money::round_cents(actual) > crate::money::round_cents(limit);
    BudgetResult {
        budget: b.name.clone(),
        limit_kind: kind,
        limit,
        actual,
        exceeded,
    }
}

/// Budgets of a plain breakdown (total only).
pub fn check_estimate(estimate: &crate::model::Estimate, budgets: &[Budget]) -> Vec<BudgetResult> {
    check(
        BudgetInput {
            total: estimate.total_monthly_cost,
            delta: None,
        },
        budgets,
    )
}

/// Budgets of a plan: the total after apply and the monthly delta (what the plan review calls).
pub fn check_plan(plan: &crate::model::PlanEstimate, budgets: &[Budget]) -> Vec<BudgetResult> {
    check(
        BudgetInput {
            total: plan.total(),
            delta: Some(plan.diff_total()),
        },
        budgets,
    )
}

pub fn any_exceeded(results: &[BudgetResult]) -> bool {
    results.iter().any(|r| r.exceeded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_and_delta_limits_are_checked_separately() {
        let b = [Budget {
            name: "prod".into(),
            monthly_total: Some(100.0),
            monthly_delta: Some(10.0),
        }];
        let r = check(
            BudgetInput {
                total: 99.999,
                delta: Some(10.01),
            },
            &b,
        );
        assert_eq!(r.len(), 2);
        assert!(!r[0].exceeded, "99.999 shows as 100.00, within the limit");
        assert!(r[1].exceeded);
        assert!(any_exceeded(&r));
        assert_eq!(
            check(
                BudgetInput {
                    total: 1.0,
                    delta: None
                },
                &b
            )
            .len(),
            1
        );
    }
}
