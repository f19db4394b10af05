//! The cross-cloud Inventory table (the `cloud` feature, as the desktop app is built): AWS
//! from a moto server on loopback (seeded by the cloud crate's `moto_seed.py services`), Azure
//! from the cloud crate's loopback Resource Graph replay (envelopes around the drift corpus'
//! recorded NSGs; a stand-in `az` hands out the token), reached through the process
//! environment as the app is. Checked: both scopes listed with their age, monthly costs where
//! orbis-cost models the type, "managed by" from a drift scan of a workspace state, and a
//! scope refreshed from what the table sent.
#![cfg(feature = "cloud")]

#[path = "../../cloud/tests/common/mod.rs"]
mod common;
#[path = "../../cloud/tests/replay/mod.rs"]
mod replay;

use orbis_app::drift_view::{DriftScanRequest, DriftSource};
use orbis_app::inventory_view::InventoryScope;
use orbis_app::Session;
use orbis_store::Store;
use serde_json::json;

#[test]
fn aws_and_azure_scopes_in_one_table_with_costs_and_managed_by() {
    let Some(moto) = common::Moto::start() else {
        return;
    };
    let seed = std::process::Command::new(common::venv_python())
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../cloud/tests/moto_seed.py"
        ))
        .args([&moto.url, "eu-west-1", "services"])
        .output()
        .unwrap();
    assert!(
        seed.status.success(),
        "{}",
        String::from_utf8_lossy(&seed.stderr)
    );
    let sub = "7bfb2c5c-7308-46ed-8ae4-fffa356eb406";
    let mut data = replay::Data {
        page: 1,
        ..Default::default()
    };
    data.azure.insert(
        sub.into(),
        replay::fixture("azurerm_network_security_group_multiple")
            .iter()
            .map(|a| replay::arm_row("microsoft.network/networksecuritygroups", a))
            .collect(),
    );
    let azure = replay::Replay::start(data);
    let home = common::Home::new();
    home.write_exec(
        "bin/az",
        &format!(
            "#!/bin/sh\nprintf '{{\"accessToken\": \"{}\", \"expiresOn\": \"2030-03-17 17:46:40.000000\", \"expires_on\": 1900000000, \"tokenType\": \"Bearer\"}}'\n",
            replay::AZ_TOKEN
        ),
    );
    let ws = tempfile::tempdir().unwrap();
    let state = json!({"version": 4, "serial": 1, "lineage": "app", "outputs": {}, "resources": [
        {"mode": "managed", "type": "aws_db_instance", "name": "main",
         "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
         "instances": [{"schema_version": 0, "attributes": {"id": "orbis-main", "instance_class": "db.t3.micro"}}]}
    ]});
    std::fs::write(ws.path().join("terraform.tfstate"), state.to_string()).unwrap();
    // The app reads the standard environment of its process (this binary's only test).
    for (k, v) in [
        ("HOME", home.path().to_str().unwrap()),
        ("PATH", &format!("{}:/usr/bin:/bin", home.bin().display())),
        ("AWS_ACCESS_KEY_ID", common::ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", moto.url.as_str()),
        ("AWS_REGION", "eu-west-1"),
        ("ORBIS_AZURE_ENDPOINT_URL", azure.url.as_str()),
    ] {
        std::env::set_var(k, v);
    }
    std::env::remove_var("AWS_PROFILE");

    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(ws.path()).unwrap();
    let empty = session.inventory_table().unwrap();
    assert!(empty.rows.is_empty() && empty.scopes.is_empty() && empty.can_scan);

    let aws = InventoryScope::Aws {
        profile: None,
        regions: vec![],
    };
    session.inventory_scan(&aws).unwrap();
    let t = session
        .inventory_scan(&InventoryScope::Azure {
            subscriptions: vec![sub.into()],
        })
        .unwrap();
    assert_eq!(t.scopes.len(), 2, "{:?}", t.scopes);
    assert!(t.scopes.iter().all(|s| s.age_minutes == 0));
    let aws_scope = t.scopes.iter().find(|s| s.cloud == "aws").unwrap();
    assert_eq!(
        aws_scope.refresh.as_ref(),
        Some(&InventoryScope::Aws {
            profile: None,
            regions: vec!["eu-west-1".into()]
        })
    );
    let nsgs: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.resource_type == "azurerm_network_security_group")
        .collect();
    assert_eq!(nsgs.len(), 2);
    assert!(nsgs
        .iter()
        .all(|r| r.cloud == "azure" && r.account.as_deref() == Some(sub)));
    let db = t.rows.iter().find(|r| r.id == "orbis-main").unwrap();
    assert_eq!(db.cloud, "aws");
    assert_eq!(db.tags.get("Owner").map(String::as_str), Some("data"));
    // db.t3.micro postgres with 20 GB: priced by the bundled catalog.
    let cost = db.monthly_cost.expect("aws_db_instance has a cost model");
    assert!(cost > 5.0 && cost < 100.0, "{cost}");
    // IAM users cost nothing and have no model: no figure rather than zero.
    let user = t
        .rows
        .iter()
        .find(|r| r.resource_type == "aws_iam_user")
        .unwrap();
    assert_eq!(user.monthly_cost, None);
    assert!(!t.drift_known && db.managed_by.is_none());
    common::assert_no_secret("table", &serde_json::to_string(&t).unwrap());
    assert!(!serde_json::to_string(&t)
        .unwrap()
        .contains(replay::AZ_TOKEN));

    // After a drift scan of the workspace state, the table says who manages what.
    let cached = session.drift_capabilities().unwrap().cached_scans;
    let aws_cached = cached
        .iter()
        .find(|c| c.source.starts_with("aws:"))
        .unwrap();
    session
        .drift_scan(&DriftScanRequest {
            state: None,
            source: DriftSource::Cached { id: aws_cached.id },
        })
        .unwrap();
    let t = session.inventory_table().unwrap();
    assert!(t.drift_known);
    let db = t.rows.iter().find(|r| r.id == "orbis-main").unwrap();
    assert_eq!(db.managed_by.as_deref(), Some("aws_db_instance.main"));
    assert!(t
        .rows
        .iter()
        .filter(|r| r.id != "orbis-main")
        .all(|r| r.managed_by.is_none()));

    // Refreshing the AWS scope with what the table sent back: still two scopes, newest scan.
    let t = session
        .inventory_scan(aws_scope.refresh.as_ref().unwrap())
        .unwrap();
    assert_eq!(t.scopes.len(), 2);
    assert_eq!(session.drift_capabilities().unwrap().cached_scans.len(), 3);
}
