//! The drift cases of ../shared/corpora/drift: each state case paired with its recorded cloud
//! fixture (INDEX.json `derived_classification`), and the cloud-only fixtures against an empty
//! state. Prints a match table; asserts every case whose resource type we support.

mod support;

use orbis_drift::inventory::load_file;
use orbis_drift::Status;
use orbis_state::{read_file, State};
use serde_json::Value;
use std::collections::BTreeSet;
use support::corpus::{classify, drift_corpus, golden_state, keys, with, Key};

/// Types whose identity is not the state's `id` attribute: driftctl computes one (a hash of
/// the rule's fields) before comparing, and so does its cloud fixture. We compare by `id`
/// (what `import` blocks need), so these cases cannot pair up; they are reported, not asserted.
const UNSUPPORTED_ID_TYPES: &[&str] = &["aws_network_acl_rule", "aws_security_group_rule"];

/// Why a case is not asserted, if it is not.
fn unsupported(rtype: &str) -> Option<&'static str> {
    if UNSUPPORTED_ID_TYPES.contains(&rtype) {
        Some("driftctl-derived ids")
    } else if rtype == "analytics_inventory_nometrics" {
        // A raw S3 API listing (Bucket/AnalyticsConfiguration…), not resources: no type, no ids.
        Some("not a resource fixture")
    } else {
        None
    }
}

struct Row {
    case: String,
    rtype: String,
    expected: [usize; 4],
    got: [usize; 4],
    /// managed / missing / unmanaged sets, from the real tfstate read by orbis-state.
    presence_match: bool,
    /// changed set, from the same state side as the expectation (driftctl's state reading).
    changed_match: bool,
    /// the top-level attribute names of every change.
    attrs_match: bool,
    /// changed set from the raw tfstate (not asserted: driftctl normalises attributes through
    /// provider reads before comparing; shown so the difference stays visible).
    changed_raw_match: bool,
    /// the same with the default comparison (null equals empty).
    changed_default_match: bool,
    unsupported: Option<&'static str>,
}

/// The expectation is a raw comparison (INDEX.json's note), so the asserted runs are strict;
/// the default (null equals empty) is reported next to it.
fn changed_attrs(report: &orbis_drift::DriftReport) -> BTreeSet<(Key, String)> {
    report
        .with_status(Status::Changed)
        .flat_map(|r| {
            r.changes.iter().map(|c| {
                let top = c.attribute.split(['.', '[']).next().unwrap().to_string();
                ((r.resource_type.clone(), r.id.clone()), top)
            })
        })
        .collect()
}

fn run_case(case: &Value, cloud_only: bool) -> Row {
    let corpus = drift_corpus();
    let name = case
        .get("case")
        .or(case.get("cloud_case"))
        .and_then(Value::as_str)
        .unwrap()
        .to_string();
    let rtype = case["cloud_resource_type"].as_str().unwrap().to_string();
    let (states, golden): (Vec<State>, Vec<State>) = if cloud_only {
        (Vec::new(), Vec::new())
    } else {
        let raw = case["state_files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| read_file(&corpus.join(f.as_str().unwrap()), None).unwrap())
            .collect();
        (
            raw,
            vec![golden_state(
                &corpus.join(case["state_expected_golden"].as_str().unwrap()),
            )],
        )
    };
    // A fixture recorded with no resources at all has no results file: an empty scan.
    let (inventory, _warnings) = match case["cloud_expected_golden"].as_str() {
        Some(golden) => load_file(&corpus.join(golden), Some(&rtype)).unwrap(),
        None => (
            orbis_drift::inventory::from_fixture(Vec::new(), &rtype).0,
            Vec::new(),
        ),
    };
    let raw = classify(&states, &inventory, true);
    let by_golden = classify(&golden, &inventory, true);
    let raw_default = classify(&states, &inventory, false);

    let d = &case["derived_classification"];
    let (exp_managed, exp_missing, exp_unmanaged) = (
        keys(&d["managed"]),
        keys(&d["missing"]),
        keys(&d["unmanaged"]),
    );
    let exp_changed = keys(&d["changed"]);
    let g_managed = with(&raw, &[Status::Managed, Status::Changed]);
    let (g_missing, g_unmanaged) = (
        with(&raw, &[Status::Missing]),
        with(&raw, &[Status::Unmanaged]),
    );
    let g_changed = if cloud_only {
        BTreeSet::new()
    } else {
        with(&by_golden, &[Status::Changed])
    };
    let exp_attrs: BTreeSet<(Key, String)> = d["changed"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| {
            let k = (
                c["type"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            );
            c["changed_attributes"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |a| (k.clone(), a.as_str().unwrap().to_string()))
        })
        .collect();
    Row {
        case: name,
        unsupported: unsupported(&rtype),
        rtype,
        expected: [
            exp_managed.len(),
            exp_unmanaged.len(),
            exp_missing.len(),
            exp_changed.len(),
        ],
        got: [
            g_managed.len(),
            g_unmanaged.len(),
            g_missing.len(),
            g_changed.len(),
        ],
        presence_match: exp_managed == g_managed
            && exp_missing == g_missing
            && exp_unmanaged == g_unmanaged,
        changed_match: exp_changed == g_changed,
        attrs_match: cloud_only || exp_attrs == changed_attrs(&by_golden),
        changed_raw_match: exp_changed == with(&raw, &[Status::Changed]),
        changed_default_match: exp_changed == with(&raw_default, &[Status::Changed]),
    }
}

#[test]
fn drift_cases_match_the_expected_classification() {
    let index: Value =
        serde_json::from_slice(&std::fs::read(drift_corpus().join("INDEX.json")).unwrap()).unwrap();
    let mut rows = Vec::new();
    for case in index["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["derived_classification"].is_null())
    {
        rows.push(run_case(case, false));
    }
    for case in index["cloud_only_cases"].as_array().unwrap() {
        rows.push(run_case(case, true));
    }
    println!(
        "\n{:<42} {:<38} {:>12} {:>12}  presence changed attrs raw-tfstate-changed",
        "case", "type", "exp M/U/Mi/C", "got M/U/Mi/C"
    );
    let fmt = |c: [usize; 4]| format!("{}/{}/{}/{}", c[0], c[1], c[2], c[3]);
    let yes = |b: bool| if b { "yes" } else { "NO" };
    for r in &rows {
        println!(
            "{:<42} {:<38} {:>12} {:>12}  {:<8} {:<7} {:<5} {:<3}{}",
            r.case,
            r.rtype,
            fmt(r.expected),
            fmt(r.got),
            yes(r.presence_match),
            yes(r.changed_match),
            yes(r.attrs_match),
            if r.changed_raw_match { "=" } else { "≠" },
            r.unsupported
                .map(|why| format!(" (not asserted: {why})"))
                .unwrap_or_default()
        );
    }
    let supported: Vec<&Row> = rows.iter().filter(|r| r.unsupported.is_none()).collect();
    let count = |f: fn(&Row) -> bool| supported.iter().filter(|r| f(r)).count();
    println!(
        "\n{} cases, {} asserted: presence {}/{n}, changed {}/{n}, changed attributes {}/{n}; \
         changed from the raw tfstate equal to driftctl's in {}/{n} (strict), {}/{n} (default)",
        rows.len(),
        supported.len(),
        count(|r| r.presence_match),
        count(|r| r.changed_match),
        count(|r| r.attrs_match),
        count(|r| r.changed_raw_match),
        count(|r| r.changed_default_match),
        n = supported.len()
    );
    assert_eq!(rows.len(), 97);
    let failed: Vec<&str> = supported
        .iter()
        .filter(|r| !(r.presence_match && r.changed_match && r.attrs_match))
        .map(|r| r.case.as_str())
        .collect();
    assert!(failed.is_empty(), "classification differs in {failed:?}");
}
