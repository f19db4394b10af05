//! orbis-plan: offline review of Terraform/OpenTofu plans and states.
//!
//! `load_bytes`/`load_file` turn a `show -json` plan, a state (`show -json` or raw
//! `.tfstate`) into a redacted [`Plan`]; [`Review`] adds risk per change, policy findings
//! and a verdict; [`report`] renders JSON, text, Markdown, SARIF and HTML. No IO beyond the
//! files given, no network. See README.md for the JSON format.

mod config;
mod decode;
pub mod diff;
mod error;
mod export;
mod load;
pub mod model;
mod paths;
mod raw;
pub mod redact;
mod redact_document;
pub mod report;
pub mod review;
pub mod risk;
mod scrub;
mod sensitive_changes;
mod structure;
pub mod summary;
mod tfstate;

pub use diff::{attribute_diff, AttributeDiff, DiffKind};
pub use error::LoadError;
pub use load::{load_bytes, load_file};
pub use model::{Action, DocumentKind, OutputChange, Plan, ResourceChange};
pub use redact::REDACTED;
pub use review::{PolicyFinding, PolicyResult, Review};
pub use risk::{Risk, RiskLevel, RiskReason, Verdict};
pub use summary::Summary;
