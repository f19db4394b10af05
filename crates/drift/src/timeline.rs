//! The drift timeline of a workspace: managed / unmanaged / missing / changed counts and
//! coverage over the recorded scans, drawn by orbis-charts (SVG, embedded font: the same
//! picture on every machine).

use orbis_charts::{Chart, ChartError, Options, TimeSeriesChart, Unit};

/// One recorded scan, as the store returns it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScanPoint {
    /// Unix seconds (UTC).
    pub at: i64,
    pub managed: usize,
    pub unmanaged: usize,
    pub missing: usize,
    pub changed: usize,
    pub coverage: f64,
}

/// Counts over time (steps: a count holds until the next scan).
pub fn counts_chart(workspace: &str, points: &[ScanPoint]) -> TimeSeriesChart {
    let series = |f: fn(&ScanPoint) -> f64| points.iter().map(|p| (p.at, f(p))).collect::<Vec<_>>();
    TimeSeriesChart::new("Drift over time", Unit::Count)
        .subtitle(workspace.to_string())
        .step(true)
        .empty_text("No drift scans yet")
        .series("managed", &series(|p| p.managed as f64))
        .series("unmanaged", &series(|p| p.unmanaged as f64))
        .series("missing", &series(|p| p.missing as f64))
        .series("changed", &series(|p| p.changed as f64))
}

/// Coverage (% of live resources under management) over time.
pub fn coverage_chart(workspace: &str, points: &[ScanPoint]) -> TimeSeriesChart {
    let pts: Vec<(i64, f64)> = points.iter().map(|p| (p.at, p.coverage)).collect();
    TimeSeriesChart::new(
        "Coverage (% of all resources that are managed)",
        Unit::Count,
    )
    .subtitle(workspace.to_string())
    .step(true)
    .empty_text("No drift scans yet")
    .series("coverage %", &pts)
}

/// Both charts as SVG documents: (counts, coverage).
pub fn svg(
    workspace: &str,
    points: &[ScanPoint],
    options: &Options,
) -> Result<(String, String), ChartError> {
    Ok((
        counts_chart(workspace, points).to_svg(options)?,
        coverage_chart(workspace, points).to_svg(options)?,
    ))
}
