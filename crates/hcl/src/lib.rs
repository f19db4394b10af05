//! orbis-hcl: the HCL/Terraform engine of TerraOrbis.
//!
//! - [`parse_str`]/[`parse_bytes`]/[`parse_file`]: any input to a [`File`] (typed model,
//!   comments, diagnostics); never fails, never hangs.
//! - [`ast`]: bodies, attributes, blocks and expressions, all with [`Span`]s.
//! - [`Value`] and [`eval`]: evaluation with Terraform's functions; unknowns propagate.
//!
//! See API.md for a tour.

pub mod ast;
mod convert;
pub mod diagnostic;
mod document;
pub mod eval;
mod fallback;
mod file;
pub mod format;
pub mod module;
mod parse;
mod shift;
pub mod span;
mod stack;
pub mod symbols;
pub mod value;
mod visit;
pub mod yaml;

pub use ast::{Attribute, Block, Body, Comment, Expr, ExprKind, Reference};
pub use diagnostic::{codes, Diagnostic, Severity};
pub use document::Document;
pub use eval::{eval_static, Evaluator, Resolver};
pub use file::{File, FileKind};
pub use module::{FileCache, Module, ModuleOptions, Resource, ResourceInstance, ResourceMode};
pub use parse::{
    parse_bytes, parse_bytes_with, parse_file, parse_str, parse_str_with, parse_tree, ParseLimits,
};
pub use span::{LineIndex, Pos, Span};
pub use symbols::{SymbolIndex, SymbolKey, SymbolKind};
pub use value::Value;
