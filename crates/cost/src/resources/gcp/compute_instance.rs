//! google_compute_instance: machine-type hours (on-demand or preemptible/spot, with the
//! sustained use discount), boot disk and scratch disks. Custom machine types and GPUs are
//! not priced yet (custom types are reported unsupported).

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(mt) = r.str("machine_type") else {
        return Outcome::Unsupported("machine_type is unknown".into());
    };
    if mt.contains("custom") {
        return Outcome::Unsupported("custom machine types are not priced yet".into());
    }
    let sched = r.blocks("scheduling");
    let preemptible = sched
        .first()
        .map(|s| {
            s.get("preemptible").and_then(|v| v.as_bool()) == Some(true)
                || s.get("provisioning_model").and_then(|v| v.as_str()) == Some("SPOT")
        })
        .unwrap_or(false);
    let purchase = if preemptible {
        "preemptible"
    } else {
        "on-demand"
    };
    let a = attrs(&[("machine_type", mt), ("purchase", purchase)]);
    let mut hours = cx.hourly(
        format!("Instance usage (Linux/UNIX, {purchase}, {mt})"),
        key("compute_engine", "instance", &a),
        1.0,
    );
    super::container_node_pool::apply_sustained_use(&mut hours, mt, preemptible, cx.hours());
    let mut comps = vec![hours];
    if let Some(boot) = r.blocks("boot_disk").first() {
        let params = boot
            .get("initialize_params")
            .and_then(|p| p.as_array().and_then(|a| a.first()).or(Some(p)));
        let dtype = params
            .and_then(|p| p.get("type"))
            .and_then(|v| v.as_str())
            .unwrap_or("pd-standard");
        let size = params
            .and_then(|p| p.get("size"))
            .and_then(crate::input::number)
            .unwrap_or(10.0);
        comps.push(super::compute_disk::disk_component(
            cx,
            dtype,
            size,
            "boot_disk: ",
        ));
    }
    let scratch = r.blocks("scratch_disk").len() as f64;
    if scratch > 0.0 {
        comps.push(cx.component(
            "Local SSD provisioned storage",
            "GB",
            Some(375.0 * scratch),
            key("compute_engine", "local_ssd", ""),
            false,
        ));
    }
    Outcome::Priced(comps)
}
