//! google_compute_address / google_compute_global_address: external static addresses are
//! billed per hour, at a lower rate while a VM of the same configuration uses them (a VM
//! refers to the address) than while unused. Internal addresses are free.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    if cx.r.str_or("address_type", "EXTERNAL") == "INTERNAL" {
        return Outcome::Free;
    }
    let used_by_vm =
        cx.r.known("__referenced_by__")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().any(|t| t == "google_compute_instance"))
            .unwrap_or(false);
    if used_by_vm {
        return Outcome::Priced(vec![cx.hourly(
            "IP address (standard VM)",
            key("compute_engine", "static_ip", "state=standard_vm"),
            1.0,
        )]);
    }
    Outcome::Priced(vec![cx.hourly(
        "IP address (unused)",
        key("compute_engine", "static_ip", "state=unused"),
        1.0,
    )])
}
