//! orbis-app: the operations every front end calls — the desktop shell's Tauri commands are
//! one-line calls into this crate, and the CLI and team server use the same functions
//! (Architecture Invariant: a feature is written once). Nothing here depends on tauri, so every
//! operation is testable without a window.
//!
//! Types that cross to the UI derive `ts_rs::TS`; `ui/src/generated/types.ts` is generated from
//! them (`typescript::render`) and a test fails when the checked-in file is stale.

pub mod catalog;
pub mod clusters;
pub mod cost_view;
pub mod credentials;
pub mod demo;
pub mod drift_view;
pub mod dto;
pub mod editor;
pub mod error;
pub mod files;
pub mod inventory_cache;
pub mod inventory_view;
pub mod new_project;
pub mod plan_checks;
pub mod plan_review;
pub mod remote_state;
pub mod requests;
pub mod runs;
pub mod session;
pub mod state_explorer;
pub mod team;
pub mod tree;
pub mod typescript;
pub mod workspace;

pub use error::{AppError, ErrorCode};
pub use session::Session;
pub use workspace::Workspace;
