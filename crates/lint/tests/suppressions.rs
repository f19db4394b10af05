//! Suppression comments end to end: which comment silences which finding, and where it must be.

use orbis_lint::{load, Config};
use std::time::Instant;

/// Active and suppressed rule ids for one file linted with every rule (tags rule off).
fn lint(text: &str) -> (Vec<&'static str>, Vec<(&'static str, String)>) {
    let ws = load::load_sources(&[("main.tf", text)]);
    let config = Config {
        required_tags: vec![],
        ..Config::default()
    };
    let res = orbis_lint::lint_workspace(ws, &config, orbis_lint::all_rules(), Instant::now());
    let active = res.active().map(|f| f.rule_id).collect();
    let suppressed = res
        .findings
        .iter()
        .filter_map(|f| f.suppressed.as_ref().map(|s| (f.rule_id, s.by.clone())))
        .collect();
    (active, suppressed)
}

const KEY: &str = "resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n}\n";

#[test]
fn unsuppressed_baseline() {
    assert_eq!(lint(KEY).0, vec!["ORB-AWS-010"]);
}

#[test]
fn tfsec_ignore_above_the_resource_maps_through_related_ids() {
    let (active, suppressed) = lint(&format!("# tfsec:ignore:aws-kms-auto-rotate-keys\n{KEY}"));
    assert!(active.is_empty(), "{active:?}");
    assert_eq!(
        suppressed,
        vec![("ORB-AWS-010", "tfsec:ignore".to_string())]
    );
}

#[test]
fn orbis_ignore_inside_the_block_with_reason() {
    let text = "resource \"aws_kms_key\" \"k\" {\n  // orbis:ignore ORB-AWS-010 key material is imported and rotated by hand\n  description = \"x\"\n}\n";
    let (active, suppressed) = lint(text);
    assert!(active.is_empty(), "{active:?}");
    assert_eq!(
        suppressed,
        vec![("ORB-AWS-010", "orbis:ignore".to_string())]
    );
}

#[test]
fn wrong_rule_or_wrong_place_does_not_suppress() {
    // Another rule's id.
    let other = format!("# orbis:ignore ORB-AWS-030 not about this key\n{KEY}");
    assert_eq!(lint(&other).0, vec!["ORB-AWS-010"]);
    // Far above the resource (a blank line and another block in between).
    let far = format!("# tfsec:ignore:aws-kms-auto-rotate-keys\n\nlocals {{\n  a = 1\n}}\n\n{KEY}");
    assert_eq!(lint(&far).0, vec!["ORB-AWS-010"]);
    // A checkov id that is not related to the rule.
    let unrelated = format!("#checkov:skip=CKV_AWS_20:not this\n{KEY}");
    assert_eq!(lint(&unrelated).0, vec!["ORB-AWS-010"]);
}

#[test]
fn reasonless_orbis_ignore_is_reported_and_not_applied() {
    let (mut active, suppressed) = lint(&format!("# orbis:ignore ORB-AWS-010\n{KEY}"));
    active.sort();
    assert_eq!(active, vec!["ORB-AWS-010", "ORB-META-001"]);
    assert!(suppressed.is_empty());
}
