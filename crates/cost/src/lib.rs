//! orbis-cost: offline cost estimation.
//!
//! Resources (from a plan JSON or from configuration evaluated by `orbis-hcl`) are mapped to
//! cost components by one small file per resource type (`resources/`), priced from a
//! versioned SQLite catalog (`catalog/`, bundled in the binary, extendable by importing the
//! clouds' own price files with `import/`), with usage-based quantities read from an
//! infracost-style usage file (`usage`). No network, no UI: paths and bytes in, values out.
//!
//! Money is `f64` US dollars, kept unrounded through every sum and rounded to cents
//! (half away from zero) only when shown or serialised (`money::round_cents`).

pub mod budget;
pub mod catalog;
pub mod chargeback;
pub mod currency;
pub mod error;
pub mod estimate;
pub mod from_config;
pub mod from_plan;
pub mod import;
pub mod input;
pub mod model;
pub mod money;
pub mod report;
pub mod resources;
pub mod roots;
pub mod settings;
pub mod usage;

pub use catalog::Catalog;
pub use error::CostError;
pub use estimate::{estimate_resources, Estimator};
pub use input::ResourceInput;
pub use model::{CostComponent, Estimate, FreeResource, ResourceCost, UnsupportedResource};
pub use usage::UsageFile;

/// Hours in the month every monthly figure uses (the convention of the clouds' calculators).
pub const HOURS_PER_MONTH: f64 = 730.0;
