//! aws_elasticache_replication_group: node hours for every node of every shard. Shards and
//! replicas managed by `aws_appautoscaling_target`s of the same configuration (dimensions
//! `NodeGroups`, `Replicas`) use the targets' capacity (usage `capacity`, else
//! `min_capacity`); the group's own usage `capacity` overrides the shard count.

use super::elasticache_cluster::node_hours;
use super::shared::autoscaled_capacity;
use crate::resources::{Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(node) = r.str("node_type") else {
        return Outcome::Unsupported("node_type is unknown".into());
    };
    let shards_auto = cx
        .usage
        .f64("capacity")
        .or_else(|| autoscaled_capacity(cx, "NodeGroups"));
    let replicas_auto = autoscaled_capacity(cx, "Replicas");
    let autoscaling = shards_auto.is_some() || replicas_auto.is_some();
    let nodes = match r
        .f64("num_cache_clusters")
        .or_else(|| r.f64("number_cache_clusters"))
    {
        Some(n) if !autoscaling => n,
        _ => {
            let shards = shards_auto
                .or_else(|| r.f64("num_node_groups"))
                .unwrap_or(1.0);
            let replicas = replicas_auto
                .or_else(|| r.f64("replicas_per_node_group"))
                .unwrap_or(0.0);
            shards * (1.0 + replicas)
        }
    };
    let mut c = node_hours(cx, node, r.str_or("engine", "redis"), nodes);
    if autoscaling {
        c.name = c.name.replacen(')', ", autoscaling)", 1);
        c.usage_based = true;
    }
    Outcome::Priced(vec![c])
}
