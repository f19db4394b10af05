//! orbis-lang: the editor's language features for Terraform.
//!
//! A [`LangWorkspace`] holds every Terraform module directory of a workspace (found by a
//! scan that skips `.terraform`, `.git`, `node_modules` and `.terragrunt-cache`), their
//! parsed files (disk or editor buffers) and a symbol index per module, built from syntax
//! alone and rebuilt lazily for the module of a changed file. On it:
//!
//! - [`LangWorkspace::definition`], [`LangWorkspace::references`],
//!   [`LangWorkspace::rename`] — across the files of a module and across local module
//!   calls (a call's arguments ↔ the child's variables, `module.m.out` ↔ the child's output);
//! - [`LangWorkspace::completions`] — from the text around the cursor (works while typing),
//!   with provider schemas ([`schema::ProviderSchemas`]) for resource types and arguments;
//! - [`LangWorkspace::outline`] / [`outline()`], [`LangWorkspace::workspace_symbols`],
//!   [`LangWorkspace::hover`].
//!
//! Every position is a byte offset into a file's text and every result carries
//! [`orbis_hcl::Span`]s (bytes plus 1-based lines and byte columns); the app converts them
//! to UTF-16 for the UI. Nothing here writes files or runs processes.

mod complete;
mod docs;
pub mod functions;
mod hover;
mod index;
mod navigate;
mod outline;
mod rename;
pub mod schema;
mod text;
mod workspace;

pub use complete::{CompletionItem, CompletionKind, Completions};
pub use hover::Hover;
pub use navigate::{Location, SymbolAt, SymbolDefinition};
pub use orbis_hcl::{Span, SymbolKey, SymbolKind};
pub use outline::{outline, OutlineItem, OutlineKind, WorkspaceSymbol};
pub use rename::{FileEdits, RenameError, RenamePlan, TextEdit};
pub use schema::{ProviderSchemas, SchemaError};
pub use workspace::{LangWorkspace, WorkspaceStats, SKIPPED_DIRS};
