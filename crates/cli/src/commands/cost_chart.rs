//! `--chart FILE.svg|FILE.png` of `orbis cost breakdown` / `cost diff`: the estimate grouped
//! by service, module or a tag (the same chargeback groups as the reports), drawn by
//! orbis-charts. A breakdown is a bar chart; a diff shows before → after per group.

use orbis_app::cost_view::charts::{breakdown_chart, Grouping};
use orbis_charts::{Chart, DeltaChart, Format, Options, Theme, Unit};
use orbis_cost::chargeback::group;
use orbis_cost::model::PlanEstimate;
use orbis_cost::{CostError, Estimate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Width of a CLI chart; the height follows the number of groups.
const WIDTH: u32 = 900;

pub struct ChartRequest {
    path: PathBuf,
    format: Format,
    by: Grouping,
    theme: Theme,
}

impl ChartRequest {
    /// Checked before any estimating, so a typo fails fast with exit code 2.
    pub fn from_args(
        chart: Option<&Path>,
        group_by: &str,
        theme: &str,
    ) -> Result<Option<ChartRequest>, CostError> {
        let Some(path) = chart else { return Ok(None) };
        let format = Format::from_path(path).ok_or_else(|| {
            CostError::new(
                "cost.usage",
                format!("--chart {}: unknown image format", path.display()),
                "name the chart file .svg or .png",
            )
        })?;
        let by = Grouping::parse(group_by).ok_or_else(|| {
            CostError::new(
                "cost.usage",
                format!("--group-by {group_by} is not a grouping"),
                "use service, module or tag:KEY (e.g. tag:Owner)",
            )
        })?;
        Ok(Some(ChartRequest {
            path: path.to_path_buf(),
            format,
            by,
            theme: Theme::parse(theme).unwrap_or_default(),
        }))
    }

    fn title(&self, prefix: &str) -> String {
        format!("{prefix}monthly cost by {}", self.by.name())
    }

    /// Bars of one estimate (a folder, or a plan's planned state): the app's Cost view chart.
    pub fn write_estimate(&self, e: &Estimate) -> Result<(), CostError> {
        let chart = breakdown_chart(e, &self.by, "Estimated ");
        let opts = Options::new(WIDTH, chart.suggested_height(), self.theme);
        self.write(chart.render(&opts, self.format))
    }

    /// Before → after per group of a plan.
    pub fn write_diff(&self, p: &PlanEstimate) -> Result<(), CostError> {
        let unit = Unit::money(&p.after.currency);
        let mut sides: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for g in group(&p.before, self.by.group_by()) {
            sides.entry(g.key).or_default().0 = g.monthly_cost;
        }
        for g in group(&p.after, self.by.group_by()) {
            sides.entry(g.key).or_default().1 = g.monthly_cost;
        }
        let v = |x: f64| orbis_charts::format_value(x, &unit);
        let diff = p.diff_total();
        let sign = if diff > 0.0 { "+" } else { "" };
        let subtitle = format!(
            "{} → {} ({sign}{})",
            v(p.past_total()),
            v(p.total()),
            v(diff)
        );
        let mut chart = DeltaChart::new(self.title("Plan: "), unit.clone()).subtitle(subtitle);
        for (key, (before, after)) in sides {
            chart = chart.row(key, before, after);
        }
        let opts = Options::new(WIDTH, chart.suggested_height(), self.theme);
        self.write(chart.render(&opts, self.format))
    }

    fn write(&self, bytes: Result<Vec<u8>, orbis_charts::ChartError>) -> Result<(), CostError> {
        let bytes = bytes.map_err(|e| {
            CostError::new(
                "cost.chart",
                e.to_string(),
                "report this with the command line used",
            )
        })?;
        std::fs::write(&self.path, bytes).map_err(|e| {
            CostError::new(
                "cost.io",
                format!("cannot write {}: {e}", self.path.display()),
                "check the chart path",
            )
        })
    }
}
