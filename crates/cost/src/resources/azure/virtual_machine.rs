//! azurerm_linux_virtual_machine / azurerm_windows_virtual_machine: VM hours by size and OS
//! (Windows with Azure Hybrid Benefit pays the Linux rate), plus the OS disk.

use super::shared::{disk, vm_hours};
use crate::resources::{Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(size) = r.str("size") else {
        return Outcome::Unsupported("size is unknown".into());
    };
    let windows =
        r.resource_type == "azurerm_windows_virtual_machine" && r.str("license_type").is_none();
    let mut comps = vec![vm_hours(
        cx,
        size,
        if windows { "windows" } else { "linux" },
        1.0,
    )];
    if let Some(os_disk) = r.blocks("os_disk").first() {
        let t = os_disk
            .get("storage_account_type")
            .and_then(|v| v.as_str())
            .unwrap_or("Standard_LRS");
        // Marketplace images default to a 30 GB OS disk (billed in the 32 GB tier).
        let size = os_disk
            .get("disk_size_gb")
            .and_then(crate::input::number)
            .unwrap_or(30.0);
        comps.extend(disk(cx, t, size).map(|mut c| {
            c.name = format!("os_disk: {}", c.name);
            c
        }));
    }
    Outcome::Priced(comps)
}
