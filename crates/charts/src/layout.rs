//! Pieces shared by the charts: text styles and measuring (with the embedded font, so widths
//! are the same everywhere), the header (title, subtitle, legend), the empty-chart message,
//! and the horizontal-row renderer behind the bar and delta charts.

use crate::font;
use crate::format::{format_tick, Unit};
use crate::palette::Palette;
use crate::ticks::nice_ticks;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub const TITLE: f64 = 20.0;
pub const BODY: f64 = 14.0;
pub const SMALL: f64 = 12.0;
pub const PAD: i32 = 14;

pub type Area<DB> = DrawingArea<DB, Shift>;

pub fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

pub fn style(size: f64, color: RGBColor) -> TextStyle<'static> {
    // Built field by field: `TextStyle::color` borrows the colour for the style's lifetime.
    TextStyle {
        font: FontDesc::new(font::family(), size, FontStyle::Normal),
        color: color.to_backend_color(),
        pos: Pos::default(),
    }
}

pub fn anchored(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    style(size, color).pos(Pos::new(h, v))
}

/// Width in pixels of `text` at `size`, rounded up.
pub fn text_width(text: &str, size: f64) -> i32 {
    font::measure(text, size).ceil() as i32
}

/// `text` shortened with "…" to fit `max_w` pixels (labels like long module paths).
pub fn fit(text: &str, size: f64, max_w: i32) -> String {
    if text_width(text, size) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search on the number of kept characters: widths grow with the prefix.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(&candidate, size) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>() + "…"
}

/// Background, title, optional subtitle and legend (coloured squares with names, wrapped).
/// Returns the y where the chart body starts.
pub fn header<DB: DrawingBackend>(
    area: &Area<DB>,
    title: &str,
    subtitle: Option<&str>,
    legend: &[(String, RGBColor)],
    pal: &Palette,
) -> Result<i32, String> {
    area.fill(&pal.background).map_err(err)?;
    let (w, _) = area.dim_in_pixel();
    let max_w = w as i32 - 2 * PAD;
    let mut y = PAD;
    let title = fit(&crate::format::clean(title), TITLE, max_w);
    area.draw(&Text::new(
        title,
        (PAD, y),
        anchored(TITLE, pal.text, HPos::Left, VPos::Top),
    ))
    .map_err(err)?;
    y += TITLE as i32 + 6;
    if let Some(s) = subtitle {
        let s = fit(&crate::format::clean(s), SMALL, max_w);
        area.draw(&Text::new(
            s,
            (PAD, y),
            anchored(SMALL, pal.muted, HPos::Left, VPos::Top),
        ))
        .map_err(err)?;
        y += SMALL as i32 + 6;
    }
    if !legend.is_empty() {
        let mut x = PAD;
        let swatch = 10;
        for (name, color) in legend {
            let name = fit(&crate::format::clean(name), SMALL, max_w - swatch - 6);
            let item_w = swatch + 6 + text_width(&name, SMALL) + 16;
            if x > PAD && x + item_w > w as i32 - PAD {
                x = PAD;
                y += SMALL as i32 + 6;
            }
            let cy = y + SMALL as i32 / 2;
            area.draw(&Rectangle::new(
                [(x, cy - swatch / 2), (x + swatch, cy + swatch / 2)],
                color.filled(),
            ))
            .map_err(err)?;
            area.draw(&Text::new(
                name,
                (x + swatch + 6, cy),
                anchored(SMALL, pal.text, HPos::Left, VPos::Center),
            ))
            .map_err(err)?;
            x += item_w;
        }
        y += SMALL as i32 + 6;
    }
    Ok(y + 6)
}

/// The message of a chart with nothing to show ("No costs"), centred below the header.
pub fn empty<DB: DrawingBackend>(
    area: &Area<DB>,
    top: i32,
    text: &str,
    pal: &Palette,
) -> Result<(), String> {
    let (w, h) = area.dim_in_pixel();
    let text = fit(&crate::format::clean(text), BODY, w as i32 - 2 * PAD);
    let cy = top + (h as i32 - top) / 2;
    area.draw(&Text::new(
        text,
        (w as i32 / 2, cy),
        anchored(BODY, pal.muted, HPos::Center, VPos::Center),
    ))
    .map_err(err)
}

/// One row of a horizontal-bar chart: a label, one or more bars drawn from zero (stacked
/// vertically within the row, e.g. before/after), and text after the bars.
pub struct Row {
    pub label: String,
    pub bars: Vec<(f64, RGBColor)>,
    pub note: Vec<(String, RGBColor)>,
}

pub struct RowLayout {
    /// Row height bounds: rows shrink to fit the area down to `min_pitch`, and never grow
    /// past `max_pitch` (a 2-bar chart should not have 150-pixel bars).
    pub min_pitch: i32,
    pub max_pitch: i32,
}

/// How many rows fit below `top` in an area `h` pixels high.
pub fn rows_that_fit(h: u32, top: i32, layout: &RowLayout) -> usize {
    let avail = h as i32 - top - PAD - AXIS_H;
    (avail / layout.min_pitch.max(1)).max(1) as usize
}

const AXIS_H: i32 = 22;

/// Draws rows with a value axis at the bottom (nice ticks, gridlines, zero line). Values must
/// be finite (callers drop the others).
pub fn draw_rows<DB: DrawingBackend>(
    area: &Area<DB>,
    top: i32,
    rows: &[Row],
    unit: &Unit,
    layout: &RowLayout,
    pal: &Palette,
) -> Result<(), String> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let labels: Vec<String> = rows
        .iter()
        .map(|r| fit(&crate::format::clean(&r.label), BODY, w * 38 / 100))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text_width(l, BODY))
        .max()
        .unwrap_or(0);
    let note_w = rows
        .iter()
        .map(|r| {
            r.note
                .iter()
                .map(|(s, _)| text_width(s, SMALL))
                .sum::<i32>()
        })
        .max()
        .unwrap_or(0);
    let x0 = PAD + label_w + 10;
    let x1 = (w - PAD - note_w - 8).max(x0 + 1);

    let values = rows.iter().flat_map(|r| r.bars.iter().map(|b| b.0));
    let lo = values.clone().fold(0.0f64, f64::min);
    let hi = values.fold(0.0f64, f64::max);
    let target = ((x1 - x0) / 80).clamp(2, 8) as usize;
    let ticks = nice_ticks(lo, hi, target);
    let (t0, t1) = (ticks[0], ticks[ticks.len() - 1]);
    let step = if ticks.len() > 1 {
        ticks[1] - ticks[0]
    } else {
        1.0
    };
    let max_abs = t0.abs().max(t1.abs());
    let to_x = |v: f64| -> i32 {
        let f = ((v - t0) / (t1 - t0)).clamp(0.0, 1.0);
        x0 + (f * (x1 - x0) as f64).round() as i32
    };

    let avail = h - top - PAD - AXIS_H;
    let n = rows.len().max(1) as i32;
    let pitch = (avail / n).clamp(1, layout.max_pitch);
    // Rows capped at max_pitch leave room: centre the rows and axis in it rather than leave
    // a blank band at the bottom.
    let top = top + ((avail - pitch * n) / 2).max(0);
    let axis_y = top + pitch * n + 2;

    // Gridlines and tick labels first, so bars are drawn over them.
    for t in &ticks {
        let x = to_x(*t);
        area.draw(&PathElement::new(vec![(x, top), (x, axis_y)], pal.grid))
            .map_err(err)?;
        area.draw(&Text::new(
            format_tick(*t, step, max_abs, unit),
            (x, axis_y + 5),
            anchored(SMALL, pal.muted, HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
    }
    let zero = to_x(0.0);

    for (i, (row, label)) in rows.iter().zip(&labels).enumerate() {
        let ry = top + pitch * i as i32;
        let cy = ry + pitch / 2;
        area.draw(&Text::new(
            label.clone(),
            (x0 - 10, cy),
            anchored(BODY, pal.text, HPos::Right, VPos::Center),
        ))
        .map_err(err)?;
        // Bars share 70% of the row, split evenly; at least 1 px each.
        let k = row.bars.len().max(1) as i32;
        let band = (pitch * 70 / 100).max(k);
        let bar_h = (band / k).max(1);
        let by0 = cy - band / 2;
        let mut right = zero;
        for (j, (v, color)) in row.bars.iter().enumerate() {
            let x = to_x(*v);
            let y = by0 + bar_h * j as i32;
            // A value too small to see still gets a 1-pixel sliver: "there, but tiny".
            let (l, r) = if x >= zero {
                (zero, x.max(zero + 1))
            } else {
                (x, zero)
            };
            area.draw(&Rectangle::new(
                [(l, y), (r, y + bar_h - 1)],
                color.filled(),
            ))
            .map_err(err)?;
            right = right.max(r);
        }
        let mut tx = right + 6;
        for (s, color) in &row.note {
            area.draw(&Text::new(
                s.clone(),
                (tx, cy),
                anchored(SMALL, *color, HPos::Left, VPos::Center),
            ))
            .map_err(err)?;
            tx += text_width(s, SMALL);
        }
    }
    area.draw(&PathElement::new(
        vec![(zero, top), (zero, axis_y)],
        pal.axis,
    ))
    .map_err(err)?;
    area.draw(&PathElement::new(
        vec![(x0, axis_y), (x1, axis_y)],
        pal.axis,
    ))
    .map_err(err)
}
