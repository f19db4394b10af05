//! What a rule reports.

use crate::model::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Replace bytes `start..end` of the file with `replacement` (an insertion when equal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A machine-applicable fix: edits in the finding's file, non-overlapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<TextEdit>,
}

/// How a finding was silenced, when it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// `orbis:ignore`, `checkov:skip` or `tfsec:ignore`.
    pub by: String,
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule_id: &'static str,
    pub severity: Severity,
    pub file: usize,
    /// What to underline.
    pub span: Span,
    /// The whole checked object (resource block, manifest object): suppression comments and
    /// fixture matching use it.
    pub object_span: Span,
    pub resource: String,
    pub message: String,
    pub fix: Option<Fix>,
    pub suppressed: Option<Suppressed>,
}

/// Apply non-overlapping edits to a text (last edit first so offsets stay valid).
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut out = text.to_string();
    for e in sorted {
        if e.start <= e.end
            && e.end <= out.len()
            && out.is_char_boundary(e.start)
            && out.is_char_boundary(e.end)
        {
            out.replace_range(e.start..e.end, &e.replacement);
        }
    }
    out
}
