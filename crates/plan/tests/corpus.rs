//! Every plan and state of the corpus loads, and the engine's counts equal INDEX.json's.

mod common;

use common::{plan_entries, read};
use orbis_plan::{load_bytes, DocumentKind, Review, Summary};

#[test]
fn every_plan_loads_and_counts_match_the_index() {
    let mut checked = 0;
    for kind in ["plan", "redacted_renderer_plan"] {
        for entry in plan_entries(kind) {
            let path = entry["path"].as_str().unwrap();
            let plan = load_bytes(&read(path), path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let want_kind = if kind == "plan" {
                DocumentKind::Plan
            } else {
                DocumentKind::RedactedRendererPlan
            };
            assert_eq!(plan.kind, want_kind, "{path}");
            let s = Summary::of(&plan);
            let a = &entry["actions"];
            let n = |k: &str| a[k].as_u64().unwrap() as usize;
            assert_eq!(
                plan.resource_changes.len(),
                entry["resource_changes"].as_u64().unwrap() as usize,
                "{path}: changes"
            );
            assert_eq!(s.create, n("create"), "{path}: create");
            assert_eq!(s.update, n("update"), "{path}: update");
            assert_eq!(s.delete, n("delete"), "{path}: delete");
            assert_eq!(s.replace, n("replace"), "{path}: replace");
            assert_eq!(
                s.replace_create_before_destroy,
                n("create_then_delete"),
                "{path}: create_then_delete"
            );
            assert_eq!(s.read, n("read"), "{path}: read");
            assert_eq!(s.no_op, n("no-op"), "{path}: no-op");
            assert_eq!(s.other, 0, "{path}: unknown action lists");
            assert_eq!(
                s.moved,
                entry["moved_resources"].as_u64().unwrap() as usize,
                "{path}: moved"
            );
            assert_eq!(
                s.import,
                entry["importing_resources"].as_u64().unwrap() as usize,
                "{path}: importing"
            );
            assert_eq!(
                s.drift,
                entry["resource_drift"].as_u64().unwrap() as usize,
                "{path}: drift"
            );
            assert_eq!(
                plan.output_changes.len(),
                entry["output_changes"].as_u64().unwrap() as usize,
                "{path}: outputs"
            );
            let sensitive_outputs = plan.output_changes.iter().filter(|o| o.sensitive).count();
            assert_eq!(
                sensitive_outputs,
                entry["sensitive_output_changes"].as_u64().unwrap() as usize,
                "{path}: sensitive outputs"
            );
            assert_eq!(
                plan.errored,
                entry["errored"].as_bool().unwrap_or(false),
                "{path}: errored"
            );
            // The whole pipeline runs on every fixture without panicking.
            let review = Review::new(vec![plan]);
            assert_eq!(
                review.risks[0].len(),
                review.plans[0].resource_changes.len()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 275, "every plan of the corpus was checked");
}

#[test]
fn replace_counts_once_as_replace() {
    let entry = plan_entries("plan")
        .into_iter()
        .find(|e| e["actions"]["delete_then_create"].as_u64().unwrap() > 0)
        .expect("a replace fixture");
    let path = entry["path"].as_str().unwrap();
    let plan = load_bytes(&read(path), path).unwrap();
    let s = Summary::of(&plan);
    assert_eq!(
        s.replace as u64,
        entry["actions"]["replace"].as_u64().unwrap()
    );
    // Terraform's own "N to add, M to destroy" would count the replace twice; we do not.
    assert_eq!(
        s.create + s.update + s.delete + s.replace + s.read + s.no_op,
        plan.resource_changes.len()
    );
}

#[test]
fn every_state_loads_with_its_resources() {
    let index = common::index();
    let mut checked = 0;
    for entry in index["states"].as_array().unwrap() {
        let path = entry["path"].as_str().unwrap();
        let bytes = std::fs::read(common::plans_dir().join(path)).unwrap();
        let kind = entry["kind"].as_str().unwrap();
        if kind == "invalid" {
            assert!(
                load_bytes(&bytes, path).is_err(),
                "{path} should be rejected"
            );
            continue;
        }
        let plan = load_bytes(&bytes, path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let want = if kind == "show-json" {
            DocumentKind::StateJson
        } else {
            DocumentKind::RawState
        };
        assert_eq!(plan.kind, want, "{path}");
        if let Some(n) = entry["resources"].as_u64() {
            assert_eq!(plan.state_resources.len() as u64, n, "{path}: resources");
        }
        checked += 1;
    }
    assert_eq!(checked, 119);
}

#[test]
fn wrapper_lines_around_the_json_are_tolerated_and_trailing_data_is_an_error() {
    let wrapped = "json/invalid/infracost__plan_with_terraform_wrapper.json";
    let plan =
        load_bytes(&read(wrapped), wrapped).expect("setup-terraform wrapper lines are skipped");
    assert!(!plan.resource_changes.is_empty());
    let extra = "json/invalid/terraform-json__invalid.plan.json";
    let err = load_bytes(&read(extra), extra).expect_err("JSON followed by extra data");
    assert!(err.offset.is_some() && err.line.is_some(), "{err}");
}

#[test]
fn utf16_and_bom_plans_decode() {
    for entry in plan_entries("plan")
        .into_iter()
        .filter(|e| e["encoding"].is_string())
    {
        let path = entry["path"].as_str().unwrap();
        let plan = load_bytes(&read(path), path).unwrap();
        assert_eq!(
            plan.resource_changes.len() as u64,
            entry["resource_changes"].as_u64().unwrap()
        );
    }
}

#[test]
fn module_tree_counts_add_up() {
    let mut with_modules = 0;
    for entry in plan_entries("plan")
        .into_iter()
        .filter(|e| e["has_child_modules"] == true)
    {
        let path = entry["path"].as_str().unwrap();
        let plan = load_bytes(&read(path), path).unwrap();
        assert_eq!(plan.modules.changes, plan.resource_changes.len(), "{path}");
        let in_modules = plan
            .resource_changes
            .iter()
            .filter(|c| c.module_address.is_some())
            .count();
        assert_eq!(
            plan.modules
                .children
                .iter()
                .map(|m| m.changes)
                .sum::<usize>(),
            in_modules,
            "{path}"
        );
        fn check(node: &orbis_plan::model::ModuleNode) {
            let below: usize = node.children.iter().map(|c| c.changes).sum();
            assert!(below <= node.changes, "{}", node.address);
            for c in &node.children {
                assert!(
                    c.address.starts_with(&node.address),
                    "{} under {}",
                    c.address,
                    node.address
                );
                check(c);
            }
        }
        check(&plan.modules);
        with_modules += usize::from(in_modules > 0);
    }
    assert!(
        with_modules > 10,
        "{with_modules} corpus plans change resources in modules"
    );
}
