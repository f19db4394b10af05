//! One open document: its buffer (an incrementally parsed `orbis_hcl::Document` for HCL files,
//! plain text otherwise), its version, and what the file on disk was when last read or saved.

use super::disk::{self, DiskStamp};
use super::dto::TextChange;
use super::utf16;
use crate::dto::FileLanguage;
use crate::error::{AppError, ErrorCode};
use std::ops::Range;
use std::path::PathBuf;

/// Above this many changes in one edit (a replace-all), one full parse is cheaper than one
/// incremental re-parse per change.
const MAX_INCREMENTAL_CHANGES: usize = 8;

pub(crate) enum Buffer {
    Hcl(Box<orbis_hcl::Document>),
    Text(String),
}

pub(crate) struct EditorDoc {
    /// Workspace-relative, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    pub language: FileLanguage,
    pub buffer: Buffer,
    pub version: u32,
    pub lossy: bool,
    /// The file on disk when we last read or wrote it.
    pub disk: DiskStamp,
    /// Hash of the buffer text as last read or saved (dirty = the text differs).
    pub saved_hash: u64,
    /// The diagnostics last returned or sent for this document.
    pub last_diagnostics: Vec<super::dto::EditorDiagnostic>,
}

pub(crate) fn is_hcl(language: FileLanguage) -> bool {
    matches!(
        language,
        FileLanguage::Terraform
            | FileLanguage::Terragrunt
            | FileLanguage::Tfvars
            | FileLanguage::Hcl
    )
}

impl EditorDoc {
    pub fn new(
        rel: String,
        path: PathBuf,
        language: FileLanguage,
        text: String,
        lossy: bool,
        disk: DiskStamp,
    ) -> Self {
        let saved_hash = disk::hash(text.as_bytes());
        EditorDoc {
            buffer: make_buffer(language, &path, text),
            rel,
            path,
            language,
            version: 0,
            lossy,
            disk,
            saved_hash,
            last_diagnostics: Vec::new(),
        }
    }

    pub fn text(&self) -> &str {
        match &self.buffer {
            Buffer::Hcl(d) => d.text(),
            Buffer::Text(t) => t,
        }
    }

    pub fn hcl(&self) -> Option<&orbis_hcl::File> {
        match &self.buffer {
            Buffer::Hcl(d) => Some(d.file()),
            Buffer::Text(_) => None,
        }
    }

    /// The parsed model as a shared handle, for the language index (no copy).
    pub fn hcl_shared(&self) -> Option<std::sync::Arc<orbis_hcl::File>> {
        match &self.buffer {
            Buffer::Hcl(d) => Some(d.shared_file()),
            Buffer::Text(_) => None,
        }
    }

    pub fn dirty(&self) -> bool {
        disk::hash(self.text().as_bytes()) != self.saved_hash
    }

    /// Replaces the whole text (resync, reload); the version moves on.
    pub fn replace_text(&mut self, text: String) {
        self.buffer = make_buffer(self.language, &self.path, text);
        self.version = self.version.wrapping_add(1);
    }

    /// Applies `changes` (UTF-16 offsets into the current text, sorted, non-overlapping).
    pub fn apply(&mut self, changes: &[TextChange]) -> Result<(), AppError> {
        let edits = byte_edits(self.text(), changes)?;
        match &mut self.buffer {
            Buffer::Hcl(doc) if edits.len() <= MAX_INCREMENTAL_CHANGES => {
                // Last first: earlier offsets stay valid.
                for (range, insert) in edits.iter().rev() {
                    doc.edit(range.clone(), insert);
                }
            }
            Buffer::Hcl(_) => {
                let text = apply_to(self.text(), &edits);
                self.buffer = make_buffer(self.language, &self.path, text);
            }
            Buffer::Text(t) => *t = apply_to(t, &edits),
        }
        self.version = self.version.wrapping_add(1);
        Ok(())
    }
}

fn make_buffer(language: FileLanguage, path: &std::path::Path, text: String) -> Buffer {
    if is_hcl(language) {
        Buffer::Hcl(Box::new(orbis_hcl::Document::new(text, path)))
    } else {
        Buffer::Text(text)
    }
}

fn apply_to(text: &str, edits: &[(Range<usize>, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for (range, insert) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(insert);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Byte ranges of UTF-16 changes, in one forward pass over the text.
pub(crate) fn byte_edits<'c>(
    text: &str,
    changes: &'c [TextChange],
) -> Result<Vec<(Range<usize>, &'c str)>, AppError> {
    let mut out = Vec::with_capacity(changes.len());
    let (mut byte, mut unit) = (0usize, 0u32);
    let mut to_byte = |target: u32| -> Result<usize, AppError> {
        if target < unit {
            return Err(bad_changes("changes overlap or are not sorted"));
        }
        let step = utf16::byte_of(&text[byte..], target - unit).ok_or_else(out_of_range)?;
        byte += step;
        // Rounded down inside a surrogate pair: count what was actually passed.
        unit += utf16::len(&text[byte - step..byte]);
        Ok(byte)
    };
    for c in changes {
        if c.to < c.from {
            return Err(bad_changes("a change ends before it starts"));
        }
        let start = to_byte(c.from)?;
        let end = to_byte(c.to)?;
        out.push((start..end, c.insert.as_str()));
    }
    Ok(out)
}

fn bad_changes(what: &str) -> AppError {
    AppError::new(
        ErrorCode::InvalidRequest,
        format!("Invalid edit: {what}"),
        "Send changes sorted by position, relative to the document's text before the edit.",
    )
}

fn out_of_range() -> AppError {
    AppError::new(
        ErrorCode::DocumentOutOfSync,
        "The edit refers to text past the end of the document",
        "The editor resends the whole text (set_document_text).",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(from: u32, to: u32, insert: &str) -> TextChange {
        TextChange {
            from,
            to,
            insert: insert.into(),
        }
    }

    #[test]
    fn applies_utf16_changes_to_non_ascii_text() {
        let mut doc = EditorDoc::new(
            "a.tf".into(),
            "a.tf".into(),
            FileLanguage::Terraform,
            "x = \"é😀\"\ny = 1\n".into(),
            false,
            DiskStamp::missing(),
        );
        // é = 1 unit, 😀 = 2 units: the closing quote is at unit 8.
        doc.apply(&[change(8, 8, "!"), change(14, 15, "2")])
            .unwrap();
        assert_eq!(doc.text(), "x = \"é😀!\"\ny = 2\n");
        assert_eq!(doc.version, 1);
        assert!(doc.dirty());
        let err = doc
            .apply(&[change(3, 4, ""), change(1, 2, "")])
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidRequest);
        let err = doc.apply(&[change(100, 100, "x")]).unwrap_err();
        assert_eq!(err.code, ErrorCode::DocumentOutOfSync);
        assert_eq!(doc.version, 1);
    }

    #[test]
    fn many_changes_rebuild_the_same_text() {
        let text: String = (0..20).map(|i| format!("a{i} = {i}\n")).collect();
        let mut doc = EditorDoc::new(
            "a.tf".into(),
            "a.tf".into(),
            FileLanguage::Terraform,
            text.clone(),
            false,
            DiskStamp::missing(),
        );
        let mut offsets = Vec::new();
        let mut at = 0;
        for line in text.lines() {
            offsets.push(at as u32);
            at += line.len() + 1;
        }
        let changes: Vec<_> = offsets.iter().map(|&o| change(o, o + 1, "b")).collect();
        doc.apply(&changes).unwrap();
        assert_eq!(doc.text(), text.replace('a', "b"));
        assert_eq!(doc.hcl().unwrap().body.attributes.len(), 20);
    }
}
