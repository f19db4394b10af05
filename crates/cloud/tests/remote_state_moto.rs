//! Read-only remote state against real peers on loopback: a real `terraform` (1.11 on PATH)
//! writes its state through the s3 backend into a moto server (DynamoDB lock table and the
//! S3-native lockfile both on), and the reader must find the same state `terraform show
//! -json` reports, per workspace (`env:/prod/…`), and see the lock holder while an apply
//! holds the lock (a local-exec provisioner sleeps). Errors (no such key/bucket, unknown
//! keys, expired SSO) come back as codes with a fix. The HTTP backend is read from a tiny
//! loopback server with basic auth.

mod common;

use common::{Home, Moto};
use orbis_cloud::remote_state::{fetch_http, fetch_s3};
use orbis_cloud::ErrorCode;
use orbis_state::backend::{http_location, parse_init_record, s3_location};
use orbis_state::BackendConfig;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const KEY: &str = "test-access-key";
const SECRET: &str = "test-secret-key";

/// A bucket and a lock table, created with boto3 as an operator would.
fn seed(moto: &Moto) {
    let script = r#"
import sys, boto3
kw = dict(endpoint_url=sys.argv[1], region_name="eu-west-1",
          aws_access_key_id="test-access-key", aws_secret_access_key="test-secret-key")
boto3.client("s3", **kw).create_bucket(Bucket="tf-states",
    CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
boto3.client("dynamodb", **kw).create_table(TableName="tf-locks",
    KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
    AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
    BillingMode="PAY_PER_REQUEST")
"#;
    let out = Command::new(common::venv_python())
        .args(["-c", script, &moto.url])
        .output()
        .expect("run boto3 from the test venv");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn workspace(dir: &Path, moto: &Moto) {
    std::fs::write(
        dir.join("main.tf"),
        format!(
            r#"terraform {{
  backend "s3" {{
    bucket         = "tf-states"
    key            = "app/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "tf-locks"
    use_lockfile   = true
    endpoints = {{
      s3       = "{url}"
      dynamodb = "{url}"
    }}
    use_path_style              = true
    skip_credentials_validation = true
    skip_requesting_account_id  = true
    skip_metadata_api_check     = true
  }}
}}

variable "hold" {{
  default = 0
}}

variable "rev" {{
  default = "v1"
}}

variable "marker" {{
  default = "/dev/null"
}}

resource "terraform_data" "app" {{
  input            = "${{var.rev}}-${{terraform.workspace}}"
  triggers_replace = var.rev
  provisioner "local-exec" {{
    command = "touch ${{var.marker}} && sleep ${{var.hold}}"
  }}
}}

output "app" {{
  value = terraform_data.app.output
}}
"#,
            url = moto.url
        ),
    )
    .unwrap();
}

fn terraform(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("terraform");
    c.current_dir(dir)
        .args(args)
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .stdin(Stdio::null());
    c
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = terraform(dir, args).output().expect("terraform on PATH");
    assert!(
        out.status.success(),
        "terraform {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn context(home: &Home) -> orbis_cloud::Context {
    home.context(&[
        ("AWS_ACCESS_KEY_ID", KEY),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
    ])
}

/// The backend as `terraform init` recorded it (what the app reads too).
fn recorded(dir: &Path) -> BackendConfig {
    let bytes = std::fs::read(dir.join(".terraform/terraform.tfstate")).unwrap();
    parse_init_record(&bytes)
        .unwrap()
        .expect("an s3 backend record")
}

/// (address, id) pairs and outputs of a state, for comparing two reads.
fn summary(state: &orbis_state::State) -> (Vec<(String, Option<String>)>, Vec<String>) {
    let mut i: Vec<_> = state
        .instances
        .iter()
        .map(|i| (i.address.clone(), i.id.clone()))
        .collect();
    i.sort();
    let o = state
        .outputs
        .iter()
        .map(|o| format!("{}={}", o.name, o.value.clone().unwrap_or_default()))
        .collect();
    (i, o)
}

struct Apply(Child);

impl Drop for Apply {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn terraform_s3_state_is_read_with_its_lock_holders() {
    let Some(moto) = Moto::start() else { return };
    seed(&moto);
    let tf = tempfile::tempdir().unwrap();
    let dir = tf.path();
    workspace(dir, &moto);
    run(dir, &["init", "-input=false", "-no-color"]);
    let home = Home::new();
    let ctx = context(&home);
    let config = recorded(dir);
    assert_eq!(config.kind, "s3");

    // Nothing applied yet: a plain "no state" with the fix, not a crash.
    let loc = s3_location(&config, "default").unwrap();
    let e = fetch_s3(&ctx, &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::StateNotFound, "{e:?}");
    assert!(
        e.message.contains("s3://tf-states/app/terraform.tfstate"),
        "{}",
        e.message
    );

    run(
        dir,
        &["apply", "-auto-approve", "-input=false", "-no-color"],
    );

    // A second apply replaces the resource and holds the lock while its provisioner sleeps.
    let marker = dir.join("provisioner-started");
    let mut apply = terraform(
        dir,
        &[
            "apply",
            "-auto-approve",
            "-input=false",
            "-no-color",
            "-var",
            "rev=v2",
            "-var",
            "hold=12",
            "-var",
            &format!("marker={}", marker.display()),
        ],
    );
    let mut apply = Apply(
        apply
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while !marker.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "the apply never started its provisioner:\n{}",
            std::fs::read_to_string(dir.join("apply.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let fetched = fetch_s3(&ctx, &loc).await.unwrap();
    let kinds: Vec<&str> = fetched.locks.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, ["dynamodb", "s3_lockfile"], "{fetched:?}");
    for lock in &fetched.locks {
        assert_eq!(lock.info.operation, "OperationTypeApply", "{lock:?}");
        assert!(lock.info.who.contains('@'), "{lock:?}");
        assert!(!lock.info.id.is_empty() && !lock.info.created.is_empty());
        assert_eq!(lock.info.path, "tf-states/app/terraform.tfstate");
    }
    assert!(fetched.warnings.is_empty(), "{:?}", fetched.warnings);
    let status = apply.0.wait().unwrap();
    assert!(status.success(), "the held apply failed");

    // Done: no lock, and the same state as `terraform show -json`.
    let fetched = fetch_s3(&ctx, &loc).await.unwrap();
    assert!(fetched.locks.is_empty(), "{:?}", fetched.locks);
    let ours = orbis_state::read_bytes(&fetched.bytes, &fetched.source, None).unwrap();
    let show = run(dir, &["show", "-json", "-no-color"]);
    let theirs = orbis_state::read_bytes(show.as_bytes(), "show -json", None).unwrap();
    assert_eq!(summary(&ours), summary(&theirs));
    assert_eq!(ours.instances.len(), 1);
    assert!(
        summary(&ours).1[0].contains("v2-default"),
        "{:?}",
        summary(&ours)
    );

    // Another workspace lives under env:/prod/.
    run(dir, &["workspace", "new", "-no-color", "prod"]);
    run(
        dir,
        &["apply", "-auto-approve", "-input=false", "-no-color"],
    );
    let prod = s3_location(&recorded(dir), "prod").unwrap();
    assert_eq!(prod.state_key, "env:/prod/app/terraform.tfstate");
    let fetched = fetch_s3(&ctx, &prod).await.unwrap();
    let state = orbis_state::read_bytes(&fetched.bytes, &fetched.source, None).unwrap();
    assert!(
        summary(&state).1[0].contains("v1-prod"),
        "{:?}",
        summary(&state)
    );

    // A bucket that does not exist, and keys the endpoint does not know.
    let mut wrong = recorded(dir);
    wrong.set("bucket", &serde_json::json!("no-such-bucket"));
    let e = fetch_s3(&ctx, &s3_location(&wrong, "default").unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::StateNotFound, "{e:?}");
    assert!(
        e.message.contains("no-such-bucket") && e.hint.contains("bucket"),
        "{e:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unusable_credentials_give_the_fix_command() {
    // Unknown access keys against a moto that checks them.
    let Some(moto) = Moto::start_with_env(&[("INITIAL_NO_AUTH_ACTION_COUNT", "0")]) else {
        return;
    };
    let mut config = BackendConfig::new("s3");
    config.set_all(
        serde_json::json!({"bucket": "b", "key": "k", "region": "eu-west-1",
                           "endpoints": {"s3": moto.url}})
        .as_object()
        .unwrap(),
    );
    let loc = s3_location(&config, "default").unwrap();
    let home = Home::new();
    let e = fetch_s3(
        &home.context(&[
            ("AWS_ACCESS_KEY_ID", "AKIAUNKNOWN0000000000"),
            ("AWS_SECRET_ACCESS_KEY", "nope-secret"),
        ]),
        &loc,
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Denied, "{e:?}");
    assert!(!format!("{e:?}").contains("nope-secret"));

    // No credentials at all, and a profile that does not exist.
    let e = fetch_s3(&home.context(&[]), &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileNotFound, "{e:?}");
    config.set("profile", &serde_json::json!("corp-dev"));
    let e = fetch_s3(
        &home.context(&[]),
        &s3_location(&config, "default").unwrap(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileNotFound, "{e:?}");

    // An expired SSO sign-in: the exact command, before any S3 call.
    home.write(
        ".aws/config",
        "[profile corp-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = eu-west-1\n\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
    );
    home.write(
        &format!(".aws/sso/cache/{}.json", sha1_hex("corp")),
        "{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"us-east-1\",\"accessToken\":\"expired-token\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
    );
    let e = fetch_s3(
        &home.context(&[]),
        &s3_location(&config, "default").unwrap(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Expired, "{e:?}");
    assert!(
        e.hint.contains("aws sso login --profile corp-dev"),
        "{}",
        e.hint
    );
    assert!(!format!("{e:?}").contains("expired-token"));
}

fn sha1_hex(s: &str) -> String {
    use sha1::{Digest, Sha1};
    Sha1::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A one-thread HTTP/1.1 server on loopback: `/state` needs basic auth `ci:hunter2`,
/// anything else is 404.
fn http_server(body: &'static str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = vec![0u8; 8192];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let authorized = req.lines().any(|l| {
                l.to_ascii_lowercase().starts_with("authorization: basic ")
                    && l.ends_with("Y2k6aHVudGVyMg==") // ci:hunter2
            });
            let (status, text) = if !req.starts_with("GET /state ") {
                ("404 Not Found", "")
            } else if !authorized {
                ("401 Unauthorized", "")
            } else {
                ("200 OK", body)
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn http_backend_state_is_read_with_basic_auth() {
    let state = r#"{"version":4,"terraform_version":"1.11.4","serial":3,"lineage":"l","outputs":{},
        "resources":[{"mode":"managed","type":"terraform_data","name":"x",
        "provider":"provider[\"terraform.io/builtin/terraform\"]",
        "instances":[{"schema_version":0,"attributes":{"id":"abc","input":null}}]}]}"#;
    let base = http_server(state);
    let mut config = BackendConfig::new("http");
    config.set("address", &serde_json::json!(format!("{base}/state")));
    config.set("username", &serde_json::json!("ci"));
    config.set("password", &serde_json::json!("must-not-be-kept"));
    assert!(!format!("{config:?}").contains("must-not-be-kept"));
    let loc = http_location(&config).unwrap();

    let password = secrecy::SecretString::from("hunter2".to_string());
    let fetched = fetch_http(&loc, Some(&password)).await.unwrap();
    let read = orbis_state::read_bytes(&fetched.bytes, &fetched.source, None).unwrap();
    assert_eq!(read.instances[0].id.as_deref(), Some("abc"));
    assert_eq!(
        fetched.warnings.len(),
        1,
        "lock holders cannot be read over HTTP"
    );

    let wrong = secrecy::SecretString::from("wrong-pass".to_string());
    let e = fetch_http(&loc, Some(&wrong)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Denied);
    assert!(!format!("{e:?}").contains("wrong-pass"));
    let e = fetch_http(&loc, None).await.unwrap_err();
    assert!(e.hint.contains("TF_HTTP_PASSWORD"), "{e:?}");

    config.set("address", &serde_json::json!(format!("{base}/other")));
    let e = fetch_http(&http_location(&config).unwrap(), Some(&password))
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::StateNotFound);
    // Nothing listens on the discard port.
    config.set("address", &serde_json::json!("http://127.0.0.1:9/state"));
    let e = fetch_http(&http_location(&config).unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Unreachable, "{e:?}");
}
