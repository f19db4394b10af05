//! The azurerm, gcs and HCP Terraform (`cloud` block) remote states in the app (the `cloud`
//! feature, as the desktop app is built): the Session detects each backend from the code and
//! `.terraform/environment`, shows where the state is before reading, and opens it in the
//! State Explorer with the lock holder — served by the loopback stand-ins of orbis-cloud's
//! tests (shapes from the public API docs), with real token round trips (a stand-in `az`, a
//! service-account JWT, `TF_TOKEN_<host>`).
#![cfg(feature = "cloud")]

#[path = "../../cloud/tests/backends/mod.rs"]
mod backends;
#[path = "../../cloud/tests/common/mod.rs"]
mod common;

use backends::*;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

const STATE: &str = "drift/state/driftctl/azurerm_network_security_group.tfstate";

fn corpus(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpora")
            .join(rel),
    )
    .unwrap()
}

fn workspace(code: &str, environment: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("backend.tf"), code).unwrap();
    if let Some(ws) = environment {
        std::fs::create_dir(dir.path().join(".terraform")).unwrap();
        std::fs::write(dir.path().join(".terraform/environment"), ws).unwrap();
    }
    dir
}

const RECORD: &str = r#"{"ID":"lease-7f3a","Operation":"OperationTypePlan","Info":"","Who":"ana@build-7","Version":"1.11.4","Created":"2026-11-27T10:02:31.5Z","Path":"tfstate/network.tfstateenv:prod"}"#;

#[test]
fn azurerm_gcs_and_hcp_terraform_states_open_in_the_explorer_with_their_locks() {
    let state = corpus(STATE);
    let instances = orbis_state::read_bytes(&state, "x", None)
        .unwrap()
        .instances
        .len() as u32;

    let mut blobs = BTreeMap::new();
    blobs.insert(
        "/tfstate01/tfstate/network.tfstateenv:prod".to_string(),
        Blob {
            body: state.clone(),
            lease_record: Some(RECORD.into()),
        },
    );
    let azure = Stub::start(azure_blob_service(blobs, Vec::new()));
    let mut objects = BTreeMap::new();
    objects.insert(
        ("tf-state".to_string(), "net/default.tfstate".to_string()),
        Object {
            body: state.clone(),
            generation: 11,
        },
    );
    let gcs = Stub::start(gcs_service(objects, Vec::new()));
    let mut archived = BTreeMap::new();
    archived.insert("/v1/object/c3RhdGU".to_string(), state.clone());
    let archivist = Stub::start(archivist(archived));
    let mut ws = BTreeMap::new();
    ws.insert(
        "networking".to_string(),
        TfeWorkspace {
            id: "ws-net1".into(),
            locked_by: Some(("users".into(), "user-bo2".into(), json!({"username": "bo"}))),
            download_url: Some(format!("{}/v1/object/c3RhdGU", archivist.url)),
        },
    );
    let tfe = Stub::start(tfe_service("acme".into(), ws));

    // The app reads the process environment (this binary's only test).
    let home = common::Home::new();
    home.write_exec("bin/az", &az_script());
    let key = gcp_key(home.path(), &format!("{}/token", gcs.url));
    let path = format!("{}:/usr/bin:/bin", home.bin().display());
    for (k, v) in [
        ("HOME", home.path().to_str().unwrap()),
        ("PATH", path.as_str()),
        ("ORBIS_AZURE_STORAGE_ENDPOINT_URL", azure.url.as_str()),
        ("ORBIS_GCP_STORAGE_ENDPOINT_URL", gcs.url.as_str()),
        ("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()),
        ("ORBIS_TFE_ENDPOINT_URL", tfe.url.as_str()),
    ] {
        std::env::set_var(k, v);
    }
    for k in ["TF_WORKSPACE", "TF_TOKEN_app_terraform_io"] {
        std::env::remove_var(k);
    }
    let session = Session::new(Store::open_in_memory().unwrap(), None);

    // azurerm, workspace "prod" selected by `terraform workspace select`.
    let az = workspace(
        "terraform {\n  backend \"azurerm\" {\n    resource_group_name  = \"rg-state\"\n    storage_account_name = \"tfstate01\"\n    container_name       = \"tfstate\"\n    key                  = \"network.tfstate\"\n    use_azuread_auth     = true\n  }\n}\n",
        Some("prod"),
    );
    session.open_workspace(az.path()).unwrap();
    let info = session
        .remote_backend()
        .unwrap()
        .expect("an azurerm backend");
    assert_eq!(info.backend, "azurerm");
    assert_eq!(info.workspace, "prod");
    assert_eq!(
        info.location.as_deref(),
        Some("https://tfstate01.blob.core.windows.net/tfstate/network.tfstateenv:prod")
    );
    assert!(info.readable, "{:?}", info.problem);
    let view = session.open_remote_state().unwrap();
    assert_eq!(view.instances, instances);
    let remote = view.remote.as_ref().unwrap();
    assert_eq!(remote.backend, "azurerm");
    assert_eq!(remote.locks[0].kind, "azure_lease");
    let lock = view.lock.as_ref().expect("the lease holder");
    assert_eq!(lock.who, "ana@build-7");
    assert_eq!(lock.force_unlock, "terraform force-unlock lease-7f3a");

    // gcs, default workspace, unlocked.
    let g = workspace(
        "terraform {\n  backend \"gcs\" {\n    bucket = \"tf-state\"\n    prefix = \"net\"\n  }\n}\n",
        None,
    );
    session.open_workspace(g.path()).unwrap();
    let view = session.open_remote_state().unwrap();
    assert_eq!(view.instances, instances);
    assert!(view.lock.is_none());
    assert_eq!(
        view.remote.as_ref().unwrap().url,
        "gs://tf-state/net/default.tfstate"
    );

    // cloud block: no token anywhere → a clear error saying where to put one.
    let c = workspace(
        "terraform {\n  cloud {\n    organization = \"acme\"\n    workspaces {\n      name = \"networking\"\n    }\n  }\n}\n",
        None,
    );
    session.open_workspace(c.path()).unwrap();
    let info = session.remote_backend().unwrap().unwrap();
    assert_eq!(
        info.location.as_deref(),
        Some("https://app.terraform.io/app/acme/workspaces/networking")
    );
    let e = session.open_remote_state().unwrap_err();
    assert_eq!(e.code, ErrorCode::RemoteStateFailed);
    assert!(
        e.hint.contains("terraform login app.terraform.io")
            && e.hint.contains("TF_TOKEN_app_terraform_io"),
        "{}",
        e.hint
    );
    assert!(tfe.requests().is_empty());
    std::env::set_var("TF_TOKEN_app_terraform_io", TFE_TOKEN);
    let view = session.open_remote_state().unwrap();
    assert_eq!(view.instances, instances);
    assert_eq!(view.lock.as_ref().unwrap().who, "bo");
    assert_eq!(view.remote.as_ref().unwrap().locks[0].kind, "tfe_workspace");
    let shown = serde_json::to_string(&view).unwrap();
    for secret in [TFE_TOKEN, AZ_STORAGE_TOKEN, GCP_TOKEN] {
        assert!(!shown.contains(secret));
    }
}
