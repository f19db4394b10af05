//! orbis-drift: drift between Terraform state and the live cloud, without any cloud SDK.
//!
//! Inputs are values: states read by orbis-state, an [`Inventory`] snapshot of live resources
//! (the cloud crate produces it; tests use driftctl's recorded fixtures), and optionally a
//! `terraform plan -refresh-only` JSON (Terraform's exact attribute-level drift, through
//! orbis-plan). [`scan`] classifies every resource as managed, changed, missing or unmanaged,
//! honouring `.driftignore` rules ([`DriftIgnore`], driftctl's syntax). [`remediation`] writes
//! `import` blocks plus resource skeletons for unmanaged resources and "accept into code"
//! diffs for changed ones; [`timeline`] draws the scan history. No network, no state writes.

mod compare;
mod diff;
mod error;
pub mod ignore;
pub mod inventory;
mod refresh_only;
pub mod remediation;
pub mod report;
mod run;
mod scan;
pub mod timeline;
mod values;

pub use diff::unified_diff;
pub use error::DriftError;
pub use ignore::DriftIgnore;
pub use inventory::{Inventory, LiveResource, ScanError};
pub use refresh_only::drift_of;
pub use report::{Change, DriftReport, ResourceDrift, Status, Summary};
pub use run::{run, DriftOutcome, DriftRequest};
pub use scan::{scan, ScanInput};
