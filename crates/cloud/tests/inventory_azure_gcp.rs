//! The Azure (Resource Graph) and Google Cloud (Cloud Asset Inventory) inventories against a
//! loopback server replaying recorded-style answers (`replay/`: envelopes constructed around
//! the driftctl fixtures' recorded resource attributes), with real token acquisition: the
//! Azure CLI credential runs a stand-in `az`, gcp_auth signs a service-account assertion for
//! a loopback token endpoint. Checked: paging, the bearer token, the mapping to azurerm_* /
//! google_* ids the drift corpus' states use (the paired cases classify as derived), one
//! denied scope not stopping the scan, and token failures giving the doctor's fix command.

mod backends;
mod common;
mod replay;

use common::Home;
use orbis_cloud::inventory::azure::{scan_azure, AzureScanOptions, ENDPOINT_VAR as AZ_URL};
use orbis_cloud::inventory::gcp::{scan_gcp, GcpScanOptions, ENDPOINT_VAR as GCP_URL};
use orbis_cloud::ErrorCode;
use orbis_drift::{scan, Inventory, ScanInput, Status};
use replay::{arm_row, asset, corpus, fixture, Data, Replay, AZ_TOKEN, GCP_TOKEN};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const SUB: &str = "7bfb2c5c-7308-46ed-8ae4-fffa356eb406";

/// `az` stand-in printing a token (as `az account get-access-token -o json` does).
fn az_signed_in(home: &Home) {
    home.write_exec(
        "bin/az",
        &format!(
            "#!/bin/sh\nprintf '{{\"accessToken\": \"{AZ_TOKEN}\", \"expiresOn\": \"2030-03-17 17:46:40.000000\", \"expires_on\": 1900000000, \"subscription\": \"{SUB}\", \"tenant\": \"11111111-2222-3333-4444-555555555555\", \"tokenType\": \"Bearer\"}}'\n"
        ),
    );
}

fn azure_data() -> Data {
    let mut rows = Vec::new();
    for (case, arm) in [
        (
            "azurerm_network_security_group_multiple",
            "microsoft.network/networksecuritygroups",
        ),
        (
            "azurerm_private_dns_private_zone_multiple",
            "microsoft.network/privatednszones",
        ),
        (
            "azurerm_ssh_public_key_multiple",
            "microsoft.compute/sshpublickeys",
        ),
    ] {
        rows.extend(fixture(case).iter().map(|a| arm_row(arm, a)));
    }
    // A type with no Terraform mapping here: listed by the graph, left out of the snapshot.
    rows.push(json!({"id": format!("/subscriptions/{SUB}/resourceGroups/x/providers/Microsoft.Web/sites/app"),
        "name": "app", "type": "microsoft.web/sites", "location": "westeurope",
        "resourceGroup": "x", "subscriptionId": SUB, "tags": {}, "properties": {}}));
    let mut data = Data {
        page: 3,
        ..Default::default()
    };
    data.azure.insert(SUB.into(), rows);
    data.denied
        .push("00000000-0000-0000-0000-00000000dead".into());
    data
}

fn gcp_data() -> Data {
    let mut data = Data {
        page: 2,
        ..Default::default()
    };
    for (case, asset_type, service) in [
        (
            "google_compute_firewall",
            "compute.googleapis.com/Firewall",
            "compute.googleapis.com",
        ),
        (
            "google_compute_subnetwork_multiple",
            "compute.googleapis.com/Subnetwork",
            "compute.googleapis.com",
        ),
        (
            "google_compute_network",
            "compute.googleapis.com/Network",
            "compute.googleapis.com",
        ),
        (
            "google_compute_instance_group",
            "compute.googleapis.com/InstanceGroup",
            "compute.googleapis.com",
        ),
        (
            "google_storage_bucket",
            "storage.googleapis.com/Bucket",
            "storage.googleapis.com",
        ),
    ] {
        for a in fixture(case) {
            let project = a["project"].as_str().unwrap().to_string();
            data.gcp
                .entry(project)
                .or_default()
                .push(asset(asset_type, service, &a));
        }
    }
    data.denied.push("orbis-denied-project".into());
    data
}

/// The state cases of the corpus (INDEX.json) for these types, classified against `inv`:
/// (case, type, presence as derived).
fn corpus_rows(inv: &Inventory, types: &[&str]) -> Vec<(String, String, bool)> {
    let index: Value =
        serde_json::from_slice(&std::fs::read(corpus().join("INDEX.json")).unwrap()).unwrap();
    let key = |v: &Value| -> BTreeSet<(String, String)> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                (
                    r["type"].as_str().unwrap().to_string(),
                    r["id"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let mut rows = Vec::new();
    for case in index["cases"].as_array().unwrap() {
        let Some(rtype) = case["cloud_resource_type"].as_str() else {
            continue;
        };
        if !types.contains(&rtype) || case["derived_classification"].is_null() {
            continue;
        }
        let states: Vec<orbis_state::State> = case["state_files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| orbis_state::read_file(&corpus().join(f.as_str().unwrap()), None).unwrap())
            .collect();
        let r = scan(ScanInput {
            states: states.iter().collect(),
            inventory: Some(inv),
            ..Default::default()
        });
        let got = |s: &[Status]| -> BTreeSet<(String, String)> {
            r.resources
                .iter()
                .filter(|d| d.resource_type == rtype && s.contains(&d.status))
                .map(|d| (d.resource_type.clone(), d.id.clone()))
                .collect()
        };
        let d = &case["derived_classification"];
        let presence = key(&d["managed"]) == got(&[Status::Managed, Status::Changed])
            && key(&d["missing"]) == got(&[Status::Missing])
            && key(&d["unmanaged"]) == got(&[Status::Unmanaged]);
        rows.push((
            case["case"].as_str().unwrap().to_string(),
            rtype.to_string(),
            presence,
        ));
    }
    for (case, rtype, ok) in &rows {
        println!(
            "{case:<42} {rtype:<36} presence {}",
            if *ok { "yes" } else { "NO" }
        );
    }
    rows
}

/// Attribute-level drift on what the scan returned: a state written from two live resources
/// of `rtype`, where the second one's `edits` stand for a change made by hand since (in the
/// portal / console), classifies as one managed and one changed — with exactly those attributes.
fn changed_by_hand_is_found(inv: &Inventory, rtype: &str, provider: &str, edits: &[(&str, Value)]) {
    let live: Vec<_> = inv
        .resources
        .iter()
        .filter(|r| r.resource_type == rtype)
        .take(2)
        .collect();
    assert_eq!(live.len(), 2, "two {rtype} in the scan");
    // As the provider writes it: the attributes plus the resource's id.
    let with_id = |r: &orbis_drift::LiveResource| {
        let mut a = r.attributes.clone();
        a.insert("id".into(), json!(r.id));
        a
    };
    let mut edited = with_id(live[1]);
    for (attribute, value) in edits {
        assert!(edited.contains_key(*attribute), "{rtype} has {attribute}");
        edited.insert(attribute.to_string(), value.clone());
    }
    let res = |name: &str, attrs: Value| {
        json!({"mode": "managed", "type": rtype, "name": name,
               "provider": format!("provider[\"registry.terraform.io/hashicorp/{provider}\"]"),
               "instances": [{"schema_version": 0, "attributes": attrs}]})
    };
    let doc = json!({"version": 4, "terraform_version": "1.11.0", "serial": 1, "lineage": "t",
    "outputs": {}, "resources": [
        res("same", Value::Object(with_id(live[0]))),
        res("edited", Value::Object(edited)),
    ]});
    let state = orbis_state::read_bytes(doc.to_string().as_bytes(), "state", None).unwrap();
    let report = scan(ScanInput {
        states: vec![&state],
        inventory: Some(inv),
        ..Default::default()
    });
    let status = |id: &str| {
        report
            .resources
            .iter()
            .find(|d| d.id == id)
            .unwrap_or_else(|| panic!("{id} classified"))
    };
    assert_eq!(status(&live[0].id).status, Status::Managed);
    let changed = status(&live[1].id);
    assert_eq!(changed.status, Status::Changed);
    let attrs: BTreeSet<&str> = changed
        .changes
        .iter()
        .map(|c| c.attribute.split(['.', '[']).next().unwrap())
        .collect();
    let edited: BTreeSet<&str> = edits.iter().map(|(a, _)| *a).collect();
    assert_eq!(attrs, edited, "{changed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn azure_resource_graph_inventory_pages_maps_and_classifies_the_corpus() {
    let server = Replay::start(azure_data());
    let home = Home::new();
    az_signed_in(&home);
    let ctx = home.context(&[(AZ_URL, server.url.as_str())]);
    let options = AzureScanOptions {
        subscriptions: vec![SUB.into()],
        page_size: 1000,
        concurrency: 2,
    };
    let inv = scan_azure(&ctx, &options).await.unwrap();
    assert!(inv.scan_errors.is_empty(), "{:?}", inv.scan_errors);
    assert_eq!(server.seen.lock().unwrap().bad_tokens, 0);
    // 8 rows in pages of 3: three requests; the unmapped web app left out.
    let posts = server
        .seen
        .lock()
        .unwrap()
        .requests
        .iter()
        .filter(|r| r.starts_with("POST /providers/Microsoft.ResourceGraph/resources?api-version="))
        .count();
    assert_eq!(posts, 3);
    let count = |t: &str| {
        inv.resources
            .iter()
            .filter(|r| r.resource_type == t)
            .count()
    };
    assert_eq!(count("azurerm_network_security_group"), 2);
    assert_eq!(count("azurerm_private_dns_zone"), 3);
    assert_eq!(count("azurerm_ssh_public_key"), 2);
    assert_eq!(inv.resources.len(), 7);
    assert!(inv
        .resources
        .iter()
        .all(|r| r.account.as_deref() == Some(SUB)));
    let json = serde_json::to_string(&inv).unwrap();
    assert!(!json.contains(AZ_TOKEN));

    let rows = corpus_rows(
        &inv,
        &[
            "azurerm_network_security_group",
            "azurerm_private_dns_zone",
            "azurerm_ssh_public_key",
        ],
    );
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.2), "{rows:?}");
    changed_by_hand_is_found(
        &inv,
        "azurerm_network_security_group",
        "azurerm",
        &[
            ("location", json!("antarcticanorth")),
            ("tags", json!({"owner": "someone-else"})),
        ],
    );

    // A second subscription that denies the query: reported for that scope, the first one's
    // resources are still there.
    let mut options = options.clone();
    options
        .subscriptions
        .push("00000000-0000-0000-0000-00000000dead".into());
    let inv = scan_azure(&ctx, &options).await.unwrap();
    assert_eq!(inv.resources.len(), 7);
    let e = inv
        .scan_errors
        .iter()
        .find(|e| e.resource_type == "azurerm_network_security_group")
        .unwrap();
    assert_eq!(e.code, "cloud.denied");
    assert_eq!(
        e.region.as_deref(),
        Some("subscription 00000000-0000-0000-0000-00000000dead")
    );
    assert!(e.message.contains("AuthorizationFailed"), "{}", e.message);
    assert!(!inv
        .scanned_types
        .contains(&"azurerm_network_security_group".to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn azure_without_a_sign_in_says_az_login() {
    let server = Replay::start(azure_data());
    let home = Home::new();
    home.write_exec(
        "bin/az",
        "#!/bin/sh\necho 'ERROR: AADSTS700082: The refresh token has expired due to inactivity.' >&2\necho 'az login' >&2\nexit 1\n",
    );
    let ctx = home.context(&[(AZ_URL, server.url.as_str())]);
    let e = scan_azure(
        &ctx,
        &AzureScanOptions {
            subscriptions: vec![SUB.into()],
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Expired, "{e:?}");
    assert!(e.hint.contains("`az login`"), "{}", e.hint);
    assert!(server.seen.lock().unwrap().requests.is_empty());
    // No subscription known and none named: the same fix.
    let e = scan_azure(&home.context(&[]), &AzureScanOptions::default())
        .await
        .unwrap_err();
    assert!(e.hint.contains("`az login`"), "{}", e.hint);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gcp_asset_inventory_pages_maps_and_classifies_the_corpus() {
    let data = gcp_data();
    let projects: Vec<String> = data.gcp.keys().cloned().collect();
    let server = Replay::start(data);
    let home = Home::new();
    let key = backends::gcp_key(home.path(), &format!("{}/token", server.url));
    let ctx = home.context(&[
        (GCP_URL, server.url.as_str()),
        ("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()),
    ]);
    let options = GcpScanOptions {
        projects: projects.clone(),
        page_size: 500,
        concurrency: 2,
    };
    let inv = scan_gcp(&ctx, &options).await.unwrap();
    assert!(inv.scan_errors.is_empty(), "{:?}", inv.scan_errors);
    assert_eq!(server.seen.lock().unwrap().bad_tokens, 0);
    let count = |t: &str| {
        inv.resources
            .iter()
            .filter(|r| r.resource_type == t)
            .count()
    };
    assert_eq!(count("google_compute_firewall"), 3);
    assert_eq!(count("google_compute_subnetwork"), 3);
    assert_eq!(count("google_compute_network"), 3);
    assert_eq!(count("google_compute_instance_group"), 2);
    assert_eq!(count("google_storage_bucket"), 3);
    // Pages of 2: more than one request per project that has more than two assets.
    let searches = server
        .seen
        .lock()
        .unwrap()
        .requests
        .iter()
        .filter(|r| r.contains(":searchAllResources"))
        .count();
    assert!(searches > projects.len(), "{searches}");
    let bucket = inv
        .resources
        .iter()
        .find(|r| r.resource_type == "google_storage_bucket")
        .unwrap();
    assert_eq!(bucket.attributes["location"], json!("EU"));
    let json = serde_json::to_string(&inv).unwrap();
    assert!(!json.contains(GCP_TOKEN) && !json.contains("PRIVATE KEY"));

    let rows = corpus_rows(
        &inv,
        &["google_compute_firewall", "google_compute_subnetwork"],
    );
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.2), "{rows:?}");
    changed_by_hand_is_found(
        &inv,
        "google_compute_subnetwork",
        "google",
        &[("region", json!("europe-north1"))],
    );
    changed_by_hand_is_found(
        &inv,
        "google_storage_bucket",
        "google",
        &[("labels", json!({"team": "moved"}))],
    );
    // Every recorded fixture's resource is there under the id its own case uses.
    for case in [
        "google_compute_network",
        "google_storage_bucket",
        "google_compute_instance_group",
    ] {
        for a in fixture(case) {
            let id = a["id"].as_str().unwrap();
            assert!(inv.resources.iter().any(|r| r.id == id), "{case}: {id}");
        }
    }

    // A denied project is one scope's error.
    let mut options = options.clone();
    options.projects.push("orbis-denied-project".into());
    let again = scan_gcp(&ctx, &options).await.unwrap();
    assert_eq!(again.resources, inv.resources);
    let e = &again.scan_errors[0];
    assert_eq!(e.code, "cloud.denied");
    assert_eq!(e.region.as_deref(), Some("project orbis-denied-project"));
    assert!(e.message.contains("PERMISSION_DENIED"), "{}", e.message);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gcp_without_application_default_credentials_says_the_login_command() {
    let home = Home::new();
    let ctx = home.context(&[("GOOGLE_CLOUD_PROJECT", "p")]);
    let e = scan_gcp(&ctx, &GcpScanOptions::default())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::CredentialsUnavailable);
    assert!(
        e.hint.contains("`gcloud auth application-default login`"),
        "{}",
        e.hint
    );
}
