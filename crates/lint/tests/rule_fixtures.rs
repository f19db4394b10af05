//! Every rule has its own fixtures in `fixtures/<rule id>/`: `bad*` files that must produce
//! exactly the findings listed in `expected.json`, `good*` files that must produce none. Each
//! file is linted alone with only that rule enabled. Where a finding carries a fix, applying
//! it must make that finding disappear.
//!
//! `ORBIS_BLESS=1 cargo test -p orbis-lint --test rule_fixtures` rewrites expected.json from
//! the current output (review the diff before keeping it).

use orbis_lint::{apply_edits, load, Config, Rule};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn lint_one(
    rule: &'static dyn Rule,
    config: &Config,
    name: &str,
    text: &str,
) -> orbis_lint::LintResult {
    let ws = load::load_sources(&[(name, text)]);
    orbis_lint::lint_workspace(ws, config, vec![rule], Instant::now())
}

/// A fixture folder may hold an `orbis.toml` (same format as `.orbis.toml`) for rules that
/// depend on configuration.
fn fixture_config(dir: &Path) -> Config {
    match std::fs::read_to_string(dir.join("orbis.toml")) {
        Ok(t) => Config::parse(&t, &dir.join("orbis.toml")).expect("fixture orbis.toml"),
        Err(_) => Config::default(),
    }
}

fn findings_json(res: &orbis_lint::LintResult, name: &str) -> Vec<Value> {
    res.active()
        .map(|f| json!({"file": name, "line": f.span.start_line, "resource": f.resource, "fixable": f.fix.is_some()}))
        .collect()
}

#[test]
fn every_rule_matches_its_fixtures() {
    let bless = std::env::var_os("ORBIS_BLESS").is_some();
    let mut failures = Vec::new();
    for rule in orbis_lint::all_rules() {
        let id = rule.meta().id;
        let dir = fixtures_dir().join(id);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            failures.push(format!("{id}: no fixture folder {}", dir.display()));
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("bad") || n.starts_with("good"))
            .collect();
        let config = fixture_config(&dir);
        names.sort();
        let bad: Vec<&String> = names.iter().filter(|n| n.starts_with("bad")).collect();
        let good: Vec<&String> = names.iter().filter(|n| n.starts_with("good")).collect();
        if bad.is_empty() || good.is_empty() {
            failures.push(format!(
                "{id}: needs at least one bad* and one good* fixture"
            ));
            continue;
        }
        let mut got = Vec::new();
        for name in &names {
            let text = std::fs::read_to_string(dir.join(name.as_str())).unwrap();
            let res = lint_one(rule, &config, name, &text);
            let found = findings_json(&res, name);
            if name.starts_with("good") && !found.is_empty() {
                failures.push(format!("{id}: {name} should be clean, got {found:?}"));
            }
            if name.starts_with("bad") && found.is_empty() {
                failures.push(format!("{id}: {name} produced no finding"));
            }
            // Fixes must fix: apply each finding's edits, re-lint, the finding is gone.
            for f in res.active().filter(|f| f.fix.is_some()) {
                let fixed = apply_edits(&text, &f.fix.as_ref().unwrap().edits);
                let again = lint_one(rule, &config, name, &fixed);
                if again
                    .active()
                    .any(|g| g.resource == f.resource && g.message == f.message)
                {
                    failures.push(format!(
                        "{id}: fix for {} in {name} does not remove the finding:\n{fixed}",
                        f.resource
                    ));
                }
                if again.summary.parse_errors > 0 {
                    failures.push(format!(
                        "{id}: fix for {} in {name} breaks the syntax:\n{fixed}",
                        f.resource
                    ));
                }
            }
            got.extend(found);
        }
        let expected_path = dir.join("expected.json");
        if bless {
            std::fs::write(
                &expected_path,
                serde_json::to_string_pretty(&got).unwrap() + "\n",
            )
            .unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Err(_) => failures.push(format!("{id}: missing expected.json")),
            Ok(t) => {
                let want: Vec<Value> = serde_json::from_str(&t).unwrap();
                if want != got {
                    failures.push(format!(
                        "{id}: findings differ\n  want {want:?}\n  got  {got:?}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rule_ids_are_unique_and_metadata_complete() {
    let rules = orbis_lint::all_rules();
    let mut ids: Vec<&str> = rules.iter().map(|r| r.meta().id).collect();
    ids.dedup();
    assert_eq!(ids.len(), rules.len(), "duplicate rule id");
    for r in &rules {
        let m = r.meta();
        assert!(m.id.starts_with("ORB-"), "{}", m.id);
        assert!(
            !m.title.is_empty() && m.doc.len() > 60 && !m.fix_hint.is_empty(),
            "{}: title, doc and fix hint are required",
            m.id
        );
        for k in m.kics {
            assert_eq!(k.len(), 36, "{}: KICS ids are UUIDs: {k}", m.id);
        }
        for c in m.checkov {
            assert!(c.starts_with("CKV"), "{}: {c}", m.id);
        }
    }
}

/// `RULES.md` lists every rule with its severity and related ids; regenerated here so it never
/// drifts from the code (the test rewrites it when a rule changes).
#[test]
fn rules_md_lists_every_rule() {
    let mut md = String::from(
        "# Rules\n\nGenerated by `cargo test -p orbis-lint --test rule_fixtures` (do not edit). Each rule's rationale is\nin its source file (`src/rules/<provider>/<name>.rs`, `doc`), its fixtures in `fixtures/<id>/`.\n\n| id | severity | title | Checkov | KICS | tfsec |\n|---|---|---|---|---|---|\n",
    );
    for r in orbis_lint::all_rules() {
        let m = r.meta();
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            m.id,
            m.severity,
            m.title,
            m.checkov.join(", "),
            m.kics.join(", "),
            m.tfsec.join(", ")
        ));
    }
    md.push_str(&format!("\n{} rules.\n", orbis_lint::all_rules().len()));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("RULES.md");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(md.as_str()) {
        std::fs::write(&path, &md).unwrap();
    }
    assert!(md.matches("\n| ORB-").count() >= 80);
}
