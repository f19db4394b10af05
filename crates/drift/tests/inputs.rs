//! Bad inventory and request inputs give coded errors with hints, never a panic.

use orbis_drift::inventory::load_file;
use orbis_drift::{run, DriftRequest};

fn load(text: &[u8]) -> Result<orbis_drift::Inventory, orbis_drift::DriftError> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("inventory.json");
    std::fs::write(&p, text).unwrap();
    load_file(&p, None).map(|(i, _)| i)
}

#[test]
fn inventory_errors_are_named() {
    assert_eq!(
        load(b"{\"resources\": [").unwrap_err().code,
        "drift.inventory_invalid"
    );
    assert_eq!(
        load(b"\xff\xfe").unwrap_err().code,
        "drift.inventory_invalid"
    );
    assert_eq!(load(b"42").unwrap_err().code, "drift.inventory_invalid");
    assert_eq!(
        load(b"{\"resources\": [{\"type\": \"aws_instance\"}]}")
            .unwrap_err()
            .code,
        "drift.inventory_invalid"
    );
    assert_eq!(
        load(b"{\"inventory_version\": 9, \"resources\": []}")
            .unwrap_err()
            .code,
        "drift.inventory_version"
    );
    // A bare list needs a type: none can be inferred in an empty folder.
    let e = load(b"[{\"id\": \"x\"}]").unwrap_err();
    assert_eq!(e.code, "drift.inventory_type");
    assert!(e.hint.contains("--inventory-type"));
    let ok = load(br#"{"inventory_version": 1, "resources": [{"type": "aws_s3_bucket", "id": "b", "region": "eu-west-1", "account": "123", "attributes": {"bucket": "b"}, "tags": {"env": "prod"}}]}"#).unwrap();
    assert_eq!(
        ok.covered_types().into_iter().collect::<Vec<_>>(),
        ["aws_s3_bucket"]
    );
}

#[test]
fn fixture_entries_without_ids_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("results.golden.json");
    std::fs::write(&p, br#"[{"id": "a"}, {"name": "no id"}, 7]"#).unwrap();
    let (inv, warnings) = load_file(&p, Some("aws_sqs_queue")).unwrap();
    assert_eq!(inv.resources.len(), 1);
    assert_eq!(warnings.len(), 2);
}

#[test]
fn request_errors_are_named() {
    assert_eq!(
        run(&DriftRequest::default()).err().unwrap().code,
        "drift.no_state"
    );
    let req = DriftRequest {
        states: vec!["s.tfstate".into()],
        ..Default::default()
    };
    assert_eq!(run(&req).err().unwrap().code, "drift.no_live_source");
    let req = DriftRequest {
        states: vec!["/nonexistent/s.tfstate".into()],
        inventory: Some("/nonexistent/i.json".into()),
        ..Default::default()
    };
    assert_eq!(run(&req).err().unwrap().code, "state.io");
}
