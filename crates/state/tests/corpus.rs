//! Every state of the drift corpus reads, and yields the (type, id) pairs driftctl's goldens
//! expect; the plain-state loader cases (v3, modules, counts, invalid versions) behave.

mod common;

use common::corpus;
use orbis_state::{read_file, Mode, StateFormat};
use serde_json::Value;
use std::collections::BTreeSet;

fn drift() -> std::path::PathBuf {
    corpus().join("drift")
}

fn index() -> Value {
    serde_json::from_slice(&std::fs::read(drift().join("INDEX.json")).unwrap()).unwrap()
}

/// driftctl derives a few ids itself instead of reading `id` (e.g. `nacl-<hash>` for network
/// ACL rules): those resources are compared by count, the rest by (type, id).
const DERIVED_ID_TYPES: &[&str] = &["aws_network_acl_rule", "aws_security_group_rule"];

#[test]
fn every_corpus_state_reads_with_the_expected_resources() {
    let idx = index();
    let mut checked = 0;
    for case in idx["cases"].as_array().unwrap() {
        let name = case["case"].as_str().unwrap();
        let mut got = BTreeSet::new();
        let mut count_by_type = std::collections::BTreeMap::<String, usize>::new();
        for f in case["state_files"].as_array().unwrap() {
            let state = read_file(&drift().join(f.as_str().unwrap()), None)
                .unwrap_or_else(|e| panic!("{name}: {e} ({})", e.hint));
            for i in state.managed() {
                *count_by_type.entry(i.resource_type.clone()).or_default() += 1;
                got.insert((i.resource_type.clone(), i.id.clone().unwrap_or_default()));
            }
        }
        for r in case["state_resources"].as_array().unwrap() {
            let t = r["type"].as_str().unwrap();
            let id = r["id"].as_str().unwrap();
            if DERIVED_ID_TYPES.contains(&t) {
                assert!(
                    count_by_type.get(t).copied().unwrap_or(0) >= 1,
                    "{name}: no {t}"
                );
                continue;
            }
            assert!(
                got.contains(&(t.to_string(), id.to_string())),
                "{name}: {t} {id} not read"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 147);
}

#[test]
fn data_sources_are_read_but_not_managed() {
    let idx = index();
    let case = idx["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case"] == "data_source")
        .unwrap();
    let state = read_file(
        &drift().join(case["state_files"][0].as_str().unwrap()),
        None,
    )
    .unwrap();
    assert!(state
        .instances
        .iter()
        .any(|i| i.mode == Mode::Data && i.address.starts_with("data.")));
    let managed: BTreeSet<_> = state
        .managed()
        .map(|i| (i.resource_type.clone(), i.id.clone().unwrap()))
        .collect();
    let expected: BTreeSet<_> = case["state_resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["type"].as_str().unwrap().to_string(),
                r["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(managed, expected);
}

#[test]
fn module_addresses_are_kept() {
    let state = read_file(
        &drift().join("state/driftctl/module_iam_user.tfstate"),
        None,
    )
    .unwrap();
    assert!(state.instances.iter().all(|i| i
        .module
        .as_deref()
        .is_some_and(|m| m.starts_with("module."))));
    assert!(state.instances[0]
        .address
        .starts_with(state.instances[0].module.as_deref().unwrap()));
}

#[test]
fn version_3_state_reads_modules_and_flat_maps() {
    let state = read_file(&drift().join("state/inframap/version_3_state.json"), None).unwrap();
    assert_eq!(state.format, StateFormat::V3);
    let alb = state
        .instances
        .iter()
        .find(|i| i.address == "module.cycloid.aws_alb.front")
        .unwrap();
    assert_eq!(alb.id.as_deref(), Some("123"));
    assert_eq!(alb.attributes["subnets"].as_array().unwrap().len(), 3);
    assert_eq!(
        alb.attributes["subnet_mapping"].as_array().unwrap().len(),
        3
    );
    assert_eq!(alb.dependencies, ["aws_security_group.alb-front"]);
    let empty = read_file(&drift().join("state/inframap/empty.json"), None).unwrap();
    assert!(empty.instances.is_empty());
}

#[test]
fn unsupported_versions_and_plain_states_behave() {
    let err = read_file(
        &drift().join("state/inframap/invalid_version_state.json"),
        None,
    )
    .unwrap_err();
    assert_eq!(err.code, "state.unsupported_version");
    assert!(err.hint.contains("0.11"));
    for f in [
        "aws_state_with_count.json",
        "multi_module_state.json",
        "google_state.json",
        "azure.tfstate",
        "repeated_modules.json",
    ] {
        let s = read_file(&drift().join("state/inframap").join(f), None)
            .unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(!s.instances.is_empty(), "{f}");
    }
    let merged = read_file(
        &drift().join("state/constructed/merged_driftctl_states.tfstate"),
        None,
    )
    .unwrap();
    let types: BTreeSet<_> = merged
        .instances
        .iter()
        .map(|i| {
            (
                i.module.clone(),
                i.resource_type.clone(),
                i.name.clone(),
                i.mode == Mode::Data,
            )
        })
        .collect();
    assert_eq!(types.len(), 263);
}

#[test]
fn every_plan_corpus_state_reads() {
    // show-json and raw states of the plans corpus: all read, none panics.
    let dir = corpus().join("plans/state");
    let mut n = 0;
    for sub in ["show-json", "raw"] {
        for entry in walk(&dir.join(sub)) {
            match read_file(&entry, None) {
                Ok(_) => n += 1,
                Err(e) => assert!(
                    ["state.unsupported_version", "state.empty", "state.is_plan"].contains(&e.code),
                    "{}: {e}",
                    entry.display()
                ),
            }
        }
    }
    assert!(n >= 100, "only {n} states read");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
