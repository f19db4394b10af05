//! google_dns_managed_zone: monthly fee per zone.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.monthly_fee(
        "Managed zone",
        key("cloud_dns", "zone", ""),
        1.0,
    )])
}
