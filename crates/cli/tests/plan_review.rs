//! `orbis plan review` on corpus plans: formats, exit codes, combined reviews.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn corpus(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/plans")
        .join(rel)
}

fn orbis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .output()
        .expect("orbis runs")
}

fn index_entry(rel: &str) -> Value {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus("INDEX.json")).unwrap()).unwrap();
    index["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == rel)
        .cloned()
        .expect("in INDEX")
}

const BASIC: &str = "json/terraform-json/basic.json";
const MIXED: &str = "json/terraform-compliance/test_issue_522.json";

#[test]
fn json_report_has_the_documented_shape_and_counts() {
    let path = corpus(MIXED);
    let out = orbis(&["plan", "review", "--format", "json", path.to_str().unwrap()]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let entry = index_entry(MIXED);
    for (ours, theirs) in [
        ("create", "create"),
        ("update", "update"),
        ("delete", "delete"),
        ("replace", "replace"),
        ("read", "read"),
        ("no_op", "no-op"),
    ] {
        assert_eq!(report["summary"][ours], entry["actions"][theirs], "{ours}");
    }
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(
        changes.len() as u64,
        entry["resource_changes"].as_u64().unwrap()
    );
    for c in changes {
        assert!(
            c["address"].is_string()
                && c["action"].is_string()
                && c["risk"]["level"].is_string()
                && c["risk"]["reasons"].is_array(),
            "{c}"
        );
    }
    assert!(["safe", "review", "dangerous"].contains(&report["verdict"].as_str().unwrap()));
    let policy = report["policy"].as_array().unwrap();
    assert!(policy.len() >= 5, "bundled pack ran: {policy:?}");
    for f in policy {
        assert!(
            f["policy"].is_string()
                && f["result"].is_string()
                && f["message"].is_string()
                && f.get("address").is_some(),
            "{f}"
        );
    }
    // A delete is in this plan: its exit code follows --fail-on.
    let at = |level: &str| {
        orbis(&[
            "plan",
            "review",
            "--no-bundled-policies",
            "--fail-on",
            level,
            path.to_str().unwrap(),
        ])
        .status
        .code()
    };
    assert_eq!(at("medium"), Some(1));
    assert_eq!(
        at("critical"),
        if report["max_risk"] == "critical" {
            Some(1)
        } else {
            Some(0)
        }
    );
}

#[test]
fn exit_codes() {
    let basic = corpus(BASIC);
    let basic = basic.to_str().unwrap();
    let no_policy = |extra: &[&str]| {
        let mut args = vec!["plan", "review", "--no-bundled-policies"];
        args.extend_from_slice(extra);
        args.push(basic);
        orbis(&args).status.code()
    };
    assert_eq!(
        no_policy(&[]),
        Some(0),
        "creates only, no policy, no threshold"
    );
    assert_eq!(
        no_policy(&["--fail-on", "low"]),
        Some(1),
        "creates are low risk"
    );
    assert_eq!(no_policy(&["--fail-on", "high"]), Some(0));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("no_creates.rego"), "package nocreate\n\ndeny contains msg if {\n some rc in input.resource_changes\n \"create\" in rc.change.actions\n msg := sprintf(\"%s: creates are frozen\", [rc.address])\n}\n").unwrap();
    let out = orbis(&[
        "plan",
        "review",
        "--no-bundled-policies",
        "--policy-dir",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        basic,
    ]);
    assert_eq!(out.status.code(), Some(1), "policy deny");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "dangerous");
    assert!(report["policy"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["result"] == "deny" && f["address"] == "null_resource.bar"));

    assert_eq!(
        orbis(&["plan", "review", "/nonexistent/plan.json"])
            .status
            .code(),
        Some(2)
    );
    let truncated = dir.path().join("truncated.json");
    let bytes = std::fs::read(corpus(BASIC)).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let out = orbis(&["plan", "review", truncated.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("plan.truncated") && err.contains("byte") && err.contains("hint"),
        "{err}"
    );
}

#[test]
fn every_format_renders() {
    let path = corpus(MIXED);
    let p = path.to_str().unwrap();
    let run = |f: &str| {
        let out = orbis(&["plan", "review", "--format", f, p]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run("text").contains("Verdict:"));
    let md = run("markdown");
    assert!(
        md.starts_with("### ") && md.contains("| create | update |"),
        "{md}"
    );
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    let html = run("html");
    assert!(
        html.starts_with("<!DOCTYPE html>") && !html.contains("<script"),
        "self-contained"
    );
}

#[test]
fn several_files_and_a_folder_give_one_combined_review() {
    let dir = tempfile::tempdir().unwrap();
    for (i, rel) in [BASIC, MIXED].iter().enumerate() {
        let module = dir.path().join(format!("module{i}"));
        std::fs::create_dir_all(&module).unwrap();
        std::fs::copy(corpus(rel), module.join("plan.json")).unwrap();
    }
    let out = orbis(&[
        "plan",
        "review",
        "--no-bundled-policies",
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["plans"].as_array().unwrap().len(), 2);
    let total = |rel: &str| index_entry(rel)["resource_changes"].as_u64().unwrap();
    assert_eq!(
        report["changes"].as_array().unwrap().len() as u64,
        total(BASIC) + total(MIXED)
    );
    let creates = |rel: &str| index_entry(rel)["actions"]["create"].as_u64().unwrap();
    assert_eq!(
        report["summary"]["create"].as_u64().unwrap(),
        creates(BASIC) + creates(MIXED)
    );
}

#[test]
fn reads_a_plan_from_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args([
            "plan",
            "review",
            "--no-bundled-policies",
            "--format",
            "json",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(corpus(BASIC)).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["plans"][0]["source"], "<stdin>");
    assert_eq!(
        report["changes"].as_array().unwrap().len() as u64,
        index_entry(BASIC)["resource_changes"].as_u64().unwrap()
    );
}

fn demo_plan() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../app/demo-workspace/plans/sample-plan.json")
}

#[test]
fn lint_and_cost_are_part_of_the_review() {
    let plan = demo_plan();
    let out = orbis(&["plan", "review", "--format", "json", plan.to_str().unwrap()]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let lint = doc["lint"].as_array().expect("lint array");
    assert!(lint.iter().any(|f| f["rule_id"] == "ORB-AWS-025"
        && f["address"] == "aws_instance.web"
        && f["severity"] == "high"
        && f["message"].is_string()));
    let cost = &doc["cost"];
    assert_eq!(cost["currency"], "USD");
    let (past, now, diff) = (
        cost["past_total_monthly_cost"].as_f64().unwrap(),
        cost["total_monthly_cost"].as_f64().unwrap(),
        cost["diff_total_monthly_cost"].as_f64().unwrap(),
    );
    assert!(diff > 0.0 && (now - past - diff).abs() < 0.011, "{cost}");
    let web = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["address"] == "aws_instance.web")
        .unwrap();
    assert_eq!(web["cost_delta"]["status"], "priced");
    assert!(web["cost_delta"]["diff_monthly_cost"].as_f64().unwrap() > 0.0);
    // The demo plan's database password never reaches the new sections.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("demo-only-not-a-real-password"));

    let md = orbis(&[
        "plan",
        "review",
        "--format",
        "markdown",
        plan.to_str().unwrap(),
    ]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("## Lint (") && md.contains("ORB-AWS-001") && md.contains("## Cost"));
    let txt = orbis(&["plan", "review", plan.to_str().unwrap()]);
    let txt = String::from_utf8_lossy(&txt.stdout);
    assert!(txt.contains("Lint (") && txt.contains("/mo)"), "{txt}");
}

#[test]
fn fail_on_counts_lint_findings_and_budgets_block() {
    // BASIC has no change at high risk; a lint finding at/above the threshold fails it.
    let basic = corpus(BASIC);
    let dir = tempfile::tempdir().unwrap();
    let lenient = dir.path().join("lenient.toml");
    std::fs::write(&lenient, "[lint]\nenable = [\"ORB-NONE-000\"]\n").unwrap();
    let quiet = orbis(&[
        "plan",
        "review",
        "--no-bundled-policies",
        "--config",
        lenient.to_str().unwrap(),
        "--fail-on",
        "critical",
        basic.to_str().unwrap(),
    ]);
    assert_eq!(
        quiet.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&quiet.stdout)
    );

    // A lone create is low risk; its instance allows IMDSv1 (ORB-AWS-025, high).
    let lone = dir.path().join("lone.json");
    std::fs::write(
        &lone,
        r#"{"format_version":"1.2","resource_changes":[{"address":"aws_instance.app","mode":"managed",
        "type":"aws_instance","name":"app","provider_name":"registry.terraform.io/hashicorp/aws",
        "change":{"actions":["create"],"before":null,"after":{"ami":"ami-1","instance_type":"t3.micro",
        "metadata_options":[{"http_tokens":"optional"}]},"after_unknown":{"id":true}}}]}"#,
    )
    .unwrap();
    let only_imds = dir.path().join("imds.toml");
    std::fs::write(&only_imds, "[lint]\nenable = [\"ORB-AWS-025\"]\n").unwrap();
    let review = |config: &PathBuf, fail_on: &str| {
        orbis(&[
            "plan",
            "review",
            "--no-bundled-policies",
            "--config",
            config.to_str().unwrap(),
            "--fail-on",
            fail_on,
            lone.to_str().unwrap(),
        ])
        .status
        .code()
    };
    assert_eq!(
        review(&only_imds, "high"),
        Some(1),
        "lint high >= --fail-on high"
    );
    assert_eq!(
        review(&only_imds, "critical"),
        Some(0),
        "high < critical, risk low"
    );
    assert_eq!(
        review(&lenient, "high"),
        Some(0),
        "no lint finding, risk low"
    );

    let plan = demo_plan();
    let budget = dir.path().join("budget.toml");
    std::fs::write(&budget, "[cost.budgets.team]\nmonthly_delta = 10\n").unwrap();
    let out = orbis(&[
        "plan",
        "review",
        "--no-bundled-policies",
        "--config",
        budget.to_str().unwrap(),
        "--format",
        "json",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["verdict"], "dangerous");
    assert!(doc["blocked_by"][0].as_str().unwrap().contains("team"));
    assert_eq!(doc["cost"]["budgets"][0]["exceeded"], true);

    let roomy = dir.path().join("roomy.toml");
    std::fs::write(&roomy, "[cost.budgets.team]\nmonthly_delta = 100000\n").unwrap();
    let out = orbis(&[
        "plan",
        "review",
        "--no-bundled-policies",
        "--config",
        roomy.to_str().unwrap(),
        "--format",
        "json",
        basic.to_str().unwrap(),
    ]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["cost"]["budgets"][0]["exceeded"], false);
    assert!(doc.get("blocked_by").is_none());

    let missing = orbis(&[
        "plan",
        "review",
        "--config",
        "/nonexistent/.orbis.toml",
        basic.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}
