//! Azure pieces several models share: VM hours by size and OS, and managed disks, billed per
//! month by the size tier (S/E/P + number) the disk falls into.

use crate::catalog::attrs;
use crate::model::CostComponent;
use crate::resources::{key, Ctx};

pub fn vm_hours(cx: &Ctx, size: &str, os: &str, count: f64) -> CostComponent {
    let label = if os == "windows" { "Windows" } else { "Linux" };
    let a = attrs(&[("os", os), ("size", &size.to_ascii_lowercase())]);
    cx.hourly(
        format!("Instance usage ({label}, pay as you go, {size})"),
        key("virtual_machines", "instance", &a),
        count,
    )
}

/// Size tiers in GiB: the disk is billed at the smallest tier that holds it.
const TIERS: &[(u32, &str)] = &[
    (4, "1"),
    (8, "2"),
    (16, "3"),
    (32, "4"),
    (64, "6"),
    (128, "10"),
    (256, "15"),
    (512, "20"),
    (1024, "30"),
    (2048, "40"),
    (4096, "50"),
    (8192, "60"),
    (16384, "70"),
    (32767, "80"),
];

/// `Standard_LRS` → S, `StandardSSD_LRS` → E, `Premium_LRS` → P.
pub fn disk(cx: &Ctx, account_type: &str, size_gb: f64) -> Option<CostComponent> {
    let letter = if account_type.starts_with("Premium") {
        "P"
    } else if account_type.starts_with("StandardSSD") {
        "E"
    } else if account_type.starts_with("Standard") {
        "S"
    } else {
        return None;
    };
    let redundancy = account_type.rsplit('_').next().unwrap_or("LRS");
    let tier = TIERS
        .iter()
        .find(|(cap, _)| size_gb <= *cap as f64)
        .map(|t| t.1)
        .unwrap_or("80");
    let name = format!("{letter}{tier}");
    let a = attrs(&[("redundancy", redundancy), ("tier", &name)]);
    Some(cx.component(
        format!("Storage ({name}, {redundancy})"),
        "months",
        Some(1.0),
        key("managed_disks", "disk", &a),
        false,
    ))
}
