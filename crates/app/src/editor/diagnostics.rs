//! Parse diagnostics and lint findings as the editor shows them (UTF-16 ranges, severities,
//! quick fixes).
//!
//! Severity: parse errors are errors (parse warnings stay warnings). Lint findings map from
//! the rule's severity (after `.orbis.toml` overrides): **critical and high → error**, medium
//! and low → warning, info → info. Security findings of high severity are things to fix before
//! merging, which is what a red squiggle says; the Problems panel shows the rule severity too.

use super::dto::{DiagnosticSeverity, EditorDiagnostic, QuickFix, TextChange};
use super::utf16::LineMap;
use orbis_lint::{Finding, RuleMeta, Severity};
use std::collections::HashMap;
use std::sync::OnceLock;

pub fn severity_of(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Critical | Severity::High => DiagnosticSeverity::Error,
        Severity::Medium | Severity::Low => DiagnosticSeverity::Warning,
        Severity::Info => DiagnosticSeverity::Info,
    }
}

fn rule_meta(id: &str) -> Option<&'static RuleMeta> {
    static METAS: OnceLock<HashMap<&'static str, &'static RuleMeta>> = OnceLock::new();
    METAS
        .get_or_init(|| {
            orbis_lint::all_rules()
                .into_iter()
                .map(|r| (r.meta().id, r.meta()))
                .collect()
        })
        .get(id)
        .copied()
}

/// A parse diagnostic of `orbis_hcl` (HCL001…).
pub fn from_parse(d: &orbis_hcl::Diagnostic, map: &LineMap) -> EditorDiagnostic {
    EditorDiagnostic {
        range: map.range(d.span.start as usize, d.span.end as usize),
        severity: match d.severity {
            orbis_hcl::Severity::Error => DiagnosticSeverity::Error,
            orbis_hcl::Severity::Warning => DiagnosticSeverity::Warning,
        },
        code: d.code.to_string(),
        source: "syntax".into(),
        message: d.message.clone(),
        rule_severity: None,
        doc_url: None,
        resource: None,
        fixes: Vec::new(),
    }
}

/// A lint finding placed in its file (`map` is that file's text). Suppressed findings are not
/// shown: callers filter them (`None` here too, to be safe).
pub fn from_finding(f: &Finding, map: &LineMap) -> Option<EditorDiagnostic> {
    if f.suppressed.is_some() {
        return None;
    }
    let meta = rule_meta(f.rule_id);
    let message = match meta {
        Some(m) if !f.message.is_empty() && f.message != m.title => {
            format!("{}: {}", m.title, f.message)
        }
        Some(m) => m.title.to_string(),
        None => f.message.clone(),
    };
    let fixes = f
        .fix
        .iter()
        .filter_map(|fix| {
            let mut edits: Vec<_> = fix.edits.iter().collect();
            edits.sort_by_key(|e| (e.start, e.end));
            let changes: Option<Vec<TextChange>> = edits
                .iter()
                .map(|e| {
                    let text = map.text();
                    if e.start > e.end
                        || e.end > text.len()
                        || !text.is_char_boundary(e.start)
                        || !text.is_char_boundary(e.end)
                    {
                        return None;
                    }
                    Some(TextChange {
                        from: map.position(e.start).0,
                        to: map.position(e.end).0,
                        insert: e.replacement.clone(),
                    })
                })
                .collect();
            Some(QuickFix {
                title: fix.description.clone(),
                changes: changes?,
            })
        })
        .collect();
    Some(EditorDiagnostic {
        range: map.range(f.span.start_byte, f.span.end_byte),
        severity: severity_of(f.severity),
        code: f.rule_id.to_string(),
        source: "lint".into(),
        message,
        rule_severity: Some(f.severity.as_str().to_string()),
        // The lint crate keeps each rule's rationale in its source (`RuleMeta::doc`), with no
        // published location to link to yet.
        doc_url: None,
        resource: (!f.resource.is_empty()).then(|| f.resource.clone()),
        fixes,
    })
}

/// Editor order: by position, errors first at the same place.
pub fn sort(diags: &mut [EditorDiagnostic]) {
    diags.sort_by(|a, b| {
        (a.range.from, a.range.to, a.severity as u8, &a.code).cmp(&(
            b.range.from,
            b.range.to,
            b.severity as u8,
            &b.code,
        ))
    });
}

/// `.orbis.toml` did not parse: said once per document, at its first line.
pub fn config_error(message: &str, map: &LineMap) -> EditorDiagnostic {
    EditorDiagnostic {
        range: map.range(0, 0),
        severity: DiagnosticSeverity::Warning,
        code: "ORB-CONFIG".into(),
        source: "lint".into(),
        message: format!("{message}; linted with the default rules"),
        rule_severity: None,
        doc_url: None,
        resource: None,
        fixes: Vec::new(),
    }
}
