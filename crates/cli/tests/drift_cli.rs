//! `orbis drift` and `orbis state show` end to end on corpus data: exit codes (0 no drift,
//! 1 drift, 2 errors), the JSON shape, import blocks, history + timeline, refresh-only plans,
//! and no sensitive value on any output.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn orbis(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora")
}

fn case(state_case: &str, cloud_case: &str) -> (String, String) {
    let d = corpus().join("drift/driftctl/HEAD");
    (
        d.join("pkg/iac/terraform/state/test")
            .join(state_case)
            .join("terraform.tfstate")
            .display()
            .to_string(),
        d.join("enumeration/remote/test")
            .join(cloud_case)
            .join("results.golden.json")
            .display()
            .to_string(),
    )
}

#[test]
fn drift_found_exits_1_with_the_documented_json() {
    let dir = tempfile::tempdir().unwrap();
    let (state, inv) = case("aws_ec2_instance", "aws_ec2_instance_multiple");
    let out = orbis(
        &[
            "drift",
            "--state",
            &state,
            "--inventory",
            &inv,
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["managed"], 1);
    assert_eq!(v["summary"]["unmanaged"], 1);
    assert_eq!(v["summary"]["missing"], 0);
    assert_eq!(v["summary"]["changed"], 1);
    let changed = v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "changed")
        .unwrap();
    assert_eq!(changed["type"], "aws_instance");
    let c = changed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["attribute"] == "instance_state")
        .unwrap();
    assert_eq!(
        (c["state"].as_str(), c["live"].as_str()),
        (Some("running"), Some("stopped"))
    );
}

#[test]
fn no_drift_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let (state, inv) = case("aws_sqs_queue", "aws_sqs_queue_multiple");
    let out = orbis(
        &["drift", "--state", &state, "--inventory", &inv],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("No drift."));
}

#[test]
fn errors_exit_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let (state, _) = case("aws_sqs_queue", "aws_sqs_queue_multiple");
    let out = orbis(&["drift", "--state", &state], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hint: pass --inventory"));
    std::fs::write(
        dir.path().join("cut.tfstate"),
        "{\"version\": 4, \"resources\": [",
    )
    .unwrap();
    let out = orbis(
        &[
            "drift",
            "--state",
            "cut.tfstate",
            "--inventory",
            &case("a", "aws_sqs_queue_multiple").1,
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[state.truncated]"));
    let out = orbis(&["state", "show", "cut.tfstate"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn driftignore_in_the_current_folder_applies() {
    let dir = tempfile::tempdir().unwrap();
    let (state, inv) = case("aws_ec2_instance", "aws_ec2_instance_multiple");
    std::fs::write(dir.path().join(".driftignore"), "aws_instance.i-010376047a71419f1\naws_instance.*.instance_state\naws_instance.*.public_*\naws_instance.*.timeouts\n").unwrap();
    let out = orbis(
        &[
            "drift",
            "--state",
            &state,
            "--inventory",
            &inv,
            "--format",
            "json",
        ],
        dir.path(),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["ignored"], 1);
    assert_eq!(v["summary"]["unmanaged"], 0);
    assert_eq!(v["summary"]["changed"], 0, "{v}");
    assert_eq!(out.status.code(), Some(0));
    // Strict: `tags: null → {}` is drift too.
    let out = orbis(
        &[
            "drift",
            "--state",
            &state,
            "--inventory",
            &inv,
            "--format",
            "json",
            "--strict",
        ],
        dir.path(),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["resources"][0]["changes"][0]["attribute"], "tags", "{v}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn import_out_history_and_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (state, inv) = case("aws_ec2_instance", "aws_ec2_instance_multiple");
    let args = [
        "drift",
        "--state",
        &state,
        "--inventory",
        &inv,
        "--history",
        "h.db",
        "--workspace",
        "prod",
        "--timeline",
        "drift.svg",
    ];
    for _ in 0..2 {
        assert_eq!(orbis(&args, dir.path()).status.code(), Some(1));
    }
    let svg = std::fs::read_to_string(dir.path().join("drift.svg")).unwrap();
    assert!(svg.contains("unmanaged") && svg.contains("prod"));
    assert!(dir.path().join("drift.coverage.svg").is_file());
    let store = orbis_store::Store::open(&dir.path().join("h.db")).unwrap();
    let scans = store.drift_scans("prod", 10).unwrap();
    assert_eq!(scans.len(), 2);
    assert_eq!(
        (
            scans[1].scan.managed,
            scans[1].scan.unmanaged,
            scans[1].scan.coverage
        ),
        (1, 1, 50.0)
    );

    let out = orbis(
        &[
            "drift",
            "--state",
            &state,
            "--inventory",
            &inv,
            "--import-out",
            "imports.tf",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let tf = std::fs::read_to_string(dir.path().join("imports.tf")).unwrap();
    assert!(tf.contains("id = \"i-010376047a71419f1\""), "{tf}");
    assert!(orbis_hcl::parse_str(&tf, "imports.tf")
        .diagnostics
        .is_empty());
    // Never over an existing file.
    let again = orbis(
        &[
            "drift",
            "--state",
            &state,
            "--inventory",
            &inv,
            "--import-out",
            "imports.tf",
        ],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn refresh_only_plan_alone() {
    let dir = tempfile::tempdir().unwrap();
    let plan = corpus().join("plans/json/opentofu-equivalence/drift_refresh_only.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(&plan).unwrap()).unwrap();
    std::fs::write(
        dir.path().join("prior.json"),
        doc["prior_state"].to_string(),
    )
    .unwrap();
    let out = orbis(
        &[
            "drift",
            "--state",
            "prior.json",
            "--refresh-only-plan",
            plan.to_str().unwrap(),
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["resources"][0]["changes"][0]["attribute"], "string");
    assert_eq!(v["resources"][0]["changes"][0]["live"], "Hello, drift!");

    // Accept the live value into the code that declares the resource.
    let main =
        "resource \"tfcoremock_simple_resource\" \"drift\" {\n  string = \"Hello, world!\"\n}\n";
    std::fs::write(dir.path().join("main.tf"), main).unwrap();
    let out = orbis(
        &[
            "drift",
            "--state",
            "prior.json",
            "--refresh-only-plan",
            plan.to_str().unwrap(),
            "--accept-dir",
            ".",
        ],
        dir.path(),
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("-  string = \"Hello, world!\"\n+  string = \"Hello, drift!\""),
        "{s}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("main.tf")).unwrap(),
        main,
        "never written"
    );
}

#[test]
fn state_show_never_prints_a_sensitive_value() {
    let dir = tempfile::tempdir().unwrap();
    let state = serde_json::json!({
        "version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "l",
        "outputs": {"db_password": {"value": "out-secret-7", "type": "string", "sensitive": true}, "name": {"value": "app", "type": "string"}},
        "resources": [{"mode": "managed", "type": "aws_db_instance", "name": "db", "provider": "provider[\"hashicorp/aws\"]",
            "instances": [{"schema_version": 2, "attributes": {"id": "db-1", "password": "attr-secret-8", "engine": "postgres"},
                           "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]], "dependencies": []}]}]
    });
    std::fs::write(dir.path().join("terraform.tfstate"), state.to_string()).unwrap();
    for format in ["text", "json"] {
        let out = orbis(
            &["state", "show", "terraform.tfstate", "--format", format],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(0));
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(!s.contains("secret"), "{format}: {s}");
        assert!(s.contains("aws_db_instance.db"));
    }
    let out = orbis(
        &[
            "state",
            "show",
            "terraform.tfstate",
            "--format",
            "json",
            "--search",
            "postgres",
        ],
        dir.path(),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["resources"].as_array().unwrap().len(), 1);
    assert_eq!(v["lock"], Value::Null);
    // A lock held next to the state is shown.
    std::fs::write(dir.path().join(".terraform.tfstate.lock.info"), r#"{"ID":"abc","Operation":"OperationTypeApply","Info":"","Who":"ci@runner","Version":"1.11.4","Created":"2026-11-27T14:00:00Z","Path":"terraform.tfstate"}"#).unwrap();
    let out = orbis(&["state", "show", "terraform.tfstate"], dir.path());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Locked by ci@runner (OperationTypeApply")
    );
    let out = orbis(
        &[
            "state",
            "show",
            "terraform.tfstate",
            "--passphrase-env",
            "ORBIS_TEST_UNSET_VAR",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}
