//! `orbis inventory --cloud all` end to end with the `cloud` feature: the real binary, a temp
//! HOME and only the variables given here; AWS is a moto server (seeded by the cloud crate's
//! `moto_seed.py services`), Azure the cloud crate's loopback replay of Resource Graph (a
//! stand-in `az` hands out the token), and Google Cloud has no Application Default Credentials
//! — so it is reported with its sign-in command and the other two are listed.
#![cfg(feature = "cloud")]

#[path = "../../cloud/tests/common/mod.rs"]
mod common;
#[path = "../../cloud/tests/replay/mod.rs"]
mod replay;

use serde_json::{json, Value};
use std::process::Command;

#[test]
fn every_cloud_in_one_listing_and_a_cloud_without_sign_in_reported() {
    let Some(moto) = common::Moto::start() else {
        return;
    };
    let seed = Command::new(common::venv_python())
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../cloud/tests/moto_seed.py"
        ))
        .args([&moto.url, "eu-west-1", "services"])
        .output()
        .unwrap();
    assert!(
        seed.status.success(),
        "{}",
        String::from_utf8_lossy(&seed.stderr)
    );
    let sub = "7bfb2c5c-7308-46ed-8ae4-fffa356eb406";
    let mut data = replay::Data {
        page: 2,
        ..Default::default()
    };
    data.azure.insert(
        sub.into(),
        replay::fixture("azurerm_network_security_group_multiple")
            .iter()
            .map(|a| replay::arm_row("microsoft.network/networksecuritygroups", a))
            .collect(),
    );
    let azure = replay::Replay::start(data);
    let home = common::Home::new();
    home.write_exec(
        "bin/az",
        &format!(
            "#!/bin/sh\nprintf '{{\"accessToken\": \"{}\", \"expiresOn\": \"2030-03-17 17:46:40.000000\", \"expires_on\": 1900000000, \"tokenType\": \"Bearer\"}}'\n",
            replay::AZ_TOKEN
        ),
    );
    let saved = home.path().join("all.json");
    let out = Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args([
            "inventory",
            "--cloud",
            "all",
            "--format",
            "json",
            "--subscription",
            sub,
        ])
        .arg("--save")
        .arg(&saved)
        .current_dir(home.path())
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", format!("{}:/usr/bin:/bin", home.bin().display()))
        .env("AWS_ACCESS_KEY_ID", common::ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", common::SECRET_ACCESS_KEY)
        .env("AWS_ENDPOINT_URL", &moto.url)
        .env("AWS_REGION", "eu-west-1")
        .env("ORBIS_AZURE_ENDPOINT_URL", &azure.url)
        .env("GOOGLE_CLOUD_PROJECT", "orbis-test")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    common::assert_no_secret("stdout", &stdout);
    common::assert_no_secret("stderr", &stderr);
    assert!(!stdout.contains(replay::AZ_TOKEN) && !stderr.contains(replay::AZ_TOKEN));
    assert!(
        stderr.contains("gcp: not scanned")
            && stderr.contains("gcloud auth application-default login"),
        "{stderr}"
    );
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let types = &v["summary"]["types"];
    assert_eq!(types["azurerm_network_security_group"], json!(2));
    assert_eq!(types["aws_db_instance"], json!(3));
    assert_eq!(types["aws_lambda_function"], json!(2));
    let nsg = v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "azurerm_network_security_group")
        .unwrap();
    assert_eq!(nsg["account"], json!(sub));
    assert_eq!(nsg["region"], json!("westeurope"));
    assert!(nsg["name"]
        .as_str()
        .unwrap()
        .starts_with("acceptanceTestSecurityGroup"));
    // The saved snapshot holds both clouds and reads back with `--from`.
    let back = Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(["inventory", "--format", "json", "--from"])
        .arg(&saved)
        .output()
        .unwrap();
    let w: Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(w["summary"]["types"], v["summary"]["types"]);
    assert!(
        w["source"].as_str().unwrap().contains(" + azure:"),
        "{}",
        w["source"]
    );
}
