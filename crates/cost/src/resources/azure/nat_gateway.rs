//! azurerm_nat_gateway: hourly charge plus data processed from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![
        cx.hourly("NAT gateway", key("nat_gateway", "hours", ""), 1.0),
        cx.usage_based(
            "Data processed",
            "GB",
            cx.usage.f64("monthly_data_processed_gb"),
            key("nat_gateway", "data", ""),
        ),
    ])
}
