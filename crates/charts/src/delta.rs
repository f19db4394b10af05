//! Before → after per group (service, tag, module) for plan review: two bars per row and the
//! change in colour (up is red: it costs more; down is green). Biggest changes first.

use crate::chart::Chart;
use crate::format::{format_value, Unit};
use crate::layout::{self, Area, Row, RowLayout};
use crate::palette::Palette;
use plotters::prelude::DrawingBackend;

#[derive(Debug, Clone, PartialEq)]
pub struct DeltaRow {
    pub label: String,
    pub before: f64,
    pub after: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeltaChart {
    pub title: String,
    pub subtitle: Option<String>,
    pub unit: Unit,
    pub rows: Vec<DeltaRow>,
    pub empty_text: String,
}

const LAYOUT: RowLayout = RowLayout {
    min_pitch: 24,
    max_pitch: 44,
};

impl DeltaChart {
    pub fn new(title: impl Into<String>, unit: Unit) -> Self {
        DeltaChart {
            title: title.into(),
            subtitle: None,
            unit,
            rows: Vec::new(),
            empty_text: "No costs".into(),
        }
    }

    pub fn subtitle(mut self, s: impl Into<String>) -> Self {
        self.subtitle = Some(s.into());
        self
    }

    pub fn row(mut self, label: impl Into<String>, before: f64, after: f64) -> Self {
        self.rows.push(DeltaRow {
            label: label.into(),
            before,
            after,
        });
        self
    }

    pub fn suggested_height(&self) -> u32 {
        let rows = self.rows.len().clamp(1, 40) as u32;
        (100 + rows * 38 + 40).clamp(240, 1800)
    }

    /// Rows with finite values (a missing side counts as 0), largest change first, then
    /// largest after.
    fn sorted(&self) -> Vec<DeltaRow> {
        let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
        let mut rows: Vec<DeltaRow> = self
            .rows
            .iter()
            .map(|r| DeltaRow {
                label: r.label.clone(),
                before: finite(r.before),
                after: finite(r.after),
            })
            .collect();
        rows.sort_by(|a, b| {
            (b.after - b.before)
                .abs()
                .total_cmp(&(a.after - a.before).abs())
                .then(b.after.total_cmp(&a.after))
                .then(a.label.cmp(&b.label))
        });
        rows
    }
}

impl Chart for DeltaChart {
    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, pal: &Palette) -> Result<(), String> {
        let legend = [
            ("before".to_string(), pal.before),
            ("after".to_string(), pal.bar),
        ];
        let mut rows = self.sorted();
        let top = layout::header(area, &self.title, self.subtitle.as_deref(), &legend, pal)?;
        if rows.is_empty() {
            return layout::empty(area, top, &self.empty_text, pal);
        }
        let (_, h) = area.dim_in_pixel();
        let max = layout::rows_that_fit(h, top, &LAYOUT);
        if rows.len() > max {
            // Unlike a breakdown, the tail of a delta is the rows that did not change much:
            // summing them keeps the totals right.
            let keep = max.saturating_sub(1).max(1);
            let tail = rows.split_off(keep);
            rows.push(DeltaRow {
                label: format!("Other ({})", tail.len()),
                before: tail.iter().map(|r| r.before).sum(),
                after: tail.iter().map(|r| r.after).sum(),
            });
        }
        let rows: Vec<Row> = rows
            .into_iter()
            .map(|r| {
                let d = r.after - r.before;
                let (sign, color) = if d > 0.005 {
                    ("+", pal.increase)
                } else if d < -0.005 {
                    ("", pal.decrease)
                } else {
                    ("±", pal.muted)
                };
                Row {
                    note: vec![
                        (format_value(r.after, &self.unit), pal.text),
                        (format!("  {sign}{}", format_value(d, &self.unit)), color),
                    ],
                    bars: vec![(r.before, pal.before), (r.after, pal.bar)],
                    label: r.label,
                }
            })
            .collect();
        layout::draw_rows(area, top, &rows, &self.unit, &LAYOUT, pal)
    }
}
