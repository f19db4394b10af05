//! The drift cases of ../shared/corpora/drift whose resource type the live AWS inventory
//! scans: each recorded cloud fixture (driftctl's, INDEX.json) is cut down to the attributes
//! the live scan returns for its type (`compared_attributes`), as if our scan had recorded
//! it, then classified against the case's state. Asserted: managed/missing/unmanaged equal
//! the derived classification, and the changed resources and attributes equal the derived
//! ones restricted to the attributes we compare. Prints the match table, and for each type
//! how many of its compared attribute names the recorded state carries (the names are the
//! provider schema's, so a wrong name shows up here as "not in state").

use orbis_cloud::inventory::{compared_attributes, AWS_TYPES};
#[path = "../../drift/tests/support/corpus.rs"]
mod corpus;

use corpus::{classify, drift_corpus, golden_state, keys, with, Key};
use orbis_drift::inventory::load_file;
use orbis_drift::Status;
use orbis_state::{read_file, State};
use serde_json::Value;
use std::collections::BTreeSet;

/// Types added with RDS/IAM/ELBv2/Lambda (marked in the table).
const NEW: &[&str] = &[
    "aws_db_instance",
    "aws_iam_user",
    "aws_iam_role",
    "aws_iam_policy",
    "aws_lb",
    "aws_lb_target_group",
    "aws_lambda_function",
];

struct Row {
    case: String,
    rtype: String,
    counts: [usize; 4],
    presence: bool,
    changed: bool,
    in_state: String,
}

fn run(case: &Value, cloud_only: bool) -> Row {
    let corpus = drift_corpus();
    let rtype = case["cloud_resource_type"].as_str().unwrap().to_string();
    let name = case
        .get("case")
        .or(case.get("cloud_case"))
        .and_then(Value::as_str)
        .unwrap()
        .to_string();
    let ours = compared_attributes(&rtype);
    let (states, golden) = if cloud_only {
        (Vec::new(), Vec::new())
    } else {
        let raw: Vec<State> = case["state_files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| read_file(&corpus.join(f.as_str().unwrap()), None).unwrap())
            .collect();
        let golden = golden_state(&corpus.join(case["state_expected_golden"].as_str().unwrap()));
        (raw, vec![golden])
    };
    let mut inv = match case["cloud_expected_golden"].as_str() {
        Some(g) => load_file(&corpus.join(g), Some(&rtype)).unwrap().0,
        None => orbis_drift::inventory::from_fixture(Vec::new(), &rtype).0,
    };
    // What our scan would have recorded: only the attributes it returns.
    for r in &mut inv.resources {
        r.attributes.retain(|k, _| ours.contains(&k.as_str()));
    }
    let raw = classify(&states, &inv, true);
    let by_golden = classify(&golden, &inv, true);
    let d = &case["derived_classification"];
    let presence = keys(&d["managed"]) == with(&raw, &[Status::Managed, Status::Changed])
        && keys(&d["missing"]) == with(&raw, &[Status::Missing])
        && keys(&d["unmanaged"]) == with(&raw, &[Status::Unmanaged]);
    // Derived changes on attributes we compare, and ours (top-level names).
    let expected: BTreeSet<(Key, String)> = d["changed"]
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
                .filter_map(|a| a.as_str())
                .filter(|a| ours.contains(a))
                .map(move |a| (k.clone(), a.to_string()))
        })
        .collect();
    let got: BTreeSet<(Key, String)> = by_golden
        .with_status(Status::Changed)
        .flat_map(|r| {
            r.changes.iter().map(|c| {
                let top = c.attribute.split(['.', '[']).next().unwrap().to_string();
                ((r.resource_type.clone(), r.id.clone()), top)
            })
        })
        .collect();
    let changed = cloud_only || expected == got;
    // Which compared names the recorded state carries for this type.
    let state_attrs: BTreeSet<String> = golden
        .iter()
        .flat_map(|s| s.instances.iter())
        .filter(|i| i.resource_type == rtype)
        .filter_map(|i| i.attributes.as_object())
        .flat_map(|m| m.keys().cloned())
        .collect();
    let present = ours
        .iter()
        .filter(|a| state_attrs.contains(**a) || (**a == "tags" && state_attrs.is_empty()))
        .count();
    Row {
        case: name,
        counts: [
            with(&raw, &[Status::Managed]).len(),
            with(&raw, &[Status::Unmanaged]).len(),
            with(&raw, &[Status::Missing]).len(),
            with(&by_golden, &[Status::Changed]).len(),
        ],
        rtype,
        presence,
        changed,
        in_state: if cloud_only {
            "-".into()
        } else {
            format!("{present}/{}", ours.len())
        },
    }
}

#[test]
fn corpus_cases_of_live_scanned_types_classify_as_derived() {
    let index: Value =
        serde_json::from_slice(&std::fs::read(drift_corpus().join("INDEX.json")).unwrap()).unwrap();
    let live: BTreeSet<&str> = AWS_TYPES
        .iter()
        .flat_map(|t| t.terraform_types().iter().copied())
        .collect();
    for t in NEW {
        assert!(live.contains(t), "{t} is not scanned live");
    }
    let scanned = |c: &&Value| {
        c["cloud_resource_type"]
            .as_str()
            .is_some_and(|t| live.contains(t))
    };
    let mut rows: Vec<Row> = index["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["derived_classification"].is_null())
        .filter(scanned)
        .map(|c| run(c, false))
        .collect();
    rows.extend(
        index["cloud_only_cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter(scanned)
            .map(|c| run(c, true)),
    );
    println!(
        "\n{:<34} {:<22} {:>12}  presence changed  compared-attrs-in-state",
        "case", "type", "got M/U/Mi/C"
    );
    let yes = |b: bool| if b { "yes" } else { "NO" };
    for r in &rows {
        println!(
            "{:<34} {:<22} {:>12}  {:<8} {:<8} {}{}",
            r.case,
            r.rtype,
            format!(
                "{}/{}/{}/{}",
                r.counts[0], r.counts[1], r.counts[2], r.counts[3]
            ),
            yes(r.presence),
            yes(r.changed),
            r.in_state,
            if NEW.contains(&r.rtype.as_str()) {
                "  (new)"
            } else {
                ""
            }
        );
    }
    let new_rows = rows
        .iter()
        .filter(|r| NEW.contains(&r.rtype.as_str()))
        .count();
    println!(
        "\n{} cases of live-scanned types ({} of the new types): presence {}/{n}, changed {}/{n}",
        rows.len(),
        new_rows,
        rows.iter().filter(|r| r.presence).count(),
        rows.iter().filter(|r| r.changed).count(),
        n = rows.len()
    );
    // Every new type the corpus has a case for is covered (aws_lb and aws_lb_target_group have
    // no recorded cloud fixture in it).
    let types: BTreeSet<&str> = rows.iter().map(|r| r.rtype.as_str()).collect();
    for t in [
        "aws_db_instance",
        "aws_iam_user",
        "aws_iam_role",
        "aws_iam_policy",
        "aws_lambda_function",
    ] {
        assert!(types.contains(t), "no corpus case for {t}");
    }
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| !(r.presence && r.changed))
        .map(|r| r.case.as_str())
        .collect();
    assert!(failed.is_empty(), "classification differs in {failed:?}");
}
