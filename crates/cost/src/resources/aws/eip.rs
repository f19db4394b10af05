//! aws_eip: an address not attached to a running instance is billed per hour; attached
//! (instance or network interface set) it is priced on the resource using it.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let attached = r.get("instance").map(|v| !v.is_null()).unwrap_or(false)
        || r.get("network_interface")
            .map(|v| !v.is_null())
            .unwrap_or(false);
    // Used by a NAT gateway, an instance or an association in the same configuration.
    let used = r
        .known("__referenced_by__")
        .and_then(|v| v.as_array())
        .map(|a| !a.is_empty())
        .unwrap_or(false);
    if attached || used {
        return Outcome::Free;
    }
    Outcome::Priced(vec![cx.hourly(
        "IP address (if unused)",
        key("ec2", "eip_idle", ""),
        1.0,
    )])
}
