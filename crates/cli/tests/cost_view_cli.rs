//! The app's Cost view and `orbis cost breakdown DIR --format json` show the same total (and
//! the same resources), on the demo workspace and on a corpus case with its usage file.

use orbis_app::Session;
use orbis_store::Store;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cli_json(dir: &Path, usage: Option<&Path>) -> Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_orbis"));
    cmd.args(["cost", "breakdown"])
        .arg(dir)
        .args(["--format", "json"]);
    if let Some(u) = usage {
        cmd.arg("--usage-file").arg(u);
    }
    let out = cmd.output().expect("run orbis");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn view(dir: &Path, usage: Option<&Path>) -> orbis_app::cost_view::CostView {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(dir).unwrap();
    session.set_cost_usage_file(usage).unwrap();
    session.estimate_cost("").unwrap()
}

fn assert_same(dir: &Path, usage: Option<&Path>) {
    let cli = cli_json(dir, usage);
    let app = view(dir, usage);
    let app_total = (app.total_monthly_cost * 100.0).round() / 100.0;
    assert_eq!(
        cli["total_monthly_cost"].as_f64(),
        Some(app_total),
        "{}",
        dir.display()
    );
    let addresses = |v: &Value, key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["address"].as_str().unwrap().to_string())
            .collect()
    };
    let app_rows: Vec<String> = app.resources.iter().map(|r| r.address.clone()).collect();
    assert_eq!(addresses(&cli, "resources"), app_rows);
    let app_free: Vec<String> = app.free.iter().map(|r| r.address.clone()).collect();
    assert_eq!(addresses(&cli, "free"), app_free);
    let app_unsupported: Vec<String> = app.unsupported.iter().map(|r| r.address.clone()).collect();
    assert_eq!(addresses(&cli, "unsupported"), app_unsupported);
}

#[test]
fn the_cost_view_total_equals_the_cli_on_the_demo_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let root = orbis_app::demo::materialize(tmp.path()).unwrap();
    assert_same(&root, None);
    let v = view(&root, None);
    assert!(
        v.total_monthly_cost > 50.0,
        "the demo has an instance and a database"
    );
}

#[test]
fn the_cost_view_total_equals_the_cli_on_a_corpus_case_with_its_usage_file() {
    let case: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/cost/infracost/aws/db_instance_test");
    let usage = case.join("db_instance_test.usage.yml");
    assert_same(&case, Some(&usage));
    assert_same(&case, None);
}

#[test]
fn the_cost_view_total_equals_the_cli_on_a_workspace_of_several_roots() {
    let tmp = tempfile::tempdir().unwrap();
    let w = |rel: &str, text: &str| {
        let p = tmp.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w("modules/db/main.tf", "resource \"aws_db_instance\" \"d\" {\n  engine = \"postgres\"\n  instance_class = \"db.m7g.large\"\n  allocated_storage = 20\n  multi_az = true\n}\n");
    w("live/eu/main.tf", "provider \"aws\" { region = \"eu-west-1\" }\nmodule \"db\" { source = \"../../modules/db\" }\n");
    w("live/us/main.tf", "provider \"aws\" { region = \"us-east-1\" }\nmodule \"db\" { source = \"../../modules/db\" }\n");
    assert_same(tmp.path(), None);
    let v = view(tmp.path(), None);
    assert_eq!(v.resources.len(), 2, "{:?}", v.resources);
    assert!(v.resources.iter().all(|r| !r.price_missing));
}
