//! Charts for the cost views (and later the drift timeline): values in, an SVG string or PNG
//! bytes out. No network, no UI, no system fonts: text is measured and rasterised with the
//! embedded DejaVu Sans (`font.rs`), so a chart is the same on every machine.
//!
//! ```
//! use orbis_charts::{BarChart, Chart, Options, Unit};
//! let chart = BarChart::new("Monthly cost by service", Unit::money("USD"))
//!     .bar("aws/ec2", 1234.56)
//!     .bar("aws/rds", 99.0);
//! let svg = chart.to_svg(&Options::default()).unwrap();
//! assert!(svg.contains("$1,234.56"));
//! ```
//!
//! Three charts: [`BarChart`] (horizontal, sorted, value labels: cost by service, tag or
//! module), [`TimeSeriesChart`] (named series over dates: estimate history, drift counts) and
//! [`DeltaChart`] (before → after per group: plan review). Each renders through [`Chart`].

mod bars;
mod chart;
mod delta;
mod font;
mod format;
mod layout;
mod palette;
mod raster;
mod series;
mod ticks;

pub use bars::{Bar, BarChart};
pub use chart::{Chart, ChartError, Format, Options, Theme};
pub use delta::{DeltaChart, DeltaRow};
pub use format::{format_date, format_value, Unit};
pub use palette::Palette;
pub use series::{Point, Series, TimeSeriesChart};
