//! GCP Cloud Billing Catalog `services.skus.list` response: `skus[{skuId, description,
//! category{resourceFamily, resourceGroup, usageType}, serviceRegions[], pricingInfo[{
//! pricingExpression{usageUnit, tieredRates[{startUsageAmount, unitPrice{currencyCode, units,
//! nanos}}]}, effectiveTime}]}]`. Price = units + nanos / 1e9, one row per region and tier.

use super::{row, Imported};
use crate::catalog::attrs;
use crate::error::CostError;
use serde_json::Value;

pub fn import(text: &str) -> Result<Imported, CostError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        CostError::new(
            "cost.import",
            format!("GCP SKU list: {e}"),
            "give a JSON response of the Cloud Billing Catalog skus.list",
        )
    })?;
    let mut out = Imported {
        source: "gcp-billing-catalog".into(),
        ..Default::default()
    };
    let Some(skus) = doc["skus"].as_array() else {
        return Err(CostError::new(
            "cost.import",
            "GCP SKU list without `skus`",
            "give a JSON response of the Cloud Billing Catalog skus.list",
        ));
    };
    for sku in skus {
        let cat = &sku["category"];
        let family = cat["resourceFamily"]
            .as_str()
            .unwrap_or("")
            .to_ascii_lowercase();
        let group = cat["resourceGroup"].as_str().unwrap_or("");
        let usage_type = cat["usageType"].as_str().unwrap_or("").to_ascii_lowercase();
        let service = cat["serviceDisplayName"]
            .as_str()
            .unwrap_or("")
            .to_ascii_lowercase()
            .replace(' ', "_");
        let a = attrs(&[
            ("description", sku["description"].as_str().unwrap_or("")),
            ("group", group),
            ("usage_type", &usage_type),
        ]);
        let Some(info) = sku["pricingInfo"].as_array().and_then(|p| p.first()) else {
            out.skipped
                .push(format!("{}: no pricingInfo", sku["skuId"]));
            continue;
        };
        let expr = &info["pricingExpression"];
        let unit = expr["usageUnit"].as_str().unwrap_or("");
        let effective = info["effectiveTime"].as_str().unwrap_or("");
        let regions: Vec<&str> = sku["serviceRegions"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for rate in expr["tieredRates"].as_array().into_iter().flatten() {
            let p = &rate["unitPrice"];
            let units: f64 = p["units"]
                .as_str()
                .and_then(|u| u.parse().ok())
                .or_else(|| p["units"].as_f64())
                .unwrap_or(0.0);
            let price = units + p["nanos"].as_f64().unwrap_or(0.0) / 1e9;
            let start = rate["startUsageAmount"].as_f64().unwrap_or(0.0);
            let currency = p["currencyCode"].as_str().unwrap_or("USD");
            for region in &regions {
                out.rows.push(row(
                    "google",
                    &service,
                    &family,
                    region,
                    a.clone(),
                    unit,
                    price,
                    start,
                    currency,
                    effective,
                    "gcp-billing-catalog",
                ));
            }
        }
    }
    Ok(out)
}
