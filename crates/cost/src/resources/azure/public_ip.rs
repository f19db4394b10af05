//! azurerm_public_ip: hourly by allocation (static/dynamic) and tier (regional/global).

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let alloc = r.str_or("allocation_method", "Static").to_ascii_lowercase();
    let tier = r.str_or("sku_tier", "Regional").to_ascii_lowercase();
    let sku = r.str_or("sku", "Standard").to_ascii_lowercase();
    let a = attrs(&[("allocation", &alloc), ("sku", &sku), ("tier", &tier)]);
    Outcome::Priced(vec![cx.hourly(
        format!("IP address ({alloc}, {tier})"),
        key("ip_addresses", "public_ip", &a),
        1.0,
    )])
}
