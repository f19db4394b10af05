//! User policy folders: Rego v0 and v1 files side by side, syntax errors reported as
//! `error` findings, and the input is the redacted plan.

use orbis_plan::{load_bytes, REDACTED};
use orbis_policy::{evaluate_plan, load_dir, PolicyConfig, PolicyResult};
use serde_json::json;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn v0_v1_errors_and_redacted_input() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "v0_style.rego", "package legacy\n\ndeny[msg] {\n  rc := input.resource_changes[_]\n  rc.change.actions[_] == \"delete\"\n  msg := sprintf(\"%s: deletes are not allowed\", [rc.address])\n}\n");
    write(dir.path(), "v1_style.rego", "package modern\n\nwarn contains {\"msg\": \"leaks?\", \"address\": v} if {\n  some _, x in input.variables\n  v := x.value\n}\n");
    write(
        dir.path(),
        "broken.rego",
        "package broken\n\ndeny contains msg if {\n",
    );
    write(dir.path(), "ignored_test.rego", "package ignored\n");
    write(dir.path(), "README.md", "not a policy");
    let policies = load_dir(dir.path()).unwrap();
    assert_eq!(
        policies.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["broken", "v0_style", "v1_style"]
    );

    let doc = json!({
        "format_version": "1.2",
        "variables": {"db_password": {"value": "hunter2-CANARY"}},
        "configuration": {"root_module": {"variables": {"db_password": {"sensitive": true}}}},
        "resource_changes": [{"address": "aws_instance.old", "mode": "managed", "type": "aws_instance", "name": "old",
            "change": {"actions": ["delete"], "before": {"ami": "x"}, "after": null}}]
    });
    let plan = load_bytes(doc.to_string().as_bytes(), "inline").unwrap();
    let findings = evaluate_plan(&policies, &plan, &PolicyConfig::default());
    let by = |name: &str| {
        findings
            .iter()
            .filter(|f| f.policy == name)
            .collect::<Vec<_>>()
    };
    assert_eq!(by("broken").len(), 1);
    assert_eq!(by("broken")[0].result, PolicyResult::Error);
    let legacy = by("v0_style");
    assert_eq!(
        (legacy[0].result, legacy[0].address.as_deref()),
        (PolicyResult::Deny, Some("aws_instance.old"))
    );
    let modern = by("v1_style");
    assert_eq!(modern[0].result, PolicyResult::Warn);
    assert_eq!(
        modern[0].address.as_deref(),
        Some(REDACTED),
        "the policy saw the redacted variable"
    );
    assert!(!format!("{findings:?}").contains("CANARY"));
}

#[test]
fn missing_folder_is_a_clear_error() {
    let err = load_dir(std::path::Path::new("/nonexistent/policies")).unwrap_err();
    assert!(err.to_string().contains("policy.io") && err.to_string().contains("hint"));
}
