//! google_dns_record_set: queries from usage `monthly_queries`.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let q = cx.usage.f64("monthly_queries").map(|v| v / 1e6);
    Outcome::Priced(vec![cx.usage_based(
        "Queries",
        "1M queries",
        q,
        key("cloud_dns", "queries", ""),
    )])
}
