//! azurerm_redis_cache: price per node-month of the SKU (family + capacity); Premium shards
//! and replicas multiply the nodes, Standard/Premium run a primary and a replica.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let sku = r.str_or("sku_name", "Basic");
    let family = r.str_or("family", "C");
    let capacity = r.f64("capacity").unwrap_or(0.0);
    let name = format!("{sku}_{family}{capacity}");
    let shards = r.f64("shard_count").unwrap_or(1.0).max(1.0);
    let replicas = r
        .f64("replicas_per_primary")
        .or_else(|| r.f64("replicas_per_master"))
        .unwrap_or(1.0);
    let nodes = match sku {
        "Premium" => shards * (1.0 + replicas),
        "Standard" => 2.0,
        _ => 1.0,
    };
    let a = attrs(&[("sku", &name.to_ascii_lowercase())]);
    // Catalog prices are per node-month.
    Outcome::Priced(vec![cx.component(
        format!("Cache usage ({name})"),
        "nodes",
        Some(nodes),
        key("redis", "cache", &a),
        false,
    )])
}
