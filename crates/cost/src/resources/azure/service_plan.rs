//! azurerm_service_plan / azurerm_app_service_plan: instance hours of the SKU × workers,
//! Linux or Windows.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let (sku, os, workers) = if r.resource_type == "azurerm_app_service_plan" {
        let sku = r
            .blocks("sku")
            .first()
            .and_then(|s| s.get("size"))
            .and_then(|v| v.as_str())
            .unwrap_or("B1")
            .to_string();
        let workers = r
            .blocks("sku")
            .first()
            .and_then(|s| s.get("capacity"))
            .and_then(crate::input::number)
            .unwrap_or(1.0);
        let os = if r
            .str("kind")
            .map(|k| k.eq_ignore_ascii_case("linux"))
            .unwrap_or(false)
            || r.bool("reserved") == Some(true)
        {
            "linux"
        } else {
            "windows"
        };
        (sku, os, workers)
    } else {
        let os = if r.str_or("os_type", "Linux").starts_with("Windows") {
            "windows"
        } else {
            "linux"
        };
        (
            r.str_or("sku_name", "B1").to_string(),
            os,
            r.f64("worker_count").unwrap_or(1.0),
        )
    };
    let a = attrs(&[("os", os), ("sku", &sku.to_ascii_lowercase())]);
    Outcome::Priced(vec![cx.hourly(
        format!("Instance usage ({sku})"),
        key("app_service", "plan", &a),
        workers,
    )])
}
