//! aws_vpc_endpoint: interface and gateway-load-balancer endpoints pay per hour per AZ
//! (subnet) and per GB processed (tiered); gateway endpoints (S3, DynamoDB) are free.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let t = r.str_or("vpc_endpoint_type", "Gateway");
    if t == "Gateway" {
        return Outcome::Free;
    }
    let kind = if t == "GatewayLoadBalancer" {
        "gwlb"
    } else {
        "interface"
    };
    let azs = r
        .known("subnet_ids")
        .and_then(|v| v.as_array())
        .map(|a| a.len().max(1))
        .unwrap_or(1) as f64;
    Outcome::Priced(vec![
        cx.hourly(
            format!("Endpoint ({t})"),
            key("vpc", "endpoint", &format!("type={kind}")),
            azs,
        ),
        cx.usage_based(
            "Data processed",
            "GB",
            cx.usage.f64("monthly_data_processed_gb"),
            key("vpc", "endpoint_data", &format!("type={kind}")),
        ),
    ])
}
