//! aws_route53_zone: monthly fee per hosted zone.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.monthly_fee(
        "Hosted zone",
        key("route53", "hosted_zone", ""),
        1.0,
    )])
}
