//! orbis-lint: security, governance and tagging rules for Terraform and Kubernetes manifests.
//!
//! Flow: paths → [`load`] (orbis-hcl parses and evaluates; we adapt its model to
//! [`model::Workspace`]) → [`engine::run`] (rules in parallel, suppressions, severity overrides)
//! → [`report`] formats. Rules live one per file under `rules/<provider>/`.

pub mod config;
pub mod engine;
pub mod finding;
pub mod from_plan;
pub mod k8s_yaml;
pub mod load;
pub mod model;
pub mod module_shims;
pub mod report;
pub mod rule;
pub mod rules;
pub mod suppress;

pub use config::Config;
pub use finding::{apply_edits, Finding, Fix, Severity, TextEdit};
pub use from_plan::{lint_plan, PlanFinding};
pub use report::{LintResult, Summary};
pub use rule::{Rule, RuleMeta};

use std::path::PathBuf;
use std::time::Instant;

/// Every rule, sorted by id.
pub fn all_rules() -> Vec<&'static dyn Rule> {
    rules::all()
}

/// The rules the configuration enables.
pub fn enabled_rules(config: &Config) -> Vec<&'static dyn Rule> {
    all_rules()
        .into_iter()
        .filter(|r| config.is_enabled(r.meta().id))
        .collect()
}

/// Lint files and folders (folders recursively: `.tf`, `terraform.tfvars`/`*.auto.tfvars`,
/// Kubernetes manifests in `.yaml`/`.yml`/`.json`).
pub fn lint_paths(paths: &[PathBuf], config: &Config) -> Result<LintResult, load::LoadError> {
    let started = Instant::now();
    let ws = load::load_paths(paths)?;
    Ok(lint_workspace(ws, config, enabled_rules(config), started))
}

/// Lint an already loaded workspace with the given rules.
pub fn lint_workspace(
    ws: model::Workspace,
    config: &Config,
    rules: Vec<&'static dyn Rule>,
    started: Instant,
) -> LintResult {
    let findings = engine::run(&ws, config, &rules);
    let active = findings.iter().filter(|f| f.suppressed.is_none()).count();
    let summary = Summary {
        files: ws.files.len(),
        resources: ws.resources.iter().filter(|r| !r.is_data).count() + ws.k8s.len(),
        findings: active,
        suppressed: findings.len() - active,
        parse_errors: ws.parse_errors,
        duration_ms: started.elapsed().as_millis() as u64,
    };
    LintResult {
        files: ws.files,
        findings,
        rules,
        summary,
    }
}
