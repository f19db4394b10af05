//! aws_vpn_connection: hourly per connection; attached to a transit gateway it also pays the
//! attachment hours and data processed.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let mut comps = vec![cx.hourly("VPN connection", key("vpn", "site_to_site", ""), 1.0)];
    if cx
        .r
        .get("transit_gateway_id")
        .map(|v| !v.is_null())
        .unwrap_or(false)
    {
        comps.push(cx.hourly(
            "Transit gateway attachment",
            key("transit_gateway", "attachment", ""),
            1.0,
        ));
        comps.push(cx.usage_based(
            "Data processed",
            "GB",
            cx.usage.f64("monthly_data_processed_gb"),
            key("transit_gateway", "data", ""),
        ));
    }
    Outcome::Priced(comps)
}
