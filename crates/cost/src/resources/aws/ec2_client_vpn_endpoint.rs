//! aws_ec2_client_vpn_endpoint: connection hours (usage `monthly_connection_hours`, else one
//! connection all month).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let hours = cx
        .usage
        .f64("monthly_connection_hours")
        .unwrap_or(cx.hours());
    Outcome::Priced(vec![cx.component(
        "Connection",
        "hours",
        Some(hours),
        key("vpn", "client_connection", ""),
        true,
    )])
}
