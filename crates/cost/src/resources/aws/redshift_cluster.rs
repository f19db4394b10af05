//! aws_redshift_cluster: node hours × number of nodes; from usage: RA3 managed storage
//! (`managed_storage_gb`), concurrency scaling beyond the free credits
//! (`excess_concurrency_scaling_secs`, billed per node-second at the on-demand node rate),
//! Spectrum scans (`spectrum_data_scanned_tb`) and backup storage (`backup_storage_gb`, tiered).

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(node) = r.str("node_type") else {
        return Outcome::Unsupported("node_type is unknown".into());
    };
    let nodes = r.f64("number_of_nodes").unwrap_or(1.0);
    let node_key = attrs(&[("node_type", node)]);
    let u = &cx.usage;
    let mut comps = vec![cx.hourly(
        format!("Cluster usage (on-demand, {node})"),
        key("redshift", "node", &node_key),
        nodes,
    )];
    if node.starts_with("ra3") {
        comps.push(cx.usage_based(
            format!("Managed storage ({node})"),
            "GB",
            u.f64("managed_storage_gb"),
            key("redshift", "managed_storage", ""),
        ));
    }
    // Concurrency scaling is charged per second at the cluster's on-demand node rate.
    let mut scaling = cx.usage_based(
        format!("Concurrency scaling ({node})"),
        "node-seconds",
        u.f64("excess_concurrency_scaling_secs"),
        key("redshift", "node", &node_key),
    );
    scaling.unit_price = scaling.unit_price.map(|p| p / 3600.0);
    scaling.monthly_cost = scaling.monthly_cost.map(|c| c / 3600.0);
    comps.push(scaling);
    comps.push(cx.usage_based(
        "Spectrum",
        "TB",
        u.f64("spectrum_data_scanned_tb"),
        key("redshift", "spectrum", ""),
    ));
    comps.push(cx.usage_based(
        "Backup storage",
        "GB",
        u.f64("backup_storage_gb"),
        key("redshift", "backup", ""),
    ));
    Outcome::Priced(comps)
}
