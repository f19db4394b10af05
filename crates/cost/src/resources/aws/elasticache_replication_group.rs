//! aws_elasticache_replication_group: node hours for every node of every shard.

use super::elasticache_cluster::node_hours;
use crate::resources::{Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(node) = r.str("node_type") else {
        return Outcome::Unsupported("node_type is unknown".into());
    };
    let nodes = if let Some(n) = r
        .f64("num_cache_clusters")
        .or_else(|| r.f64("number_cache_clusters"))
    {
        n
    } else {
        let shards = r.f64("num_node_groups").unwrap_or(1.0);
        let replicas = r.f64("replicas_per_node_group").unwrap_or(0.0);
        shards * (1.0 + replicas)
    };
    Outcome::Priced(vec![node_hours(
        cx,
        node,
        r.str_or("engine", "redis"),
        nodes,
    )])
}
