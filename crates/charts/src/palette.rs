//! Light and dark palettes, taken from the app's own colours (ui/src/styles.css) so a chart
//! sits in either theme. Series colours are distinguishable in both themes and for the common
//! colour-vision deficiencies (blue/orange first).

use crate::chart::Theme;
use plotters::style::RGBColor;

pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    /// Bars of a breakdown.
    pub bar: RGBColor,
    /// The "before" side of a delta.
    pub before: RGBColor,
    /// Cost up (bad) and down (good).
    pub increase: RGBColor,
    pub decrease: RGBColor,
    pub series: [RGBColor; 8],
}

const fn hex(v: u32) -> RGBColor {
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

pub fn palette(theme: Theme) -> Palette {
    match theme {
        Theme::Light => Palette {
            background: hex(0xffffff),
            text: hex(0x1d2330),
            muted: hex(0x687085),
            grid: hex(0xe4e7ec),
            axis: hex(0x9aa1b0),
            bar: hex(0x3d6fd8),
            before: hex(0xb4bac6),
            increase: hex(0xc0392b),
            decrease: hex(0x16794a),
            series: [
                hex(0x3d6fd8),
                hex(0xd97706),
                hex(0x16794a),
                hex(0xc0392b),
                hex(0x7b3fbf),
                hex(0x0e7490),
                hex(0xa0521c),
                hex(0x687085),
            ],
        },
        Theme::Dark => Palette {
            background: hex(0x1c1f26),
            text: hex(0xdfe3ea),
            muted: hex(0x8b93a5),
            grid: hex(0x2e333d),
            axis: hex(0x5c6475),
            bar: hex(0x7aa2f7),
            before: hex(0x5c6475),
            increase: hex(0xf07167),
            decrease: hex(0x8bd5a8),
            series: [
                hex(0x7aa2f7),
                hex(0xf5a06b),
                hex(0x8bd5a8),
                hex(0xf07167),
                hex(0xc49bf5),
                hex(0x6fd3e6),
                hex(0xe5b07a),
                hex(0xb4bac6),
            ],
        },
    }
}
