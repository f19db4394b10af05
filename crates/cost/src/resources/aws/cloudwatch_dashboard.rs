//! aws_cloudwatch_dashboard: a flat monthly fee per dashboard.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.monthly_fee(
        "Dashboard",
        key("cloudwatch", "dashboard", ""),
        1.0,
    )])
}
