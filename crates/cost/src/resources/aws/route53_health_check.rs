//! aws_route53_health_check: per health check per month (AWS or other endpoints), plus the
//! optional features (HTTPS, string matching, fast interval, latency measurement).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let endpoint = cx.usage.str("endpoint_type").unwrap_or("aws");
    let kind = if endpoint == "aws" { "aws" } else { "non_aws" };
    let t = r.str_or("type", "HTTP");
    let mut features = 0.0;
    if t.starts_with("HTTPS") {
        features += 1.0;
    }
    if t.ends_with("STR_MATCH") {
        features += 1.0;
    }
    if r.f64("request_interval") == Some(10.0) {
        features += 1.0;
    }
    if r.bool("measure_latency") == Some(true) {
        features += 1.0;
    }
    let mut comps = vec![cx.monthly_fee(
        "Health check",
        key("route53", "health_check", &format!("endpoint={kind}")),
        1.0,
    )];
    if features > 0.0 {
        comps.push(cx.monthly_fee(
            "Optional features",
            key(
                "route53",
                "health_check_feature",
                &format!("endpoint={kind}"),
            ),
            features,
        ));
    }
    Outcome::Priced(comps)
}
