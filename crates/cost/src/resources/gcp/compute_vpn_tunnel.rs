//! google_compute_vpn_tunnel: hourly per tunnel.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.hourly(
        "VPN Tunnel",
        key("cloud_vpn", "tunnel", ""),
        1.0,
    )])
}
