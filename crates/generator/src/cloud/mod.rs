//! One file per cloud. Each writes the root configuration of a project (backend, providers,
//! baseline, components, outputs) into an [`Output`], with the decisions it made.

pub mod aws;
pub mod azure;
pub mod gcp;

use crate::decisions::Decision;
use crate::spec::Spec;

#[derive(Default)]
pub struct Output {
    /// Terraform files of the project root (unformatted; formatted by the caller).
    pub files: Vec<(String, String)>,
    pub decisions: Vec<Decision>,
    /// What must exist before `terraform init` (state bucket, certificate, key vault...).
    pub prerequisites: Vec<String>,
}

impl Output {
    pub fn file(&mut self, name: &str, text: String) {
        self.files.push((name.to_string(), text));
    }
    pub fn decide(&mut self, topic: &str, choice: impl Into<String>, reason: impl Into<String>) {
        self.decisions.push(Decision::new(topic, choice, reason));
    }
    pub fn prerequisite(&mut self, text: impl Into<String>) {
        self.prerequisites.push(text.into());
    }
}

/// `<name>-<environment>`: the prefix of every resource name.
pub fn prefix(spec: &Spec) -> String {
    format!("{}-{}", spec.name, spec.environment.name())
}

/// The organisation's required tags (modules/README.md: Owner, Environment, CostCenter) plus
/// what makes a resource traceable to this project.
pub fn tags(spec: &Spec) -> Vec<(&'static str, String)> {
    vec![
        ("Owner", spec.owner.clone()),
        ("Environment", spec.environment.name().to_string()),
        ("CostCenter", spec.cost_center.clone()),
        ("Project", spec.name.clone()),
        (
            "DataClassification",
            spec.data_classification.name().to_string(),
        ),
        ("ManagedBy", "terraform".to_string()),
    ]
}

/// Log retention in days: a year everywhere (the catalog's floor), longer for prod and for
/// sensitive data, which audits look back on.
pub fn log_retention_days(spec: &Spec) -> u32 {
    if spec.data_classification.is_sensitive() && spec.environment.is_prod() {
        1096
    } else if spec.environment.is_prod() || spec.data_classification.is_sensitive() {
        731
    } else {
        365
    }
}

/// `terraform { required_version ... }` shared by every cloud: 1.10 is the first release with
/// S3 native state locking, and the catalog modules need `~> 1.6`.
pub const REQUIRED_VERSION: &str = ">= 1.10.0, < 2.0.0";

/// The first day of the current month (UTC), `YYYY-MM-01`: budgets must start on one.
pub fn month_start() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!("{:04}-{:02}-01", now.year(), u8::from(now.month()))
}
