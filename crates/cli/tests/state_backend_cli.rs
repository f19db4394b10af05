//! `orbis state show --backend DIR`: the root module's remote state, read only. Without the
//! `cloud` feature it says so (exit 2); with it, an `http` backend served by a loopback server
//! is read, with the password from TF_HTTP_PASSWORD (never printed). The s3 backend against
//! moto is covered by orbis-cloud's and orbis-app's tests.

use std::process::Command;

fn orbis() -> Command {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
}

#[cfg(feature = "cloud")]
/// Serves `body` at /state to requests carrying basic auth `ci:hunter2`; 401 otherwise.
fn server(body: &'static str) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = vec![0u8; 8192];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let ok = req.starts_with("GET /state ")
                && req.lines().any(|l| l.ends_with("Basic Y2k6aHVudGVyMg=="));
            let (status, text) = if ok {
                ("200 OK", body)
            } else {
                ("401 Unauthorized", "")
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    port
}

#[test]
fn a_workspace_without_backend_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"terraform_data\" \"x\" {}\n",
    )
    .unwrap();
    let out = orbis()
        .args(["state", "show", "--backend"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    if cfg!(feature = "cloud") {
        assert!(err.contains("[state.no_backend]"), "{err}");
    } else {
        assert!(err.contains("[state.cloud_not_built]"), "{err}");
    }
}

#[cfg(feature = "cloud")]
#[test]
fn the_http_backend_state_is_shown_with_the_password_from_the_environment() {
    let port = server(
        r#"{"version":4,"terraform_version":"1.11.4","serial":2,"lineage":"l","outputs":{},
        "resources":[{"mode":"managed","type":"terraform_data","name":"app",
        "provider":"provider[\"terraform.io/builtin/terraform\"]",
        "instances":[{"schema_version":0,"attributes":{"id":"d1","input":"v2"}}]}]}"#,
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("backend.tf"),
        format!(
            "terraform {{\n  backend \"http\" {{\n    address  = \"http://127.0.0.1:{port}/state\"\n    username = \"ci\"\n  }}\n}}\n"
        ),
    )
    .unwrap();
    let show = |password: &str| {
        orbis()
            .args(["state", "show", "--format", "json", "--backend"])
            .arg(dir.path())
            .env("TF_HTTP_PASSWORD", password)
            .env_remove("TF_WORKSPACE")
            .output()
            .unwrap()
    };
    let out = show("hunter2");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["resources"][0]["address"], "terraform_data.app");
    assert_eq!(v["resources"][0]["id"], "d1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot report a lock"));

    let out = show("wrong-password");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[cloud.denied]") && err.contains("HTTP 401"),
        "{err}"
    );
    assert!(!err.contains("wrong-password") && !err.contains("hunter2"));
}

#[cfg(feature = "cloud")]
#[path = "../../cloud/tests/backends/mod.rs"]
mod backends;

/// The corpus state the stand-ins serve, and its instance addresses as orbis-state reads them.
#[cfg(feature = "cloud")]
fn served_state() -> (Vec<u8>, Vec<String>) {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpora/drift/state/inframap/google_state.json"),
    )
    .unwrap();
    let addresses = orbis_state::read_bytes(&bytes, "x", None)
        .unwrap()
        .instances
        .into_iter()
        .map(|i| i.address)
        .collect();
    (bytes, addresses)
}

#[cfg(feature = "cloud")]
fn show_json(
    dir: &std::path::Path,
    workspace: Option<&str>,
    env: &[(&str, &str)],
) -> std::process::Output {
    let mut c = orbis();
    c.args(["state", "show", "--format", "json", "--backend"])
        .arg(dir);
    if let Some(w) = workspace {
        c.args(["--workspace", w]);
    }
    for k in [
        "TF_WORKSPACE",
        "TF_TOKEN_app_terraform_io",
        "GOOGLE_APPLICATION_CREDENTIALS",
    ] {
        c.env_remove(k);
    }
    c.envs(env.iter().copied()).output().unwrap()
}

#[cfg(feature = "cloud")]
fn addresses_of(out: &std::process::Output) -> Vec<String> {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["address"].as_str().unwrap().to_string())
        .collect()
}

#[cfg(feature = "cloud")]
#[test]
fn azurerm_gcs_and_hcp_terraform_backends_are_shown_with_their_lock_holders() {
    use backends::*;
    use std::collections::BTreeMap;
    let (state, want) = served_state();
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("bin")).unwrap();
    let az = home.path().join("bin/az");
    std::fs::write(&az, az_script()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:/usr/bin:/bin", home.path().join("bin").display());
    let home_s = home.path().to_str().unwrap().to_string();

    // azurerm: workspace "prod" → blob `network.tfstateenv:prod`, leased by a plan.
    let mut blobs = BTreeMap::new();
    blobs.insert(
        "/tfstate01/tfstate/network.tfstateenv:prod".to_string(),
        Blob {
            body: state.clone(),
            lease_record: Some(r#"{"ID":"lease-1","Operation":"OperationTypePlan","Who":"ana@build-7","Version":"1.11.4","Created":"2026-11-27T10:02:31Z","Path":"tfstate/network.tfstateenv:prod","Info":""}"#.into()),
        },
    );
    let azure = Stub::start(azure_blob_service(blobs, Vec::new()));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("backend.tf"),
        "terraform {\n  backend \"azurerm\" {\n    storage_account_name = \"tfstate01\"\n    container_name = \"tfstate\"\n    key = \"network.tfstate\"\n  }\n}\n",
    )
    .unwrap();
    let env = [
        ("HOME", home_s.as_str()),
        ("PATH", path.as_str()),
        ("ORBIS_AZURE_STORAGE_ENDPOINT_URL", azure.url.as_str()),
    ];
    let out = show_json(dir.path(), Some("prod"), &env);
    assert_eq!(addresses_of(&out), want);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["lock"]["Who"], "ana@build-7");
    let out = show_json(dir.path(), Some("qa"), &env);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[cloud.state_not_found]") && err.contains("network.tfstateenv:qa"),
        "{err}"
    );
    // The text view names the holder.
    let text = orbis()
        .args(["state", "show", "--workspace", "prod", "--backend"])
        .arg(dir.path())
        .envs(env)
        .env_remove("TF_WORKSPACE")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("Locked by ana@build-7"));

    // gcs: default workspace, lock object present (its generation is the lock id).
    let mut objects = BTreeMap::new();
    objects.insert(
        ("tf-state".to_string(), "net/default.tfstate".to_string()),
        Object {
            body: state.clone(),
            generation: 5,
        },
    );
    objects.insert(
        ("tf-state".to_string(), "net/default.tflock".to_string()),
        Object {
            body: br#"{"ID":"","Operation":"OperationTypeApply","Who":"ci@runner","Version":"1.11.4","Created":"2026-11-27T10:00:00Z","Path":"gs://tf-state/net/default.tflock","Info":""}"#.to_vec(),
            generation: 1732701999000003,
        },
    );
    let gcs = Stub::start(gcs_service(objects, Vec::new()));
    let key = gcp_key(home.path(), &format!("{}/token", gcs.url));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("backend.tf"),
        "terraform {\n  backend \"gcs\" {\n    bucket = \"tf-state\"\n    prefix = \"net\"\n  }\n}\n",
    )
    .unwrap();
    let env = [
        ("HOME", home_s.as_str()),
        ("PATH", path.as_str()),
        ("ORBIS_GCP_STORAGE_ENDPOINT_URL", gcs.url.as_str()),
    ];
    let out = show_json(dir.path(), None, &env);
    assert_eq!(out.status.code(), Some(2), "no credentials");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gcloud auth application-default login"),
        "{err}"
    );
    let mut env = env.to_vec();
    env.push(("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()));
    let out = show_json(dir.path(), None, &env);
    assert_eq!(addresses_of(&out), want);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["lock"]["ID"], "1732701999000003");
    assert_eq!(v["lock"]["Who"], "ci@runner");

    // remote backend with a prefix: local workspace "prod" → HCP workspace "app-prod".
    let mut archived = BTreeMap::new();
    archived.insert("/v1/object/c3Q".to_string(), state.clone());
    let arch = Stub::start(archivist(archived));
    let mut ws = BTreeMap::new();
    ws.insert(
        "app-prod".to_string(),
        TfeWorkspace {
            id: "ws-p".into(),
            locked_by: None,
            download_url: Some(format!("{}/v1/object/c3Q", arch.url)),
        },
    );
    let tfe = Stub::start(tfe_service("acme".into(), ws));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("backend.tf"),
        "terraform {\n  backend \"remote\" {\n    organization = \"acme\"\n    workspaces {\n      prefix = \"app-\"\n    }\n  }\n}\n",
    )
    .unwrap();
    let env = [
        ("HOME", home_s.as_str()),
        ("ORBIS_TFE_ENDPOINT_URL", tfe.url.as_str()),
        ("TF_TOKEN_app_terraform_io", TFE_TOKEN),
    ];
    let out = show_json(dir.path(), Some("prod"), &env);
    assert_eq!(addresses_of(&out), want);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["lock"].is_null());
    let out = show_json(dir.path(), Some("default"), &env);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("terraform workspace select"), "{err}");
    let out = show_json(dir.path(), Some("prod"), &env[..2]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[cloud.credentials_unavailable]") && err.contains("terraform login"),
        "{err}"
    );
    // A refused token is an expired sign-in, and is never printed.
    let out = show_json(
        dir.path(),
        Some("prod"),
        &[
            env[0],
            env[1],
            ("TF_TOKEN_app_terraform_io", "revoked-token-value"),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[cloud.expired]") && err.contains("HTTP 401"),
        "{err}"
    );
    assert!(!err.contains("revoked-token-value"));
}
