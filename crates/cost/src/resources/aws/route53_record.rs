//! aws_route53_record: DNS queries (tiered per billion) by kind, from usage
//! `monthly_standard_queries` / `monthly_latency_based_queries` / `monthly_geo_queries`.
//! The record's routing policy decides the kind shown without usage; usage may give any.
//! Alias records to AWS resources are free.

use crate::resources::{key, Ctx, Outcome};

const KINDS: [(&str, &str, &str); 3] = [
    ("Standard queries", "standard", "monthly_standard_queries"),
    (
        "Latency based routing queries",
        "latency",
        "monthly_latency_based_queries",
    ),
    ("Geo DNS queries", "geo", "monthly_geo_queries"),
];

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    if !r.blocks("alias").is_empty() {
        return Outcome::Free;
    }
    let own = if !r.blocks("latency_routing_policy").is_empty() {
        "latency"
    } else if !r.blocks("geolocation_routing_policy").is_empty() {
        "geo"
    } else {
        "standard"
    };
    let comps = KINDS
        .iter()
        .filter(|(_, kind, usage_key)| *kind == own || cx.usage.f64(usage_key).is_some())
        .map(|(label, kind, usage_key)| {
            cx.usage_based(
                *label,
                "1M queries",
                cx.usage.f64(usage_key).map(|v| v / 1e6),
                key("route53", "queries", &format!("type={kind}")),
            )
        })
        .collect();
    Outcome::Priced(comps)
}
