//! google_container_cluster: management fee per cluster-hour (Autopilot clusters too), plus
//! the VMs of its inline `node_pool` blocks, or of the default node pool when the cluster
//! keeps it (3 nodes per zone unless `initial_node_count`).

use super::container_node_pool::{pool_components, zone_count};
use crate::input::{blocks_of, number};
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let mut comps = vec![cx.hourly(
        "Cluster management fee",
        key("gke", "management_fee", ""),
        1.0,
    )];
    if r.bool("enable_autopilot") == Some(true) {
        return Outcome::Priced(comps);
    }
    let zones = zone_count(r.known("node_locations"), r.str("location"));
    let pools = r.blocks("node_pool");
    if !pools.is_empty() {
        // Inline node pools replace the default pool.
        for (i, pool) in pools.iter().enumerate() {
            let autoscale_min = blocks_of(pool.get("autoscaling"))
                .first()
                .and_then(|a| a.get("min_node_count"))
                .and_then(number);
            let per_zone = pool
                .get("node_count")
                .and_then(number)
                .or_else(|| pool.get("initial_node_count").and_then(number))
                .or(autoscale_min)
                .unwrap_or(3.0);
            let pool_zones = pool
                .get("node_locations")
                .and_then(|v| v.as_array())
                .map(|a| a.len() as f64)
                .filter(|n| *n > 0.0)
                .unwrap_or(zones);
            let config = blocks_of(pool.get("node_config"))
                .first()
                .map(|v| (*v).clone())
                .unwrap_or_else(|| serde_json::json!({}));
            comps.extend(pool_components(
                cx,
                &config,
                per_zone * pool_zones,
                &format!("node_pool[{i}]: "),
            ));
        }
    } else if r.bool("remove_default_node_pool") != Some(true) {
        let per_zone = r.f64("initial_node_count").unwrap_or(3.0);
        let nodes = cx.usage.f64("nodes").unwrap_or(per_zone) * zones;
        let config = r
            .blocks("node_config")
            .first()
            .map(|v| (*v).clone())
            .unwrap_or_else(|| serde_json::json!({}));
        comps.extend(pool_components(cx, &config, nodes, "default_pool: "));
    }
    Outcome::Priced(comps)
}
