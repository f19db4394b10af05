//! Summary and coverage computed as driftctl computes them, on its own analysis outputs
//! (`analysis_goldens` of the corpus: summary counts and `coverage`).

use orbis_drift::Summary;
use serde_json::Value;
use std::path::Path;

#[test]
fn coverage_matches_driftctls_outputs() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/drift");
    let index: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("INDEX.json")).unwrap()).unwrap();
    let mut checked = 0;
    for g in index["analysis_goldens"].as_array().unwrap() {
        let doc: Value = serde_json::from_slice(
            &std::fs::read(corpus.join(g["file"].as_str().unwrap())).unwrap(),
        )
        .unwrap();
        let s = &doc["summary"];
        let n = |k: &str| s[k].as_u64().unwrap_or(0) as usize;
        let ours = Summary {
            managed: n("total_managed"),
            unmanaged: n("total_unmanaged"),
            missing: n("total_missing"),
            changed: n("total_changed"),
            ignored: 0,
        };
        assert_eq!(ours.total(), n("total_resources"), "{}", g["file"]);
        if let Some(expected) = doc["coverage"].as_u64() {
            // driftctl prints whole percents (truncated).
            assert_eq!(ours.coverage().trunc() as u64, expected, "{}", g["file"]);
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}
