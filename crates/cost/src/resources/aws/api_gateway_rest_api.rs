//! aws_api_gateway_rest_api: API calls (tiered per million) from usage `monthly_requests`.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let q = cx.usage.f64("monthly_requests").map(|v| v / 1e6);
    Outcome::Priced(vec![cx.usage_based(
        "Requests",
        "1M requests",
        q,
        key("apigateway", "rest_requests", ""),
    )])
}
