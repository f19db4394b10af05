//! Read-only azurerm, gcs and HCP Terraform state backends against loopback stand-ins that
//! answer like the real services (`backends/`: shapes from the public API docs), with real
//! token acquisition: the Azure CLI credential runs a stand-in `az` (which hands the right
//! token only for the storage scope), gcp_auth signs a service-account JWT for a loopback
//! token endpoint, HCP tokens come from `TF_TOKEN_<host>` or `terraform login`'s file. The
//! states served are corpus files; what is read must parse to the same instances. Checked per
//! backend: the object named as Terraform names it, the lock holder, no state, denied,
//! expired sign-in (the doctor's fix command), a dead endpoint, and no token in any output.

mod backends;
mod common;

use backends::*;
use common::Home;
use orbis_cloud::remote_state::{
    azure, fetch_azurerm, fetch_gcs, fetch_tfe, fetch_tfe_env, gcs, tfe,
};
use orbis_cloud::{CloudError, ErrorCode};
use orbis_state::backend::{azurerm_location, gcs_location, tfe_location};
use orbis_state::BackendConfig;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora")
        .join(rel)
}

const AZ_STATE: &str = "drift/state/driftctl/azurerm_network_security_group.tfstate";
const GCS_STATE: &str = "drift/state/inframap/google_state.json";
const TFE_STATE: &str = "plans/state/raw/v4/terraform-exec__non_default_statefile_013.tfstate";

fn addresses(bytes: &[u8]) -> Vec<String> {
    orbis_state::read_bytes(bytes, "fetched", None)
        .unwrap()
        .instances
        .into_iter()
        .map(|i| i.address)
        .collect()
}

fn same_state(fetched: &[u8], rel: &str) {
    let want: Vec<String> = orbis_state::read_file(&corpus(rel), None)
        .unwrap()
        .instances
        .into_iter()
        .map(|i| i.address)
        .collect();
    assert!(!want.is_empty(), "{rel} has instances");
    assert_eq!(addresses(fetched), want);
}

fn config(kind: &str, settings: Value) -> BackendConfig {
    let mut c = BackendConfig::new(kind);
    c.set_all(settings.as_object().unwrap());
    c
}

fn no_token_in(e: &CloudError, token: &str) {
    let all = format!("{e:?}");
    assert!(!all.contains(token), "token in error: {all}");
}

const LOCK_RECORD: &str = r#"{"ID":"3c9e8e4f-1b2a-4d5e-9f60-7a8b9c0d1e2f","Operation":"OperationTypeApply","Info":"","Who":"ana@build-7","Version":"1.11.4","Created":"2026-11-27T10:02:31.5Z","Path":"tfstate/network.tfstateenv:prod"}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn azurerm_blobs_are_read_per_workspace_with_the_lease_holder() {
    let state = std::fs::read(corpus(AZ_STATE)).unwrap();
    let mut blobs = BTreeMap::new();
    blobs.insert(
        "/tfstate01/tfstate/network.tfstate".to_string(),
        Blob {
            body: state.clone(),
            lease_record: None,
        },
    );
    // Terraform's blob name for workspace "prod": the key with an `env:prod` suffix.
    blobs.insert(
        "/tfstate01/tfstate/network.tfstateenv:prod".to_string(),
        Blob {
            body: state.clone(),
            lease_record: Some(LOCK_RECORD.into()),
        },
    );
    // A blob leased by something else than Terraform (no lock record in its metadata).
    blobs.insert(
        "/tfstate01/tfstate/network.tfstateenv:dev".to_string(),
        Blob {
            body: state.clone(),
            lease_record: Some(String::new()),
        },
    );
    // Terraform creates an empty blob when it locks a brand new workspace.
    blobs.insert(
        "/tfstate01/tfstate/network.tfstateenv:new".to_string(),
        Blob {
            body: Vec::new(),
            lease_record: None,
        },
    );
    let server = Stub::start(azure_blob_service(blobs, vec!["lockedaway".into()]));
    let home = Home::new();
    home.write_exec("bin/az", &az_script());
    let ctx = home.context(&[(azure::STORAGE_ENDPOINT_VAR, server.url.as_str())]);
    let c = config(
        "azurerm",
        json!({"storage_account_name": "tfstate01", "container_name": "tfstate",
               "key": "network.tfstate", "resource_group_name": "rg-state"}),
    );

    let d = fetch_azurerm(&ctx, &azurerm_location(&c, "default").unwrap())
        .await
        .unwrap();
    same_state(&d.bytes, AZ_STATE);
    assert_eq!(
        d.source,
        "https://tfstate01.blob.core.windows.net/tfstate/network.tfstate"
    );
    assert!(d.locks.is_empty() && d.warnings.is_empty());
    let first = &server.requests()[0];
    assert_eq!(first.method, "GET");
    assert!(first.headers.contains_key("x-ms-version") && first.headers.contains_key("x-ms-date"));

    let p = fetch_azurerm(&ctx, &azurerm_location(&c, "prod").unwrap())
        .await
        .unwrap();
    same_state(&p.bytes, AZ_STATE);
    assert_eq!(p.locks.len(), 1);
    assert_eq!(p.locks[0].kind, "azure_lease");
    assert_eq!(p.locks[0].info.who, "ana@build-7");
    assert_eq!(p.locks[0].info.operation, "OperationTypeApply");
    assert_eq!(p.locks[0].info.id, "3c9e8e4f-1b2a-4d5e-9f60-7a8b9c0d1e2f");

    let dev = fetch_azurerm(&ctx, &azurerm_location(&c, "dev").unwrap())
        .await
        .unwrap();
    assert!(dev.locks[0].info.who.contains("unknown"), "{:?}", dev.locks);

    for ws in ["new", "staging"] {
        let e = fetch_azurerm(&ctx, &azurerm_location(&c, ws).unwrap())
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::StateNotFound, "{ws}: {e:?}");
        assert!(
            e.message.contains(&format!("workspace \"{ws}\"")),
            "{}",
            e.message
        );
    }
    let other = config(
        "azurerm",
        json!({"storage_account_name": "tfstate01", "container_name": "missing", "key": "k"}),
    );
    let e = fetch_azurerm(&ctx, &azurerm_location(&other, "").unwrap())
        .await
        .unwrap_err();
    assert!(
        e.message.contains("no container \"missing\""),
        "{}",
        e.message
    );

    let denied = config(
        "azurerm",
        json!({"storage_account_name": "lockedaway", "container_name": "tfstate", "key": "k"}),
    );
    let e = fetch_azurerm(&ctx, &azurerm_location(&denied, "").unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Denied);
    assert!(
        e.message.contains("AuthorizationPermissionMismatch"),
        "{}",
        e.message
    );
    assert!(
        e.hint.contains("Storage Blob Data Reader") && e.hint.contains("az login"),
        "{}",
        e.hint
    );

    // Only GETs were sent; the token only ever in the Authorization header.
    assert!(server.requests().iter().all(|r| r.method == "GET"));
    assert!(!server.leaked(AZ_STORAGE_TOKEN));
    no_token_in(&e, AZ_STORAGE_TOKEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn azurerm_sign_in_problems_and_dead_endpoints_say_what_to_do() {
    let c = config(
        "azurerm",
        json!({"storage_account_name": "tfstate01", "container_name": "tfstate", "key": "k"}),
    );
    let loc = azurerm_location(&c, "default").unwrap();
    let server = Stub::start(azure_blob_service(BTreeMap::new(), Vec::new()));
    let home = Home::new();
    home.write_exec(
        "bin/az",
        "#!/bin/sh\necho 'ERROR: AADSTS700082: The refresh token has expired due to inactivity.' >&2\necho 'az login' >&2\nexit 1\n",
    );
    let ctx = home.context(&[(azure::STORAGE_ENDPOINT_VAR, server.url.as_str())]);
    let e = fetch_azurerm(&ctx, &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Expired, "{e:?}");
    assert!(e.hint.contains("`az login`"), "{}", e.hint);
    assert!(server.requests().is_empty());

    // A token the service does not take (here: the management scope's) is an expired sign-in.
    let home = Home::new();
    home.write_exec(
        "bin/az",
        &az_script().replace("https://storage.azure.com/.default", "never-matches"),
    );
    let ctx = home.context(&[(azure::STORAGE_ENDPOINT_VAR, server.url.as_str())]);
    let e = fetch_azurerm(&ctx, &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Expired, "{e:?}");
    assert!(
        e.message.contains("HTTP 401") && e.hint.contains("az login"),
        "{e:?}"
    );

    let home = Home::new();
    home.write_exec("bin/az", &az_script());
    let dead = format!("http://127.0.0.1:{}", common::free_port());
    let ctx = home.context(&[(azure::STORAGE_ENDPOINT_VAR, dead.as_str())]);
    let e = fetch_azurerm(&ctx, &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Unreachable, "{e:?}");
    assert!(e.hint.contains("storage_account_name"), "{}", e.hint);
    no_token_in(&e, AZ_STORAGE_TOKEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gcs_objects_and_lock_files_are_read_with_adc_tokens() {
    let state = std::fs::read(corpus(GCS_STATE)).unwrap();
    let mut objects = BTreeMap::new();
    let obj = |b: &str, o: &str| (b.to_string(), o.to_string());
    objects.insert(
        obj("tf-state-prod", "terraform/state/default.tfstate"),
        Object {
            body: state.clone(),
            generation: 1732701000000001,
        },
    );
    objects.insert(
        obj("tf-state-prod", "terraform/state/prod.tfstate"),
        Object {
            body: state.clone(),
            generation: 1732701000000002,
        },
    );
    // Terraform writes the lock record as the body; its id is the object's generation.
    let record = LOCK_RECORD
        .replace("3c9e8e4f-1b2a-4d5e-9f60-7a8b9c0d1e2f", "")
        .replace("ana@build-7", "ci@runner-3");
    objects.insert(
        obj("tf-state-prod", "terraform/state/prod.tflock"),
        Object {
            body: record.into_bytes(),
            generation: 1732701999000003,
        },
    );
    let server = Stub::start(gcs_service(objects, vec!["tf-state-secret".into()]));
    let home = Home::new();
    let key = gcp_key(home.path(), &format!("{}/token", server.url));
    let ctx = home.context(&[
        (gcs::STORAGE_ENDPOINT_VAR, server.url.as_str()),
        ("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()),
    ]);
    let c = config(
        "gcs",
        json!({"bucket": "tf-state-prod", "prefix": "terraform/state/"}),
    );

    let d = fetch_gcs(&ctx, &gcs_location(&c, "default").unwrap())
        .await
        .unwrap();
    same_state(&d.bytes, GCS_STATE);
    assert_eq!(
        d.source,
        "gs://tf-state-prod/terraform/state/default.tfstate"
    );
    assert!(
        d.locks.is_empty() && d.warnings.is_empty(),
        "{:?}",
        d.warnings
    );
    // The object name travels as one encoded path segment.
    assert!(server
        .requests()
        .iter()
        .any(|r| r.path == "/storage/v1/b/tf-state-prod/o/terraform/state/default.tfstate"));

    let p = fetch_gcs(&ctx, &gcs_location(&c, "prod").unwrap())
        .await
        .unwrap();
    same_state(&p.bytes, GCS_STATE);
    assert_eq!(p.locks.len(), 1);
    assert_eq!(p.locks[0].kind, "gcs_lockfile");
    assert_eq!(p.locks[0].info.who, "ci@runner-3");
    assert_eq!(p.locks[0].info.id, "1732701999000003");

    let e = fetch_gcs(&ctx, &gcs_location(&c, "qa").unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::StateNotFound);
    assert!(
        e.message
            .contains("gs://tf-state-prod/terraform/state/qa.tfstate"),
        "{}",
        e.message
    );
    let e = fetch_gcs(
        &ctx,
        &gcs_location(&config("gcs", json!({"bucket": "nope"})), "").unwrap(),
    )
    .await
    .unwrap_err();
    assert!(
        e.message.contains("bucket nope does not exist"),
        "{}",
        e.message
    );
    let e = fetch_gcs(
        &ctx,
        &gcs_location(&config("gcs", json!({"bucket": "tf-state-secret"})), "").unwrap(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Denied);
    assert!(
        e.message.contains("storage.objects.get") && e.hint.contains("Storage Object Viewer"),
        "{e:?}"
    );
    assert!(
        e.message
            .contains("scanner@cloudskiff-dev-elie.iam.gserviceaccount.com"),
        "{}",
        e.message
    );
    no_token_in(&e, GCP_TOKEN);
    assert!(server
        .requests()
        .iter()
        .all(|r| r.method == "GET" || r.path == "/token"));
    assert!(!server.leaked(GCP_TOKEN));

    // The backend's own storage_custom_endpoint is honoured when no override is set.
    let ctx2 = home.context(&[("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap())]);
    let custom = config(
        "gcs",
        json!({"bucket": "tf-state-prod", "prefix": "terraform/state",
               "storage_custom_endpoint": format!("{}/storage/v1/", server.url)}),
    );
    let d = fetch_gcs(&ctx2, &gcs_location(&custom, "default").unwrap())
        .await
        .unwrap();
    same_state(&d.bytes, GCS_STATE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gcs_without_credentials_or_endpoint_says_what_to_do() {
    let loc = gcs_location(&config("gcs", json!({"bucket": "b"})), "").unwrap();
    let home = Home::new();
    let e = fetch_gcs(&home.context(&[]), &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::CredentialsUnavailable);
    assert!(
        e.hint.contains("`gcloud auth application-default login`"),
        "{}",
        e.hint
    );

    let server = Stub::start(gcs_service(BTreeMap::new(), Vec::new()));
    let key = gcp_key(home.path(), &format!("{}/token", server.url));
    let dead = format!("http://127.0.0.1:{}", common::free_port());
    let ctx = home.context(&[
        (gcs::STORAGE_ENDPOINT_VAR, dead.as_str()),
        ("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()),
    ]);
    let e = fetch_gcs(&ctx, &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Unreachable, "{e:?}");
    no_token_in(&e, GCP_TOKEN);
}

fn tfe_peers() -> (Stub, Stub) {
    let state = std::fs::read(corpus(TFE_STATE)).unwrap();
    let mut objects = BTreeMap::new();
    objects.insert("/v1/object/dmF1bHQ6djE6c3RhdGU".to_string(), state);
    let archivist = Stub::start(backends::archivist(objects));
    let mut ws = BTreeMap::new();
    ws.insert(
        "app-prod".to_string(),
        TfeWorkspace {
            id: "ws-prod123".into(),
            locked_by: Some((
                "users".into(),
                "user-ana9".into(),
                json!({"username": "ana", "is-service-account": false}),
            )),
            download_url: Some(format!("{}/v1/object/dmF1bHQ6djE6c3RhdGU", archivist.url)),
        },
    );
    ws.insert(
        "app-dev".to_string(),
        TfeWorkspace {
            id: "ws-dev456".into(),
            locked_by: Some((
                "runs".into(),
                "run-CZcmD7eagjhyX0vN".into(),
                json!({"status": "applying", "created-at": "2026-11-27T10:02:31.000Z"}),
            )),
            download_url: Some(format!("{}/v1/object/dmF1bHQ6djE6c3RhdGU", archivist.url)),
        },
    );
    ws.insert(
        "app-new".to_string(),
        TfeWorkspace {
            id: "ws-new789".into(),
            locked_by: None,
            download_url: None,
        },
    );
    let api = Stub::start(tfe_service("acme".into(), ws));
    (api, archivist)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hcp_terraform_workspaces_give_their_current_state_and_lock() {
    let (api, archivist) = tfe_peers();
    let home = Home::new();
    let c = config(
        "remote",
        json!({"organization": "acme", "workspaces": [{"prefix": "app-"}]}),
    );
    let ctx = home.context(&[
        (tfe::TFE_ENDPOINT_VAR, api.url.as_str()),
        ("TF_TOKEN_app_terraform_io", TFE_TOKEN),
    ]);

    let p = fetch_tfe_env(&ctx, &tfe_location(&c, "prod").unwrap())
        .await
        .unwrap();
    same_state(&p.bytes, TFE_STATE);
    assert_eq!(
        p.source,
        "https://app.terraform.io/app/acme/workspaces/app-prod"
    );
    assert_eq!(p.locks.len(), 1);
    assert_eq!(p.locks[0].kind, "tfe_workspace");
    assert_eq!(
        (p.locks[0].info.who.as_str(), p.locks[0].info.id.as_str()),
        ("ana", "user-ana9")
    );
    // The signed download URL is on another origin: it got no token.
    assert_eq!(archivist.requests().len(), 1);
    assert!(!archivist.requests()[0]
        .headers
        .contains_key("authorization"));
    let paths: Vec<String> = api.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "/api/v2/organizations/acme/workspaces/app-prod",
            "/api/v2/workspaces/ws-prod123/current-state-version"
        ]
    );

    let d = fetch_tfe_env(&ctx, &tfe_location(&c, "dev").unwrap())
        .await
        .unwrap();
    assert_eq!(d.locks[0].info.who, "run run-CZcmD7eagjhyX0vN");
    assert_eq!(d.locks[0].info.operation, "run (applying)");

    let e = fetch_tfe_env(&ctx, &tfe_location(&c, "new").unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::StateNotFound);
    assert!(e.message.contains("has no state yet"), "{}", e.message);
    let e = fetch_tfe_env(&ctx, &tfe_location(&c, "gone").unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::StateNotFound);
    assert!(
        e.message.contains("\"app-gone\"") && e.message.contains("cannot see it"),
        "{}",
        e.message
    );
    assert!(api.requests().iter().all(|r| r.method == "GET"));
    assert!(!api.leaked(TFE_TOKEN));

    // `terraform login`'s credentials file is used when the variable is not set.
    home.write(
        ".terraform.d/credentials.tfrc.json",
        &json!({"credentials": {"app.terraform.io": {"token": TFE_TOKEN}}}).to_string(),
    );
    let ctx = home.context(&[(tfe::TFE_ENDPOINT_VAR, api.url.as_str())]);
    let again = fetch_tfe_env(&ctx, &tfe_location(&c, "prod").unwrap())
        .await
        .unwrap();
    assert_eq!(again.bytes, p.bytes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hcp_terraform_token_problems_say_terraform_login() {
    let (api, _archivist) = tfe_peers();
    let home = Home::new();
    let c = config(
        "cloud",
        json!({"hostname": "tfe.acme-corp.example", "organization": "acme", "workspaces": {"name": "app-prod"}}),
    );
    let loc = tfe_location(&c, "default").unwrap();
    let ctx = home.context(&[(tfe::TFE_ENDPOINT_VAR, api.url.as_str())]);
    let e = fetch_tfe_env(&ctx, &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::CredentialsUnavailable);
    assert!(
        e.hint.contains("`terraform login tfe.acme-corp.example`")
            && e.hint.contains("TF_TOKEN_tfe_acme__corp_example"),
        "{}",
        e.hint
    );
    assert!(api.requests().is_empty());

    let wrong = secrecy::SecretString::from("revoked-token-value".to_string());
    let e = fetch_tfe(&ctx, &loc, Some(&wrong)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Expired);
    assert!(
        e.message.contains("HTTP 401") && e.hint.contains("terraform login"),
        "{e:?}"
    );
    no_token_in(&e, "revoked-token-value");

    let dead = format!("http://127.0.0.1:{}", common::free_port());
    let ctx = home.context(&[
        (tfe::TFE_ENDPOINT_VAR, dead.as_str()),
        ("TF_TOKEN_tfe_acme__corp_example", TFE_TOKEN),
    ]);
    let e = fetch_tfe_env(&ctx, &loc).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Unreachable, "{e:?}");
    assert!(e.hint.contains("hostname"), "{}", e.hint);
    no_token_in(&e, TFE_TOKEN);
}
