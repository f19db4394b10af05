//! The machine-readable formats on a real lint run (every rule over the rule fixtures):
//! SARIF validated against the official SARIF 2.1.0 JSON schema (shipped inside the
//! serde-sarif package, read from the local cargo registry — never from the network), the JSON
//! format's documented shape, and well-formed JUnit.

use orbis_lint::report::{json, junit, sarif};
use orbis_lint::{Config, LintResult};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures_result() -> LintResult {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    orbis_lint::lint_paths(&[dir], &Config::default()).expect("fixtures load")
}

/// `$CARGO_HOME/registry/src/*/serde-sarif-*/src/schema.json`.
fn sarif_schema_path() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        });
    let src = home.join("registry/src");
    for index in std::fs::read_dir(&src)
        .expect("cargo registry sources")
        .flatten()
    {
        for pkg in std::fs::read_dir(index.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = pkg.file_name().to_string_lossy().into_owned();
            if name.starts_with("serde-sarif-") {
                let p = pkg.path().join("src/schema.json");
                if p.is_file() {
                    return p;
                }
            }
        }
    }
    panic!(
        "SARIF schema not found under {} (serde-sarif is a dev-dependency)",
        src.display()
    );
}

fn escape_stray_bracket(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                if k == "pattern"
                    && child.as_str() == Some("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$")
                {
                    *child = Value::String("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$".into());
                } else {
                    escape_stray_bracket(child);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(escape_stray_bracket),
        _ => {}
    }
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let result = fixtures_result();
    assert!(
        result.findings.len() > 100,
        "fixtures should produce many findings"
    );
    let doc: Value = serde_json::from_str(&sarif::render(&result)).unwrap();
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(sarif_schema_path()).unwrap()).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    // The published schema's `language` patterns have a stray `]` that strict regex engines
    // reject when the schema itself is checked; escape it (same meaning) so the schema compiles.
    escape_stray_bracket(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    // The validator does reject documents that break the schema.
    assert!(
        !validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]}))
    );
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema violations:\n{}",
        errors.join("\n")
    );

    // Typed view of the same document, and cross-references the schema cannot check.
    let typed: serde_sarif::sarif::Sarif =
        serde_json::from_value(doc.clone()).expect("serde-sarif reads it");
    assert_eq!(typed.runs.len(), 1);
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), result.findings.len());
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
    assert!(
        results.iter().any(|r| r.get("fixes").is_some()),
        "fixes are exported"
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let result = fixtures_result();
    let doc: Value = serde_json::from_str(&json::render(&result)).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), result.summary.findings);
    for f in findings {
        for key in [
            "rule_id",
            "severity",
            "file",
            "line",
            "end_line",
            "column",
            "end_column",
            "resource",
            "message",
        ] {
            assert!(!f[key].is_null(), "finding lacks {key}: {f}");
        }
        assert!(f["related"]["checkov"].is_array() && f["related"]["kics"].is_array());
        assert!(["info", "low", "medium", "high", "critical"]
            .contains(&f["severity"].as_str().unwrap()));
    }
    for key in [
        "files",
        "resources",
        "findings",
        "parse_errors",
        "duration_ms",
    ] {
        assert!(doc["summary"][key].is_u64(), "summary lacks {key}");
    }
    // The suppression fixture's reasoned ignore moves its finding to `suppressed`.
    assert!(doc["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["suppressed_by"] == "orbis:ignore"));

    let rules: Value = serde_json::from_str(&json::render_rules(&orbis_lint::all_rules())).unwrap();
    let list = rules["rules"].as_array().unwrap();
    assert!(list.len() >= 80);
    assert!(list.iter().all(|r| r["id"].is_string()
        && r["severity"].is_string()
        && r["title"].is_string()
        && r["related"]["kics"].is_array()));
}

#[test]
fn junit_output_counts_failures_per_rule() {
    let result = fixtures_result();
    let xml = junit::render(&result);
    assert!(xml.starts_with("<?xml"));
    let failures = xml.matches("<failure ").count();
    assert_eq!(failures, result.summary.findings);
    assert_eq!(xml.matches("<testsuite ").count(), result.rules.len());
    assert_eq!(
        xml.matches("<testsuite ").count(),
        xml.matches("</testsuite>").count()
    );
    assert!(
        !xml.contains("&&") && !xml.contains("<<"),
        "text is escaped"
    );
}
