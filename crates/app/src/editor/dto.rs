//! Data crossing between the editor UI and the Rust side (the contract of issue 6).
//!
//! Positions: every `from`/`to` here is an offset in UTF-16 code units into the document's
//! text, because that is what CodeMirror counts; lines and columns are 1-based, columns in
//! UTF-16 code units. The Rust side converts from byte offsets (`orbis_hcl::Span`).

use crate::dto::FileLanguage;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A range in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextRange {
    pub from: u32,
    pub to: u32,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Replace `from..to` (UTF-16 offsets of the text before the change) with `insert`.
/// A list of changes is applied as CodeMirror does: all offsets refer to the original text,
/// sorted, non-overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextChange {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticSeverity {
    Error,
    Warning,
    Info,
}

/// A fix the user can apply: changes to the diagnostic's own document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuickFix {
    pub title: String,
    pub changes: Vec<TextChange>,
}

/// A parse error or a lint finding, placed in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EditorDiagnostic {
    pub range: TextRange,
    pub severity: DiagnosticSeverity,
    /// `HCL001` for parse errors, the rule id (`AWS_S3_PUBLIC_ACL`…) for lint findings.
    pub code: String,
    /// "syntax" or "lint".
    pub source: String,
    pub message: String,
    /// The lint severity word (critical/high/medium/low/info) for findings.
    pub rule_severity: Option<String>,
    /// Where to read more (the rule's doc), when there is one.
    pub doc_url: Option<String>,
    /// The resource address a finding is about.
    pub resource: Option<String>,
    pub fixes: Vec<QuickFix>,
}

/// A document as the editor holds it in Rust: its text and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenDocument {
    /// Workspace-relative, `/`-separated.
    pub path: String,
    pub language: FileLanguage,
    pub text: String,
    /// Starts at 0 when opened; each accepted `edit_document` adds one.
    pub version: u32,
    /// True when the buffer differs from what was last read from or written to disk.
    pub dirty: bool,
    /// True when the file was not valid UTF-8 (invalid bytes replaced; saving writes UTF-8).
    pub lossy: bool,
    pub diagnostics: Vec<EditorDiagnostic>,
}

/// The diagnostics of one document after an edit (or after a dependency changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentDiagnostics {
    pub path: String,
    pub version: u32,
    pub diagnostics: Vec<EditorDiagnostic>,
    /// Time the Rust side spent (parse + lint), for the status bar and the benchmark.
    pub micros: u32,
}

/// Result of `edit_document` / `set_document_text`: the edited document's diagnostics and
/// those of other open documents whose diagnostics changed through it (a variable default
/// edited in one file changes findings in another).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EditResult {
    pub document: DocumentDiagnostics,
    pub related: Vec<DocumentDiagnostics>,
    /// When the desktop shell received the request and sent the answer (set by the shell, not
    /// by the Session), so the round-trip benchmark can tell IPC time from Rust's work.
    pub timing: Option<EditTiming>,
}

/// Wall-clock stamps (milliseconds since the Unix epoch, fractional) of one edit request, on
/// the same clock as the web view's `performance.timeOrigin + performance.now()`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct EditTiming {
    /// The command was entered (before the hop to the blocking pool).
    pub received_ms: f64,
    /// The answer was ready (after the Session returned, before the hop back).
    pub answered_ms: f64,
}

impl Eq for EditTiming {}

/// Result of `save_document`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SaveResult {
    pub path: String,
    pub version: u32,
    /// False when the save was refused because the file changed on disk since it was read
    /// (the UI asks the user, then saves again with `overwrite: true` or reloads).
    pub saved: bool,
    pub conflict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiskChangeKind {
    Created,
    Modified,
    Removed,
}

/// Sent as the `file-changed` event when a workspace file changes on disk (not by our save).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiskChange {
    pub path: String,
    pub kind: DiskChangeKind,
    /// Whether the file is open in the editor.
    pub open: bool,
    /// Whether its buffer has unsaved edits: then the UI asks before reloading.
    pub dirty: bool,
}

/// Diagnostics of one file, for the Problems panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileProblems {
    pub path: String,
    pub diagnostics: Vec<EditorDiagnostic>,
}

/// Every problem in the workspace (open buffers' text for open files, disk for the rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkspaceProblems {
    pub files: Vec<FileProblems>,
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
    /// How many files were indexed, and how long the index + lint took.
    pub indexed_files: u32,
    pub millis: u32,
}

/// A place in a file of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Location {
    pub path: String,
    pub range: TextRange,
    /// The text of the line the range starts on (trimmed), for lists.
    pub preview: String,
}

/// The edits of one file in a rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileEdits {
    pub path: String,
    pub changes: Vec<TextChange>,
    /// One entry per change: the line before and after, for the preview.
    pub previews: Vec<EditPreview>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EditPreview {
    pub line: u32,
    pub before: String,
    pub after: String,
}

/// What a rename would change, shown before it is applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RenamePreview {
    /// What is renamed, e.g. "variable region".
    pub symbol: String,
    pub old_name: String,
    pub new_name: String,
    pub files: Vec<FileEdits>,
}

/// After a rename: files written to disk (not open), and the new text of open documents
/// (changed in their buffers, left unsaved like any other edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RenameResult {
    pub written: Vec<String>,
    pub updated: Vec<OpenDocument>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CompletionKind {
    Keyword,
    ResourceType,
    DataSourceType,
    Attribute,
    Block,
    Variable,
    Local,
    Module,
    Output,
    Resource,
    DataSource,
    Function,
    Snippet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// Text to insert; may contain `${1:name}` style snippet fields when `snippet` is true.
    pub insert: String,
    pub snippet: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompletionList {
    /// Start of the text being completed (UTF-16 offset); it ends at the cursor.
    pub from: u32,
    pub items: Vec<CompletionItem>,
}

/// A node of the outline of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutlineItem {
    /// `resource "aws_s3_bucket" "logs"`, `bucket`, `versioning`…
    pub name: String,
    /// block / attribute / the block type (resource, variable…)
    pub kind: String,
    pub range: TextRange,
    pub children: Vec<OutlineItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SearchQuery {
    pub text: String,
    pub regex: bool,
    pub case_sensitive: bool,
    pub whole_word: bool,
    /// Search symbol names (variables, resources…) instead of text.
    pub symbols: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    pub path: String,
    pub range: TextRange,
    /// The line of the hit (trimmed to ~200 chars around it), and the match's position in it.
    pub preview: String,
    pub preview_from: u32,
    pub preview_to: u32,
    /// For symbol search: "variable", "resource"…
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub files_searched: u32,
    /// True when the hit limit stopped the search.
    pub truncated: bool,
    pub millis: u32,
}

/// Hover text at a position (Markdown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HoverInfo {
    pub range: TextRange,
    pub markdown: String,
}
