//! google_compute_forwarding_rule / google_compute_global_forwarding_rule: hourly per rule
//! plus ingress data processed from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![
        cx.hourly(
            "Forwarding rules",
            key("load_balancing", "forwarding_rule", ""),
            1.0,
        ),
        cx.usage_based(
            "Ingress data",
            "GB",
            cx.usage.f64("monthly_ingress_data_gb"),
            key("load_balancing", "ingress_data", ""),
        ),
    ])
}
