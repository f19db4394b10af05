//! Rename through the editor: the preview (`orbis-lang`'s plan in UTF-16 changes with line
//! previews) and its application.
//!
//! Applying computes the plan again (a preview may be stale) and everything it needs before
//! changing anything: open documents get the edits in their buffers (dirty, version + 1, fresh
//! diagnostics, like any other edit); files that are not open are written atomically, each
//! only if it still holds exactly the text the plan was computed on. If one write fails, the
//! files written before it get their old content back.

use super::disk;
use super::document::byte_edits;
use super::dto::{
    DocumentDiagnostics, EditPreview, FileEdits, OpenDocument, RenamePreview, RenameResult,
    TextChange,
};
use super::language::{text_of, LangState, Target};
use super::utf16::LineMap;
use super::{lock, Editor, EditorEvent, Inner};
use crate::error::{AppError, ErrorCode};
use crate::workspace::Workspace;
use orbis_lang::{RenameError, RenamePlan, TextEdit};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

fn rename_error(e: RenameError) -> AppError {
    let hint = match &e {
        RenameError::NoSymbol => "Put the cursor on a name or a reference such as var.region.",
        RenameError::NotDeclared(_) => {
            "Only symbols declared in this workspace can be renamed; declare it first."
        }
        RenameError::InvalidName(_) => {
            "Type a new name that starts with a letter or underscore and uses only letters, \
             digits, underscores and dashes."
        }
        RenameError::Clash(_) => "Choose another name, or rename the existing one first.",
    };
    let code = if e.is_no_symbol() {
        ErrorCode::NoSymbol
    } else {
        ErrorCode::RenameInvalid
    };
    AppError::new(code, capitalize(&e.to_string()), hint)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn plan(state: &LangState, t: &Target, new_name: &str) -> Result<RenamePlan, AppError> {
    state
        .ws
        .rename(&t.path, t.byte, new_name)
        .map_err(rename_error)
}

/// A file's edits as editor changes, with each change's line before and after.
fn changes_of(text: &str, edits: &[TextEdit]) -> (Vec<TextChange>, Vec<EditPreview>) {
    let map = LineMap::new(text);
    let mut changes = Vec::with_capacity(edits.len());
    let mut previews = Vec::with_capacity(edits.len());
    for e in edits {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        changes.push(TextChange {
            from: map.position(start).0,
            to: map.position(end).0,
            insert: e.new_text.clone(),
        });
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        // Every edit of the line applied, so each entry shows the line as it will be.
        let mut after = String::new();
        let mut at = line_start;
        for o in edits
            .iter()
            .filter(|o| o.span.start as usize >= line_start && (o.span.end as usize) <= line_end)
        {
            after.push_str(&text[at..o.span.start as usize]);
            after.push_str(&o.new_text);
            at = o.span.end as usize;
        }
        after.push_str(&text[at..line_end]);
        previews.push(EditPreview {
            line: map.position(start).1,
            before: text[line_start..line_end].trim().to_string(),
            after: after.trim().to_string(),
        });
    }
    (changes, previews)
}

fn apply_bytes(text: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(text.len() + edits.len() * 8);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start as usize]);
        out.push_str(&e.new_text);
        at = e.span.end as usize;
    }
    out.push_str(&text[at..]);
    out
}

fn changed_on_disk(rel: &str) -> AppError {
    AppError::new(
        ErrorCode::RenameInvalid,
        format!("{rel} changed on disk since it was read; nothing was renamed"),
        "Rename again: the file is read again first.",
    )
}

struct DiskWrite {
    path: PathBuf,
    original: Vec<u8>,
    text: String,
    rel: String,
}

impl Editor {
    /// What renaming the symbol at `offset` of `rel` to `new_name` would change.
    pub fn rename_preview(
        self: &Arc<Self>,
        ws: &Workspace,
        rel: &str,
        offset: u32,
        new_name: &str,
    ) -> Result<RenamePreview, AppError> {
        self.with_language(ws, rel, Some(offset), true, |inner, state, t| {
            let plan = plan(state, t, new_name)?;
            let mut files = Vec::with_capacity(plan.files.len());
            for f in &plan.files {
                let Some(rel) = ws.relative(&f.path) else {
                    continue;
                };
                let Some(text) = text_of(inner, &state.ws, &rel, &f.path) else {
                    continue;
                };
                let (changes, previews) = changes_of(text, &f.edits);
                files.push(FileEdits {
                    path: rel,
                    changes,
                    previews,
                });
            }
            Ok(RenamePreview {
                symbol: plan.symbol,
                old_name: plan.old_name,
                new_name: plan.new_name,
                files,
            })
        })
    }

    /// Renames: open documents change in their buffers (unsaved), other files are written.
    pub fn apply_rename(
        self: &Arc<Self>,
        ws: &Workspace,
        rel: &str,
        offset: u32,
        new_name: &str,
    ) -> Result<RenameResult, AppError> {
        let (result, events) =
            self.with_language(ws, rel, Some(offset), true, |inner, state, t| {
                let plan = plan(state, t, new_name)?;
                self.apply_plan(ws, inner, state, &plan)
            })?;
        let sink = lock(&self.sink).clone();
        if let Some(sink) = sink {
            for e in events {
                sink(e);
            }
        }
        Ok(result)
    }

    fn apply_plan(
        &self,
        ws: &Workspace,
        inner: &mut Inner,
        state: &mut LangState,
        plan: &RenamePlan,
    ) -> Result<(RenameResult, Vec<EditorEvent>), AppError> {
        // 1. Everything computed and checked; nothing changed yet.
        let mut buffers: Vec<(String, Vec<TextChange>)> = Vec::new();
        let mut writes: Vec<DiskWrite> = Vec::new();
        for f in &plan.files {
            let rel = ws.relative(&f.path).ok_or_else(|| {
                AppError::new(
                    ErrorCode::OutsideWorkspace,
                    format!("{} is outside the workspace", f.path.display()),
                    "Only files inside the opened folder are renamed.",
                )
            })?;
            if let Some(doc) = inner.docs.get(&rel) {
                let (changes, _) = changes_of(doc.text(), &f.edits);
                byte_edits(doc.text(), &changes)?;
                buffers.push((rel, changes));
                continue;
            }
            let held = state
                .ws
                .file(&f.path)
                .map(|file| file.source.clone())
                .ok_or_else(|| changed_on_disk(&rel))?;
            let original = std::fs::read(&f.path).map_err(|e| AppError::io("read", &f.path, &e))?;
            if original != held.as_bytes() {
                // Read again before the next query, so renaming again works.
                self.language_files_changed(std::iter::once(&f.path));
                return Err(changed_on_disk(&rel));
            }
            writes.push(DiskWrite {
                text: apply_bytes(&held, &f.edits),
                path: f.path.clone(),
                original,
                rel,
            });
        }

        // 2. Files that are not open; on a failure, those written get their content back.
        for (i, w) in writes.iter().enumerate() {
            if let Err(e) = disk::write_atomic(&w.path, w.text.as_bytes()) {
                for done in &writes[..i] {
                    if let Err(undo) = disk::write_atomic(&done.path, &done.original) {
                        log::error!("rename: {} not restored: {undo}", done.path.display());
                    }
                }
                return Err(e);
            }
        }
        for w in &writes {
            inner
                .own_writes
                .insert(w.path.clone(), disk::hash(w.text.as_bytes()));
            state.ws.update_text(&w.path, &w.text);
        }

        // 3. Open buffers (the changes were checked above, so this cannot fail halfway).
        for (key, changes) in &buffers {
            if let Some(doc) = inner.docs.get_mut(key) {
                doc.apply(changes)?;
            }
        }
        let renamed: BTreeSet<&str> = buffers.iter().map(|(k, _)| k.as_str()).collect();
        let mut updated: Vec<OpenDocument> = Vec::new();
        let mut events = Vec::new();
        for key in &renamed {
            let (diagnostics, related) = inner.diagnose(key);
            updated.push(inner.open_document(key, diagnostics));
            events.extend(related);
        }
        // Other open documents whose diagnostics changed through the rename (sent as events).
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let events: Vec<EditorEvent> = events
            .into_iter()
            .rev()
            .filter(|d: &DocumentDiagnostics| {
                !renamed.contains(d.path.as_str()) && seen.insert(d.path.clone())
            })
            .map(EditorEvent::Diagnostics)
            .collect();
        Ok((
            RenameResult {
                written: writes.into_iter().map(|w| w.rel).collect(),
                updated,
            },
            events,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orbis_lang::Span;

    /// Replaces the name of the `nth` `var.<name>` of `text`.
    fn edit(text: &str, name: &str, nth: usize, new_text: &str) -> TextEdit {
        let needle = format!("var.{name}");
        let start = text.match_indices(&needle).nth(nth).unwrap().0 + 4;
        let span = Span {
            start: start as u32,
            end: (start + name.len()) as u32,
            ..Span::default()
        };
        TextEdit {
            span,
            new_text: new_text.into(),
        }
    }

    #[test]
    fn changes_are_utf16_and_previews_show_whole_lines() {
        let text = "# é😀\nx = var.a + var.a\n";
        let edits = vec![edit(text, "a", 0, "bb"), edit(text, "a", 1, "bb")];
        let (changes, previews) = changes_of(text, &edits);
        // "# é😀\n" is 6 UTF-16 units; "x = var." 8 more.
        assert_eq!(changes[0].from, 14);
        assert_eq!(changes[0].to, 15);
        assert_eq!(changes[1].from, 22);
        assert_eq!(previews[0].line, 2);
        assert_eq!(previews[0].before, "x = var.a + var.a");
        assert_eq!(previews[0].after, "x = var.bb + var.bb");
        assert_eq!(previews[1], previews[0]);
        assert_eq!(apply_bytes(text, &edits), "# é😀\nx = var.bb + var.bb\n");
    }
}
