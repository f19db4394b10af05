//! Output formats of a lint result. Each format is a pure function of the result.

pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

use crate::finding::{Finding, Severity};
use crate::model::SourceFile;
use crate::rule::Rule;

/// Figures of one run (the `summary` object of the JSON format).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub resources: usize,
    /// Findings not suppressed.
    pub findings: usize,
    pub suppressed: usize,
    pub parse_errors: usize,
    pub duration_ms: u64,
}

/// A finished run: the files (for paths and code frames), the findings, the rules that ran.
pub struct LintResult {
    pub files: Vec<SourceFile>,
    pub findings: Vec<Finding>,
    pub rules: Vec<&'static dyn Rule>,
    pub summary: Summary,
}

impl LintResult {
    /// Findings that are not suppressed.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }
    pub fn path(&self, f: &Finding) -> &str {
        &self.files[f.file].path
    }
    pub fn rule(&self, id: &str) -> Option<&'static dyn Rule> {
        self.rules.iter().copied().find(|r| r.meta().id == id)
    }
    /// True when an active finding is at or above `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.active().any(|f| f.severity >= threshold)
    }
}
