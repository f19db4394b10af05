//! `orbis drift --live aws` end to end: the real binary, a temp HOME and only the variables
//! given here. With the `cloud` feature: a moto server on loopback seeded by the cloud crate's
//! `moto_seed.py`, scanned and compared with a state that manages part of it. Without it: the
//! clear "no cloud support" refusal.

use std::process::{Command, Output};

fn orbis(home: &std::path::Path, vars: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .current_dir(home)
        .env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .envs(vars.iter().copied())
        .output()
        .unwrap()
}

#[cfg(not(feature = "cloud"))]
#[test]
fn without_the_cloud_feature_live_drift_says_so() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("s.tfstate");
    std::fs::write(
        &state,
        r#"{"version":4,"serial":1,"lineage":"l","outputs":{},"resources":[]}"#,
    )
    .unwrap();
    let out = orbis(
        home.path(),
        &[],
        &["drift", "--state", state.to_str().unwrap(), "--live", "aws"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no cloud support"), "{err}");
    assert!(err.contains("--inventory FILE"), "{err}");
}

#[cfg(feature = "cloud")]
#[path = "../../cloud/tests/common/mod.rs"]
mod common;

#[cfg(feature = "cloud")]
#[test]
fn live_aws_drift_against_moto() {
    use serde_json::{json, Value};
    let Some(moto) = common::Moto::start() else {
        return;
    };
    let python = common::venv_python();
    let seed = Command::new(python)
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
    let state = home.path().join("terraform.tfstate");
    let res = |t: &str, name: &str, attrs: Value| {
        json!({"mode": "managed", "type": t, "name": name, "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
               "instances": [{"schema_version": 0, "attributes": attrs}]})
    };
    let doc = json!({"version": 4, "serial": 1, "lineage": "cli", "outputs": {}, "resources": [
        res("aws_vpc", "a", json!({"id": id("vpc_managed"), "cidr_block": "10.10.0.0/16"})),
        res("aws_instance", "web", json!({"id": id("instance"), "instance_type": "t3.large"})),
        res("aws_instance", "batch", json!({"id": id("instance_terminated")})),
    ]});
    std::fs::write(&state, doc.to_string()).unwrap();
    let vars = [
        ("AWS_ACCESS_KEY_ID", common::ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", moto.url.as_str()),
        ("AWS_REGION", "us-east-1"),
    ];
    let out = orbis(
        home.path(),
        &vars,
        &[
            "drift",
            "--state",
            "terraform.tfstate",
            "--live",
            "aws",
            "--region",
            "eu-west-1",
            "--format",
            "json",
            "--save-inventory",
            "inventory.json",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    common::assert_no_secret("stdout", &stdout);
    common::assert_no_secret("stderr", &stderr);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let status_of = |rid: &str| {
        v["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == rid)
            .map(|r| r["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status_of(&id("vpc_managed")).as_deref(), Some("managed"));
    assert_eq!(status_of(&id("instance")).as_deref(), Some("changed"));
    assert_eq!(
        status_of(&id("instance_terminated")).as_deref(),
        Some("missing")
    );
    assert_eq!(
        status_of(&id("vpc_unmanaged")).as_deref(),
        Some("unmanaged")
    );
    assert_eq!(
        status_of(&id("volume_unmanaged")).as_deref(),
        Some("unmanaged")
    );
    assert_eq!(v["summary"]["changed"], 1);
    assert_eq!(v["summary"]["missing"], 1);
    assert!(stderr.contains("scanned "), "{stderr}");
    // The snapshot written beside it reads back as an inventory file.
    let again = orbis(
        home.path(),
        &[],
        &[
            "drift",
            "--state",
            "terraform.tfstate",
            "--inventory",
            "inventory.json",
            "--format",
            "json",
        ],
    );
    let w: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(w["summary"], v["summary"]);

    // `orbis inventory --live aws`: the same account listed, with who manages what.
    let out = orbis(
        home.path(),
        &vars,
        &[
            "inventory",
            "--live",
            "aws",
            "--region",
            "eu-west-1",
            "--state",
            "terraform.tfstate",
            "--format",
            "json",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::assert_no_secret("inventory stdout", &stdout);
    let inv: Value = serde_json::from_str(&stdout).unwrap();
    let managed_by = |rid: &str| {
        inv["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == rid)
            .map(|r| r["managed_by"].clone())
    };
    assert_eq!(managed_by(&id("vpc_managed")), Some(json!("aws_vpc.a")));
    assert_eq!(managed_by(&id("instance")), Some(json!("aws_instance.web")));
    assert_eq!(managed_by(&id("vpc_unmanaged")), Some(Value::Null));
    // The terminated instance is not listed (it no longer exists).
    assert_eq!(managed_by(&id("instance_terminated")), None);

    // An unknown profile is an input error with a hint, not a panic.
    let out = orbis(
        home.path(),
        &[("AWS_ENDPOINT_URL", moto.url.as_str())],
        &[
            "drift",
            "--state",
            "terraform.tfstate",
            "--live",
            "aws",
            "--profile",
            "nope",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cloud.profile_not_found") && err.contains("hint:"),
        "{err}"
    );
}
