//! The canonical layout of Terraform files, byte for byte what `terraform fmt` (Terraform
//! 1.11, hclwrite of HCL 2.23) writes.
//!
//! ```
//! let f = orbis_hcl::format::format_source("a=1\nbb  = \"${var.x}\"\n").unwrap();
//! assert_eq!(f.text, "a  = 1\nbb = var.x\n");
//! assert!(f.changed);
//! ```
//!
//! Like terraform, the formatter refuses input that does not parse as HCL native syntax: the
//! error is returned and nothing is rewritten (a formatter working on a broken file could
//! make changes that are hard to undo). It has its own scanner and a validating parser, so
//! it does not use tree-sitter and accepts exactly what Terraform accepts. It never panics;
//! nesting deeper than [`MAX_DEPTH`](parser::MAX_DEPTH) levels and inputs over [`MAX_BYTES`]
//! are refused with a diagnostic.
//!
//! What changes (see `layout.rs` and `rewrite.rs` for the rules): indentation (two spaces per
//! bracket level), spaces between tokens, alignment of `=` and of trailing comments across
//! consecutive lines, block labels quoted, interpolation-only strings unwrapped, legacy type
//! constraints in `variable` blocks, a leading UTF-8 byte order mark dropped. What does not:
//! line breaks and blank lines, comments' and strings' text, heredoc bodies, line endings
//! (`\r\n` stays), the end of the file (no newline is added, trailing spaces stay).
//!
//! One deliberate difference: terraform drops a block label that contains `$` or `%` (for
//! instance `resource "x" "100%"` becomes `resource "x"`), which changes the configuration;
//! this formatter keeps such a label as written.

mod ident_tables;
mod layout;
mod lexer;
mod parser;
mod rewrite;
#[cfg(test)]
mod tests;

use crate::diagnostic::{codes, Diagnostic};
use crate::span::{Pos, Span};
use std::path::Path;

pub use parser::MAX_DEPTH;

/// Inputs larger than this are refused (`HCL006`).
pub const MAX_BYTES: usize = 128 * 1024 * 1024;

/// File name endings `terraform fmt` formats when it walks a directory (and the only ones it
/// accepts as file arguments): `.tf`, `.tfvars`, `.tftest.hcl`, `.tfmock.hcl`. JSON variants
/// (`.tf.json`, `.tfvars.json`) and other `.hcl` files (Terragrunt, Packer) are not Terraform
/// native syntax files and are left alone.
pub const EXTENSIONS: &[&str] = &[".tf", ".tfvars", ".tftest.hcl", ".tfmock.hcl"];

/// Whether `terraform fmt` would format this file (by its name).
pub fn is_formattable(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    EXTENSIONS.iter().any(|ext| name.ends_with(ext))
}

/// Which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// `terraform fmt`: hclwrite's layout plus Terraform's rewrites (quoted block labels,
    /// interpolation-only values unwrapped, legacy `variable` types).
    Terraform,
    /// hclwrite's layout alone (what `hclwrite.Format` does, as `terragrunt hclfmt` uses it):
    /// for other HCL files such as `terragrunt.hcl`, whose labels and strings mean something
    /// else. Syntax errors are refused all the same.
    Hcl,
}

/// The flavor for a file name: [`Flavor::Terraform`] for what `terraform fmt` formats,
/// [`Flavor::Hcl`] for other `.hcl` files, `None` otherwise (JSON and everything else).
pub fn flavor_of(path: &Path) -> Option<Flavor> {
    if is_formattable(path) {
        return Some(Flavor::Terraform);
    }
    let name = path.file_name()?.to_str()?;
    name.ends_with(".hcl").then_some(Flavor::Hcl)
}

/// The formatted text of a `&str` input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    /// Whether `text` differs from the input.
    pub changed: bool,
}

/// The formatted bytes of a file (files may hold bytes that are not UTF-8 in comments, which
/// Terraform accepts and keeps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormattedBytes {
    pub bytes: Vec<u8>,
    pub changed: bool,
}

/// Formats Terraform source. `Err` carries the first syntax error (`HCL001`), or `HCL005`
/// (nesting too deep) / `HCL006` (too large); the input is then to be left as it is.
pub fn format_source(text: &str) -> Result<Formatted, Diagnostic> {
    format_source_as(text, Flavor::Terraform)
}

/// [`format_source`] with the rules of `flavor`.
pub fn format_source_as(text: &str, flavor: Flavor) -> Result<Formatted, Diagnostic> {
    let f = format_bytes_as(text.as_bytes(), flavor)?;
    // The output holds the input's tokens plus ASCII, and loses at most a leading BOM, so it
    // is UTF-8 when the input is; the fallback is unreachable but keeps this total.
    let text = String::from_utf8(f.bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(Formatted {
        text,
        changed: f.changed,
    })
}

/// Formats the bytes of a file; see [`format_source`].
pub fn format_bytes(input: &[u8]) -> Result<FormattedBytes, Diagnostic> {
    format_bytes_as(input, Flavor::Terraform)
}

/// [`format_bytes`] with the rules of `flavor`.
pub fn format_bytes_as(input: &[u8], flavor: Flavor) -> Result<FormattedBytes, Diagnostic> {
    if input.len() > MAX_BYTES {
        return Err(Diagnostic::error(
            codes::TOO_LARGE,
            format!(
                "file is {} bytes; files over {} bytes are not formatted",
                input.len(),
                MAX_BYTES
            ),
            Span::default(),
        ));
    }
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom = if input.starts_with(BOM) { BOM.len() } else { 0 };
    let src = &input[bom..];
    let toks = lexer::scan(src);
    let structure = match parser::parse(src, &toks) {
        Ok(s) => s,
        Err(e) => {
            let code = if e.too_deep {
                codes::TOO_DEEP
            } else {
                codes::SYNTAX
            };
            return Err(Diagnostic::error(
                code,
                e.message,
                span_at(input, bom + e.at),
            ));
        }
    };
    let mut extra = Vec::new();
    let mut out_toks = match flavor {
        Flavor::Terraform => rewrite::rewrite(src, &toks, &structure, &mut extra),
        Flavor::Hcl => toks.iter().map(|t| OTok::input(*t)).collect(),
    };
    // Every token's leading spaces are recomputed except the end of input's: trailing
    // blanks after the last token stay as they were.
    if let Some(eof) = out_toks.last_mut() {
        let prev_end = toks.len().checked_sub(2).map_or(0, |i| toks[i].end);
        eof.spaces = eof.start.saturating_sub(prev_end);
    }
    let mut bytes = Vec::with_capacity(src.len() + src.len() / 8 + 16);
    layout::layout(&mut out_toks, src, &extra, &mut bytes);
    let changed = bytes != input;
    // Safety net: a changed text is returned only if it parses, so no caller can ever write
    // a broken file because of a formatter bug.
    if changed && parser::parse(&bytes, &lexer::scan(&bytes)).is_err() {
        return Err(Diagnostic::error(
            codes::SYNTAX,
            "internal error: the formatted text would not parse, so the input is left as it is \
             (please report this input)",
            Span::default(),
        ));
    }
    Ok(FormattedBytes { bytes, changed })
}

/// A token of the output: input text (`src[start..end]`) or synthesised text
/// (`extra[start..end]`), and the spaces written before it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OTok {
    pub kind: lexer::K,
    pub start: u32,
    pub end: u32,
    pub extra: bool,
    pub spaces: u32,
}

impl OTok {
    pub(crate) fn input(t: lexer::Tok) -> OTok {
        OTok {
            kind: t.kind,
            start: t.start,
            end: t.end,
            extra: false,
            spaces: 0,
        }
    }
}

fn span_at(input: &[u8], at: usize) -> Span {
    let at = at.min(input.len());
    let before = &input[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let pos = Pos {
        line,
        column: (at - line_start) as u32 + 1,
    };
    Span {
        start: at as u32,
        end: at as u32,
        start_pos: pos,
        end_pos: pos,
    }
}
