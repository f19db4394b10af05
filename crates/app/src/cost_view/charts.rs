//! Cost charts from an estimate, shared by the app's Cost view and `orbis cost … --chart`:
//! the chargeback groups (service, module, tag) as bars, and the estimate history as a line.
//! A group whose cost depends only on usage nobody gave reads "usage-based — not estimated",
//! never "$0.00" (that would say it is free).

use orbis_charts::{BarChart, TimeSeriesChart, Unit};
use orbis_cost::chargeback::{group, GroupBy};
use orbis_cost::Estimate;

/// The label of a bar whose value is not all there is to know.
pub const NOT_ESTIMATED: &str = "usage-based — not estimated";

/// A chargeback grouping: `service`, `module` or `tag:KEY`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grouping {
    Service,
    Module,
    Tag(String),
}

impl Grouping {
    pub fn parse(s: &str) -> Option<Grouping> {
        match s {
            "service" => Some(Grouping::Service),
            "module" => Some(Grouping::Module),
            _ => s
                .strip_prefix("tag:")
                .filter(|k| !k.trim().is_empty())
                .map(|k| Grouping::Tag(k.to_string())),
        }
    }

    pub fn group_by(&self) -> GroupBy<'_> {
        match self {
            Grouping::Service => GroupBy::Service,
            Grouping::Module => GroupBy::Module,
            Grouping::Tag(k) => GroupBy::Tag(k),
        }
    }

    /// `service`, `module`, `tag:KEY` (the key the UI and the JSON report use).
    pub fn key(&self) -> String {
        match self {
            Grouping::Service => "service".into(),
            Grouping::Module => "module".into(),
            Grouping::Tag(k) => format!("tag:{k}"),
        }
    }

    /// For titles: "service", "module", "tag Owner".
    pub fn name(&self) -> String {
        match self {
            Grouping::Service => "service".into(),
            Grouping::Module => "module".into(),
            Grouping::Tag(k) => format!("tag {k}"),
        }
    }
}

/// Bars of an estimate by `by`, with the total in the subtitle.
pub fn breakdown_chart(e: &Estimate, by: &Grouping, title_prefix: &str) -> BarChart {
    let unit = Unit::money(&e.currency);
    let subtitle = format!(
        "Total {} · {} resources · catalog {}",
        orbis_charts::format_value(e.total_monthly_cost, &unit),
        e.resources.len(),
        e.catalog_version
    );
    let mut chart = BarChart::new(
        format!("{title_prefix}monthly cost by {}", by.name()),
        unit.clone(),
    )
    .subtitle(subtitle);
    for g in group(e, by.group_by()) {
        chart = match (g.monthly_cost == 0.0, g.not_estimated > 0) {
            (true, true) => chart.bar_with_note(g.key, 0.0, NOT_ESTIMATED),
            (false, true) => {
                let shown = orbis_charts::format_value(g.monthly_cost, &unit);
                chart.bar_with_note(g.key, g.monthly_cost, format!("{shown} + usage"))
            }
            _ => chart.bar(g.key, g.monthly_cost),
        };
    }
    chart
}

/// The history of a folder's totals from configuration and, when there are any, of the plans
/// reviewed for it (their total after apply): (unix seconds, total) oldest first.
pub fn history_chart(
    configuration: &[(i64, f64)],
    plans: &[(i64, f64)],
    currency: &str,
    name: &str,
) -> TimeSeriesChart {
    let chart = TimeSeriesChart::new("Estimated monthly cost over time", Unit::money(currency))
        .series(name, configuration);
    if plans.is_empty() {
        chart
    } else {
        chart.series("reviewed plans (after apply)", plans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groupings_parse_and_round_trip() {
        for s in ["service", "module", "tag:Owner"] {
            assert_eq!(Grouping::parse(s).unwrap().key(), s);
        }
        assert_eq!(Grouping::parse("tag:"), None);
        assert_eq!(Grouping::parse("region"), None);
    }
}
