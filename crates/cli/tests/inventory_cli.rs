//! `orbis inventory` on a saved snapshot (no cloud needed): the real binary lists every
//! resource with the state address that manages it, counts, and the types the scan could not
//! enumerate; bad input exits 2 with a hint. The live scan (`--live aws`) is tested against
//! moto in drift_live_cli.rs (cloud feature).

use serde_json::{json, Value};
use std::process::{Command, Output};

fn orbis(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn fixture(dir: &std::path::Path) {
    let snapshot = json!({
        "inventory_version": 1,
        "source": "aws:test",
        "scanned_types": ["aws_vpc", "aws_instance"],
        "resources": [
            {"type": "aws_vpc", "id": "vpc-0aaa", "region": "eu-west-1", "account": "123456789012",
             "attributes": {"cidr_block": "10.0.0.0/16"}, "tags": {"Name": "core"}},
            {"type": "aws_instance", "id": "i-0bbb", "region": "eu-west-1", "account": "123456789012",
             "attributes": {"instance_type": "t3.small"}, "tags": {"Name": "web", "Owner": "ops"}},
            {"type": "aws_instance", "id": "i-0ccc", "region": "eu-west-1", "account": "123456789012",
             "attributes": {"instance_type": "t3.micro"}, "tags": {}}
        ],
        "scan_errors": [
            {"type": "aws_ebs_volume", "region": "eu-west-1", "code": "cloud.denied",
             "message": "not authorized to perform ec2:DescribeVolumes", "hint": "grant ec2:DescribeVolumes"}
        ]
    });
    std::fs::write(dir.join("inventory.json"), snapshot.to_string()).unwrap();
    let state = json!({"version": 4, "serial": 1, "lineage": "t", "outputs": {}, "resources": [
        {"mode": "managed", "type": "aws_vpc", "name": "core", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
         "instances": [{"schema_version": 0, "attributes": {"id": "vpc-0aaa", "cidr_block": "10.0.0.0/16"}}]},
        {"mode": "managed", "type": "aws_instance", "name": "web", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
         "instances": [{"schema_version": 0, "attributes": {"id": "i-0bbb", "instance_type": "t3.large"}}]}
    ]});
    std::fs::write(dir.join("terraform.tfstate"), state.to_string()).unwrap();
}

#[test]
fn lists_a_snapshot_with_who_manages_each_resource() {
    let tmp = tempfile::tempdir().unwrap();
    fixture(tmp.path());
    let out = orbis(
        tmp.path(),
        &[
            "inventory",
            "--from",
            "inventory.json",
            "--state",
            "terraform.tfstate",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let managed_by = |id: &str| {
        v["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing: {v:#}"))["managed_by"]
            .clone()
    };
    assert_eq!(managed_by("vpc-0aaa"), "aws_vpc.core");
    // Drifted (instance_type differs) is still managed by that address.
    assert_eq!(managed_by("i-0bbb"), "aws_instance.web");
    assert!(managed_by("i-0ccc").is_null());
    assert_eq!(v["summary"]["resources"], 3);
    assert_eq!(v["summary"]["managed"], 2);
    assert_eq!(v["summary"]["unmanaged"], 1);
    assert_eq!(v["summary"]["types"]["aws_instance"], 2);
    assert_eq!(v["not_scanned"][0]["type"], "aws_ebs_volume");
    let web = v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "i-0bbb")
        .unwrap();
    assert_eq!(web["name"], "web");
    assert_eq!(web["tags"]["Owner"], "ops");

    // The table says the same, with the not-scanned type spelled out.
    let out = orbis(
        tmp.path(),
        &[
            "inventory",
            "--from",
            "inventory.json",
            "--state",
            "terraform.tfstate",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().next().unwrap().contains("MANAGED BY"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("i-0ccc") && l.contains("(unmanaged)")),
        "{text}"
    );
    assert!(
        text.contains("3 resources, 2 managed by the given states, 1 unmanaged"),
        "{text}"
    );
    assert!(
        text.contains("not scanned: aws_ebs_volume in eu-west-1"),
        "{text}"
    );
}

#[test]
fn bad_input_exits_2_with_a_hint() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("broken.json"), "{\"resources\": [").unwrap();
    let out = orbis(tmp.path(), &["inventory", "--from", "broken.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error:") && err.contains("hint:"), "{err}");
    let out = orbis(tmp.path(), &["inventory", "--from", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    let out = orbis(tmp.path(), &["inventory"]);
    assert_eq!(out.status.code(), Some(2), "neither --live nor --from");
    fixture(tmp.path());
    let out = orbis(
        tmp.path(),
        &["inventory", "--from", "inventory.json", "--format", "yaml"],
    );
    assert_eq!(out.status.code(), Some(2));
}
