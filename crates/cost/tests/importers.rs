//! Importers on the real-format price samples of the corpus (read at test time): each file
//! must import, map the products our models price onto the models' keys, and keep prices
//! exactly as written in the file.

use orbis_cost::catalog::{insert_rows, open_db, Catalog};
use orbis_cost::import::import_file;
use std::path::{Path, PathBuf};

fn formats() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/cost/price-formats")
}

#[test]
fn aws_json_offer_file_maps_ec2_and_ebs_to_model_keys() {
    let path = formats().join("aws/opencost-extract/ec2_offer_excerpt_us-east-2_2023-03-22.json");
    let imported = import_file(&path).expect("imports");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // Expected price read straight from the file's own on-demand term for the m5.large SKU.
    let (sku, _) = doc["products"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, p)| p["attributes"]["instanceType"] == "m5.large")
        .unwrap();
    let term = doc["terms"]["OnDemand"][sku]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    let dim = term["priceDimensions"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    let expected: f64 = dim["pricePerUnit"]["USD"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let m5 = imported
        .rows
        .iter()
        .find(|r| {
            r.service == "ec2" && r.attributes == "instance_type=m5.large;os=linux;tenancy=shared"
        })
        .expect("m5.large Linux row");
    assert_eq!(m5.region, "us-east-2");
    assert_eq!(m5.price, expected);
    assert!(
        imported
            .rows
            .iter()
            .any(|r| r.service == "ebs" && r.attributes == "volume_type=gp3"),
        "gp3 storage keyed for the EBS model"
    );
    // BYOL Windows is not the licence-included price: it must not land on the Windows key.
    assert!(!imported
        .rows
        .iter()
        .any(|r| r.attributes.contains("p3.8xlarge") && r.attributes.contains("os=windows")));
}

#[test]
fn aws_csv_offer_file_skips_invalid_rows_and_keeps_on_demand_prices() {
    let path = formats()
        .join("aws/ligoj-mock-server/offers/v1.0/aws/AmazonEC2/current/eu-west-1/index.csv");
    let imported = import_file(&path).expect("imports");
    assert!(!imported.rows.is_empty());
    assert!(
        !imported.skipped.is_empty(),
        "the sample's INVALID lines are reported as skipped"
    );
    assert!(imported
        .rows
        .iter()
        .all(|r| r.price >= 0.0 && r.currency == "USD"));
    assert!(
        imported.rows.iter().all(|r| r.region == "eu-west-1"),
        "every priced row resolves to the Ireland region code"
    );
    // Every imported row's price appears verbatim in the source line of its SKU.
    let text = std::fs::read_to_string(&path).unwrap();
    for r in imported.rows.iter().take(20) {
        let formatted = format!("{:.10}", r.price);
        assert!(
            text.contains(&formatted),
            "price {formatted} not in the file"
        );
    }
}

#[test]
fn azure_retail_page_keys_vm_rows_by_size_and_os() {
    let imported = import_file(&formats().join("azure/retail-prices-api/standard_b1s_eastus.json"))
        .expect("imports");
    let linux = imported
        .rows
        .iter()
        .find(|r| r.attributes == "os=linux;size=standard_b1s")
        .expect("Linux B1s");
    let windows = imported
        .rows
        .iter()
        .find(|r| r.attributes == "os=windows;size=standard_b1s")
        .expect("Windows B1s");
    assert_eq!(linux.region, "eastus");
    assert!(windows.price > linux.price, "Windows includes the licence");
    // Other services import under a raw meter key, none is lost.
    let aks = import_file(&formats().join("azure/retail-prices-api/aks_eastus_consumption.json"))
        .expect("imports");
    assert!(!aks.rows.is_empty());
    assert!(aks
        .rows
        .iter()
        .all(|r| r.product_family == "meter" || r.service == "virtual_machines"));
}

#[test]
fn gcp_sku_list_prices_are_units_plus_nanos_per_region() {
    let path = formats().join("gcp/cloud-billing-catalog/skus.json");
    let imported = import_file(&path).expect("imports");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let first = &doc["skus"][0];
    let rate = &first["pricingInfo"][0]["pricingExpression"]["tieredRates"][0]["unitPrice"];
    let expected = rate["units"].as_str().unwrap().parse::<f64>().unwrap()
        + rate["nanos"].as_f64().unwrap() / 1e9;
    let regions = first["serviceRegions"].as_array().unwrap();
    let desc = first["description"].as_str().unwrap().to_ascii_lowercase();
    let rows: Vec<_> = imported
        .rows
        .iter()
        .filter(|r| r.attributes.contains(&format!("description={desc}")))
        .collect();
    assert_eq!(rows.len(), regions.len());
    assert!(rows.iter().all(|r| (r.price - expected).abs() < 1e-12));
}

#[test]
fn imported_prices_override_bundled_ones_in_a_catalog_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("prices.sqlite");
    let imported = import_file(
        &formats().join("aws/opencost-extract/ec2_offer_excerpt_us-east-2_2023-03-22.json"),
    )
    .unwrap();
    let mut conn = open_db(&db).unwrap();
    insert_rows(
        &mut conn,
        &imported.rows,
        &imported.version,
        &imported.source,
    )
    .unwrap();
    // Importing twice replaces rather than duplicates.
    insert_rows(
        &mut conn,
        &imported.rows,
        &imported.version,
        &imported.source,
    )
    .unwrap();
    let count: i64 = conn
        .query_row("SELECT COUNT(*) FROM prices", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count as usize, imported.rows.len());
    drop(conn);
    let cat = Catalog::open_with_bundled(&db).unwrap();
    let m5 = imported
        .rows
        .iter()
        .find(|r| r.attributes == "instance_type=m5.large;os=linux;tenancy=shared")
        .unwrap();
    assert_eq!(
        cat.price("aws", "ec2", "instance", "us-east-2", &m5.attributes),
        Some(m5.price)
    );
    assert!(
        cat.price(
            "aws",
            "ec2",
            "instance",
            "eu-west-1",
            "instance_type=t3.micro;os=linux;tenancy=shared"
        )
        .is_some(),
        "bundled prices remain"
    );
    assert!(cat.version.contains(&imported.version));
}

#[test]
fn unknown_files_are_refused_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.json");
    std::fs::write(&p, "{\"hello\": 1}").unwrap();
    let e = import_file(&p).unwrap_err();
    assert_eq!(e.code, "cost.import");
    assert!(!e.hint.is_empty());
}
