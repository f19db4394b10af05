//! `.driftignore` semantics on driftctl's own example files.

use orbis_drift::DriftIgnore;
use std::path::{Path, PathBuf};

fn example(name: &str) -> DriftIgnore {
    let p = corpus()
        .join("driftctl/HEAD/pkg/filter/testdata")
        .join(name)
        .join(".driftignore");
    DriftIgnore::parse(&std::fs::read_to_string(p).unwrap())
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/drift")
}

#[test]
fn valid_rules_with_escapes_and_wildcards() {
    let d = example("drift_ignore_valid");
    assert!(d.invalid.is_empty(), "{:?}", d.invalid);
    assert!(d.ignores_resource("ignored_resource", "id2"));
    assert!(!d.ignores_resource("ignored_resource", "id1"));
    assert!(d.ignores_resource("wildcard_resource", "anything"));
    assert!(d.ignores_resource("resource_type", "id.with.dots"));
    assert!(d.ignores_resource("resource_type", r"idwith\"));
    assert!(d.ignores_resource("resource_type", r"idwith\backslashes"));
    assert!(d.ignores_resource("resource_type", "idwith/slashes"));
    assert!(!d.ignores_resource("resource_type", "other"));
}

#[test]
fn ignore_all_then_negate() {
    let all = example("drift_ignore_all");
    assert!(all.ignores_resource("aws_instance", "i-1"));
    let d = example("drift_ignore_all_exclude");
    assert!(d.ignores_resource("aws_instance", "i-1"));
    assert!(!d.ignores_resource("iam_user", "bob"));
    assert!(!d.ignores_resource("some_type", "idwith/slash"));
    assert!(d.ignores_resource("some_type", "other"));
    let f = example("drift_ignore_all_exclude_field");
    assert!(!f.ignores_resource("any_type", "bar"));
    assert!(f.ignores_resource("any_type", "baz"));
}

#[test]
fn type_rules_and_wildcards() {
    let d = example("drift_ignore_type");
    assert!(
        d.ignores_resource("type", "x")
            && d.ignores_resource("type_2", "y")
            && d.ignores_resource("type_3", "z")
    );
    assert!(!d.ignores_resource("type_4", "x"));
    let w = example("drift_ignore_wildcard");
    assert!(w.ignores_resource("type2", "id1"));
    assert!(w.ignores_resource("footype2bar", "xid1y"));
    assert!(w.ignores_resource("type3", "id1230"));
    assert!(!w.ignores_resource("type3", "id1231"));
    assert!(w.ignores_resource("anytype", r"id\WithBackslashes\x\"));
}

#[test]
fn field_rules_ignore_drift_not_resources() {
    let d = example("drift_ignore_fields");
    assert!(!d.ignores_resource("res_type", "full_drift_ignored"));
    assert!(d.ignores_field("res_type", "full_drift_ignored", &["json"]));
    assert!(d.ignores_field("res_type", "full_drift_ignored", &["foobar", "nested"]));
    assert!(d.ignores_field("res_type", "partial_drift_ignored", &["FooBar"]));
    assert!(!d.ignores_field("res_type", "partial_drift_ignored", &["json"]));
    assert!(d.ignores_field("res_type", "wildcard_drift_ignored", &["struct", "baz"]));
    assert!(!d.ignores_field("res_type", "wildcard_drift_ignored", &["struct", "qux"]));
    assert!(d.ignores_field("resource_type", "id.with.dots", &["json"]));
}

#[test]
fn invalid_lines_are_reported_and_never_applied() {
    let d = example("drift_ignore_invalid_lines");
    let lines: Vec<&str> = d.invalid.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(lines, [".id", "."]);
    // One-part lines are type rules (driftctl reads `!aws_lb` as "every aws_lb").
    assert!(d.ignores_resource("foobar", "anything"));
    assert!(d.ignores_resource("ignored_resource", "id2"));
    assert!(example("drift_ignore_empty").is_empty());
}

#[test]
fn every_corpus_driftignore_parses() {
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus().join("INDEX.json")).unwrap()).unwrap();
    let files = index["driftignore_examples"].as_array().unwrap();
    assert_eq!(files.len(), 161);
    let mut acc = 0;
    for f in files {
        let path = corpus().join(f.as_str().unwrap());
        if path.is_dir() {
            continue; // `drift_ignore_no_file`: a folder without the file
        }
        let text = std::fs::read_to_string(path).unwrap();
        let d = DriftIgnore::parse(&text);
        // The acceptance-test files all read "ignore everything but the type under test".
        if let Some(t) = f
            .as_str()
            .unwrap()
            .strip_suffix("/.driftignore")
            .and_then(|p| p.contains("/testdata/acc/").then_some(p))
        {
            let wanted = text
                .lines()
                .find_map(|l| l.strip_prefix('!'))
                .map(str::trim);
            if let Some(wanted) = wanted.filter(|w| !w.contains('.')) {
                assert!(!d.ignores_resource(wanted, "some-id"), "{t}");
                assert!(d.ignores_resource("unrelated_type", "x"), "{t}");
                acc += 1;
            }
        }
    }
    assert!(acc > 100, "{acc}");
}
