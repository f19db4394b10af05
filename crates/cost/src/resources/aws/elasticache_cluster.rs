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

/// Node hours at the on-demand rate, or the reservation's hourly rate when the usage file
/// gives `reserved_instance_term` and `reserved_instance_payment_option` (all-upfront
/// reservations have no monthly part).
pub fn node_hours(cx: &Ctx, node: &str, engine: &str, count: f64) -> crate::model::CostComponent {
    // Redis, Valkey and Memcached nodes share on-demand prices per node type.
    let _ = engine;
    let u = &cx.usage;
    if let (Some(term), Some(payment)) = (
        u.str("reserved_instance_term"),
        u.str("reserved_instance_payment_option"),
    ) {
        let a = attrs(&[("node_type", node), ("payment", payment), ("term", term)]);
        let mut c = cx.hourly(
            format!("ElastiCache (reserved, {node})"),
            key("elasticache", "node_reserved", &a),
            count,
        );
        if payment == "all_upfront" {
            c.unit_price = Some(0.0);
            c.monthly_cost = Some(0.0);
            c.note = Some("all-upfront reservation: the upfront fee is not a monthly cost".into());
        }
        return c;
    }
    cx.hourly(
        format!("ElastiCache (on-demand, {node})"),
        key("elasticache", "node", &attrs(&[("node_type", node)])),
        count,
    )
}
