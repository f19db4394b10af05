//! Horizontal bar chart of one value per label, largest first, each bar labelled with its
//! value (`$1,234.56`): monthly cost by service, by tag value, by module.

use crate::chart::Chart;
use crate::format::{format_value, Unit};
use crate::layout::{self, Area, Row, RowLayout};
use crate::palette::Palette;
use plotters::prelude::DrawingBackend;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Shown instead of the formatted value (e.g. "usage-based — not estimated" for a group
    /// whose cost depends on usage nobody gave: a $0.00 label would say it is free).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    /// A line under the title (e.g. the total); `None` for none.
    pub subtitle: Option<String>,
    pub unit: Unit,
    pub bars: Vec<Bar>,
    /// Shown instead of bars when there are none.
    pub empty_text: String,
}

const LAYOUT: RowLayout = RowLayout {
    min_pitch: 18,
    max_pitch: 34,
};

impl BarChart {
    pub fn new(title: impl Into<String>, unit: Unit) -> Self {
        BarChart {
            title: title.into(),
            subtitle: None,
            unit,
            bars: Vec::new(),
            empty_text: "No costs".into(),
        }
    }

    pub fn subtitle(mut self, s: impl Into<String>) -> Self {
        self.subtitle = Some(s.into());
        self
    }

    pub fn bar(mut self, label: impl Into<String>, value: f64) -> Self {
        self.bars.push(Bar {
            label: label.into(),
            value,
            note: None,
        });
        self
    }

    /// A bar whose value label is `note` instead of the formatted value.
    pub fn bar_with_note(
        mut self,
        label: impl Into<String>,
        value: f64,
        note: impl Into<String>,
    ) -> Self {
        self.bars.push(Bar {
            label: label.into(),
            value,
            note: Some(note.into()),
        });
        self
    }

    /// A height that gives every bar a comfortable row (for callers free to choose).
    pub fn suggested_height(&self) -> u32 {
        let header = 80;
        let rows = self.bars.len().clamp(1, 60) as u32;
        (header + rows * 28 + 40).clamp(220, 1800)
    }

    /// Finite values largest first (ties by label), and how many were not numbers.
    fn sorted(&self) -> (Vec<Bar>, usize) {
        let mut bars: Vec<Bar> = self
            .bars
            .iter()
            .filter(|b| b.value.is_finite())
            .cloned()
            .collect();
        let dropped = self.bars.len() - bars.len();
        bars.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.label.cmp(&b.label)));
        (bars, dropped)
    }
}

/// Keeps the first `max - 1` bars and sums the rest into "Other (n)", so a chart with more
/// labels than rows stays readable and still adds up to the total.
fn fold_tail(mut bars: Vec<Bar>, max: usize) -> Vec<Bar> {
    if bars.len() <= max {
        return bars;
    }
    let keep = max.saturating_sub(1).max(1);
    let tail = bars.split_off(keep);
    bars.push(Bar {
        label: format!("Other ({})", tail.len()),
        value: tail.iter().map(|b| b.value).sum(),
        note: None,
    });
    bars
}

impl Chart for BarChart {
    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, pal: &Palette) -> Result<(), String> {
        let (bars, dropped) = self.sorted();
        let note = (dropped > 0).then(|| format!("{dropped} value(s) not shown: not a number"));
        let subtitle = match (&self.subtitle, &note) {
            (Some(s), Some(n)) => Some(format!("{s} · {n}")),
            (Some(s), None) => Some(s.clone()),
            (None, n) => n.clone(),
        };
        let top = layout::header(area, &self.title, subtitle.as_deref(), &[], pal)?;
        if bars.is_empty() {
            return layout::empty(area, top, &self.empty_text, pal);
        }
        let (_, h) = area.dim_in_pixel();
        let bars = fold_tail(bars, layout::rows_that_fit(h, top, &LAYOUT));
        let rows: Vec<Row> = bars
            .into_iter()
            .map(|b| Row {
                note: vec![(
                    b.note.unwrap_or_else(|| format_value(b.value, &self.unit)),
                    pal.text,
                )],
                bars: vec![(b.value, if b.value < 0.0 { pal.decrease } else { pal.bar })],
                label: b.label,
            })
            .collect();
        layout::draw_rows(area, top, &rows, &self.unit, &LAYOUT, pal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_sort_largest_first_and_drop_non_numbers() {
        let c = BarChart::new("t", Unit::Count)
            .bar("b", 1.0)
            .bar("x", f64::NAN)
            .bar("a", 1.0)
            .bar("c", 5.0)
            .bar("y", f64::INFINITY);
        let (bars, dropped) = c.sorted();
        let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!((labels, dropped), (vec!["c", "a", "b"], 2));
    }

    #[test]
    fn the_tail_is_folded_into_other_and_keeps_the_sum() {
        let bars: Vec<Bar> = (0..10)
            .map(|i| Bar {
                label: format!("s{i}"),
                value: 10.0 - i as f64,
                note: None,
            })
            .collect();
        let folded = fold_tail(bars, 4);
        assert_eq!(folded.len(), 4);
        assert_eq!(folded[3].label, "Other (7)");
        assert_eq!(folded.iter().map(|b| b.value).sum::<f64>(), 55.0);
    }
}
