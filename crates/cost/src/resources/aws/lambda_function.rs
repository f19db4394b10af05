//! aws_lambda_function: requests and GB-seconds of duration (tiered; arm64 has its own
//! rates), from usage `monthly_requests` and `request_duration_ms`; ephemeral storage above
//! the free 512 MB.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let mem_gb = r.f64("memory_size").unwrap_or(128.0) / 1024.0;
    let arch = match r
        .known("architectures")
        .and_then(|v| v.get(0))
        .and_then(|v| v.as_str())
    {
        Some("arm64") => "arm64",
        _ => "x86_64",
    };
    let requests = cx.usage.f64("monthly_requests");
    let duration_ms = cx.usage.f64("request_duration_ms");
    let gb_seconds = match (requests, duration_ms) {
        (Some(n), Some(ms)) => Some(n * mem_gb * (ms / 1000.0)),
        _ => None,
    };
    let a = attrs(&[("arch", arch)]);
    let mut comps = vec![
        cx.usage_based(
            "Requests",
            "1M requests",
            requests.map(|n| n / 1e6),
            key("lambda", "requests", &a),
        ),
        cx.usage_based(
            "Duration",
            "GB-seconds",
            gb_seconds,
            key("lambda", "duration", &a),
        ),
    ];
    let storage_mb = r
        .blocks("ephemeral_storage")
        .first()
        .and_then(|b| b.get("size"))
        .and_then(crate::input::number)
        .unwrap_or(512.0);
    if storage_mb > 512.0 {
        let gbs = match (requests, duration_ms) {
            (Some(n), Some(ms)) => Some(n * ((storage_mb - 512.0) / 1024.0) * (ms / 1000.0)),
            _ => None,
        };
        comps.push(cx.usage_based(
            "Ephemeral storage",
            "GB-seconds",
            gbs,
            key("lambda", "ephemeral_storage", ""),
        ));
    }
    Outcome::Priced(comps)
}
