//! The Cost view (issue 8): the open workspace's monthly cost estimated offline from its
//! configuration (a folder of it; the whole workspace by default) with the same function as
//! `orbis cost breakdown DIR` (`orbis_cost::from_config::estimate_dir`), so both show the same
//! total. Per-resource rows with their components, free and unsupported resources (never
//! silently $0), usage-based components without usage ("not estimated", not $0.00), budgets of
//! `.orbis.toml`, chargeback groups, charts (SVG for the view, SVG/PNG exports) and the
//! history of totals kept in the local store.

pub mod charts;
mod dto;

pub use dto::*;

use crate::error::{AppError, ErrorCode};
use crate::plan_checks::budget_results;
use crate::session::Session;
use charts::Grouping;
use orbis_charts::{Chart, Format, Options, Theme};
use orbis_cost::chargeback;
use orbis_cost::settings::CostSettings;
use orbis_cost::{Estimate, Estimator, UsageFile};
use orbis_store::{CostSource, NewCostEstimate};
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::Instant;

/// Estimates kept for the history chart (the newest).
const HISTORY_LIMIT: usize = 200;
/// Width of exported and displayed charts; the bar chart's height follows its groups.
const CHART_WIDTH: u32 = 900;

/// What the session keeps for the Cost view: the usage file the user picked and the last
/// estimate (charts and exports are drawn from it, so they match what the view shows).
#[derive(Default)]
pub struct CostState {
    inner: RwLock<Inner>,
}

#[derive(Default)]
struct Inner {
    usage_file: Option<PathBuf>,
    last: Option<Loaded>,
}

struct Loaded {
    workspace: PathBuf,
    folder: String,
    estimate: Estimate,
}

fn cost_error(e: orbis_cost::CostError) -> AppError {
    AppError::new(
        ErrorCode::CostFailed,
        format!("{} ({})", e.message, e.code),
        e.hint,
    )
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Session {
    /// Estimates `folder` (workspace-relative, `""` = the workspace root) from its
    /// configuration, records the total in the history and returns the view.
    pub fn estimate_cost(&self, folder: &str) -> Result<CostView, AppError> {
        let started = Instant::now();
        let (root, dir, folder) = self.with_workspace(|ws| {
            let dir = ws.resolve(folder)?;
            let rel = ws.relative(&dir).unwrap_or_default();
            Ok((ws.root().to_path_buf(), dir, rel))
        })?;
        if !dir.is_dir() {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("{folder} is not a folder of the workspace"),
                "Pick a folder holding .tf files.",
            ));
        }
        let usage_path = self.cost.usage_file();
        let usage = match &usage_path {
            Some(p) => UsageFile::load(p).map_err(cost_error)?,
            None => UsageFile::default(),
        };
        let settings = settings_for(&root, &dir);
        let estimate = orbis_cost::from_config::estimate_dir(
            &dir,
            &Estimator::new(orbis_cost::Catalog::bundled(), usage),
        );
        let budgets = budget_results(estimate.total_monthly_cost, None, &settings.budgets);
        let mut warnings = settings.warnings.clone();
        warnings.extend(estimate.warnings.iter().cloned());
        let view = dto::view(
            &estimate,
            &folder,
            budgets,
            &settings.chargeback_tags,
            usage_path.as_deref(),
            warnings,
            started,
        );
        self.store().record_cost_estimate(&NewCostEstimate {
            workspace: root.display().to_string(),
            folder: folder.clone(),
            estimated_at: now(),
            source: CostSource::Configuration,
            currency: estimate.currency.clone(),
            total: estimate.total_monthly_cost,
            resources: estimate.resources.len() as u64,
        })?;
        self.cost
            .inner
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .last = Some(Loaded {
            workspace: root,
            folder,
            estimate,
        });
        Ok(view)
    }

    /// Adds a reviewed plan's monthly total (after apply) to the workspace's history, as a
    /// `plan` estimate beside the configuration ones. A failure is logged: the review matters
    /// more than its history.
    pub(crate) fn record_plan_cost(&self, view: &crate::plan_review::PlanReviewView) {
        let (Some(cost), Some(ws)) = (&view.cost, self.current_workspace()) else {
            return;
        };
        let row = NewCostEstimate {
            workspace: ws.root,
            folder: String::new(),
            estimated_at: now(),
            source: CostSource::Plan,
            currency: cost.currency.clone(),
            total: cost.total_monthly_cost,
            resources: view.changes.len() as u64,
        };
        if let Err(e) = self.store().record_cost_estimate(&row) {
            log::warn!("cost history: {e}");
        }
    }

    /// The usage file (infracost-usage.yml layout) used by the next estimates; `None` for
    /// none. Checked now, so a bad file is reported when picked. Paths come from Rust only
    /// (the native dialog), never from the webview.
    pub fn set_cost_usage_file(&self, path: Option<&Path>) -> Result<Option<String>, AppError> {
        if let Some(p) = path {
            UsageFile::load(p).map_err(cost_error)?;
        }
        self.cost
            .inner
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .usage_file = path.map(Path::to_path_buf);
        Ok(path.map(display_name))
    }

    /// The last estimate grouped by `grouping` (`service`, `module`, `tag:KEY`) as SVG.
    pub fn cost_chart(&self, grouping: &str, theme: &str) -> Result<String, AppError> {
        let bytes = self.render_cost_chart(grouping, theme, Format::Svg)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The history of the last estimated folder's totals as SVG (the newest estimates).
    pub fn cost_history_chart(&self, theme: &str) -> Result<CostHistory, AppError> {
        let (workspace, folder, currency) = self.with_last(|l| {
            Ok((
                l.workspace.display().to_string(),
                l.folder.clone(),
                l.estimate.currency.clone(),
            ))
        })?;
        let rows = self
            .store()
            .cost_estimates(&workspace, &folder, HISTORY_LIMIT)?;
        let series = |source: CostSource| -> Vec<(i64, f64)> {
            rows.iter()
                .filter(|r| r.estimate.source == source)
                .map(|r| (r.estimate.estimated_at, r.estimate.total))
                .collect()
        };
        let name = if folder.is_empty() {
            "workspace".to_string()
        } else {
            folder.clone()
        };
        let chart = charts::history_chart(
            &series(CostSource::Configuration),
            &series(CostSource::Plan),
            &currency,
            &name,
        );
        let opts = Options::new(CHART_WIDTH, 320, theme_of(theme));
        let svg = chart.to_svg(&opts).map_err(chart_error)?;
        Ok(CostHistory {
            points: rows
                .iter()
                .map(|r| CostHistoryPoint {
                    estimated_at: r.estimate.estimated_at,
                    total_monthly_cost: r.estimate.total,
                    plan: r.estimate.source == CostSource::Plan,
                })
                .collect(),
            svg,
        })
    }

    /// Writes the chart of `grouping` (`history` for the history) to `path` as SVG or PNG.
    pub fn export_cost_chart(
        &self,
        grouping: &str,
        theme: &str,
        format: CostChartFormat,
        path: &Path,
    ) -> Result<(), AppError> {
        let format = match format {
            CostChartFormat::Svg => Format::Svg,
            CostChartFormat::Png => Format::Png,
        };
        let bytes = self.render_cost_chart(grouping, theme, format)?;
        std::fs::write(path, bytes).map_err(|e| AppError::io("write", path, &e))
    }

    /// A file name for an export: `cost-by-service.svg`, `cost-by-tag-Owner.png`.
    pub fn cost_chart_file_name(grouping: &str, format: CostChartFormat) -> String {
        let safe: String = grouping
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("cost-by-{safe}.{}", format.extension())
    }

    fn render_cost_chart(
        &self,
        grouping: &str,
        theme: &str,
        format: Format,
    ) -> Result<Vec<u8>, AppError> {
        let by = Grouping::parse(grouping).ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidRequest,
                format!("{grouping:?} is not a cost grouping"),
                "Use service, module or tag:KEY.",
            )
        })?;
        let chart =
            self.with_last(|l| Ok(charts::breakdown_chart(&l.estimate, &by, "Estimated ")))?;
        let opts = Options::new(CHART_WIDTH, chart.suggested_height(), theme_of(theme));
        chart.render(&opts, format).map_err(chart_error)
    }

    fn with_last<T>(&self, f: impl FnOnce(&Loaded) -> Result<T, AppError>) -> Result<T, AppError> {
        let guard = self.cost.inner.read().unwrap_or_else(|p| p.into_inner());
        let last = guard.last.as_ref().ok_or_else(|| {
            AppError::new(
                ErrorCode::CostFailed,
                "No cost estimate has been made yet",
                "Open the Cost view (View → Cost) first.",
            )
        })?;
        f(last)
    }
}

impl CostState {
    fn usage_file(&self) -> Option<PathBuf> {
        self.inner
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .usage_file
            .clone()
    }
}

fn chart_error(e: orbis_charts::ChartError) -> AppError {
    AppError::new(
        ErrorCode::CostFailed,
        e.to_string(),
        "This is a bug in TerraOrbis; please report it with Help → Open Log Folder.",
    )
}

fn theme_of(theme: &str) -> Theme {
    Theme::parse(theme).unwrap_or_default()
}

fn display_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// `.orbis.toml` of the estimated folder, else the workspace root's (as the CLI reads the one
/// beside the folder it is given).
fn settings_for(root: &Path, dir: &Path) -> CostSettings {
    let beside = dir.join(".orbis.toml");
    if beside.is_file() {
        CostSettings::load(&beside)
    } else {
        CostSettings::load(&root.join(".orbis.toml"))
    }
}

impl CostChartFormat {
    pub fn extension(self) -> &'static str {
        match self {
            CostChartFormat::Svg => "svg",
            CostChartFormat::Png => "png",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            CostChartFormat::Svg => "SVG image",
            CostChartFormat::Png => "PNG image",
        }
    }
}

/// The chargeback groupings a view offers: service, module, then each configured tag.
fn groupings(tags: &[String]) -> Vec<Grouping> {
    let mut out = vec![Grouping::Service, Grouping::Module];
    out.extend(tags.iter().map(|t| Grouping::Tag(t.clone())));
    out
}

fn groups_of(e: &Estimate, by: &Grouping) -> Vec<chargeback::Group> {
    chargeback::group(e, by.group_by())
}
