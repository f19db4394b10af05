//! Shared test helpers: the corpus root and a real Terraform workspace of `terraform_data`
//! resources (no provider download), applied once per test binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub const SECRET: &str = "hunter2-very-secret";

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora")
}

pub fn terraform(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new("terraform")
        .args(args)
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .expect("terraform is on PATH (RECIPES.md: Terraform 1.11)");
    assert!(
        out.status.success(),
        "terraform {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A workspace applied with the real terraform: root resources with a dependency, a sensitive
/// value inside an attribute, a sensitive output, and a child module with `count`.
pub struct Applied {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub show_json: Vec<u8>,
}

pub fn applied() -> &'static Applied {
    static W: OnceLock<Applied> = OnceLock::new();
    W.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        std::fs::write(
            path.join("main.tf"),
            format!(
                r#"variable "secret" {{
  type      = string
  sensitive = true
  default   = "{SECRET}"
}}

resource "terraform_data" "a" {{
  input            = {{ name = "alpha" }}
  triggers_replace = {{ password = var.secret }}
}}

resource "terraform_data" "b" {{
  input      = terraform_data.a.output.name
  depends_on = [terraform_data.a]
}}

module "child" {{
  source = "./child"
}}

output "pw" {{
  value     = var.secret
  sensitive = true
}}

output "name" {{
  value = terraform_data.b.output
}}
"#
            ),
        )
        .unwrap();
        std::fs::create_dir(path.join("child")).unwrap();
        std::fs::write(
            path.join("child/main.tf"),
            "resource \"terraform_data\" \"c\" {\n  count = 2\n  input = count.index\n}\n",
        )
        .unwrap();
        terraform(&path, &["init", "-input=false"]);
        terraform(&path, &["apply", "-auto-approve", "-input=false"]);
        let show_json = terraform(&path, &["show", "-json"]).stdout;
        Applied {
            _dir: dir,
            path,
            show_json,
        }
    })
}
