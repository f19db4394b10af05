//! What every chart shares: options, output formats, errors, and the [`Chart`] trait that
//! turns a chart's drawing into SVG text or PNG bytes.

use crate::palette::{palette, Palette};
use plotters::backend::RGBPixel;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn parse(s: &str) -> Option<Theme> {
        match s.to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// Size in pixels and theme. Sizes are clamped to [`Options::MIN`]..=[`Options::MAX`] per
/// side: below, titles and axes cannot fit; above, a PNG buffer would be needlessly large.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub width: u32,
    pub height: u32,
    pub theme: Theme,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 800,
            height: 450,
            theme: Theme::Light,
        }
    }
}

impl Options {
    pub const MIN: u32 = 200;
    pub const MAX: u32 = 4096;

    pub fn new(width: u32, height: u32, theme: Theme) -> Self {
        Options {
            width,
            height,
            theme,
        }
    }

    /// The size actually rendered.
    pub fn size(&self) -> (u32, u32) {
        (
            self.width.clamp(Self::MIN, Self::MAX),
            self.height.clamp(Self::MIN, Self::MAX),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// From a file name's extension (`.svg`, `.png`, any case).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the PNG failed: {0}")]
    Png(String),
}

/// A chart that can be drawn on any plotters backend; `to_svg`/`to_png`/`render` come free.
pub trait Chart {
    /// Draws the whole chart (background included) on `area`. Errors are plotters' messages.
    #[doc(hidden)]
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        palette: &Palette,
    ) -> Result<(), String>;

    fn to_svg(&self, opts: &Options) -> Result<String, ChartError> {
        crate::font::ensure_registered();
        let mut out = String::new();
        guarded(|| {
            let root = SVGBackend::with_string(&mut out, opts.size()).into_drawing_area();
            self.draw(&root, &palette(opts.theme))?;
            root.present().map_err(|e| e.to_string())
        })?;
        Ok(out)
    }

    fn to_png(&self, opts: &Options) -> Result<Vec<u8>, ChartError> {
        crate::font::ensure_registered();
        let (w, h) = opts.size();
        let mut rgb = vec![0u8; w as usize * h as usize * 3];
        guarded(|| {
            let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut rgb, (w, h))
                .map_err(|e| e.to_string())?;
            let root = crate::raster::Png(backend).into_drawing_area();
            self.draw(&root, &palette(opts.theme))?;
            root.present().map_err(|e| e.to_string())
        })?;
        encode_png(&rgb, w, h)
    }

    /// SVG as UTF-8 bytes, or PNG bytes.
    fn render(&self, opts: &Options, format: Format) -> Result<Vec<u8>, ChartError> {
        match format {
            Format::Svg => self.to_svg(opts).map(String::into_bytes),
            Format::Png => self.to_png(opts),
        }
    }
}

/// Runs a drawing, turning a panic inside plotters into an error: charts take arbitrary
/// values and a front end must get an error, never a crash.
fn guarded(f: impl FnOnce() -> Result<(), String>) -> Result<(), ChartError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r.map_err(ChartError::Draw),
        Err(_) => Err(ChartError::Draw("the drawing library panicked".into())),
    }
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc
        .write_header()
        .map_err(|e| ChartError::Png(e.to_string()))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| ChartError::Png(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| ChartError::Png(e.to_string()))?;
    Ok(out)
}
