//! aws_ec2_client_vpn_network_association: hourly per associated subnet.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.hourly(
        "Endpoint association",
        key("vpn", "client_association", ""),
        1.0,
    )])
}
