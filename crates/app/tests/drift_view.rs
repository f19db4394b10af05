//! Inventory & Drift through `Session`: the demo workspace's state against an inventory
//! snapshot written here from that state (one instance changed by hand, one subnet gone) plus
//! an unmanaged instance taken from the drift corpus's recorded AWS answers
//! (../shared/corpora/drift). Every class occurs; .driftignore is honoured; the remediation
//! views and the timeline work on the last scan; a live scan in a build without the `cloud`
//! feature says what to do instead.

use orbis_app::drift_view::{DriftScanRequest, DriftSource};
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn corpus_instance() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/corpora/drift/driftctl/HEAD/enumeration/remote/test/aws_ec2_instance_multiple/results.golden.json",
    );
    let all: Vec<Value> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    all[0].clone()
}

/// The snapshot a scan of the demo account would give: attributes copied from the demo state.
fn write_snapshot(root: &Path) {
    let state: Value =
        serde_json::from_slice(&std::fs::read(root.join("terraform.tfstate")).unwrap()).unwrap();
    let attrs = |t: &str, name: &str, n: usize| -> Value {
        state["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["type"] == t && r["name"] == name && r["mode"] == "managed")
            .unwrap()["instances"][n]["attributes"]
            .clone()
    };
    let live = |t: &str, a: Value| {
        let id = a["id"].clone();
        let tags = a.get("tags").cloned().unwrap_or(json!({}));
        let mut a = a;
        a.as_object_mut().unwrap().remove("tags");
        json!({"type": t, "id": id, "region": "eu-west-1", "account": "123456789012",
               "attributes": a, "tags": tags})
    };
    let mut web = attrs("aws_instance", "web", 0);
    web["ami"] = json!("ami-0handpicked000001");
    let mut unmanaged = corpus_instance();
    let unmanaged_tags = json!({"Name": "from-the-corpus"});
    unmanaged.as_object_mut().unwrap().remove("tags");
    let snapshot = json!({
        "inventory_version": 1,
        "source": "test",
        "scanned_types": ["aws_instance", "aws_vpc", "aws_subnet", "aws_security_group"],
        "resources": [
            live("aws_vpc", attrs("aws_vpc", "this", 0)),
            live("aws_subnet", attrs("aws_subnet", "public", 0)),
            live("aws_security_group", attrs("aws_security_group", "web", 0)),
            live("aws_instance", web),
            {"type": "aws_instance", "id": unmanaged["id"], "region": "eu-west-3",
             "attributes": unmanaged, "tags": unmanaged_tags},
        ]
    });
    std::fs::create_dir_all(root.join("inventory")).unwrap();
    std::fs::write(
        root.join("inventory/live.json"),
        serde_json::to_string_pretty(&snapshot).unwrap(),
    )
    .unwrap();
}

fn demo() -> (tempfile::TempDir, PathBuf, Session) {
    let tmp = tempfile::tempdir().unwrap();
    let root = orbis_app::demo::materialize(tmp.path()).unwrap();
    write_snapshot(&root);
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(&root).unwrap();
    (tmp, root, session)
}

fn snapshot_request() -> DriftScanRequest {
    DriftScanRequest {
        state: None,
        source: DriftSource::Snapshot {
            path: "inventory/live.json".into(),
        },
    }
}

#[test]
fn demo_state_against_a_snapshot_shows_every_class_and_remediations() {
    let (_tmp, root, session) = demo();
    let caps = session.drift_capabilities().unwrap();
    assert_eq!(caps.default_state.as_deref(), Some("terraform.tfstate"));
    assert_eq!(caps.snapshots, ["inventory/live.json"]);
    assert_eq!(caps.live_aws, cfg!(feature = "cloud"));

    // Nothing to remediate before a scan.
    let e = session
        .drift_import_block("aws_instance", "i-x")
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NoDriftScan);

    let view = session.drift_scan(&snapshot_request()).unwrap();
    let c = view.counts;
    assert_eq!(
        (c.managed, c.changed, c.missing, c.unmanaged, c.ignored),
        (4, 1, 1, 1, 0),
        "{:#?}",
        view.rows
    );
    assert_eq!(view.state, "terraform.tfstate");
    assert_eq!(view.source, "snapshot inventory/live.json");
    let row = |status: &str| {
        view.rows
            .iter()
            .filter(|r| r.status == status)
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(row("changed"), ["i-0123456789abcdef0"]);
    assert_eq!(row("missing"), ["subnet-0pub1a2b3c4d5e6f7"]);
    assert_eq!(row("unmanaged"), ["i-0d3650a23f4e45dc0"]);
    let changed = view.rows.iter().find(|r| r.status == "changed").unwrap();
    assert_eq!(changed.address.as_deref(), Some("aws_instance.web"));
    assert_eq!(changed.changes.len(), 1);
    assert_eq!(changed.changes[0].attribute, "ami");
    assert_eq!(changed.changes[0].state, "\"ami-0d64bb532e0502c46\"");
    assert_eq!(changed.changes[0].live, "\"ami-0handpicked000001\"");
    let unmanaged = view.rows.iter().find(|r| r.status == "unmanaged").unwrap();
    assert_eq!(unmanaged.name.as_deref(), Some("from-the-corpus"));
    // Types the snapshot did not enumerate (S3, RDS) are not classified at all.
    assert!(view.rows.iter().all(|r| r.resource_type != "aws_s3_bucket"));

    // Import block + skeleton for the unmanaged instance, with its observed attributes.
    let import = session
        .drift_import_block("aws_instance", "i-0d3650a23f4e45dc0")
        .unwrap();
    assert!(
        import.code.contains("import {") && import.code.contains("id = \"i-0d3650a23f4e45dc0\""),
        "{}",
        import.code
    );
    assert!(
        import.code.contains("ami-0697b068b80d79421"),
        "{}",
        import.code
    );
    // Only unmanaged resources get one.
    let e = session
        .drift_import_block("aws_instance", "i-0123456789abcdef0")
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRequest);

    // Accept into code: the literal ami of main.tf is rewritten, as a diff; nothing written.
    let before = std::fs::read_to_string(root.join("main.tf")).unwrap();
    let accept = session
        .drift_accept_preview("aws_instance", "i-0123456789abcdef0")
        .unwrap();
    assert_eq!(accept.address, "aws_instance.web");
    assert_eq!(accept.file.as_deref(), Some("main.tf"));
    assert!(
        accept
            .diff
            .contains("-  ami                    = \"ami-0c1bc246476a5572b\"")
            && accept
                .diff
                .contains("+  ami                    = \"ami-0handpicked000001\""),
        "{}",
        accept.diff
    );
    assert_eq!(
        std::fs::read_to_string(root.join("main.tf")).unwrap(),
        before
    );

    // .driftignore is honoured: the unmanaged instance and the ami field are left out.
    std::fs::write(
        root.join(".driftignore"),
        "aws_instance.i-0d3650a23f4e45dc0\naws_instance.i-0123456789abcdef0.ami\n",
    )
    .unwrap();
    let view = session.drift_scan(&snapshot_request()).unwrap();
    let c = view.counts;
    assert_eq!(
        (c.managed, c.changed, c.missing, c.unmanaged, c.ignored),
        (4, 0, 1, 0, 1)
    );
    assert_eq!(view.driftignore.as_deref(), Some(".driftignore"));

    // Both scans are on the timeline.
    let timeline = session.drift_timeline(false).unwrap();
    assert_eq!(timeline.scans, 2);
    assert!(timeline.counts_svg.starts_with("<svg") || timeline.counts_svg.contains("<svg"));
    assert!(timeline.counts_svg.contains("managed"));
    assert!(timeline.coverage_svg.contains("<svg"));
}

#[test]
fn bad_inputs_are_named_with_a_hint() {
    let (_tmp, root, session) = demo();
    std::fs::write(root.join("inventory/broken.json"), "{\"resources\": [").unwrap();
    let e = session
        .drift_scan(&DriftScanRequest {
            state: None,
            source: DriftSource::Snapshot {
                path: "inventory/broken.json".into(),
            },
        })
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::DriftInvalid);
    assert!(e.message.contains("not valid JSON"), "{}", e.message);
    assert!(!e.hint.is_empty());
    // Paths from the webview stay inside the workspace.
    let e = session
        .drift_scan(&DriftScanRequest {
            state: Some("../../etc/passwd".into()),
            source: DriftSource::Snapshot {
                path: "inventory/live.json".into(),
            },
        })
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::OutsideWorkspace);
}

#[cfg(not(feature = "cloud"))]
#[test]
fn live_scan_without_the_cloud_feature_says_what_to_do() {
    let (_tmp, _root, session) = demo();
    let e = session
        .drift_scan(&DriftScanRequest {
            state: None,
            source: DriftSource::LiveAws {
                profile: None,
                regions: vec![],
            },
        })
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::CloudNotBuilt);
    assert!(e.hint.contains("--save-inventory"), "{}", e.hint);
}
