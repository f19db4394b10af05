//! aws_nat_gateway: hourly charge plus data processed (usage `monthly_data_processed_gb`).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![
        cx.hourly("NAT gateway", key("vpc", "nat_gateway", ""), 1.0),
        cx.usage_based(
            "Data processed",
            "GB",
            cx.usage.f64("monthly_data_processed_gb"),
            key("vpc", "nat_data", ""),
        ),
    ])
}
