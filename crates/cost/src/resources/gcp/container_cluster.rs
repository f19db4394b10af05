//! google_container_cluster: management fee per cluster-hour (Autopilot clusters too), plus
//! the default node pool's VMs when the cluster keeps it.

use super::container_node_pool::pool_components;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let mut comps = vec![cx.hourly(
        "Cluster management fee",
        key("gke", "management_fee", ""),
        1.0,
    )];
    if r.bool("enable_autopilot") != Some(true) && r.bool("remove_default_node_pool") != Some(true)
    {
        let per_zone = r.f64("initial_node_count").unwrap_or(3.0);
        let nodes = cx.usage.f64("nodes").unwrap_or(per_zone)
            * super::container_node_pool::zone_count(r.known("node_locations"), r.str("location"));
        let config = r
            .blocks("node_config")
            .first()
            .cloned()
            .cloned()
            .unwrap_or_else(|| serde_json::json!({}));
        comps.extend(pool_components(cx, &config, nodes, "default_pool: "));
    }
    Outcome::Priced(comps)
}
