//! `orbis clusters discover --aws` end to end: the real binary, a temp HOME, a moto server on
//! loopback with EKS clusters made by boto3. The listing, then `--add`: refused without a yes
//! when there is no terminal (nothing written), written with `--yes` (backup of the old file),
//! and read back by `orbis clusters list`. Without the features: the clear refusal.

use std::process::{Command, Output, Stdio};

fn orbis(home: &std::path::Path, vars: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .current_dir(home)
        .env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .envs(vars.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[cfg(not(all(feature = "cloud", feature = "clusters")))]
#[test]
fn without_the_features_discovery_says_how_to_get_it() {
    let home = tempfile::tempdir().unwrap();
    let out = orbis(home.path(), &[], &["clusters", "discover", "--aws"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no Kubernetes cluster support")
            || err.contains("cannot look for managed clusters"),
        "{err}"
    );
}

#[cfg(all(feature = "cloud", feature = "clusters"))]
#[path = "../../cloud/tests/common/mod.rs"]
mod common;

#[cfg(all(feature = "cloud", feature = "clusters"))]
#[test]
fn lists_eks_clusters_and_adds_one_context_after_a_yes() {
    use serde_json::Value;
    let Some(moto) = common::Moto::start() else {
        return;
    };
    let python = common::venv_python();
    let seed = Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../cloud/tests/eks_seed.py"
        ))
        .args([&moto.url, "eu-west-1/shop", "eu-west-1/data"])
        .output()
        .unwrap();
    assert!(
        seed.status.success(),
        "{}",
        String::from_utf8_lossy(&seed.stderr)
    );

    let home = tempfile::tempdir().unwrap();
    let vars = [
        ("AWS_ACCESS_KEY_ID", common::ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", moto.url.as_str()),
        ("AWS_REGION", "eu-west-1"),
    ];
    let out = orbis(
        home.path(),
        &vars,
        &["clusters", "discover", "--aws", "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = doc["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["data", "shop"]);
    assert_eq!(doc["account"], "123456789012");
    assert!(doc["added"].is_null());
    common::assert_no_secret("discover output", &String::from_utf8_lossy(&out.stdout));

    let kubeconfig = home.path().join("kube-config");
    std::fs::write(
        &kubeconfig,
        "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n",
    )
    .unwrap();
    let file = kubeconfig.to_str().unwrap();
    let add = [
        "clusters",
        "discover",
        "--aws",
        "--add",
        "shop",
        "--kubeconfig",
        file,
    ];
    // No terminal to answer on: nothing is written without --yes.
    let out = orbis(home.path(), &vars, &add);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--yes"), "{err}");
    assert!(
        err.contains("eks get-token --cluster-name shop"),
        "the change is shown first: {err}"
    );
    assert!(!std::fs::read_to_string(&kubeconfig)
        .unwrap()
        .contains("shop"));

    let mut with_yes = add.to_vec();
    with_yes.extend(["--yes", "--format", "json"]);
    let out = orbis(home.path(), &vars, &with_yes);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let context = doc["added"]["context"].as_str().unwrap();
    assert!(context.ends_with(":cluster/shop"), "{context}");
    let backup = doc["added"]["backup"].as_str().unwrap();
    assert!(std::fs::read_to_string(backup)
        .unwrap()
        .contains("contexts: []"));

    let out = orbis(
        home.path(),
        &[],
        &["clusters", "list", "--kubeconfig", file, "--format", "json"],
    );
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list["contexts"][0]["name"], context);
    assert_eq!(list["contexts"][0]["current"], true);
    assert_eq!(list["contexts"][0]["auth"], "exec:aws");
    // A secret-free kubeconfig: the AWS keys stay in the environment, never in the file.
    common::assert_no_secret(
        "the kubeconfig",
        &std::fs::read_to_string(&kubeconfig).unwrap(),
    );

    // A name the account does not have.
    let out = orbis(
        home.path(),
        &vars,
        &["clusters", "discover", "--aws", "--add", "nope", "--yes"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no EKS cluster named nope"));
}
