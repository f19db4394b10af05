//! Scans end to end: ignore rules on a corpus case, refresh-only plans (the corpus's OpenTofu
//! drift plans) alone and with an inventory, the JSON shape the CLI prints, and sensitive
//! attributes that are never compared nor shown.

use orbis_drift::inventory::{load_file, Inventory, LiveResource};
use orbis_drift::{scan, DriftIgnore, ScanInput, Status};
use orbis_state::{read_bytes, read_file, State};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora")
}

fn ec2_case() -> (State, Inventory) {
    let d = corpora().join("drift/driftctl/HEAD");
    let state = read_file(
        &d.join("pkg/iac/terraform/state/test/aws_ec2_instance/terraform.tfstate"),
        None,
    )
    .unwrap();
    let (inv, _) = load_file(
        &d.join("enumeration/remote/test/aws_ec2_instance_multiple/results.golden.json"),
        None,
    )
    .unwrap();
    (state, inv)
}

#[test]
fn fixture_type_is_inferred_and_ignores_apply() {
    let (state, inv) = ec2_case();
    assert_eq!(inv.scanned_types, ["aws_instance"]);
    let plain = scan(ScanInput {
        states: vec![&state],
        inventory: Some(&inv),
        ..Default::default()
    });
    assert_eq!(
        (
            plain.summary.managed,
            plain.summary.unmanaged,
            plain.summary.changed
        ),
        (1, 1, 1)
    );
    let unmanaged = plain
        .with_status(Status::Unmanaged)
        .next()
        .unwrap()
        .id
        .clone();
    let changed = plain.with_status(Status::Changed).next().unwrap();
    assert!(changed.changes.iter().any(|c| c.attribute == "public_ip"));
    assert_eq!(plain.coverage, 50.0);

    let ignore = DriftIgnore::parse(&format!(
        "# test\naws_instance.{unmanaged}\naws_instance.*.public_ip\naws_instance.*.public_dns\n"
    ));
    let r = scan(ScanInput {
        states: vec![&state],
        inventory: Some(&inv),
        ignore,
        ..Default::default()
    });
    assert_eq!((r.summary.unmanaged, r.summary.ignored), (0, 1));
    let c = r.resources.iter().find(|x| x.id == changed.id).unwrap();
    assert!(c
        .changes
        .iter()
        .all(|c| c.attribute != "public_ip" && c.attribute != "public_dns"));
    assert_eq!(r.coverage, 100.0);
}

#[test]
fn json_has_the_documented_shape() {
    let (state, inv) = ec2_case();
    let r = scan(ScanInput {
        states: vec![&state],
        inventory: Some(&inv),
        ..Default::default()
    });
    let v = serde_json::to_value(&r).unwrap();
    for k in ["managed", "unmanaged", "missing", "changed"] {
        assert!(v["summary"][k].is_u64(), "summary.{k}");
    }
    let res = v["resources"].as_array().unwrap();
    assert!(res.iter().all(|r| r["type"].is_string()
        && r["id"].is_string()
        && r["status"].is_string()
        && r["changes"].is_array()));
    let ch = res.iter().find(|r| r["status"] == "changed").unwrap();
    let c = &ch["changes"][0];
    assert!(c["attribute"].is_string() && c.get("state").is_some() && c.get("live").is_some());
}

/// The plan's prior state is a `show -json` state: the state that plan was made from.
fn prior_state(plan: &Path) -> State {
    let doc: Value = serde_json::from_slice(&std::fs::read(plan).unwrap()).unwrap();
    read_bytes(
        doc["prior_state"].to_string().as_bytes(),
        "prior_state",
        None,
    )
    .unwrap()
}

#[test]
fn refresh_only_plan_is_the_exact_attribute_source() {
    let path = corpora().join("plans/json/opentofu-equivalence/drift_refresh_only.json");
    let plan = orbis_plan::load_file(&path).unwrap();
    let state = prior_state(&path);
    let r = scan(ScanInput {
        states: vec![&state],
        refresh_only: Some(&plan),
        ..Default::default()
    });
    assert_eq!(r.sources, ["refresh_only_plan"]);
    assert_eq!(r.summary.changed, 1);
    let c = r.with_status(Status::Changed).next().unwrap();
    assert_eq!(c.resource_type, "tfcoremock_simple_resource");
    assert_eq!(c.id, "cb79269e-dc39-1e68-0a9c-63cb392afda9");
    assert_eq!(
        c.address.as_deref(),
        Some("tfcoremock_simple_resource.drift")
    );
    assert_eq!(c.changes.len(), 1);
    assert_eq!(
        (
            c.changes[0].attribute.as_str(),
            &c.changes[0].state,
            &c.changes[0].live
        ),
        ("string", &json!("Hello, world!"), &json!("Hello, drift!"))
    );

    // With an inventory too: the plan decides for what it names, the inventory adds the rest.
    let inv = Inventory {
        resources: vec![
            LiveResource {
                resource_type: "tfcoremock_simple_resource".into(),
                id: "cb79269e-dc39-1e68-0a9c-63cb392afda9".into(),
                region: None,
                account: None,
                attributes: serde_json::Map::new(),
                tags: Default::default(),
            },
            LiveResource {
                resource_type: "tfcoremock_simple_resource".into(),
                id: "other".into(),
                region: Some("local".into()),
                account: None,
                attributes: serde_json::Map::new(),
                tags: Default::default(),
            },
        ],
        ..Default::default()
    };
    let r = scan(ScanInput {
        states: vec![&state],
        inventory: Some(&inv),
        refresh_only: Some(&plan),
        ..Default::default()
    });
    assert_eq!(r.sources, ["inventory", "refresh_only_plan"]);
    assert_eq!((r.summary.changed, r.summary.unmanaged), (1, 1));
}

#[test]
fn refresh_only_drift_of_every_corpus_plan_with_drift() {
    // Every plan of the corpus with `resource_drift` yields drift entries with ids, none panics.
    let mut with_drift = 0;
    for f in [
        "opentofu-show-json/show-json__drift.json",
        "opentofu-show-json/show-json__moved-drift.json",
        "opentofu-equivalence/moved_with_drift.json",
        "tf-summarize/example_tfplan.json",
        "terraform-compliance/test_issue_522.json",
    ] {
        let plan = orbis_plan::load_file(&corpora().join("plans/json").join(f)).unwrap();
        let d = orbis_drift::drift_of(&plan);
        assert!(
            d.iter().all(|r| !r.id.is_empty() && r.address.is_some()),
            "{f}"
        );
        with_drift += usize::from(!d.is_empty());
    }
    assert!(with_drift >= 3, "{with_drift}");
}

#[test]
fn sensitive_state_attributes_are_never_compared_or_shown() {
    let state = read_bytes(
        json!({"version": 4, "resources": [{"mode": "managed", "type": "aws_db_instance", "name": "db", "provider": "provider[\"hashicorp/aws\"]",
            "instances": [{"attributes": {"id": "db-1", "password": "state-secret-1", "instance_class": "db.t3.micro"},
                           "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]}]})
        .to_string()
        .as_bytes(),
        "s",
        None,
    )
    .unwrap();
    let mut attrs = serde_json::Map::new();
    attrs.insert("password".into(), json!("live-secret-2"));
    attrs.insert("instance_class".into(), json!("db.t3.small"));
    let inv = Inventory {
        resources: vec![LiveResource {
            resource_type: "aws_db_instance".into(),
            id: "db-1".into(),
            region: None,
            account: None,
            attributes: attrs,
            tags: Default::default(),
        }],
        ..Default::default()
    };
    let r = scan(ScanInput {
        states: vec![&state],
        inventory: Some(&inv),
        ..Default::default()
    });
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("secret"), "{json}");
    assert_eq!(r.resources[0].changes.len(), 1);
    assert_eq!(r.resources[0].changes[0].attribute, "instance_class");
}

#[test]
fn no_source_is_a_warning_not_drift() {
    let (state, _) = ec2_case();
    let r = scan(ScanInput {
        states: vec![&state],
        ..Default::default()
    });
    assert!(r.resources.is_empty() && !r.summary.has_drift());
    assert_eq!(r.warnings.len(), 1);
}

#[test]
fn schema_sensitive_attributes_are_skipped_even_without_state_markers() {
    // A v3 state (Terraform 0.11) has no sensitivity markers: the provider schema decides.
    let state = read_bytes(
        json!({"version": 3, "serial": 1, "modules": [{"path": ["root"], "outputs": {}, "resources": {
            "aws_db_instance.db": {"type": "aws_db_instance", "depends_on": [], "primary": {"id": "db-1",
                "attributes": {"id": "db-1", "password": "v3-secret-9", "instance_class": "db.t3.micro"}}}}}]})
        .to_string()
        .as_bytes(),
        "s",
        None,
    )
    .unwrap();
    let attrs = json!({"password": "live-secret-10", "instance_class": "db.t3.micro"})
        .as_object()
        .unwrap()
        .clone();
    let inv = Inventory {
        resources: vec![LiveResource {
            resource_type: "aws_db_instance".into(),
            id: "db-1".into(),
            region: None,
            account: None,
            attributes: attrs,
            tags: Default::default(),
        }],
        ..Default::default()
    };
    let r = scan(ScanInput {
        states: vec![&state],
        inventory: Some(&inv),
        ..Default::default()
    });
    assert_eq!(r.summary.changed, 0);
    assert!(!serde_json::to_string(&r).unwrap().contains("secret"));
}

/// A type the live scan could not enumerate (access denied) is neither missing nor unmanaged,
/// even when the scan found nothing at all; the report says why in a warning.
#[test]
fn types_the_scan_could_not_enumerate_are_not_classified() {
    let (state, mut inv) = ec2_case();
    let denied = orbis_drift::ScanError {
        resource_type: "aws_instance".into(),
        region: Some("us-east-1".into()),
        code: "cloud.denied".into(),
        message: "AWS denied the request (UnauthorizedOperation)".into(),
        hint: "Ask for the missing permission".into(),
    };
    inv.scanned_types.clear();
    inv.resources.clear();
    inv.scan_errors.push(denied);
    let r = scan(ScanInput {
        states: vec![&state],
        inventory: Some(&inv),
        ..Default::default()
    });
    assert!(r.resources.is_empty(), "{:#?}", r.resources);
    assert_eq!(
        r.warnings,
        ["aws_instance was not scanned in us-east-1: AWS denied the request (UnauthorizedOperation) (Ask for the missing permission)"]
    );
    // Without the error, the same empty scan reports the state's instances missing.
    let (state, mut inv) = ec2_case();
    inv.resources.clear();
    let r = scan(ScanInput {
        states: vec![&state],
        inventory: Some(&inv),
        ..Default::default()
    });
    assert!(r.summary.missing > 0);
}
