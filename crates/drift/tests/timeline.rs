//! The drift timeline: counts and coverage over recorded scans as SVG through orbis-charts.

use orbis_charts::Options;
use orbis_drift::timeline::{svg, ScanPoint};

#[test]
fn timeline_draws_counts_and_coverage() {
    let day = 86_400;
    let points: Vec<ScanPoint> = (0..5)
        .map(|i| ScanPoint {
            at: 1_790_000_000 + i * day,
            managed: 10 + i as usize,
            unmanaged: 5 - i as usize,
            missing: (i % 2) as usize,
            changed: 2,
            coverage: (10 + i) as f64 * 100.0 / 15.0,
        })
        .collect();
    let (counts, coverage) = svg("/work/infra/prod", &points, &Options::default()).unwrap();
    for s in [&counts, &coverage] {
        assert!(
            s.starts_with("<svg") || s.starts_with("<?xml"),
            "{}",
            &s[..80.min(s.len())]
        );
        assert!(s.contains("/work/infra/prod"));
    }
    for name in ["managed", "unmanaged", "missing", "changed"] {
        assert!(counts.contains(name), "legend {name}");
    }
    assert!(coverage.contains("Coverage"));
    // Same input, same picture (embedded font, no clock).
    assert_eq!(
        svg("/work/infra/prod", &points, &Options::default())
            .unwrap()
            .0,
        counts
    );
    let (empty, _) = svg("ws", &[], &Options::default()).unwrap();
    assert!(empty.contains("No drift scans yet"));
}
