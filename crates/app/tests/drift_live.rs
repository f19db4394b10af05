//! Inventory & Drift with a live AWS scan (the `cloud` feature, as the desktop app is built):
//! a moto server on loopback seeded by the cloud crate's `moto_seed.py`, reached through the
//! standard AWS environment, against a workspace state that manages part of it.
#![cfg(feature = "cloud")]

#[path = "../../cloud/tests/common/mod.rs"]
mod common;

use orbis_app::drift_view::{DriftScanRequest, DriftSource};
use orbis_app::Session;
use orbis_store::Store;
use serde_json::{json, Value};

#[test]
fn live_aws_scan_in_the_app_classifies_the_workspace_state() {
    let Some(moto) = common::Moto::start() else {
        return;
    };
    let python = std::path::PathBuf::from(std::env::var("HOME").unwrap())
        .join(".cache/terraorbis/venv/bin/python");
    let seed = std::process::Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../cloud/tests/moto_seed.py"
        ))
        .args([&moto.url, "eu-west-1", "scenario"])
        .output()
        .unwrap();
    assert!(
        seed.status.success(),
        "{}",
        String::from_utf8_lossy(&seed.stderr)
    );
    let seed: Value = serde_json::from_slice(&seed.stdout).unwrap();
    let id = |k: &str| seed["ids"][k].as_str().unwrap().to_string();

    let home = tempfile::tempdir().unwrap();
    let ws = tempfile::tempdir().unwrap();
    let res = |t: &str, name: &str, attrs: Value| {
        json!({"mode": "managed", "type": t, "name": name,
               "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
               "instances": [{"schema_version": 0, "attributes": attrs}]})
    };
    let state = json!({"version": 4, "serial": 1, "lineage": "app", "outputs": {}, "resources": [
        res("aws_vpc", "a", json!({"id": id("vpc_managed"), "cidr_block": "10.10.0.0/16"})),
        res("aws_instance", "web", json!({"id": id("instance"), "instance_type": "t3.large"})),
        res("aws_instance", "batch", json!({"id": id("instance_terminated")})),
    ]});
    std::fs::write(ws.path().join("terraform.tfstate"), state.to_string()).unwrap();
    // The app reads the standard AWS environment of its process (this test binary's only test).
    for (k, v) in [
        ("HOME", home.path().to_str().unwrap()),
        ("AWS_ACCESS_KEY_ID", common::ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", moto.url.as_str()),
        ("AWS_REGION", "eu-west-1"),
    ] {
        std::env::set_var(k, v);
    }
    std::env::remove_var("AWS_PROFILE");

    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(ws.path()).unwrap();
    assert!(session.drift_capabilities().unwrap().live_aws);
    let view = session
        .drift_scan(&DriftScanRequest {
            state: None,
            source: DriftSource::LiveAws {
                profile: None,
                regions: vec![],
            },
        })
        .unwrap();
    let status_of = |rid: &str| {
        view.rows
            .iter()
            .find(|r| r.id == rid)
            .map(|r| r.status.as_str())
    };
    assert_eq!(status_of(&id("vpc_managed")), Some("managed"));
    assert_eq!(status_of(&id("instance")), Some("changed"));
    assert_eq!(status_of(&id("instance_terminated")), Some("missing"));
    assert_eq!(status_of(&id("vpc_unmanaged")), Some("unmanaged"));
    assert!(
        view.source.starts_with("aws:(environment):123456789012"),
        "{}",
        view.source
    );
    assert!(view.not_scanned.is_empty());
    common::assert_no_secret("view", &serde_json::to_string(&view).unwrap());
    let import = session
        .drift_import_block("aws_vpc", &id("vpc_unmanaged"))
        .unwrap();
    assert!(import.code.contains("10.20.0.0/16"), "{}", import.code);
    assert_eq!(session.drift_timeline(true).unwrap().scans, 1);
    assert_eq!(view.inventory_age_minutes, Some(0));

    // The live scan was cached: compared again without scanning, same classes, its age shown.
    let cached = session.drift_capabilities().unwrap().cached_scans;
    assert_eq!(cached.len(), 1, "{cached:?}");
    assert!(cached[0]
        .source
        .starts_with("aws:(environment):123456789012"));
    assert_eq!(
        cached[0].resources as usize,
        view.rows.iter().filter(|r| r.status != "missing").count()
    );
    let again = session
        .drift_scan(&DriftScanRequest {
            state: None,
            source: DriftSource::Cached { id: cached[0].id },
        })
        .unwrap();
    assert_eq!(again.inventory_age_minutes, Some(0));
    assert!(again.source.ends_with("(cached)"), "{}", again.source);
    let key = |v: &orbis_app::drift_view::DriftView| {
        let mut k: Vec<_> = v
            .rows
            .iter()
            .map(|r| (r.id.clone(), r.status.clone()))
            .collect();
        k.sort();
        k
    };
    assert_eq!(key(&again), key(&view));

    // A profile that does not exist: the scan fails with the cloud error and its hint.
    let e = session
        .drift_scan(&DriftScanRequest {
            state: None,
            source: DriftSource::LiveAws {
                profile: Some("nope".into()),
                regions: vec![],
            },
        })
        .unwrap_err();
    assert_eq!(e.code, orbis_app::ErrorCode::CloudScanFailed);
    assert!(e.hint.contains("aws configure"), "{}", e.hint);
}
