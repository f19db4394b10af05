//! The editor's Rust side (issue 6): open buffers, live diagnostics, saves, disk changes,
//! Problems and search. Navigation, rename, completion and outline come from `orbis-lang`.
//!
//! Edit data flow: the UI sends UTF-16 changes against a version → [`document`] converts them
//! to bytes and applies them to an incrementally re-parsed `orbis_hcl::Document` →
//! [`module_lint`] lints the document's module (other files from disk or their buffers, parsed
//! once; only touched blocks re-evaluated) → [`diagnostics`] turns parse errors and findings
//! into UTF-16 ranges with quick fixes. Disk changes arrive through [`watch`]; saves go
//! through [`disk::write_atomic`]. [`language`] keeps an `orbis_lang::LangWorkspace` of the
//! workspace in step with the buffers and the disk for navigation, rename (`rename.rs`),
//! completion, hover and outline; `format.rs` formats a buffer.

pub mod diagnostics;
pub mod disk;
pub(crate) mod document;
pub mod dto;
mod format;
pub mod language;
pub(crate) mod module_lint;
pub mod problems;
mod rename;
pub mod schemas;
pub mod search;
pub mod utf16;
pub mod watch;

use crate::dto::FileLanguage;
use crate::error::{AppError, ErrorCode};
use crate::workspace::Workspace;
use disk::DiskStamp;
use document::{Buffer, EditorDoc};
use dto::{
    DocumentDiagnostics, EditResult, EditorDiagnostic, OpenDocument, SaveResult, TextChange,
};
use module_lint::ModuleLinter;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// What the editor tells a front end without being asked (the desktop shell emits these as
/// the `file-changed` and `diagnostics` events).
#[derive(Debug, Clone, PartialEq)]
pub enum EditorEvent {
    FileChanged(dto::DiskChange),
    Diagnostics(DocumentDiagnostics),
}

pub type EventSink = Arc<dyn Fn(EditorEvent) + Send + Sync>;

/// Editor state of a session. Shared with the watcher thread.
#[derive(Default)]
pub struct Editor {
    inner: Mutex<Inner>,
    problems: Mutex<problems::ProblemsCache>,
    symbols: Mutex<search::SymbolCache>,
    watcher: Mutex<Option<watch::Running>>,
    sink: Mutex<Option<EventSink>>,
    /// The language model (definition, completion…), loaded in the background per workspace.
    lang: language::Language,
}

#[derive(Default)]
pub(crate) struct Inner {
    pub root: Option<PathBuf>,
    pub docs: HashMap<String, EditorDoc>,
    pub lint: ModuleLinter,
    /// Content hashes of files we wrote, so the watcher does not report our own saves.
    pub own_writes: HashMap<PathBuf, u64>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn not_open(rel: &str) -> AppError {
    AppError::new(
        ErrorCode::DocumentNotOpen,
        format!("{rel} is not open in the editor"),
        "Open the file first (open_document).",
    )
}

fn micros(since: Instant) -> u32 {
    u32::try_from(since.elapsed().as_micros()).unwrap_or(u32::MAX)
}

/// The workspace-relative key of a path the UI sent.
fn key_of(ws: &Workspace, rel: &str) -> Result<(String, PathBuf), AppError> {
    let path = ws.resolve(rel)?;
    let key = ws.relative(&path).unwrap_or_else(|| rel.to_string());
    Ok((key, path))
}

impl Editor {
    pub(crate) fn inner(&self) -> MutexGuard<'_, Inner> {
        lock(&self.inner)
    }

    /// A workspace was opened: documents of the previous one are closed, caches dropped, and
    /// the watcher (if one is wanted) follows the new folder.
    pub fn workspace_changed(self: &Arc<Self>, root: &Path) {
        {
            let mut inner = self.inner();
            inner.root = Some(root.to_path_buf());
            inner.docs.clear();
            inner.lint.clear();
            inner.own_writes.clear();
        }
        *lock(&self.problems) = Default::default();
        *lock(&self.symbols) = Default::default();
        self.language_workspace_changed(root);
        let sink = lock(&self.sink).clone();
        if let Some(sink) = sink {
            // A watch that cannot start (inotify limit) leaves the editor working without
            // live disk changes; the first `watch` call reported the same error.
            let _ = self.start_watcher(root, sink);
        }
    }

    /// Watches the workspace for changes on disk and reports them to `sink` (restarted when
    /// another workspace is opened).
    pub fn watch(self: &Arc<Self>, sink: EventSink) -> Result<(), AppError> {
        *lock(&self.sink) = Some(sink.clone());
        let root = self.inner().root.clone();
        match root {
            Some(root) => self.start_watcher(&root, sink),
            None => Ok(()),
        }
    }

    fn start_watcher(self: &Arc<Self>, root: &Path, sink: EventSink) -> Result<(), AppError> {
        let mut slot = lock(&self.watcher);
        // Stop the previous watcher first (its thread ends when its channel closes).
        *slot = None;
        *slot = Some(watch::Running::start(self.clone(), root, sink)?);
        Ok(())
    }

    pub fn open(&self, ws: &Workspace, rel: &str) -> Result<OpenDocument, AppError> {
        let (key, _) = key_of(ws, rel)?;
        let mut inner = self.inner();
        inner.root.get_or_insert_with(|| ws.root().to_path_buf());
        if !inner.docs.contains_key(&key) {
            let (content, path, stamp) = crate::files::read_stamped(ws, rel)?;
            refuse_non_text(&content)?;
            let doc = EditorDoc::new(
                key.clone(),
                path,
                content.language,
                content.text,
                content.lossy,
                stamp,
            );
            inner.docs.insert(key.clone(), doc);
        }
        let (diagnostics, _) = inner.diagnose(&key);
        Ok(inner.open_document(&key, diagnostics))
    }

    pub fn edit(
        &self,
        ws: &Workspace,
        rel: &str,
        version: u32,
        changes: &[TextChange],
    ) -> Result<EditResult, AppError> {
        let started = Instant::now();
        let (key, _) = key_of(ws, rel)?;
        let mut inner = self.inner();
        let doc = inner.docs.get_mut(&key).ok_or_else(|| not_open(rel))?;
        if doc.version != version {
            return Err(out_of_sync(rel, version, doc.version));
        }
        self.release_parsed(&doc.path);
        doc.apply(changes)?;
        Ok(inner.edit_result(&key, started))
    }

    pub fn set_text(
        &self,
        ws: &Workspace,
        rel: &str,
        text: String,
    ) -> Result<EditResult, AppError> {
        let started = Instant::now();
        let (key, _) = key_of(ws, rel)?;
        let mut inner = self.inner();
        let doc = inner.docs.get_mut(&key).ok_or_else(|| not_open(rel))?;
        doc.replace_text(text);
        Ok(inner.edit_result(&key, started))
    }

    pub fn save(&self, ws: &Workspace, rel: &str, overwrite: bool) -> Result<SaveResult, AppError> {
        let (key, _) = key_of(ws, rel)?;
        let mut inner = self.inner();
        let doc = inner.docs.get_mut(&key).ok_or_else(|| not_open(rel))?;
        let current = DiskStamp::current(&doc.path, &doc.disk)
            .map_err(|e| AppError::io("read", &doc.path, &e))?;
        // Changed by someone else since we read or saved it (a deleted file is simply
        // written again: the buffer is all the user has).
        let conflict = current.hash.is_some() && current.hash != doc.disk.hash;
        if conflict && !overwrite {
            return Ok(SaveResult {
                path: key,
                version: doc.version,
                saved: false,
                conflict: true,
            });
        }
        let bytes = doc.text().as_bytes().to_vec();
        let stamp = disk::write_atomic(&doc.path, &bytes)?;
        doc.disk = stamp;
        doc.saved_hash = disk::hash(&bytes);
        doc.lossy = false;
        let (path, version) = (doc.path.clone(), doc.version);
        inner.own_writes.insert(path, disk::hash(&bytes));
        Ok(SaveResult {
            path: key,
            version,
            saved: true,
            conflict,
        })
    }

    pub fn reload(&self, ws: &Workspace, rel: &str) -> Result<OpenDocument, AppError> {
        let (key, _) = key_of(ws, rel)?;
        let mut inner = self.inner();
        if !inner.docs.contains_key(&key) {
            return Err(not_open(rel));
        }
        let (content, _, stamp) = crate::files::read_stamped(ws, rel)?;
        refuse_non_text(&content)?;
        let doc = inner.docs.get_mut(&key).ok_or_else(|| not_open(rel))?;
        doc.reload(content.text, content.lossy, stamp);
        let (diagnostics, _) = inner.diagnose(&key);
        Ok(inner.open_document(&key, diagnostics))
    }

    /// Open documents with edits not saved (workspace-relative paths, sorted).
    pub fn unsaved(&self) -> Vec<String> {
        let inner = self.inner();
        let mut out: Vec<String> = inner
            .docs
            .values()
            .filter(|d| d.dirty())
            .map(|d| d.rel.clone())
            .collect();
        out.sort();
        out
    }

    pub fn close(&self, ws: &Workspace, rel: &str) -> Result<(), AppError> {
        let (key, _) = key_of(ws, rel)?;
        let mut inner = self.inner();
        inner.docs.remove(&key);
        let dirs: Vec<PathBuf> = inner
            .docs
            .values()
            .filter_map(|d| d.path.parent().map(Path::to_path_buf))
            .collect();
        inner.lint.retain(&dirs);
        Ok(())
    }

    /// Text of every open document by absolute path (for Problems and search).
    pub(crate) fn open_texts(&self) -> HashMap<PathBuf, Arc<str>> {
        self.inner()
            .docs
            .values()
            .map(|d| (d.path.clone(), Arc::from(d.text())))
            .collect()
    }

    pub fn workspace_problems(&self, ws: &Workspace) -> dto::WorkspaceProblems {
        let open = self.open_texts();
        let mut cache = lock(&self.problems);
        problems::workspace_problems(ws, &open, &mut cache)
    }

    pub fn search(
        &self,
        ws: &Workspace,
        query: &dto::SearchQuery,
    ) -> Result<dto::SearchResults, AppError> {
        let open = self.open_texts();
        if query.symbols {
            let mut cache = lock(&self.symbols);
            search::search_symbols(ws, query, &open, &mut cache)
        } else {
            search::search_text(ws, query, &open)
        }
    }
}

fn refuse_non_text(content: &crate::dto::FileContent) -> Result<(), AppError> {
    if content.plan {
        return Err(AppError::new(
            ErrorCode::InvalidRequest,
            format!("{} is a Terraform plan", content.path),
            "Plans open in Plan Review (their values are redacted there), not in the editor.",
        ));
    }
    if crate::state_explorer::is_state_file(std::path::Path::new(&content.path)) {
        return Err(AppError::new(
            ErrorCode::InvalidRequest,
            format!("{} is a Terraform state", content.path),
            "States hold secrets in clear: they open in the State Explorer, redacted and read only.",
        ));
    }
    if content.binary {
        return Err(AppError::new(
            ErrorCode::InvalidRequest,
            format!("{} is a binary file", content.path),
            "Only text files open in the editor.",
        ));
    }
    Ok(())
}

fn out_of_sync(rel: &str, sent: u32, held: u32) -> AppError {
    AppError::new(
        ErrorCode::DocumentOutOfSync,
        format!("The edit of {rel} was based on version {sent}, but version {held} is held"),
        "The editor resends the whole text (set_document_text).",
    )
}

impl EditorDoc {
    pub(crate) fn reload(&mut self, text: String, lossy: bool, stamp: DiskStamp) {
        self.saved_hash = disk::hash(text.as_bytes());
        self.replace_text(text);
        self.lossy = lossy;
        self.disk = stamp;
    }
}

impl Inner {
    pub(crate) fn open_document(
        &self,
        key: &str,
        diagnostics: Vec<EditorDiagnostic>,
    ) -> OpenDocument {
        let doc = &self.docs[key];
        OpenDocument {
            path: key.to_string(),
            language: doc.language,
            text: doc.text().to_string(),
            version: doc.version,
            dirty: doc.dirty(),
            lossy: doc.lossy,
            diagnostics,
        }
    }

    fn edit_result(&mut self, key: &str, started: Instant) -> EditResult {
        let (diagnostics, related) = self.diagnose(key);
        let version = self.docs[key].version;
        EditResult {
            document: DocumentDiagnostics {
                path: key.to_string(),
                version,
                diagnostics,
                micros: micros(started),
            },
            related,
            timing: None,
        }
    }

    /// Diagnostics of the open document `key` (remembered as its last ones), and those of
    /// other open documents of its module whose diagnostics changed through it.
    pub(crate) fn diagnose(
        &mut self,
        key: &str,
    ) -> (Vec<EditorDiagnostic>, Vec<DocumentDiagnostics>) {
        let started = Instant::now();
        let Some(doc) = self.docs.get(key) else {
            return (Vec::new(), Vec::new());
        };
        let path = doc.path.clone();
        let mut results: Vec<(String, Vec<EditorDiagnostic>)> = Vec::new();
        match (&doc.buffer, module_lint::lint_kind(&path), path.parent()) {
            (Buffer::Hcl(_), Some(_), Some(dir)) => {
                let root = self.root.clone().unwrap_or_else(|| dir.to_path_buf());
                let module_docs: Vec<&EditorDoc> = self
                    .docs
                    .values()
                    .filter(|d| d.path.parent() == Some(dir) && d.hcl().is_some())
                    .collect();
                let open: Vec<(&Path, &orbis_hcl::File)> = module_docs
                    .iter()
                    .filter_map(|d| Some((d.path.as_path(), d.hcl()?)))
                    .collect();
                let findings = self.lint.lint(&root, dir, &open);
                for d in module_docs {
                    let diags = hcl_diagnostics(
                        d,
                        findings.by_file.get(&d.path).map(Vec::as_slice),
                        findings.config_error.as_deref(),
                    );
                    results.push((d.rel.clone(), diags));
                }
            }
            (Buffer::Hcl(_), _, _) => {
                results.push((key.to_string(), hcl_diagnostics(doc, None, None)))
            }
            (Buffer::Text(text), _, Some(dir)) if doc.language == FileLanguage::Yaml => {
                let root = self.root.clone().unwrap_or_else(|| dir.to_path_buf());
                let config = self.lint.configs.config_for(&root, dir).config;
                results.push((key.to_string(), yaml_diagnostics(&path, text, &config)));
            }
            (Buffer::Text(_), _, _) => results.push((key.to_string(), Vec::new())),
        }
        let mut own = Vec::new();
        let mut related = Vec::new();
        for (rel, diags) in results {
            let Some(d) = self.docs.get_mut(&rel) else {
                continue;
            };
            if rel == key {
                d.last_diagnostics = diags.clone();
                own = diags;
            } else if d.last_diagnostics != diags {
                d.last_diagnostics = diags.clone();
                related.push(DocumentDiagnostics {
                    path: rel,
                    version: d.version,
                    diagnostics: diags,
                    micros: micros(started),
                });
            }
        }
        (own, related)
    }
}

/// Parse diagnostics and lint findings of an HCL document.
fn hcl_diagnostics(
    doc: &EditorDoc,
    findings: Option<&[orbis_lint::Finding]>,
    config_error: Option<&str>,
) -> Vec<EditorDiagnostic> {
    let Some(file) = doc.hcl() else {
        return Vec::new();
    };
    let map = utf16::LineMap::new(doc.text());
    let mut out: Vec<EditorDiagnostic> = file
        .diagnostics
        .iter()
        .map(|d| diagnostics::from_parse(d, &map))
        .collect();
    out.extend(
        findings
            .unwrap_or_default()
            .iter()
            .filter_map(|f| diagnostics::from_finding(f, &map)),
    );
    if let Some(e) = config_error {
        out.push(diagnostics::config_error(e, &map));
    }
    diagnostics::sort(&mut out);
    out
}

/// YAML syntax errors, and lint findings when the file holds Kubernetes objects.
pub(crate) fn yaml_diagnostics(
    path: &Path,
    text: &str,
    config: &orbis_lint::Config,
) -> Vec<EditorDiagnostic> {
    let map = utf16::LineMap::new(text);
    let parsed = orbis_hcl::yaml::parse_yaml(text, path);
    let mut out: Vec<EditorDiagnostic> = parsed
        .diagnostics
        .iter()
        .map(|d| diagnostics::from_parse(d, &map))
        .collect();
    let name = path.display().to_string();
    let ws = orbis_lint::load::load_sources(&[(name.as_str(), text)]);
    if !ws.k8s.is_empty() {
        let rules = orbis_lint::enabled_rules(config);
        out.extend(
            orbis_lint::engine::run_on_caller(&ws, config, &rules)
                .iter()
                .filter_map(|f| diagnostics::from_finding(f, &map)),
        );
    }
    diagnostics::sort(&mut out);
    out
}

/// [`yaml_diagnostics`] for files that look like Kubernetes manifests; other YAML (CI
/// configs, Helm values and templates) is not ours to judge in the Problems panel.
pub(crate) fn yaml_diagnostics_if_manifest(
    path: &Path,
    text: &str,
    config: &orbis_lint::Config,
) -> Vec<EditorDiagnostic> {
    if !(text.contains("apiVersion") && text.contains("kind")) {
        return Vec::new();
    }
    yaml_diagnostics(path, text, config)
}
