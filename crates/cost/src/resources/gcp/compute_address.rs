//! google_compute_address / google_compute_global_address: external static addresses are
//! billed per hour, at a lower rate while a VM of the same configuration uses them (a VM
//! refers to the address; preemptible VMs lower it further) than while unused. Internal
//! addresses and those reserved for another purpose (VPC peering, Private Service Connect,
//! NAT…) are free.

use crate::resources::{key, Ctx, Outcome};
use serde_json::Value;

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let purpose = r.str("purpose").unwrap_or("GCE_ENDPOINT");
    if r.str_or("address_type", "EXTERNAL") == "INTERNAL" || purpose != "GCE_ENDPOINT" {
        return Outcome::Free;
    }
    let vms: Vec<&Value> = r
        .known("__referrers__")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|x| x["type"] == "google_compute_instance")
                .map(|x| &x["values"])
                .collect()
        })
        .unwrap_or_default();
    let Some(vm) = vms.first() else {
        return Outcome::Priced(vec![cx.hourly(
            "IP address (unused)",
            key("compute_engine", "static_ip", "state=unused"),
            1.0,
        )]);
    };
    let sched = crate::input::blocks_of(vm.get("scheduling"));
    let preemptible = sched
        .first()
        .map(|s| {
            s.get("preemptible").and_then(Value::as_bool) == Some(true)
                || s.get("provisioning_model").and_then(Value::as_str) == Some("SPOT")
        })
        .unwrap_or(false);
    if preemptible {
        Outcome::Priced(vec![cx.hourly(
            "IP address (preemptible VM)",
            key("compute_engine", "static_ip", "state=preemptible_vm"),
            1.0,
        )])
    } else {
        Outcome::Priced(vec![cx.hourly(
            "IP address (standard VM)",
            key("compute_engine", "static_ip", "state=standard_vm"),
            1.0,
        )])
    }
}
