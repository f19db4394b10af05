//! Real plans from the real `terraform` on PATH, built in a temp workspace that needs no
//! provider download (only the built-in `terraform_data`, a local module and the local
//! backend). Skipped, with a message, where terraform is missing.

use orbis_plan::report::{render, Format};
use orbis_plan::{load_bytes, load_file, Action, DocumentKind, Review, Summary};
use std::path::Path;
use std::process::Command;

fn terraform(dir: &Path, args: &[&str]) -> Option<std::process::Output> {
    Command::new("terraform")
        .args(args)
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .ok()
}

fn ok(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = terraform(dir, args).expect("terraform runs");
    assert!(
        out.status.success(),
        "terraform {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

const CHILD: &str = r#"
variable "value" { type = string }
resource "terraform_data" "inner" { input = var.value }
"#;

fn root_config(prefix: &str, names: &str, generation: u32, renamed: bool) -> String {
    // Second version: old_name moves to new_name, and `kept` leaves the configuration
    // through a `removed` block that keeps the real object (action `forget`).
    let moved = if renamed {
        "resource \"terraform_data\" \"new_name\" { input = \"m\" }\nmoved {\n  from = terraform_data.old_name\n  to   = terraform_data.new_name\n}\n\
         removed {\n  from = terraform_data.kept\n  lifecycle {\n    destroy = false\n  }\n}\n"
    } else {
        "resource \"terraform_data\" \"old_name\" { input = \"m\" }\nresource \"terraform_data\" \"kept\" { input = \"k\" }\n"
    };
    format!(
        r#"
terraform {{
  backend "local" {{}}
}}
variable "db_password" {{
  type      = string
  sensitive = true
}}
resource "terraform_data" "counted" {{
  count = 3
  input = "{prefix}${{count.index}}"
}}
resource "terraform_data" "each" {{
  for_each = toset({names})
  input    = each.key
}}
resource "terraform_data" "secret" {{
  input = var.db_password
}}
resource "terraform_data" "replaced" {{
  triggers_replace = [{generation}]
  input            = "r"
}}
module "child" {{
  source = "./child"
  value  = "x"
}}
output "password" {{
  value     = var.db_password
  sensitive = true
}}
output "plain" {{
  value = terraform_data.counted[0].output
}}
{moved}"#
    )
}

fn plan_json(dir: &Path, password: &str) -> Vec<u8> {
    ok(
        dir,
        &[
            "plan",
            "-input=false",
            "-no-color",
            "-out=plan.out",
            &format!("-var=db_password={password}"),
        ],
    );
    ok(dir, &["show", "-json", "plan.out"])
}

/// Terraform writes these secrets in clear (variables, and unmarked copies such as
/// `terraform_data.output`); none may survive loading.
fn assert_no_leak(json: &[u8], secrets: &[&str]) {
    let plan = load_bytes(json, "real").unwrap();
    let review_text = {
        let doc = plan.redacted_json();
        let review = Review::new(vec![plan]);
        let mut all = vec![doc];
        all.extend(
            [
                Format::Json,
                Format::Text,
                Format::Markdown,
                Format::Sarif,
                Format::Html,
            ]
            .map(|f| render(&review, f)),
        );
        all
    };
    for secret in secrets {
        assert!(
            String::from_utf8_lossy(json).contains(secret),
            "terraform wrote {secret} in clear"
        );
        for text in &review_text {
            assert!(
                !text.contains(secret),
                "{secret} leaks into {}",
                &text[..text.len().min(80)]
            );
        }
    }
}

#[test]
fn real_terraform_plans_create_then_update_replace_delete_move() {
    let version = terraform(Path::new("."), &["version"]);
    if !version.as_ref().is_some_and(|o| o.status.success()) {
        println!("SKIPPED: `terraform` is not on PATH; real-plan test not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("child")).unwrap();
    std::fs::write(d.join("child/main.tf"), CHILD).unwrap();
    std::fs::write(
        d.join("main.tf"),
        root_config("c", "[\"a\", \"b\", \"c\"]", 1, false),
    )
    .unwrap();
    ok(d, &["init", "-input=false", "-no-color"]);

    let first = plan_json(d, "CANARY-first-pw");
    std::fs::write(d.join("first.json"), &first).unwrap();
    let plan = load_file(&d.join("first.json")).unwrap();
    assert_eq!(plan.kind, DocumentKind::Plan);
    let s = Summary::of(&plan);
    // 3 counted + 3 for_each + secret + replaced + old_name + kept + module.child inner.
    assert_eq!(
        (s.create, s.update, s.delete, s.replace, s.no_op),
        (11, 0, 0, 0, 0),
        "{s:?}"
    );
    assert_eq!(plan.sensitive_variables, ["db_password"]);
    assert!(plan
        .output_changes
        .iter()
        .any(|o| o.name == "password" && o.sensitive));
    assert!(plan
        .modules
        .children
        .iter()
        .any(|m| m.address == "module.child"));
    assert_no_leak(&first, &["CANARY-first-pw"]);

    ok(
        d,
        &[
            "apply",
            "-input=false",
            "-no-color",
            "-auto-approve",
            "plan.out",
        ],
    );
    std::fs::write(
        d.join("main.tf"),
        root_config("d", "[\"a\", \"b\"]", 2, true),
    )
    .unwrap();
    let second = plan_json(d, "CANARY-second-pw");
    let plan = load_bytes(&second, "second").unwrap();
    let s = Summary::of(&plan);
    // counted inputs change (3 updates) and so does the password (1 update); generation
    // forces one replace; each["c"] goes; old_name moves to new_name without change; kept
    // is forgotten (removed block, destroy = false).
    assert_eq!(
        (s.create, s.update, s.delete, s.replace, s.moved, s.forget),
        (0, 4, 1, 1, 1, 1),
        "{s:?}"
    );
    let secret = plan
        .resource_changes
        .iter()
        .find(|c| c.address == "terraform_data.secret")
        .unwrap();
    assert!(
        !secret.sensitive_changed_paths.is_empty(),
        "the changed sensitive input is reported as changed"
    );
    let replaced = plan
        .resource_changes
        .iter()
        .find(|c| c.address == "terraform_data.replaced")
        .unwrap();
    assert_eq!(
        replaced.action,
        Action::Replace {
            create_before_destroy: false
        }
    );
    let moved = plan.resource_changes.iter().find(|c| c.is_move()).unwrap();
    assert_eq!(
        moved.previous_address.as_deref(),
        Some("terraform_data.old_name")
    );
    assert!(
        plan.resource_drift.is_empty()
            || plan
                .resource_drift
                .iter()
                .all(|c| c.action != Action::Create)
    );
    // The old password is in prior_state and `before`, also in the unmarked `output` copy.
    assert_no_leak(&second, &["CANARY-second-pw", "CANARY-first-pw"]);

    // The state written by apply loads as a raw state with the password redacted.
    let state = std::fs::read(d.join("terraform.tfstate")).unwrap();
    assert!(String::from_utf8_lossy(&state).contains("CANARY-first-pw"));
    let st = load_bytes(&state, "terraform.tfstate").unwrap();
    assert_eq!(st.kind, DocumentKind::RawState);
    assert_eq!(st.state_resources.len(), 7, "{:?}", st.state_resources);
    assert!(!st.redacted_json().contains("CANARY-first-pw"));
    let shown = ok(d, &["show", "-json"]);
    let st = load_bytes(&shown, "show").unwrap();
    assert_eq!(st.kind, DocumentKind::StateJson);
    assert!(!st.redacted_json().contains("CANARY-first-pw"));
}
