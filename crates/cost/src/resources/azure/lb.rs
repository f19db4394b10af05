//! azurerm_lb: Basic is free; Standard pays rules (first 5 included) and data processed.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    if cx.r.str_or("sku", "Basic") == "Basic" {
        return Outcome::Free;
    }
    Outcome::Priced(vec![cx.usage_based(
        "Data processed",
        "GB",
        cx.usage.f64("monthly_data_processed_gb"),
        key("load_balancer", "data", ""),
    )])
}
