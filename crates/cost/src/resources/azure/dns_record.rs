//! azurerm_dns_*_record: DNS queries (tiered per billion) from usage `monthly_queries`.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let q = cx.usage.f64("monthly_queries").map(|v| v / 1e6);
    Outcome::Priced(vec![cx.usage_based(
        "DNS queries",
        "1M queries",
        q,
        key("dns", "queries", ""),
    )])
}
