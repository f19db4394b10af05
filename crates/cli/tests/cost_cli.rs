//! `orbis cost` end to end on corpus inputs: JSON shape, budgets (exit 1), errors (exit 2).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn orbis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .output()
        .expect("run orbis")
}

fn corpus(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/cost")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn breakdown_of_a_folder_has_the_documented_json_shape() {
    let dir = corpus("infracost/aws/nat_gateway_test");
    let usage = corpus("infracost/aws/nat_gateway_test/nat_gateway_test.usage.yml");
    let out = orbis(&[
        "cost",
        "breakdown",
        &dir,
        "--usage-file",
        &usage,
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    assert_eq!(v["currency"], "USD");
    let resources = v["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 2);
    let sum: f64 = resources
        .iter()
        .map(|r| r["monthly_cost"].as_f64().unwrap())
        .sum();
    assert!((v["total_monthly_cost"].as_f64().unwrap() - sum).abs() < 0.011);
    for c in resources[0]["cost_components"].as_array().unwrap() {
        for k in [
            "name",
            "unit",
            "monthly_quantity",
            "unit_price",
            "monthly_cost",
            "usage_based",
        ] {
            assert!(c.get(k).is_some(), "component lacks {k}");
        }
    }
    assert!(v["free"].is_array() && v["unsupported"].is_array());
}

#[test]
fn diff_of_a_plan_reports_past_and_diff_totals_and_budgets_decide_the_exit_code() {
    let plan = corpus("infracost/plan_json/breakdown_terraform_plan_json/example_plan.json");
    let out = orbis(&["cost", "diff", &plan, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    let (total, past, diff) = (
        v["total_monthly_cost"].as_f64().unwrap(),
        v["past_total_monthly_cost"].as_f64().unwrap(),
        v["diff_total_monthly_cost"].as_f64().unwrap(),
    );
    assert!(total > 0.0);
    assert!((total - past - diff).abs() < 0.011);

    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join(".orbis.toml");
    std::fs::write(&cfg, format!("[lint]\n[cost.budgets.prod]\nmonthly_delta = {}\n[cost.budgets.dev]\nmonthly_total = {}\n", diff - 1.0, total + 100.0)).unwrap();
    let cfg = cfg.to_string_lossy().into_owned();
    let over = orbis(&["cost", "diff", &plan, "--config", &cfg]);
    assert_eq!(
        over.status.code(),
        Some(1),
        "delta over the prod budget fails"
    );
    assert!(String::from_utf8_lossy(&over.stdout).contains("EXCEEDED"));
    let ok = orbis(&["cost", "diff", &plan, "--config", &cfg, "--budget", "dev"]);
    assert_eq!(ok.status.code(), Some(0));
    let eur = json_of(&orbis(&[
        "cost",
        "diff",
        &plan,
        "--format",
        "json",
        "--currency",
        "EUR",
        "--rate",
        "0.5",
    ]));
    assert_eq!(eur["currency"], "EUR");
    assert!((eur["total_monthly_cost"].as_f64().unwrap() - total * 0.5).abs() < 0.011);
}

#[test]
fn errors_exit_2_with_a_hint() {
    let missing = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("no-such-plan.json");
    let out = orbis(&["cost", "diff", &missing.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: [cost.io]") && err.contains("hint:"),
        "{err}"
    );
    let folder = corpus("infracost/aws/nat_gateway_test");
    assert_eq!(
        orbis(&["cost", "diff", &folder]).status.code(),
        Some(2),
        "diff needs a plan"
    );
    let out = orbis(&[
        "cost",
        "breakdown",
        &folder,
        "--usage-file",
        &corpus("infracost/aws/nat_gateway_test/nat_gateway_test.tf"),
    ]);
    assert_eq!(out.status.code(), Some(2), "a .tf is not a usage file");
}
