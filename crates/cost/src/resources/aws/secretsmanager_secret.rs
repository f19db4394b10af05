//! aws_secretsmanager_secret: monthly fee per secret plus API requests from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![
        cx.monthly_fee("Secret", key("secretsmanager", "secret", ""), 1.0),
        cx.usage_based(
            "API requests",
            "10k requests",
            cx.usage.f64("monthly_requests").map(|v| v / 1e4),
            key("secretsmanager", "requests", ""),
        ),
    ])
}
