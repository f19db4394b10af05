//! The one font every chart uses, embedded so rendering never depends on the fonts a machine
//! has (CI and users' machines differ). DejaVu Sans, license in `fonts/LICENSE-DejaVu`.

use plotters::style::{FontFamily, FontStyle};
use std::sync::Once;

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
