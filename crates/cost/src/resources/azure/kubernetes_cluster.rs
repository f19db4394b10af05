//! azurerm_kubernetes_cluster: the control plane is free unless the Standard/Premium tier
//! (uptime SLA); the default node pool pays VM hours and OS disks per node.

use super::kubernetes_cluster_node_pool::pool_components;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let mut comps = Vec::new();
    let tier = r.str_or("sku_tier", "Free");
    if tier == "Standard" || tier == "Paid" || tier == "Premium" {
        comps.push(cx.hourly("Uptime SLA", key("aks", "uptime_sla", ""), 1.0));
    }
    if let Some(pool) = r.blocks("default_node_pool").first() {
        comps.extend(pool_components(cx, pool, "default_node_pool: "));
    }
    Outcome::Priced(comps)
}
