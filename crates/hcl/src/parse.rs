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
    /// Budget of the incremental whole-file re-parse of a [`Document`](crate::Document) of
    /// 4 KiB or more (which re-parses block-locally): run when the model has syntax errors
    /// outside the edited region (a clean result replaces the model) or when the region is too
    /// large to re-parse alone (over 64 KiB). Measured in the thread's CPU time where the
    /// platform gives it (Unix; wall-clock time elsewhere). Zero: never, and every document
    /// re-parses block-locally whatever its size (tests).
    pub edit_budget: Duration,
}

/// Texts shorter than this are re-parsed whole after an edit (unless the budget is zero): even
/// when tree-sitter's error recovery goes wild they parse in about a millisecond (an unclosed
/// quote in 4 KiB of resources: 1.5 ms), and the model is then the tree's.
pub(crate) const BLOCK_LOCAL_MIN_BYTES: usize = 4 * 1024;

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            deadline: Duration::from_secs(10),
            deadline_per_mib: Duration::from_secs(2),
            max_bytes: 512 * 1024 * 1024,
            edit_budget: Duration::from_millis(2),
        }
    }
}

thread_local! {
    // A parser per thread: creating one and loading the language costs more than a small file.
    static PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
    // Parses of a range of a text (block-local re-parses) have their own: after a parser parsed
    // with included ranges, its next incremental parse can give nodes wrong positions (seen with
    // tree-sitter 0.25: the root of a one-line text ending on row 1), even with the ranges reset.
    static RANGE_PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
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

/// The model of `text` after an edit, reusing the top-level items of `old` that the edit did
/// not touch (see `convert::reuse`). Equal to [`build_file`] on the same tree.
pub(crate) fn build_file_reusing(
    text: &str,
    path: PathBuf,
    tree: &tree_sitter::Tree,
    old: File,
    edit: &crate::convert::reuse::EditInfo,
) -> File {
    let kind = FileKind::from_path(&path);
    // A nesting-depth diagnostic belongs to one item's conversion: rebuild rather than track it.
    if old.kind != kind || old.diagnostics.iter().any(|d| d.code == codes::TOO_DEEP) {
        return build_file(text, path, Ok(tree));
    }
    let root = tree.root_node();
    let mut conv = Converter::new(text);
    let mut reused = Vec::new();
    let Some(body) = conv.config_file_reusing(&root, old.body, &old.comments, edit, &mut reused)
    else {
        return build_file(text, path, Ok(tree));
    };
    conv.report_syntax_errors(&root);
    let mut comments = conv.comments;
    comments.extend(reused);
    comments.sort_by_key(|c| c.span.start);
    comments.dedup_by_key(|c| c.span.start);
    File {
        path,
        kind,
        source: text.to_string(),
        body,
        comments,
        diagnostics: conv.diagnostics,
    }
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
    match parse_tree_within(text, limits, old, None, None) {
        Parsed::Tree(t) => Ok(t),
        Parsed::Failed(d) => Err(d),
        Parsed::OverBudget => Err(timeout(limits.deadline)),
    }
}

/// The outcome of [`parse_tree_within`].
pub(crate) enum Parsed {
    Tree(tree_sitter::Tree),
    /// Cancelled by the budget (not by the deadline).
    OverBudget,
    /// Too large, past the deadline, or no grammar: the diagnostic says which.
    Failed(Diagnostic),
}

/// The tree-sitter parse of `text` (or of the bytes `range` of it alone: nodes keep their
/// positions in `text`), reusing `old`, under the deadline and, when given, a budget.
pub(crate) fn parse_tree_within(
    text: &str,
    limits: ParseLimits,
    old: Option<&tree_sitter::Tree>,
    budget: Option<std::time::Duration>,
    range: Option<tree_sitter::Range>,
) -> Parsed {
    if text.len() > limits.max_bytes || text.len() >= u32::MAX as usize {
        return Parsed::Failed(Diagnostic::error(
            codes::TOO_LARGE,
            format!(
                "file is {} bytes; files over {} bytes are not parsed",
                text.len(),
                limits.max_bytes
            ),
            Span::default(),
        ));
    }
    let parser = if range.is_some() {
        &RANGE_PARSER
    } else {
        &PARSER
    };
    parser.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = match slot.as_mut() {
            Some(p) => p,
            None => {
                use_fast_allocator();
                let mut p = tree_sitter::Parser::new();
                if let Err(e) = p.set_language(&tree_sitter_hcl::LANGUAGE.into()) {
                    return Parsed::Failed(Diagnostic::error(
                        codes::SYNTAX,
                        format!("cannot load the HCL grammar: {e}"),
                        Span::default(),
                    ));
                }
                slot.insert(p)
            }
        };
        let ranges = range.map(|r| vec![r]).unwrap_or_default();
        if parser.set_included_ranges(&ranges).is_err() {
            return Parsed::Failed(Diagnostic::error(
                codes::SYNTAX,
                "invalid range to parse",
                Span::default(),
            ));
        }
        let parsed_len = range.map_or(text.len(), |r| r.end_byte - r.start_byte);
        let started = Instant::now();
        let deadline =
            limits.deadline + limits.deadline_per_mib * (parsed_len / (1024 * 1024)) as u32;
        let cpu_started = budget.and_then(|_| thread_cpu_time());
        let mut over_budget = false;
        let mut stop = |_: &tree_sitter::ParseState| {
            let elapsed = started.elapsed();
            if let Some(b) = budget.filter(|b| elapsed > *b) {
                // Wall time alone would also cancel a parse that was merely descheduled (a
                // busy machine): the thread's CPU time decides where the platform gives it.
                let spent = cpu_started
                    .and_then(|c0| Some(thread_cpu_time()?.saturating_sub(c0)))
                    .unwrap_or(elapsed);
                if spent > b {
                    over_budget = true;
                    return true;
                }
            }
            elapsed > deadline
        };
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut stop);
        let bytes = text.as_bytes();
        let mut read = |offset: usize, _| bytes.get(offset..).unwrap_or(&[]);
        let tree = parser.parse_with_options(&mut read, old, Some(options));
        // An aborted parse leaves state behind; reset so the next parse starts clean.
        parser.reset();
        match tree {
            Some(t) => Parsed::Tree(t),
            None if over_budget => Parsed::OverBudget,
            None => Parsed::Failed(timeout(deadline)),
        }
    })
}

/// Routes tree-sitter's allocations to mimalloc, once per process and before the first
/// parser exists (trees must be freed by the allocator that made them). Parsing allocates and
/// frees millions of small nodes: with glibc's malloc that was ~18% of linting a large corpus.
fn use_fast_allocator() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: runs before any tree-sitter object is created in this process (this crate
        // is the only one making parsers, and every parser is made after this call), and the
        // allocator is never changed again; the four functions form one allocator.
        unsafe {
            tree_sitter::set_allocator(
                Some(libmimalloc_sys::mi_malloc),
                Some(libmimalloc_sys::mi_calloc),
                Some(libmimalloc_sys::mi_realloc),
                Some(libmimalloc_sys::mi_free),
            );
        }
    });
}

/// CPU time used by the calling thread so far, where the platform gives it (Unix).
fn thread_cpu_time() -> Option<Duration> {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime only writes the timespec behind a valid, exclusive pointer.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        if rc == 0 {
            return Some(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32));
        }
    }
    None
}

fn timeout(deadline: std::time::Duration) -> Diagnostic {
    Diagnostic::error(
        codes::PARSE_TIMEOUT,
        format!("parsing stopped after {deadline:?} (deadline); the file is treated as empty"),
        Span::default(),
    )
}
