//! azurerm_managed_disk: monthly price of the size tier for the account type; ultra disks by
//! provisioned size, IOPS and throughput.

use super::shared::disk;
use crate::resources::{Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let t = r.str_or("storage_account_type", "Standard_LRS");
    if t == "UltraSSD_LRS" {
        return ultra(cx);
    }
    let size = r.f64("disk_size_gb").unwrap_or(32.0);
    match disk(cx, t, size) {
        Some(c) => Outcome::Priced(vec![c]),
        None => Outcome::Unsupported(format!(
            "storage account type {t} (ultra/premium v2 disks) is not priced yet"
        )),
    }
}

/// Ultra disks bill the provisioned size (rounded up to the next size step: powers of two up
/// to 1,024 GiB, then 1,024 GiB steps), IOPS and throughput separately.
fn ultra(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let gb = r.f64("disk_size_gb").unwrap_or(1024.0);
    let billed = if gb <= 1024.0 {
        (gb.max(4.0)).log2().ceil().exp2()
    } else {
        (gb / 1024.0).ceil() * 1024.0
    };
    let iops = r.f64("disk_iops_read_write").unwrap_or(0.0);
    let mbps = r.f64("disk_mbps_read_write").unwrap_or(0.0);
    Outcome::Priced(vec![
        cx.component(
            format!("Storage (ultra, {billed} GiB)"),
            "GiB",
            Some(billed),
            crate::resources::key("managed_disks", "ultra_storage", ""),
            false,
        ),
        cx.component(
            "Provisioned IOPS",
            "IOPS",
            Some(iops),
            crate::resources::key("managed_disks", "ultra_iops", ""),
            false,
        ),
        cx.component(
            "Throughput",
            "MB/s",
            Some(mbps),
            crate::resources::key("managed_disks", "ultra_throughput", ""),
            false,
        ),
    ])
}
