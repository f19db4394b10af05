//! Importers for the clouds' own public price files, read from files the user downloaded
//! (no network): AWS Price List bulk offer files (CSV and JSON), Azure Retail Prices API
//! JSON pages, GCP Cloud Billing Catalog `skus.list` JSON. Each yields catalog rows; rows
//! for the resources our models price get the models' keys (e.g. EC2 instance hours →
//! `ec2/instance/instance_type=…;os=…;tenancy=…`), everything else is kept under a raw key
//! (`usagetype=…`, `meter=…`, `sku=…`) so nothing imported is lost.

pub mod aws_csv;
pub mod aws_json;
pub mod aws_regions;
pub mod azure_retail;
pub mod gcp_skus;

use crate::catalog::PriceRow;
use crate::error::CostError;
use std::path::Path;

/// What an import produced.
#[derive(Debug, Default)]
pub struct Imported {
    pub rows: Vec<PriceRow>,
    /// Lines/items skipped, with why (malformed, non-USD-or-CNY, unknown region…).
    pub skipped: Vec<String>,
    pub source: String,
    pub version: String,
}

/// Detects the format from the content and imports the file.
pub fn import_file(path: &Path) -> Result<Imported, CostError> {
    let bytes = std::fs::read(path).map_err(|e| {
        CostError::new(
            "cost.import",
            format!("cannot read {}: {e}", path.display()),
            "check the price file path",
        )
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let head: String = text.chars().take(4096).collect();
    if head.trim_start().starts_with('{') {
        if head.contains("\"offerCode\"") && head.contains("\"products\"")
            || text.contains("\"terms\"") && text.contains("\"products\"")
        {
            return aws_json::import(&text);
        }
        if head.contains("\"Items\"") || head.contains("\"BillingCurrency\"") {
            return azure_retail::import(&text);
        }
        if head.contains("\"skus\"") {
            return gcp_skus::import(&text);
        }
        return Err(CostError::new(
            "cost.import",
            format!("{}: not a known price file format", path.display()),
            "give an AWS offer file, an Azure Retail Prices API page or a GCP skus.list response",
        ));
    }
    if head.contains("SKU,OfferTermCode") || head.contains("\"SKU\",\"OfferTermCode\"") {
        return aws_csv::import(&text);
    }
    Err(CostError::new("cost.import", format!("{}: not a known price file format", path.display()), "give an AWS offer file (CSV or JSON), an Azure Retail Prices API page or a GCP skus.list response"))
}

/// Builds a row with the common fields.
#[allow(clippy::too_many_arguments)]
pub(crate) fn row(
    provider: &str,
    service: &str,
    family: &str,
    region: &str,
    attributes: String,
    unit: &str,
    price: f64,
    tier_start: f64,
    currency: &str,
    effective: &str,
    source: &str,
) -> PriceRow {
    PriceRow {
        provider: provider.into(),
        service: service.into(),
        product_family: family.into(),
        region: region.into(),
        attributes,
        unit: unit.into(),
        price,
        tier_start,
        currency: currency.into(),
        effective_date: effective.into(),
        source: source.into(),
    }
}
