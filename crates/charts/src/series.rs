//! Named time series over dates: the estimate's total over runs today, drift counts
//! (managed/unmanaged/missing/changed) later. Lines or steps, a marker per point, a legend
//! in the header, dates on the x axis.

use crate::chart::Chart;
use crate::format::{format_date, format_tick, Unit};
use crate::layout::{self, err, style, Area, PAD, SMALL};
use crate::palette::Palette;
use crate::ticks::nice_ticks;
use plotters::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Unix time in seconds (UTC).
    pub at: i64,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeSeriesChart {
    pub title: String,
    pub subtitle: Option<String>,
    pub unit: Unit,
    pub series: Vec<Series>,
    /// Steps (the value holds until the next point: counts, totals per run) or straight lines.
    pub step: bool,
    pub empty_text: String,
}

const DAY: f64 = 86_400.0;
/// Markers are drawn while a series has at most this many points; past it they are clutter.
const MAX_MARKERS: usize = 60;

impl TimeSeriesChart {
    pub fn new(title: impl Into<String>, unit: Unit) -> Self {
        TimeSeriesChart {
            title: title.into(),
            subtitle: None,
            unit,
            series: Vec::new(),
            step: false,
            empty_text: "No costs".into(),
        }
    }

    pub fn subtitle(mut self, s: impl Into<String>) -> Self {
        self.subtitle = Some(s.into());
        self
    }

    pub fn step(mut self, step: bool) -> Self {
        self.step = step;
        self
    }

    pub fn empty_text(mut self, s: impl Into<String>) -> Self {
        self.empty_text = s.into();
        self
    }

    /// Adds a series from `(unix seconds, value)` pairs, in any order.
    pub fn series(mut self, name: impl Into<String>, points: &[(i64, f64)]) -> Self {
        self.series.push(Series {
            name: name.into(),
            points: points
                .iter()
                .map(|&(at, value)| Point { at, value })
                .collect(),
        });
        self
    }

    /// Each series' finite points sorted by time (x in days, so plotters' round key points
    /// land on whole days), with its colour.
    fn cleaned(&self, pal: &Palette) -> Vec<Line> {
        self.series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut pts: Vec<(f64, f64)> = s
                    .points
                    .iter()
                    .filter(|p| p.value.is_finite())
                    .map(|p| (p.at as f64 / DAY, p.value))
                    .collect();
                pts.sort_by(|a, b| a.0.total_cmp(&b.0));
                (s.name.clone(), pal.series[i % pal.series.len()], pts)
            })
            .collect()
    }
}

/// A series ready to draw: name, colour, `(day, value)` points sorted by day.
type Line = (String, RGBColor, Vec<(f64, f64)>);

/// A step path: each value holds until the next point's time.
fn steps(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(pts.len() * 2);
    for (i, p) in pts.iter().enumerate() {
        if i > 0 {
            out.push((p.0, pts[i - 1].1));
        }
        out.push(*p);
    }
    out
}

impl Chart for TimeSeriesChart {
    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, pal: &Palette) -> Result<(), String> {
        let series = self.cleaned(pal);
        let legend: Vec<(String, RGBColor)> =
            series.iter().map(|(n, c, _)| (n.clone(), *c)).collect();
        let top = layout::header(area, &self.title, self.subtitle.as_deref(), &legend, pal)?;
        let all = || series.iter().flat_map(|s| s.2.iter());
        if all().next().is_none() {
            return layout::empty(area, top, &self.empty_text, pal);
        }
        let (mut x0, mut x1) =
            all().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        if x1 - x0 < 1.0 / 24.0 {
            // One run (or runs within the hour): a day either side, so the point has room.
            (x0, x1) = (x0 - 1.0, x1 + 1.0);
        }
        let with_time = x1 - x0 < 3.0;
        // A little room either side so the first and last markers are not cut by the axes.
        let margin = (x1 - x0) * 0.03;
        let (x0, x1) = (x0 - margin, x1 + margin);
        let (lo, hi) = all().fold((0.0f64, 0.0f64), |(a, b), p| (a.min(p.1), b.max(p.1)));
        let ticks = nice_ticks(lo, hi, 5);
        let (y0, y1) = (ticks[0], ticks[ticks.len() - 1]);
        let step = ticks[1] - ticks[0];
        let max_abs = y0.abs().max(y1.abs());
        let unit = &self.unit;
        let y_label_w = ticks
            .iter()
            .map(|t| layout::text_width(&format_tick(*t, step, max_abs, unit), SMALL))
            .max()
            .unwrap_or(0);

        let (w, _) = area.dim_in_pixel();
        let body = area.margin(top, PAD, PAD, PAD + 24);
        let date_w = layout::text_width(&format_date(0, with_time), SMALL) + 24;
        let plot_w = w as i32 - 2 * PAD - y_label_w - 10;
        let x_labels = (plot_w / date_w.max(1)).clamp(2, 10) as usize;
        let mut chart = ChartBuilder::on(&body)
            .x_label_area_size(SMALL as i32 + 12)
            .y_label_area_size(y_label_w + 10)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        let fmt_x = |d: &f64| format_date((d * DAY).round() as i64, with_time);
        let fmt_y = |v: &f64| format_tick(*v, step, max_abs, unit);
        chart
            .configure_mesh()
            .x_labels(x_labels)
            .y_labels(ticks.len())
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&fmt_y)
            .label_style(style(SMALL, pal.muted))
            .axis_style(pal.axis)
            .bold_line_style(pal.grid)
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(err)?;
        for (_, color, pts) in &series {
            let path = if self.step { steps(pts) } else { pts.clone() };
            chart
                .draw_series(LineSeries::new(path, color.stroke_width(2)))
                .map_err(err)?;
            if pts.len() <= MAX_MARKERS {
                chart
                    .draw_series(pts.iter().map(|p| Circle::new(*p, 3, color.filled())))
                    .map_err(err)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::steps;

    #[test]
    fn a_step_path_holds_each_value_until_the_next_point() {
        assert_eq!(
            steps(&[(0.0, 1.0), (1.0, 3.0), (2.0, 2.0)]),
            vec![(0.0, 1.0), (1.0, 1.0), (1.0, 3.0), (2.0, 3.0), (2.0, 2.0)]
        );
        assert!(steps(&[]).is_empty());
    }
}
