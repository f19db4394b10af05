//! Parsing entry points. Parsing never fails: every input yields a [`File`] plus diagnostics.
//! Tree-sitter runs under a deadline (its progress callback aborts the parse), the converter
//! bounds nesting depth, invalid UTF-8 is decoded lossily, and oversize input is refused with
//! a diagnostic instead of being handed to the grammar.

use crate::convert::Converter;
use crate::diagnostic::{codes, Diagnostic};
use crate::file::{File, FileKind};
use crate::span::Span;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Limits applied to one parse.
#[derive(Debug, Clone, Copy)]
pub struct ParseLimits {
    /// Wall-clock budget of the grammar; past it the parse is abandoned with a diagnostic.
    pub deadline: Duration,
    /// Added to `deadline` per MiB of input: the deadline catches grammar loops, not big files.
    pub deadline_per_mib: Duration,
    /// Larger inputs are not parsed (tree-sitter offsets are 32-bit).
    pub max_bytes: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            deadline: Duration::from_secs(10),
            deadline_per_mib: Duration::from_secs(2),
            max_bytes: 512 * 1024 * 1024,
        }
    }
}

thread_local! {
    // A parser per thread: creating one and loading the language costs more than a small file.
    static PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
}

/// Parses bytes with default limits. Invalid UTF-8 is replaced and reported.
pub fn parse_bytes(bytes: &[u8], path: impl Into<PathBuf>) -> File {
    parse_bytes_with(bytes, path, ParseLimits::default())
}

pub fn parse_bytes_with(bytes: &[u8], path: impl Into<PathBuf>, limits: ParseLimits) -> File {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_str_with(text, path, limits),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes);
            let mut file = parse_str_with(&text, path, limits);
            let at =
                crate::span::LineIndex::new(&file.source).span(e.valid_up_to(), e.valid_up_to());
            file.diagnostics.insert(
                0,
                Diagnostic::error(
                    codes::INVALID_UTF8,
                    "file is not valid UTF-8; invalid bytes were replaced",
                    at,
                ),
            );
            file
        }
    }
}

/// Parses text with default limits.
pub fn parse_str(text: &str, path: impl Into<PathBuf>) -> File {
    parse_str_with(text, path, ParseLimits::default())
}

pub fn parse_str_with(text: &str, path: impl Into<PathBuf>, limits: ParseLimits) -> File {
    build_file(text, path.into(), parse_tree(text, limits).as_ref())
}

/// The model of `text` from its tree (or the diagnostic that replaced the tree).
pub(crate) fn build_file(
    text: &str,
    path: PathBuf,
    tree: Result<&tree_sitter::Tree, &Diagnostic>,
) -> File {
    let kind = FileKind::from_path(&path);
    let mut file = File {
        path,
        kind,
        source: String::new(),
        body: Default::default(),
        comments: Vec::new(),
        diagnostics: Vec::new(),
    };
    match tree {
        Err(d) => file.diagnostics.push(d.clone()),
        Ok(tree) => {
            let root = tree.root_node();
            let mut conv = Converter::new(text);
            file.body = conv.config_file(&root);
            conv.report_syntax_errors(&root);
            conv.comments.sort_by_key(|c| c.span.start);
            conv.comments.dedup_by_key(|c| c.span.start);
            file.comments = conv.comments;
            file.diagnostics.extend(conv.diagnostics);
        }
    }
    file.source = text.to_string();
    file
}

/// Reads and parses a file; a read error becomes a diagnostic on an empty model.
pub fn parse_file(path: &Path) -> File {
    match std::fs::read(path) {
        Ok(bytes) => parse_bytes(&bytes, path),
        Err(e) => {
            let mut file = parse_str("", path);
            file.diagnostics.push(Diagnostic::error(
                codes::READ,
                format!("cannot read {}: {e}", path.display()),
                Span::default(),
            ));
            file
        }
    }
}

/// The bare tree-sitter parse (no model), under the deadline. Used by `parse_str` and by
/// benchmarks that compare the grammar alone with the full model.
pub fn parse_tree(text: &str, limits: ParseLimits) -> Result<tree_sitter::Tree, Diagnostic> {
    parse_tree_reusing(text, limits, None)
}

/// Like [`parse_tree`], reusing the unchanged parts of `old` (already told of the edits).
pub(crate) fn parse_tree_reusing(
    text: &str,
    limits: ParseLimits,
    old: Option<&tree_sitter::Tree>,
) -> Result<tree_sitter::Tree, Diagnostic> {
    if text.len() > limits.max_bytes || text.len() >= u32::MAX as usize {
        return Err(Diagnostic::error(
            codes::TOO_LARGE,
            format!(
                "file is {} bytes; files over {} bytes are not parsed",
                text.len(),
                limits.max_bytes
            ),
            Span::default(),
        ));
    }
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = match slot.as_mut() {
            Some(p) => p,
            None => {
                let mut p = tree_sitter::Parser::new();
                p.set_language(&tree_sitter_hcl::LANGUAGE.into())
                    .map_err(|e| {
                        Diagnostic::error(
                            codes::SYNTAX,
                            format!("cannot load the HCL grammar: {e}"),
                            Span::default(),
                        )
                    })?;
                slot.insert(p)
            }
        };
        let started = Instant::now();
        let deadline =
            limits.deadline + limits.deadline_per_mib * (text.len() / (1024 * 1024)) as u32;
        let mut over_deadline = |_: &tree_sitter::ParseState| started.elapsed() > deadline;
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut over_deadline);
        let bytes = text.as_bytes();
        let mut read = |offset: usize, _| bytes.get(offset..).unwrap_or(&[]);
        let tree = parser.parse_with_options(&mut read, old, Some(options));
        // An aborted parse leaves state behind; reset so the next parse starts clean.
        parser.reset();
        tree.ok_or_else(|| {
            Diagnostic::error(
                codes::PARSE_TIMEOUT,
                format!(
                    "parsing stopped after {deadline:?} (deadline); the file is treated as empty"
                ),
                Span::default(),
            )
        })
    })
}
