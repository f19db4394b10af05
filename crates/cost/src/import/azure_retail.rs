//! Azure Retail Prices API page: `{BillingCurrency, Items[{armRegionName, armSkuName,
//! serviceName, productName, skuName, meterName, unitOfMeasure, retailPrice,
//! tierMinimumUnits, type, effectiveStartDate}], NextPageLink}`. Consumption rows only;
//! Spot/Low Priority rows are kept apart by their own key; VM rows get the models' key
//! (`virtual_machines/instance/os=…;size=…`).

use super::{row, Imported};
use crate::catalog::attrs;
use crate::error::CostError;
use serde_json::Value;

pub fn import(text: &str) -> Result<Imported, CostError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        CostError::new(
            "cost.import",
            format!("Azure Retail Prices page: {e}"),
            "give a JSON page as returned by the Retail Prices API",
        )
    })?;
    let mut out = Imported {
        source: "azure-retail-prices".into(),
        ..Default::default()
    };
    let Some(items) = doc["Items"].as_array() else {
        return Err(CostError::new(
            "cost.import",
            "Azure Retail Prices page without `Items`",
            "give a JSON page as returned by the Retail Prices API",
        ));
    };
    for (i, it) in items.iter().enumerate() {
        let s = |k: &str| it[k].as_str().unwrap_or("");
        if s("type") != "Consumption" {
            continue;
        }
        let Some(price) = it["retailPrice"].as_f64() else {
            out.skipped.push(format!("item {i}: no retailPrice"));
            continue;
        };
        if !it["effectiveEndDate"].is_null() && it.get("effectiveEndDate").is_some() {
            out.skipped
                .push(format!("item {i}: price ended {}", s("effectiveEndDate")));
            continue;
        }
        let region = s("armRegionName");
        let tier = it["tierMinimumUnits"].as_f64().unwrap_or(0.0);
        let variant = s("skuName").to_ascii_lowercase();
        let (service, family, a) = if s("serviceName") == "Virtual Machines"
            && !variant.contains("spot")
            && !variant.contains("low priority")
        {
            let os = if s("productName").contains("Windows") {
                "windows"
            } else {
                "linux"
            };
            (
                "virtual_machines".to_string(),
                "instance".to_string(),
                attrs(&[("os", os), ("size", &s("armSkuName").to_ascii_lowercase())]),
            )
        } else {
            let service = s("serviceName").to_ascii_lowercase().replace(' ', "_");
            (
                service,
                "meter".to_string(),
                attrs(&[
                    ("meter", s("meterName")),
                    ("product", s("productName")),
                    ("sku", s("skuName")),
                ]),
            )
        };
        out.rows.push(row(
            "azure",
            &service,
            &family,
            region,
            a,
            s("unitOfMeasure"),
            price,
            tier,
            s("currencyCode"),
            s("effectiveStartDate"),
            "azure-retail-prices",
        ));
    }
    Ok(out)
}
