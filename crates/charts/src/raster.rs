//! The PNG backend: plotters' bitmap backend with text drawn by `font::rasterize`, which keeps
//! each glyph's side bearings and places the baseline as the SVG backend's `dy` does, so a
//! PNG and its SVG twin line up. Everything else is delegated unchanged.

use crate::font;
use plotters::backend::RGBPixel;
use plotters::prelude::BitMapBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontTransform;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle};
use plotters_backend::{DrawingBackend, DrawingErrorKind};

pub struct Png<'a>(pub BitMapBackend<'a, RGBPixel>);

/// The bitmap backend's error type, named through the trait (its crate is not a dependency).
type BitMapBackendError = <BitMapBackend<'static, RGBPixel> as DrawingBackend>::ErrorType;

type R = Result<(), DrawingErrorKind<BitMapBackendError>>;

impl DrawingBackend for Png<'_> {
    type ErrorType = BitMapBackendError;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> R {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> R {
        self.0.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> R {
        self.0.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> R {
        self.0.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> R {
        self.0.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> R {
        self.0.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, s: &S, fill: bool) -> R {
        self.0.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> R {
        self.0.fill_polygon(vert, s)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> R {
        self.0.blit_bitmap(pos, size, src)
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> R {
        let color = style.color();
        // Rotated text (unused by our charts) keeps plotters' own drawing.
        if color.alpha == 0.0 || !matches!(style.transform(), FontTransform::None) {
            return self.0.draw_text(text, style, pos);
        }
        let size = style.size();
        let em = font::em(size);
        let w = font::measure(text, size);
        let x = pos.0 as f32
            - match style.anchor().h_pos {
                HPos::Left => 0.0,
                HPos::Center => w / 2.0,
                HPos::Right => w,
            };
        // The SVG backend's dy: 0.76em below a top anchor, half an x-height (≈0.55em in
        // DejaVu Sans) below a centre, half an x-height above a bottom.
        let y = pos.1 as f32
            + match style.anchor().v_pos {
                VPos::Top => 0.76 * em,
                VPos::Center => 0.275 * em,
                VPos::Bottom => -0.275 * em,
            };
        let mut result = Ok(());
        font::rasterize(text, size, (x, y), |px, py, cov| {
            if result.is_ok() && cov > 0.0 {
                let c = BackendColor {
                    alpha: color.alpha * cov.min(1.0) as f64,
                    rgb: color.rgb,
                };
                result = self.0.draw_pixel((px, py), c);
            }
        });
        result
    }
}
