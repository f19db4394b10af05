//! AWS Price List bulk offer file, CSV form: metadata lines, a header row starting with
//! `SKU,OfferTermCode`, then one row per price dimension. Only on-demand terms are kept
//! (reserved terms are not used by the estimator). Rows that are not price rows (test
//! fixtures' `INVALID` lines, truncated lines) are skipped and counted.

use super::{aws_regions::code_for, row, Imported};
use crate::catalog::{attrs, csv::parse_line};
use crate::error::CostError;
use std::collections::HashMap;

pub fn import(text: &str) -> Result<Imported, CostError> {
    let mut out = Imported {
        source: "aws-offer-file-csv".into(),
        ..Default::default()
    };
    let mut lines = text.lines();
    let mut header: Option<HashMap<String, usize>> = None;
    for l in lines.by_ref() {
        if let Some(v) = l
            .strip_prefix("\"Version\",")
            .or_else(|| l.strip_prefix("Version,"))
        {
            out.version = v.trim_matches('"').to_string();
        }
        if l.starts_with("SKU,") || l.starts_with("\"SKU\",") {
            header = Some(
                parse_line(l)
                    .into_iter()
                    .enumerate()
                    .map(|(i, h)| (h, i))
                    .collect(),
            );
            break;
        }
    }
    let Some(h) = header else {
        return Err(CostError::new(
            "cost.import",
            "AWS CSV offer file without a `SKU,OfferTermCode…` header row",
            "give the index.csv of an AWS offer as downloaded",
        ));
    };
    for (n, l) in lines.enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let f = parse_line(l);
        let get = |name: &str| {
            h.get(name)
                .and_then(|i| f.get(*i))
                .map(|s| s.as_str())
                .unwrap_or("")
        };
        let price: f64 = match get("PricePerUnit").parse() {
            Ok(p) => p,
            Err(_) => {
                out.skipped.push(format!("line {}: not a price row", n + 1));
                continue;
            }
        };
        if get("TermType") != "OnDemand" {
            continue;
        }
        let region = h
            .get("Region Code")
            .and_then(|i| f.get(*i))
            .map(|s| s.to_string())
            .filter(|s| !s.is_empty())
            .or_else(|| code_for(get("Location")).map(str::to_string));
        let Some(region) = region else {
            out.skipped.push(format!(
                "line {}: unknown location {:?}",
                n + 1,
                get("Location")
            ));
            continue;
        };
        let tier_start: f64 = get("StartingRange").parse().unwrap_or(0.0);
        let (service, family, a) = key_for(&|k| get(k).to_string());
        out.rows.push(row(
            "aws",
            &service,
            &family,
            &region,
            a,
            get("Unit"),
            price,
            tier_start,
            get("Currency"),
            get("EffectiveDate"),
            "aws-offer-file-csv",
        ));
    }
    Ok(out)
}

/// Our catalog key for an AWS product (the models' keys for what they price).
pub fn key_for(get: &dyn Fn(&str) -> String) -> (String, String, String) {
    let family = get("Product Family");
    let os = get("Operating System").to_ascii_lowercase();
    if family == "Compute Instance"
        && get("Pre Installed S/W") == "NA"
        && matches!(get("CapacityStatus").as_str(), "" | "Used")
        && (os == "linux" || (os == "windows" && get("License Model") != "Bring your own license"))
    {
        let tenancy = get("Tenancy").to_ascii_lowercase();
        return (
            "ec2".into(),
            "instance".into(),
            attrs(&[
                ("instance_type", &get("Instance Type")),
                ("os", &os),
                ("tenancy", &tenancy),
            ]),
        );
    }
    if family == "Storage" && !get("Volume API Name").is_empty() {
        return (
            "ebs".into(),
            "storage".into(),
            attrs(&[("volume_type", &get("Volume API Name"))]),
        );
    }
    let service = get("serviceCode").to_ascii_lowercase();
    let fam = family.to_ascii_lowercase().replace(' ', "_");
    (service, fam, attrs(&[("usagetype", &get("usageType"))]))
}
