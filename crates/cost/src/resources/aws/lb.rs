//! aws_lb / aws_alb: application, network or gateway load balancer hours plus capacity units.
//! LCUs are the highest of the usage dimensions, each over what one LCU-hour covers:
//! `processed_bytes_gb` (monthly GB; 1 GB per LCU-hour), `new_connections` (monthly; 25/s for
//! ALB, 800/s for NLB), `active_connections` (average concurrent; 3,000 ALB, 100,000 NLB),
//! `rule_evaluations` (monthly; 1,000/s, ALB only). `capacity_units` sets LCUs directly.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let lb_type = cx.r.str_or("load_balancer_type", "application");
    let (label, kind) = match lb_type {
        "network" => ("Network load balancer", "network"),
        "gateway" => ("Gateway load balancer", "gateway"),
        _ => ("Application load balancer", "application"),
    };
    let a = attrs(&[("type", kind)]);
    Outcome::Priced(vec![
        cx.hourly(label, key("elb", "hours", &a), 1.0),
        // The catalog holds LCU prices per LCU-month (LCU-hour price × 730).
        cx.usage_based(
            "Load balancer capacity units",
            "LCU",
            capacity_units(cx, kind),
            key("elb", "lcu", &a),
        ),
    ])
}

fn capacity_units(cx: &Ctx, kind: &str) -> Option<f64> {
    let u = &cx.usage;
    if let Some(lcu) = u.f64("capacity_units") {
        return Some(lcu);
    }
    let hours = crate::HOURS_PER_MONTH;
    let (new_per_s, active) = if kind == "network" {
        (800.0, 100_000.0)
    } else {
        (25.0, 3_000.0)
    };
    let dims = [
        u.f64("processed_bytes_gb").map(|gb| gb / hours),
        u.f64("new_connections")
            .map(|n| n / (new_per_s * 3600.0 * hours)),
        u.f64("active_connections").map(|n| n / active),
        u.f64("rule_evaluations")
            .filter(|_| kind == "application")
            .map(|n| n / (1000.0 * 3600.0 * hours)),
    ];
    dims.iter().flatten().copied().reduce(f64::max)
}
