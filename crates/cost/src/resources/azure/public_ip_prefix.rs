//! azurerm_public_ip_prefix: hourly per prefix.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.hourly(
        "IP prefix",
        key("ip_addresses", "prefix", ""),
        1.0,
    )])
}
