//! aws_elb: classic load balancer hours plus data processed.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![
        cx.hourly(
            "Classic load balancer",
            key("elb", "hours", "type=classic"),
            1.0,
        ),
        cx.usage_based(
            "Data processed",
            "GB",
            cx.usage.f64("monthly_data_processed_gb"),
            key("elb", "data", "type=classic"),
        ),
    ])
}
