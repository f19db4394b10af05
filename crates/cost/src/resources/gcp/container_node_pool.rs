//! google_container_node_pool: nodes per zone × zones × machine-type hours (sustained use
//! discount applied) plus each node's boot disk (100 GB pd-standard unless set). Without
//! `node_count`/autoscaling, GKE's default of 3 nodes per zone; zones come from
//! `node_locations`, or the pool's (or its cluster's) location: 3 for a region, 1 for a zone.

use super::compute_disk::disk_component;
use crate::catalog::attrs;
use crate::model::CostComponent;
use crate::resources::{key, Ctx, Outcome};
use serde_json::Value;

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let autoscale_min = r
        .blocks("autoscaling")
        .first()
        .and_then(|a| {
            a.get("min_node_count")
                .or_else(|| a.get("total_min_node_count"))
        })
        .and_then(crate::input::number);
    let per_zone = r
        .f64("node_count")
        .or_else(|| r.f64("initial_node_count"))
        .or(autoscale_min)
        .unwrap_or(3.0);
    let location = r
        .str("location")
        .map(str::to_string)
        .or_else(|| r.str("__refs__.cluster.location").map(str::to_string));
    let node_locations = r
        .known("node_locations")
        .or_else(|| r.known("__refs__.cluster.node_locations"));
    // The usage file's `nodes` is per zone, like `node_count`.
    let nodes =
        cx.usage.f64("nodes").unwrap_or(per_zone) * zone_count(node_locations, location.as_deref());
    let config = r
        .blocks("node_config")
        .first()
        .cloned()
        .cloned()
        .unwrap_or_else(|| serde_json::json!({}));
    Outcome::Priced(pool_components(cx, &config, nodes, ""))
}

pub fn pool_components(cx: &Ctx, config: &Value, nodes: f64, prefix: &str) -> Vec<CostComponent> {
    let mt = config
        .get("machine_type")
        .and_then(|v| v.as_str())
        .unwrap_or("e2-medium");
    let preemptible = config.get("preemptible").and_then(|v| v.as_bool()) == Some(true)
        || config.get("spot").and_then(|v| v.as_bool()) == Some(true);
    let purchase = if preemptible {
        "preemptible"
    } else {
        "on-demand"
    };
    let a = attrs(&[("machine_type", mt), ("purchase", purchase)]);
    let mut hours = cx.hourly(
        format!("{prefix}Instance usage (Linux/UNIX, {purchase}, {mt})"),
        key("compute_engine", "instance", &a),
        nodes,
    );
    apply_sustained_use(&mut hours, mt, preemptible, cx.hours());
    let mut out = vec![hours];
    let dtype = config
        .get("disk_type")
        .and_then(|v| v.as_str())
        .unwrap_or("pd-standard");
    let size = config
        .get("disk_size_gb")
        .and_then(crate::input::number)
        .unwrap_or(100.0);
    out.push(disk_component(cx, dtype, size * nodes, prefix));
    out
}

/// Lowers an instance-hours component by the sustained use discount.
pub fn apply_sustained_use(
    c: &mut CostComponent,
    machine_type: &str,
    preemptible: bool,
    hours: f64,
) {
    let f = super::sustained_use::factor(machine_type, preemptible, hours);
    if f < 1.0 {
        c.unit_price = c.unit_price.map(|p| p * f);
        c.monthly_cost = c.monthly_cost.map(|p| p * f);
    }
}

/// Zones a pool's nodes are spread over: its `node_locations`, else 3 for a regional
/// location (`us-central1`), else 1 (a zone).
pub fn zone_count(node_locations: Option<&Value>, location: Option<&str>) -> f64 {
    if let Some(n) = node_locations
        .and_then(|v| v.as_array())
        .map(|a| a.len())
        .filter(|n| *n > 0)
    {
        return n as f64;
    }
    match location {
        Some(l) if l.matches('-').count() == 1 => 3.0,
        _ => 1.0,
    }
}
