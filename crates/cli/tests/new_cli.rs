//! `orbis new` end to end: the built binary generates a project from a checked-in spec and
//! reports its checks and cost; bad specs, non-empty folders and `--list-components`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn orbis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .env_remove("ORBIS_MODULES")
        .output()
        .expect("run orbis")
}

fn spec(name: &str) -> String {
    repo()
        .join("tests/generator/specs")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn generates_a_checked_project_and_reports_it_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("shop");
    let o = orbis(&[
        "new",
        "--spec",
        &spec("aws-web-db-prod.toml"),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["cloud"], "aws");
    assert_eq!(doc["validation"].as_array().unwrap().len(), 0, "{doc}");
    assert_eq!(doc["lint"]["findings_medium_or_above"], 0, "{doc}");
    assert!(doc["decisions"].as_array().unwrap().len() >= 5);
    assert!(doc["modules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "aws/rds"));
    // The cost engine prices what it can from configuration (NAT gateways, the database...).
    assert!(doc["cost"]["monthly"].as_f64().unwrap() > 0.0, "{doc}");
    for f in [
        "main.tf",
        "backend.tf",
        "providers.tf",
        "versions.tf",
        "outputs.tf",
        "README.md",
        "DECISIONS.md",
        "modules/aws/rds/main.tf",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // A second run into the same folder is refused, then allowed with --force.
    let again = orbis(&[
        "new",
        "--spec",
        &spec("aws-web-db-prod.toml"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let forced = orbis(&[
        "new",
        "--spec",
        &spec("aws-web-db-prod.toml"),
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(
        forced.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    let text = String::from_utf8_lossy(&forced.stdout);
    assert!(text.contains("Estimated monthly cost:"), "{text}");
    assert!(
        text.contains("orbis lint: 0 finding(s) at medium or above"),
        "{text}"
    );
}

#[test]
fn a_bad_spec_exits_2_naming_the_field_and_allowed_values() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.toml");
    let good = std::fs::read_to_string(spec("gcp-gke-prod.toml")).unwrap();
    std::fs::write(
        &bad,
        good.replace("environment = \"prod\"", "environment = \"production\""),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = orbis(&[
        "new",
        "--spec",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("`environment`") && err.contains("dev, staging, prod"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written for a bad spec");
    let missing = orbis(&[
        "new",
        "--spec",
        "/nonexistent.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn list_components_shows_every_cloud() {
    let o = orbis(&["new", "--list-components"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    for s in [
        "aws:",
        "azure:",
        "gcp:",
        "web",
        "database",
        "kubernetes",
        "storage",
        "aws/account-baseline",
    ] {
        assert!(text.contains(s), "{s} missing:\n{text}");
    }
    let j = orbis(&["new", "--list-components", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert_eq!(doc["clouds"].as_array().unwrap().len(), 3);
}
