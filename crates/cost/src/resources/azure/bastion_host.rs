//! azurerm_bastion_host: hourly by SKU plus outbound data from usage.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let sku = cx.r.str_or("sku", "Basic").to_ascii_lowercase();
    Outcome::Priced(vec![
        cx.hourly(
            "Bastion host",
            key("bastion", "hours", &attrs(&[("sku", &sku)])),
            1.0,
        ),
        cx.usage_based(
            "Outbound data transfer",
            "GB",
            cx.usage.f64("monthly_outbound_data_gb"),
            key("bastion", "data", ""),
        ),
    ])
}
