//! A refresh-only plan from the real terraform (1.11): a workspace of `terraform_data`
//! resources (nothing can drift outside Terraform there), so every state resource must come
//! out managed and in sync, and the plan's addresses and ids must line up with the state's.

use orbis_drift::{run, DriftRequest, Status};
use std::path::Path;
use std::process::Command;

fn terraform(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("terraform")
        .args(args)
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .expect("terraform on PATH");
    assert!(
        out.status.success(),
        "terraform {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn refresh_only_plan_of_an_unchanged_workspace_has_no_drift() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("main.tf"),
        "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n\nresource \"terraform_data\" \"b\" {\n  count = 2\n  input = terraform_data.a.output\n}\n",
    )
    .unwrap();
    terraform(p, &["init", "-input=false"]);
    terraform(p, &["apply", "-auto-approve", "-input=false"]);
    terraform(
        p,
        &["plan", "-refresh-only", "-input=false", "-out=refresh.plan"],
    );
    let json = terraform(p, &["show", "-json", "refresh.plan"]);
    std::fs::write(p.join("refresh.json"), json).unwrap();
    let out = run(&DriftRequest {
        states: vec![p.join("terraform.tfstate")],
        refresh_only_plan: Some(p.join("refresh.json")),
        ..Default::default()
    })
    .unwrap();
    let r = &out.report;
    assert_eq!(r.summary.managed, 3);
    assert!(!r.summary.has_drift(), "{r:?}");
    assert!(r
        .resources
        .iter()
        .all(|x| x.status == Status::Managed && x.id.len() == 36));
    let addrs: Vec<_> = r
        .resources
        .iter()
        .filter_map(|x| x.address.as_deref())
        .collect();
    assert!(addrs.contains(&"terraform_data.b[1]"), "{addrs:?}");
}
