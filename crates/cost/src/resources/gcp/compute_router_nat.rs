//! google_compute_router_nat: per assigned VM-hour (capped at 32 VMs per gateway) plus data
//! processed, both from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let vms = cx
        .usage
        .f64("assigned_vms")
        .map(|n| n.min(32.0) * cx.hours());
    Outcome::Priced(vec![
        cx.usage_based(
            "Assigned VMs (first 32)",
            "VM-hours",
            vms,
            key("cloud_nat", "vm_hours", ""),
        ),
        cx.usage_based(
            "Data processed",
            "GB",
            cx.usage.f64("monthly_data_processed_gb"),
            key("cloud_nat", "data", ""),
        ),
    ])
}
