//! azurerm_private_endpoint: hourly per endpoint plus inbound/outbound data from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![
        cx.hourly("Private endpoint", key("private_link", "endpoint", ""), 1.0),
        cx.usage_based(
            "Inbound data processed",
            "GB",
            cx.usage.f64("monthly_inbound_data_processed_gb"),
            key("private_link", "data", ""),
        ),
        cx.usage_based(
            "Outbound data processed",
            "GB",
            cx.usage.f64("monthly_outbound_data_processed_gb"),
            key("private_link", "data", ""),
        ),
    ])
}
