//! azurerm_managed_disk: monthly price of the size tier for the account type.

use super::shared::disk;
use crate::resources::{Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let t = r.str_or("storage_account_type", "Standard_LRS");
    let size = r.f64("disk_size_gb").unwrap_or(32.0);
    match disk(cx, t, size) {
        Some(c) => Outcome::Priced(vec![c]),
        None => Outcome::Unsupported(format!(
            "storage account type {t} (ultra/premium v2 disks) is not priced yet"
        )),
    }
}
