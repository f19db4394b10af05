//! aws_elasticache_cluster: node hours × `num_cache_nodes`, plus snapshot storage beyond the
//! free one (usage `snapshot_storage_size_gb`) for Redis.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(node) = r.str("node_type") else {
        return Outcome::Unsupported("node_type is unknown (replication group member?)".into());
    };
    let nodes = r.f64("num_cache_nodes").unwrap_or(1.0);
    let engine = r.str_or("engine", "redis");
    let mut comps = vec![node_hours(cx, node, engine, nodes)];
    if engine == "redis" && r.f64("snapshot_retention_limit").unwrap_or(0.0) > 1.0 {
        let gb = cx.usage.f64("snapshot_storage_size_gb");
        let retained = r.f64("snapshot_retention_limit").unwrap_or(0.0) - 1.0;
        comps.push(cx.usage_based(
            "Backup storage",
            "GB",
            gb.map(|g| g * retained),
            key("elasticache", "backup", ""),
        ));
    }
    Outcome::Priced(comps)
}

pub fn node_hours(cx: &Ctx, node: &str, engine: &str, count: f64) -> crate::model::CostComponent {
    // Redis and Memcached (and Valkey) nodes share on-demand prices per node type.
    let _ = engine;
    cx.hourly(
        format!("ElastiCache ({node})"),
        key("elasticache", "node", &attrs(&[("node_type", node)])),
        count,
    )
}
