//! `orbis lint` end to end: the built binary on the linter's rule fixtures and on a real-world
//! module repository from the shared corpora. Exit codes: 0 clean, 1 findings at or above
//! `--fail-on`, 2 usage or IO error.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn orbis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run orbis")
}

fn fixture(rule: &str, file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lint/fixtures")
        .join(rule)
        .join(file)
        .to_string_lossy()
        .into_owned()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn temp_dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

const KMS_NO_ROTATION: &str = "resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n}\n";

#[test]
fn findings_exit_1_with_json_details() {
    let out = orbis(&[
        "lint",
        &fixture("ORB-AWS-010", "bad.tf"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json_of(&out);
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "ORB-AWS-010")
        .expect("rotation finding");
    assert_eq!(f["line"], 1);
    assert_eq!(f["resource"], "aws_kms_key.missing");
    assert_eq!(f["related"]["checkov"][0], "CKV_AWS_7");
    assert!(f["fix"]["edits"][0]["replacement"]
        .as_str()
        .unwrap()
        .contains("enable_key_rotation = true"));
    assert!(doc["summary"]["duration_ms"].is_u64());
}

#[test]
fn clean_file_exits_0_and_fail_on_raises_the_bar() {
    let good = orbis(&[
        "lint",
        &fixture("ORB-AWS-010", "good.tf"),
        "--format",
        "json",
    ]);
    let doc = json_of(&good);
    let ids: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule_id"].as_str())
        .collect();
    assert!(!ids.contains(&"ORB-AWS-010"), "{ids:?}");

    let dir = temp_dir_with(&[("main.tf", KMS_NO_ROTATION)]);
    let path = dir.path().to_string_lossy().into_owned();
    assert_eq!(orbis(&["lint", &path]).status.code(), Some(1));
    // The only findings are medium (rotation) and low (tags): nothing is critical.
    assert_eq!(
        orbis(&["lint", &path, "--fail-on", "critical"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        orbis(&["lint", &path, "--fail-on", "urgent"]).status.code(),
        Some(2)
    );
}

#[test]
fn io_and_usage_errors_exit_2() {
    let out = orbis(&["lint", "/definitely/not/here.tf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ORB-CLI-002"));
    assert_eq!(orbis(&["lint"]).status.code(), Some(2));
    let bad_cfg = temp_dir_with(&[
        ("main.tf", KMS_NO_ROTATION),
        (".orbis.toml", "[lint]\ndisabled = [\"x\"]\n"),
    ]);
    let out = orbis(&["lint", &bad_cfg.path().to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ORB-CLI-001"));
}

#[test]
fn config_file_disables_rules_and_sets_tags() {
    let cfg = "[lint]\ndisable = [\"ORB-AWS-010\"]\nrequired_tags = []\n";
    let dir = temp_dir_with(&[("main.tf", KMS_NO_ROTATION), (".orbis.toml", cfg)]);
    let out = orbis(&["lint", &dir.path().to_string_lossy(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn suppressions_need_a_reason() {
    let reasoned = "resource \"aws_kms_key\" \"k\" {\n  # orbis:ignore ORB-AWS-010 imported key, rotation handled by HSM\n  description = \"x\"\n}\n";
    let dir = temp_dir_with(&[
        ("main.tf", reasoned),
        (".orbis.toml", "[lint]\nrequired_tags = []\n"),
    ]);
    let out = orbis(&["lint", &dir.path().to_string_lossy(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        json_of(&out)["suppressed"][0]["reason"],
        "imported key, rotation handled by HSM"
    );

    let bare = reasoned.replace(" imported key, rotation handled by HSM", "");
    let dir = temp_dir_with(&[
        ("main.tf", &bare),
        (".orbis.toml", "[lint]\nrequired_tags = []\n"),
    ]);
    let out = orbis(&["lint", &dir.path().to_string_lossy(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<String> = json_of(&out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.contains(&"ORB-AWS-010".to_string()) && ids.contains(&"ORB-META-001".to_string()),
        "{ids:?}"
    );

    let checkov = "resource \"aws_kms_key\" \"k\" {\n  #checkov:skip=CKV_AWS_7:managed elsewhere\n  description = \"x\"\n}\n";
    let dir = temp_dir_with(&[
        ("main.tf", checkov),
        (".orbis.toml", "[lint]\nrequired_tags = []\n"),
    ]);
    assert_eq!(
        orbis(&["lint", &dir.path().to_string_lossy()])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn list_rules_as_json() {
    let out = orbis(&["lint", "--list-rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc = json_of(&out);
    let rules = doc["rules"].as_array().unwrap();
    assert!(rules.len() >= 80, "{} rules", rules.len());
    let kms = rules.iter().find(|r| r["id"] == "ORB-AWS-010").unwrap();
    assert_eq!(kms["severity"], "medium");
    assert!(kms["related"]["kics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "22fbfeac-7b5a-421a-8a27-7a2178bb910b"));
}

#[test]
fn text_sarif_and_junit_formats() {
    let bad = fixture("ORB-AWS-030", "bad.tf");
    let text = String::from_utf8(orbis(&["lint", &bad]).stdout).unwrap();
    assert!(text.contains("critical[ORB-AWS-030]"), "{text}");
    assert!(
        text.contains("--> ") && text.contains("acl    = \"public-read\"") && text.contains("^^^"),
        "{text}"
    );
    assert!(!text.contains("\x1b["), "no colours when not a terminal");

    let sarif = orbis(&["lint", &bad, "--format", "sarif"]);
    assert_eq!(sarif.status.code(), Some(1));
    let doc = json_of(&sarif);
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["ruleId"] == "ORB-AWS-030"));

    let junit = String::from_utf8(orbis(&["lint", &bad, "--format", "junit"]).stdout).unwrap();
    assert!(
        junit.starts_with("<?xml")
            && junit.contains("<testsuite name=\"ORB-AWS-030\"")
            && junit.contains("<failure ")
    );
}

#[test]
fn real_world_module_repository() {
    let repo: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/realworld/terraform-aws-modules__terraform-aws-s3-bucket");
    assert!(repo.is_dir(), "shared corpora missing: {}", repo.display());
    let out = orbis(&["lint", &repo.to_string_lossy(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json_of(&out);
    assert!(doc["summary"]["files"].as_u64().unwrap() > 20);
    assert_eq!(doc["summary"]["parse_errors"], 0);
    let findings = doc["findings"].as_array().unwrap();
    // The module's examples create buckets with versioning/logging choices left to callers, and
    // its policy documents are built with data sources: findings exist, each with a real file.
    assert!(!findings.is_empty());
    for f in findings {
        let file = f["file"].as_str().unwrap();
        assert!(Path::new(file).is_file(), "{file}");
        assert!(f["line"].as_u64().unwrap() >= 1);
    }
}
