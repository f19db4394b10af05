//! aws_eks_cluster: control plane hours; versions past standard support cost the
//! extended-support rate. Which versions are in extended support is data (catalog rows
//! `eks/cluster_extended/version=…`), so it changes with the catalog, not the code.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let version = cx.r.str("version").unwrap_or("");
    let upgrade =
        cx.r.blocks("upgrade_policy")
            .first()
            .and_then(|b| b.get("support_type"))
            .and_then(|v| v.as_str())
            .unwrap_or("EXTENDED");
    let ext = attrs(&[("version", version)]);
    let extended = upgrade != "STANDARD"
        && cx
            .unit_price(key("eks", "cluster_extended", &ext))
            .is_some();
    let c = if extended {
        cx.hourly(
            "EKS cluster (extended support)",
            key("eks", "cluster_extended", &ext),
            1.0,
        )
    } else {
        cx.hourly(
            "EKS cluster",
            key("eks", "cluster", "support=standard"),
            1.0,
        )
    };
    Outcome::Priced(vec![c])
}
