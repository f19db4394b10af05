//! aws_route53_resolver_endpoint: hourly per elastic network interface (IP address), and DNS
//! queries from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let ips = cx.r.blocks("ip_address").len().max(1) as f64;
    let q = cx.usage.f64("monthly_queries");
    Outcome::Priced(vec![
        cx.hourly(
            "Resolver endpoints",
            key("route53", "resolver_endpoint", ""),
            ips,
        ),
        cx.usage_based(
            "DNS queries (first 1B)",
            "1M queries",
            q.map(|v| v / 1e6),
            key("route53", "resolver_queries", ""),
        ),
    ])
}
