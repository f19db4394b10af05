//! azurerm_dns_zone / azurerm_private_dns_zone: monthly fee per hosted zone.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.monthly_fee(
        "Hosted zone",
        key("dns", "zone", ""),
        1.0,
    )])
}
