//! SARIF 2.1.0 (the format code-scanning services read). Levels: critical/high → error,
//! medium → warning, low/info → note; `security-severity` carries a 0–10 score for
//! services that rank by it. Suppressed findings are kept with an in-source suppression.

use super::LintResult;
use crate::finding::Severity;
use serde_json::{json, Value};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

/// A relative URI reference for a path: forward slashes, reserved characters escaped.
pub fn path_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn render(result: &LintResult) -> String {
    let rules: Vec<Value> = result
        .rules
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.id,
                "name": m.title,
                "shortDescription": {"text": m.title},
                "fullDescription": {"text": m.title},
                "help": {"text": m.fix_hint, "markdown": m.doc},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {
                    "tags": ["security", "iac"],
                    "security-severity": security_severity(m.severity),
                    "checkov": m.checkov,
                    "kics": m.kics,
                }
            })
        })
        .collect();
    let results: Vec<Value> = result
        .findings
        .iter()
        .map(|f| {
            let uri = path_uri(result.path(f));
            let rule_index = result.rules.iter().position(|r| r.meta().id == f.rule_id).unwrap_or(0);
            let mut v = json!({
                "ruleId": f.rule_id,
                "ruleIndex": rule_index,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": f.span.start_line.max(1),
                            "startColumn": f.span.start_col.max(1),
                            "endLine": f.span.end_line.max(f.span.start_line).max(1),
                            "endColumn": f.span.end_col.max(1),
                        }
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.resource, "kind": "resource"}]
                }],
            });
            if let Some(fix) = &f.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| json!({
                        "deletedRegion": {"byteOffset": e.start, "byteLength": e.end.saturating_sub(e.start)},
                        "insertedContent": {"text": e.replacement}
                    }))
                    .collect();
                v["fixes"] = json!([{
                    "description": {"text": fix.description},
                    "artifactChanges": [{"artifactLocation": {"uri": path_uri(result.path(f))}, "replacements": replacements}]
                }]);
            }
            if let Some(s) = &f.suppressed {
                v["suppressions"] = json!([{"kind": "inSource", "justification": format!("{}: {}", s.by, s.reason)}]);
            }
            v
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "orbis-lint",
                "informationUri": "https://github.com/terraorbis/terraorbis",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
