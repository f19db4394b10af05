//! aws_sqs_queue: requests (standard or FIFO price) from usage `monthly_requests`, each 64 KB
//! chunk of `request_size_kb` counting as a request.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let fifo = cx.r.bool("fifo_queue") == Some(true);
    let kind = if fifo { "fifo" } else { "standard" };
    let size = cx.usage.f64("request_size_kb").unwrap_or(64.0);
    let chunks = (size / 64.0).ceil().max(1.0);
    let q = cx.usage.f64("monthly_requests").map(|n| n * chunks / 1e6);
    Outcome::Priced(vec![cx.usage_based(
        "Requests",
        "1M requests",
        q,
        key("sqs", "requests", &format!("type={kind}")),
    )])
}
