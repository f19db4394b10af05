//! google_compute_disk: provisioned storage per GB by disk type (pd-standard, pd-balanced,
//! pd-ssd, pd-extreme) — a disk from an image without a size is priced at 10 GB.

use crate::catalog::attrs;
use crate::model::CostComponent;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let t = r.str_or("type", "pd-standard");
    let size = r.f64("size").unwrap_or(10.0);
    let mut comps = vec![disk_component(cx, t, size, "")];
    if t == "pd-extreme" {
        comps.push(cx.component(
            "Provisioned IOPS",
            "IOPS",
            Some(r.f64("provisioned_iops").unwrap_or(0.0)),
            key("compute_engine", "disk_iops", "type=pd-extreme"),
            false,
        ));
    }
    Outcome::Priced(comps)
}

pub fn disk_component(cx: &Ctx, dtype: &str, size: f64, prefix: &str) -> CostComponent {
    let label = match dtype {
        "pd-ssd" => "SSD provisioned storage (pd-ssd)",
        "pd-balanced" => "Balanced provisioned storage (pd-balanced)",
        "pd-extreme" => "Extreme provisioned storage (pd-extreme)",
        _ => "Standard provisioned storage (pd-standard)",
    };
    cx.component(
        format!("{prefix}{label}"),
        "GB",
        Some(size),
        key("compute_engine", "disk", &attrs(&[("type", dtype)])),
        false,
    )
}
