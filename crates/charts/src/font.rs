//! The one font every chart uses, embedded so rendering never depends on the fonts a machine
//! has (CI and users' machines differ). DejaVu Sans, license in `fonts/LICENSE-DejaVu`.

use ab_glyph::{point, Font, FontRef, PxScale, PxScaleFont, ScaleFont};
use plotters::style::{FontFamily, FontStyle};
use std::sync::{Once, OnceLock};

static DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// The family name text is drawn with. plotters writes it as the SVG `font-family`, so it is
/// a CSS fallback list: a viewer without DejaVu Sans takes Verdana (close metrics), then any
/// sans-serif.
pub const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

static REGISTER: Once = Once::new();

/// Registers the embedded font with plotters' ab_glyph table (process-wide, idempotent).
/// `sans-serif` is registered too, for anything plotters draws with its default family.
pub fn ensure_registered() {
    REGISTER.call_once(|| {
        // The bytes are a known-good TTF compiled in; a failure here could only come from a
        // corrupted build, and then text is missing and drawing reports FontUnavailable.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, DEJAVU_SANS);
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, DEJAVU_SANS);
    });
}

pub fn family() -> FontFamily<'static> {
    FontFamily::Name(FAMILY)
}

fn face() -> Option<&'static FontRef<'static>> {
    static FACE: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FACE.get_or_init(|| FontRef::try_from_slice(DEJAVU_SANS).ok())
        .as_ref()
}

/// plotters' text "size" is 1.24 × the CSS font-size it writes into SVG; glyphs are scaled to
/// that CSS size so a PNG matches its SVG twin.
pub fn em(size: f64) -> f32 {
    (size / 1.24) as f32
}

fn scaled(size: f64) -> Option<PxScaleFont<&'static FontRef<'static>>> {
    let f = face()?;
    let em = em(size);
    // ab_glyph scales by ascent − descent; the font's em is smaller than that.
    let px = em * f.height_unscaled() / f.units_per_em().unwrap_or(2048.0);
    Some(f.as_scaled(PxScale::from(px)))
}

/// Advance width of `text` in pixels at `size` (kerning included): what every layout
/// decision (label columns, truncation, legend wrapping) measures with.
pub fn measure(text: &str, size: f64) -> f32 {
    let Some(sf) = scaled(size) else { return 0.0 };
    let mut w = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            w += sf.kern(p, id);
        }
        w += sf.h_advance(id);
        prev = Some(id);
    }
    w
}

/// Rasterises `text` with its baseline starting at `origin`, calling `put(x, y, coverage)`
/// for each covered pixel. Each glyph is placed at its own bounds (side bearings kept), which
/// plotters' ab_glyph drawing does not do ("1" and "+" got gaps after them).
pub fn rasterize(text: &str, size: f64, origin: (f32, f32), mut put: impl FnMut(i32, i32, f32)) {
    let Some(sf) = scaled(size) else { return };
    let mut pen = origin.0;
    let mut prev = None;
    for c in text.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            pen += sf.kern(p, id);
        }
        let glyph = id.with_scale_and_position(sf.scale(), point(pen, origin.1));
        if let Some(outline) = sf.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline
                .draw(|x, y, cov| put(b.min.x as i32 + x as i32, b.min.y as i32 + y as i32, cov));
        }
        pen += sf.h_advance(id);
        prev = Some(id);
    }
}
