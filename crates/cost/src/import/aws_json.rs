//! AWS Price List bulk offer file, JSON form: `products{sku: {productFamily, attributes}}`
//! and `terms.OnDemand{sku: {term: {priceDimensions{rate: {unit, pricePerUnit, beginRange}}}}}`.
//! Attributes use the camelCase names (`instanceType`, `operatingSystem`…), mapped to the CSV
//! column names so both forms share one key function.

use super::{aws_csv::key_for, aws_regions::code_for, row, Imported};
use crate::error::CostError;
use serde_json::Value;

const NAMES: &[(&str, &str)] = &[
    ("Instance Type", "instanceType"),
    ("Operating System", "operatingSystem"),
    ("Tenancy", "tenancy"),
    ("Pre Installed S/W", "preInstalledSw"),
    ("CapacityStatus", "capacitystatus"),
    ("License Model", "licenseModel"),
    ("Volume API Name", "volumeApiName"),
    ("serviceCode", "servicecode"),
    ("usageType", "usagetype"),
];

pub fn import(text: &str) -> Result<Imported, CostError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        CostError::new(
            "cost.import",
            format!("AWS JSON offer file: {e}"),
            "give the index.json of an AWS offer as downloaded",
        )
    })?;
    let mut out = Imported {
        source: "aws-offer-file-json".into(),
        version: doc["version"].as_str().unwrap_or("").into(),
        ..Default::default()
    };
    let Some(products) = doc["products"].as_object() else {
        return Err(CostError::new(
            "cost.import",
            "AWS JSON offer file without `products`",
            "give the index.json of an AWS offer as downloaded",
        ));
    };
    let terms = &doc["terms"]["OnDemand"];
    for (sku, p) in products {
        let a = &p["attributes"];
        let family = p["productFamily"].as_str().unwrap_or("");
        let get = |name: &str| -> String {
            if name == "Product Family" {
                return family.to_string();
            }
            let json_name = NAMES
                .iter()
                .find(|(c, _)| *c == name)
                .map(|(_, j)| *j)
                .unwrap_or(name);
            a[json_name].as_str().unwrap_or("").to_string()
        };
        let region = a["regionCode"]
            .as_str()
            .map(str::to_string)
            .or_else(|| code_for(a["location"].as_str().unwrap_or("")).map(str::to_string));
        let Some(region) = region else {
            out.skipped.push(format!("{sku}: unknown location"));
            continue;
        };
        let (service, fam, attrs) = key_for(&get);
        let Some(term_map) = terms[sku].as_object() else {
            continue;
        };
        for term in term_map.values() {
            let effective = term["effectiveDate"].as_str().unwrap_or("");
            let Some(dims) = term["priceDimensions"].as_object() else {
                continue;
            };
            for d in dims.values() {
                let Some((currency, price)) = d["pricePerUnit"]
                    .as_object()
                    .and_then(|m| m.iter().next())
                    .and_then(|(c, v)| Some((c.clone(), v.as_str()?.parse::<f64>().ok()?)))
                else {
                    out.skipped
                        .push(format!("{sku}: price dimension without a price"));
                    continue;
                };
                let start = d["beginRange"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0.0);
                out.rows.push(row(
                    "aws",
                    &service,
                    &fam,
                    &region,
                    attrs.clone(),
                    d["unit"].as_str().unwrap_or(""),
                    price,
                    start,
                    &currency,
                    effective,
                    "aws-offer-file-json",
                ));
            }
        }
    }
    Ok(out)
}
