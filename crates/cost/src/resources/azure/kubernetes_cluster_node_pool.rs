//! azurerm_kubernetes_cluster_node_pool: nodes × VM hours plus each node's managed OS disk
//! (128 GB unless set; Premium SSD on sizes that support premium storage, Standard HDD
//! otherwise; ephemeral OS disks cost nothing).

use super::shared::{disk, vm_hours};
use crate::model::CostComponent;
use crate::resources::{Ctx, Outcome};
use serde_json::Value;

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(pool_components(cx, &cx.r.values, ""))
}

pub fn pool_components(cx: &Ctx, pool: &Value, prefix: &str) -> Vec<CostComponent> {
    let num = |k: &str| pool.get(k).and_then(crate::input::number);
    let nodes = cx
        .usage
        .f64("nodes")
        .or_else(|| num("node_count"))
        .or_else(|| num("min_count"))
        .unwrap_or(1.0);
    let size = pool
        .get("vm_size")
        .and_then(|v| v.as_str())
        .unwrap_or("Standard_D2_v2");
    let windows = pool.get("os_type").and_then(|v| v.as_str()) == Some("Windows")
        || pool
            .get("os_sku")
            .and_then(|v| v.as_str())
            .map(|o| o.starts_with("Windows"))
            .unwrap_or(false);
    let os = if windows { "windows" } else { "linux" };
    let mut out = vec![vm_hours(cx, size, os, nodes)];
    if pool.get("os_disk_type").and_then(|v| v.as_str()) != Some("Ephemeral") {
        let gb = num("os_disk_size_gb").unwrap_or(128.0);
        let account = if supports_premium_storage(size) {
            "Premium_LRS"
        } else {
            "Standard_LRS"
        };
        if let Some(mut d) = disk(cx, account, gb) {
            d.monthly_quantity = Some(nodes);
            d.monthly_cost = d.unit_price.map(|p| p * nodes);
            out.push(d);
        }
    }
    for c in out.iter_mut() {
        c.name = format!("{prefix}{}", c.name);
    }
    out
}

/// Sizes with premium storage carry an `s` among the feature letters after the vCPU count
/// (`Standard_D2s_v3`, `Standard_E4as_v4`) or belong to the DS/GS/FS/LS families.
pub fn supports_premium_storage(size: &str) -> bool {
    let lower = size.to_ascii_lowercase();
    let name = lower.strip_prefix("standard_").unwrap_or(&lower);
    let family = name.split('_').next().unwrap_or("");
    if ["ds", "gs", "fs", "ls"]
        .iter()
        .any(|p| family.starts_with(p))
    {
        return true;
    }
    let features: String = family
        .chars()
        .skip_while(|c| c.is_ascii_alphabetic())
        .skip_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    features.contains('s')
}
