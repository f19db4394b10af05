//! EKS discovery against a moto server on loopback: clusters created with boto3 (the test
//! venv's) are found with the endpoint and CA a kubeconfig entry needs, in the regions asked
//! for; a region without clusters gives none; expired SSO stops with the fix command.

mod common;

use common::{assert_no_secret, Home, Moto, ACCESS_KEY_ID, SECRET_ACCESS_KEY};
use orbis_cloud::aws::ENV_PROFILE;
use orbis_cloud::eks::discover_eks;
use std::path::PathBuf;

/// Creates EKS clusters in moto with boto3 (`tests/eks_seed.py`): `(region, name)` pairs.
fn create_clusters(moto: &Moto, clusters: &[(&str, &str)]) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eks_seed.py");
    let out = std::process::Command::new(common::venv_python())
        .arg(script)
        .arg(&moto.url)
        .args(clusters.iter().map(|(r, n)| format!("{r}/{n}")))
        .output()
        .expect("run boto3 with the test venv's python");
    assert!(
        out.status.success(),
        "creating clusters failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn finds_the_clusters_of_the_regions_asked_for() {
    let Some(moto) = Moto::start() else { return };
    create_clusters(
        &moto,
        &[
            ("eu-west-1", "shop"),
            ("eu-west-1", "data"),
            ("us-east-2", "edge"),
        ],
    );
    let home = Home::new();
    let ctx = home.context(&[
        ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", &moto.url),
        ("AWS_REGION", "eu-west-1"),
    ]);
    let regions = ["eu-west-1", "us-east-2", "ap-south-1"].map(String::from);
    let found = discover_eks(&ctx, ENV_PROFILE, &regions).await.unwrap();
    let names: Vec<(&str, &str)> = found
        .clusters
        .iter()
        .map(|c| (c.region.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("eu-west-1", "data"),
            ("eu-west-1", "shop"),
            ("us-east-2", "edge")
        ]
    );
    assert!(found.errors.is_empty(), "{:?}", found.errors);
    assert_eq!(found.account, "123456789012");
    let shop = &found.clusters[1];
    assert!(shop.arn.ends_with(":cluster/shop"), "{}", shop.arn);
    assert!(shop.endpoint.starts_with("https://"), "{}", shop.endpoint);
    assert!(!shop.certificate_authority.is_empty());
    assert_eq!(shop.version, "1.30");
    assert_eq!(shop.status, "ACTIVE");
    assert_no_secret("the discovery", &serde_json::to_string(&found).unwrap());

    // Only the profile's region when none is given.
    let found = discover_eks(&ctx, ENV_PROFILE, &[]).await.unwrap();
    assert_eq!(found.clusters.len(), 2);
}

#[tokio::test]
async fn an_expired_sso_sign_in_stops_with_the_command_that_fixes_it() {
    let home = Home::new();
    home.write(
        ".aws/config",
        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
    );
    let ctx = home.context(&[]);
    let err = discover_eks(&ctx, "dev", &[]).await.unwrap_err();
    assert!(err.hint.contains("aws sso login --profile dev"), "{err:?}");
}
