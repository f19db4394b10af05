//! The workspace's remote state in the app (the `cloud` feature, as the desktop app is built):
//! a real `terraform` writes its state through the s3 backend into moto on loopback; the
//! Session detects the backend from the code and `.terraform/`, opens the state in the State
//! Explorer with the lock holder while an apply holds the lock, refreshes, and Inventory &
//! Drift compares that state (as read) with an inventory snapshot.
#![cfg(feature = "cloud")]

#[path = "../../cloud/tests/common/mod.rs"]
mod common;

use orbis_app::drift_view::{DriftScanRequest, DriftSource};
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn terraform(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("terraform");
    c.current_dir(dir)
        .args(args)
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .stdin(Stdio::null());
    c
}

fn run(dir: &Path, args: &[&str]) {
    let out = terraform(dir, args).output().expect("terraform on PATH");
    assert!(
        out.status.success(),
        "terraform {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn remote_s3_state_opens_in_the_explorer_with_its_lock_and_feeds_drift() {
    let Some(moto) = common::Moto::start() else {
        return;
    };
    let python = std::path::PathBuf::from(std::env::var("HOME").unwrap())
        .join(".cache/terraorbis/venv/bin/python");
    let home = tempfile::tempdir().unwrap();
    // The app and terraform read the standard AWS environment (this binary's only test).
    for (k, v) in [
        ("HOME", home.path().to_str().unwrap()),
        ("AWS_ACCESS_KEY_ID", common::ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET_ACCESS_KEY),
    ] {
        std::env::set_var(k, v);
    }
    for k in ["AWS_PROFILE", "AWS_ENDPOINT_URL", "TF_WORKSPACE"] {
        std::env::remove_var(k);
    }
    let seed = Command::new(python)
        .args([
            "-c",
            r#"
import sys, boto3
kw = dict(endpoint_url=sys.argv[1], region_name="eu-west-1")
boto3.client("s3", **kw).create_bucket(Bucket="tf-states",
    CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
boto3.client("dynamodb", **kw).create_table(TableName="tf-locks",
    KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
    AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
    BillingMode="PAY_PER_REQUEST")
"#,
            &moto.url,
        ])
        .output()
        .unwrap();
    assert!(
        seed.status.success(),
        "{}",
        String::from_utf8_lossy(&seed.stderr)
    );

    let ws = tempfile::tempdir().unwrap();
    let dir = ws.path();
    std::fs::write(
        dir.join("main.tf"),
        format!(
            r#"terraform {{
  backend "s3" {{
    bucket         = "tf-states"
    key            = "app/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "tf-locks"
    endpoints = {{
      s3       = "{url}"
      dynamodb = "{url}"
    }}
    use_path_style              = true
    skip_credentials_validation = true
    skip_requesting_account_id  = true
  }}
}}

variable "rev" {{
  default = "v1"
}}

variable "hold" {{
  default = 0
}}

variable "marker" {{
  default = "/dev/null"
}}

resource "terraform_data" "app" {{
  input            = var.rev
  triggers_replace = var.rev
  provisioner "local-exec" {{
    command = "touch ${{var.marker}} && sleep ${{var.hold}}"
  }}
}}
"#,
            url = moto.url
        ),
    )
    .unwrap();

    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(dir).unwrap();
    // Detected from the code before init; nothing applied yet is a plain error with the fix.
    let info = session.remote_backend().unwrap().expect("an s3 backend");
    assert_eq!(info.backend, "s3");
    assert_eq!(
        info.location.as_deref(),
        Some("s3://tf-states/app/terraform.tfstate")
    );
    assert!(info.readable, "{info:?}");
    assert_eq!(info.sources, ["main.tf"]);
    let e = session.open_remote_state().unwrap_err();
    assert_eq!(e.code, ErrorCode::RemoteStateFailed, "{e:?}");
    assert!(e.message.contains("cloud.state_not_found"), "{e:?}");

    run(dir, &["init", "-input=false", "-no-color"]);
    run(
        dir,
        &["apply", "-auto-approve", "-input=false", "-no-color"],
    );
    let info = session.remote_backend().unwrap().unwrap();
    assert_eq!(info.sources, ["main.tf", ".terraform/terraform.tfstate"]);

    let marker = dir.join("held");
    let mut held = terraform(
        dir,
        &[
            "apply",
            "-auto-approve",
            "-input=false",
            "-no-color",
            "-var",
            "rev=v2",
            "-var",
            "hold=10",
            "-var",
            &format!("marker={}", marker.display()),
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let started = Instant::now();
    while !marker.exists() {
        assert!(
            held.try_wait().unwrap().is_none(),
            "the held apply ended early"
        );
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "no provisioner"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let view = session.open_remote_state().unwrap();
    let remote = view.remote.as_ref().expect("read from the backend");
    assert_eq!(remote.url, "s3://tf-states/app/terraform.tfstate");
    assert_eq!(remote.workspace, "default");
    assert_eq!(remote.locks.len(), 1, "{remote:?}");
    assert_eq!(remote.locks[0].kind, "dynamodb");
    let lock = view.lock.as_ref().expect("the holder");
    assert_eq!(lock.operation, "OperationTypeApply");
    assert!(lock.who.contains('@'));
    assert!(lock.force_unlock.starts_with("terraform force-unlock "));
    assert!(held.wait().unwrap().success());

    // Refresh: unlocked, the new revision; the explorer's detail works on it.
    let view = session.open_remote_state().unwrap();
    assert!(view.lock.is_none() && view.remote.as_ref().unwrap().locks.is_empty());
    assert_eq!(view.instances, 1);
    let detail = session.state_instance("terraform_data.app").unwrap();
    assert!(detail
        .attributes
        .iter()
        .any(|a| a.name == "input" && a.value.contains("v2")));
    assert_eq!(
        detail.code.as_ref().map(|c| c.path.as_str()),
        Some("main.tf")
    );
    common::assert_no_secret("view", &serde_json::to_string(&view).unwrap());

    // Inventory & Drift offers the open remote state and compares it as read.
    let caps = session.drift_capabilities().unwrap();
    assert_eq!(
        caps.states.first().map(String::as_str),
        Some(remote.url.as_str())
    );
    let id = detail.id.clone().unwrap();
    std::fs::write(
        dir.join("inventory.json"),
        serde_json::json!({"inventory_version": 1, "scanned_types": ["terraform_data"],
            "resources": [
                {"type": "terraform_data", "id": id, "attributes": {}},
                {"type": "terraform_data", "id": "by-hand", "attributes": {}}]})
        .to_string(),
    )
    .unwrap();
    let drift = session
        .drift_scan(&DriftScanRequest {
            state: Some(remote.url.clone()),
            source: DriftSource::Snapshot {
                path: "inventory.json".into(),
            },
        })
        .unwrap();
    assert_eq!(drift.state, remote.url);
    assert_eq!(
        (drift.counts.managed, drift.counts.unmanaged),
        (1, 1),
        "{drift:?}"
    );
}

#[test]
fn a_local_workspace_has_no_remote_backend() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("main.tf"),
        "resource \"terraform_data\" \"x\" {}\n",
    )
    .unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(ws.path()).unwrap();
    assert!(session.remote_backend().unwrap().is_none());
    let e = session.open_remote_state().unwrap_err();
    assert_eq!(e.code, ErrorCode::NoRemoteBackend);
    assert!(e.hint.contains("terraform.tfstate"), "{e:?}");
}
