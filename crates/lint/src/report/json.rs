//! The stable JSON format (documented in README.md):
//! `{"findings":[{rule_id, severity, file, line, end_line, column, end_column, resource,
//! message, related:{checkov,kics}, fix?}], "suppressed":[... + suppressed_by, reason],
//! "summary":{files, resources, findings, suppressed, parse_errors, duration_ms}}`.

use super::LintResult;
use crate::finding::Finding;
use crate::rule::Rule;
use serde_json::{json, Value};

pub fn finding_json(result: &LintResult, f: &Finding) -> Value {
    let meta = result.rule(f.rule_id).map(|r| r.meta());
    let mut v = json!({
        "rule_id": f.rule_id,
        "severity": f.severity,
        "file": result.path(f),
        "line": f.span.start_line,
        "end_line": f.span.end_line,
        "column": f.span.start_col,
        "end_column": f.span.end_col,
        "resource": f.resource,
        "message": f.message,
        "related": {
            "checkov": meta.map(|m| m.checkov).unwrap_or(&[]),
            "kics": meta.map(|m| m.kics).unwrap_or(&[]),
        },
    });
    if let Some(fix) = &f.fix {
        v["fix"] = json!(fix);
    }
    if let Some(s) = &f.suppressed {
        v["suppressed_by"] = json!(s.by);
        v["reason"] = json!(s.reason);
    }
    v
}

pub fn render(result: &LintResult) -> String {
    let findings: Vec<Value> = result.active().map(|f| finding_json(result, f)).collect();
    let suppressed: Vec<Value> = result
        .findings
        .iter()
        .filter(|f| f.suppressed.is_some())
        .map(|f| finding_json(result, f))
        .collect();
    let doc = json!({ "findings": findings, "suppressed": suppressed, "summary": result.summary });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// `{"rules":[{id, severity, title, fix_hint, related:{checkov,kics,tfsec}}]}`.
pub fn render_rules(rules: &[&'static dyn Rule]) -> String {
    let list: Vec<Value> = rules
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.id,
                "severity": m.severity,
                "title": m.title,
                "fix_hint": m.fix_hint,
                "related": {"checkov": m.checkov, "kics": m.kics, "tfsec": m.tfsec},
            })
        })
        .collect();
    serde_json::to_string_pretty(&json!({ "rules": list })).unwrap_or_default()
}
