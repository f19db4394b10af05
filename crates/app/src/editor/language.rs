//! The language features of `orbis-lang` (definition, references, rename, completion, hover,
//! outline) on the editor's buffers.
//!
//! Lifecycle: each opened workspace gets one [`orbis_lang::LangWorkspace`], loaded on a
//! background thread (scan + parallel parse + index) as soon as the workspace opens in the
//! desktop app (`Session::set_language_preload`), else at the first language request, so the
//! CLI and benchmarks pay nothing for it. Until it is ready, completion and hover answer from a workspace of the queried file's module alone
//! (a few milliseconds), and so does definition when it finds the declaration there (else it
//! waits); references and rename wait for the whole workspace, because an answer missing the
//! other modules would be wrong. Once loaded, the provider
//! schemas of initialised module folders are read in the background too ([`schemas`]).
//!
//! Keeping it in sync costs nothing per keystroke: before each query, open documents whose
//! buffer changed since the last one are handed over (`update_file` with a copy of the
//! document's parsed `File`), documents closed since are re-read from disk, and files the
//! watcher saw change on disk are re-read (`reload_file`). Only the touched modules are
//! re-indexed, lazily, by `orbis-lang`.
//!
//! Positions: the UI's UTF-16 offsets are converted with [`utf16`] against the text the
//! workspace holds for the file (the buffer for open documents); results come back as UTF-16
//! ranges with 1-based lines and columns.

use super::document::Buffer;
use super::dto::{
    CompletionItem, CompletionKind, CompletionList, HoverInfo, Location, OutlineItem, TextRange,
};
use super::utf16::{self, LineMap};
use super::{key_of, lock, schemas, Editor, Inner};
use crate::error::{AppError, ErrorCode};
use crate::workspace::Workspace;
use orbis_lang::{LangWorkspace, Span};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long references and rename wait for the workspace being loaded at open before giving
/// up (a huge workspace on a slow disk).
const LOAD_WAIT: Duration = Duration::from_secs(120);

/// The language state of the editor: the workspace model (once loaded) and what changed on
/// disk since the last query.
#[derive(Default)]
pub(crate) struct Language {
    slot: Mutex<Slot>,
    loaded: Condvar,
    /// Files the watcher saw change, applied before the next query.
    pending: Mutex<BTreeSet<PathBuf>>,
    /// Load the model as soon as a workspace opens (the desktop app), rather than at the
    /// first language request (CLI, benchmarks: no work they do not ask for).
    preload: AtomicBool,
    pub(crate) schemas: schemas::SchemaLoader,
}

#[derive(Default)]
pub(crate) struct Slot {
    /// Bumped by every workspace change, so a late background load of a previous workspace
    /// is dropped.
    pub generation: u64,
    pub root: Option<PathBuf>,
    /// A background load of `root` is running.
    pub loading: bool,
    pub state: Option<LangState>,
    pub load_millis: Option<u64>,
}

pub(crate) struct LangState {
    pub ws: LangWorkspace,
    /// Only the queried file's module (the whole workspace is still loading).
    pub partial: bool,
    /// Open buffers handed to `ws`: path → stamp of (version, text) when handed over.
    synced: HashMap<PathBuf, u64>,
}

/// How far the language model of the workspace is (for tests, logs and a status display).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageStatus {
    /// The whole workspace is loaded and indexed.
    pub loaded: bool,
    /// How long the background load took.
    pub load_millis: Option<u64>,
    pub modules: usize,
    pub files: usize,
    /// Provider schemas read from initialised module folders so far.
    pub schemas: Vec<schemas::SchemaLoad>,
    /// Provider schemas are still being read.
    pub schemas_loading: bool,
}

/// Whether `orbis-lang` models this file (Terraform configuration and variable files).
pub(crate) fn is_lang_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".tf") || n.ends_with(".tofu") || n.ends_with(".tfvars"))
}

fn no_symbol() -> AppError {
    AppError::new(
        ErrorCode::NoSymbol,
        "No variable, local value, resource, data source, module or output at the cursor",
        "Put the cursor on a name or a reference such as var.region.",
    )
}

fn past_end(rel: &str) -> AppError {
    AppError::new(
        ErrorCode::DocumentOutOfSync,
        format!("The position is past the end of {rel}"),
        "The editor resends the whole text (set_document_text).",
    )
}

fn still_loading() -> AppError {
    AppError::new(
        ErrorCode::Io,
        "The workspace is still being indexed",
        "Try again in a moment; very large folders take a while the first time.",
    )
}

/// What a query is about: the file and the byte offset in the text the workspace holds.
pub(crate) struct Target {
    /// Workspace-relative path.
    pub rel: String,
    pub path: PathBuf,
    pub byte: usize,
}

impl Editor {
    /// A workspace was opened: the previous model goes; the new one is loaded on a background
    /// thread now (preload) or at the first language request.
    pub(crate) fn language_workspace_changed(self: &Arc<Self>, root: &Path) {
        {
            let mut slot = lock(&self.lang.slot);
            slot.generation += 1;
            slot.root = Some(root.to_path_buf());
            slot.loading = false;
            slot.state = None;
            slot.load_millis = None;
        }
        lock(&self.lang.pending).clear();
        self.lang.schemas.reset();
        if self.lang.preload.load(Ordering::Relaxed) {
            self.start_language_load();
        }
    }

    /// Starts loading the model of the current workspace, unless it is loaded or loading.
    fn start_language_load(self: &Arc<Self>) {
        let (generation, root) = {
            let mut slot = lock(&self.lang.slot);
            let Some(root) = slot.root.clone() else {
                return;
            };
            if slot.loading || slot.state.is_some() {
                return;
            }
            slot.loading = true;
            (slot.generation, root)
        };
        let weak = Arc::downgrade(self);
        let spawned = std::thread::Builder::new()
            .name("orbis-lang-load".into())
            .spawn(move || load(weak, generation, root));
        if let Err(e) = spawned {
            log::error!("cannot start the language index thread: {e}");
            lock(&self.lang.slot).loading = false;
        }
    }

    /// Whether the language model is loaded when a workspace opens.
    pub fn set_language_preload(&self, preload: bool) {
        self.lang.preload.store(preload, Ordering::Relaxed);
    }

    /// The watcher saw these files change (called with the editor's state locked: only
    /// records them).
    pub(crate) fn language_files_changed<'a>(&self, paths: impl Iterator<Item = &'a PathBuf>) {
        lock(&self.lang.pending).extend(paths.cloned());
    }

    pub fn set_schema_cache_dir(&self, dir: Option<PathBuf>) {
        self.lang
            .schemas
            .set_cache_dir(dir.map(|d| d.join("provider-schemas")));
    }

    pub fn set_schema_binary(&self, binary: Option<PathBuf>) {
        self.lang.schemas.set_binary(binary);
    }

    pub fn language_status(&self) -> LanguageStatus {
        let slot = lock(&self.lang.slot);
        let (modules, files) = slot.state.as_ref().map_or((0, 0), |s| {
            let dirs: Vec<&Path> = s.ws.module_dirs().collect();
            let files = dirs.iter().map(|d| s.ws.module_files(d).len()).sum();
            (dirs.len(), files)
        });
        let (schemas, schemas_loading) = self.lang.schemas.status();
        LanguageStatus {
            loaded: slot.state.is_some(),
            load_millis: slot.load_millis,
            modules,
            files,
            schemas,
            schemas_loading,
        }
    }

    /// The slot with a loaded workspace for `root` (waiting for the background load up to
    /// `wait`; `None` when it is not ready by then).
    fn loaded_slot(self: &Arc<Self>, root: &Path, wait: Duration) -> Option<MutexGuard<'_, Slot>> {
        let other_root = lock(&self.lang.slot).root.as_deref() != Some(root);
        if other_root {
            // A session whose workspace was opened before the editor followed it.
            self.language_workspace_changed(root);
        }
        self.start_language_load();
        let deadline = Instant::now() + wait;
        let mut slot = lock(&self.lang.slot);
        loop {
            if slot.root.as_deref() != Some(root) {
                return None;
            }
            if slot.state.is_some() {
                return Some(slot);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            slot = self
                .lang
                .loaded
                .wait_timeout(slot, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Runs `f` on the language model, synced with the open buffers and the disk, with the
    /// editor's state locked (so the texts cannot change meanwhile). `offset` (UTF-16) is
    /// converted to a byte offset of the file's text. With `complete: false`, a workspace
    /// still loading is replaced by one of the file's module alone.
    pub(crate) fn with_language<T>(
        self: &Arc<Self>,
        ws: &Workspace,
        rel: &str,
        offset: Option<u32>,
        complete: bool,
        f: impl FnOnce(&mut Inner, &mut LangState, &Target) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let (key, path) = key_of(ws, rel)?;
        let wait = if complete { LOAD_WAIT } else { Duration::ZERO };
        let slot = self.loaded_slot(ws.root(), wait);
        if slot.is_none() && complete {
            return Err(still_loading());
        }
        let mut inner = self.inner();
        let mut partial;
        let mut slot = slot;
        let generation = slot.as_ref().map_or(0, |s| s.generation);
        let state: &mut LangState = match slot.as_mut().and_then(|s| s.state.as_mut()) {
            Some(state) => {
                let pending = std::mem::take(&mut *lock(&self.lang.pending));
                for dir in state.sync(&inner, pending) {
                    self.language_lock_file_changed(generation, dir);
                }
                state
            }
            None => {
                partial = LangState::module_of(ws.root(), &path, &inner);
                &mut partial
            }
        };
        let byte = match offset {
            None => 0,
            Some(units) => {
                let text = text_of(&inner, &state.ws, &key, &path).ok_or_else(no_symbol)?;
                utf16::byte_of(text, units).ok_or_else(|| past_end(rel))?
            }
        };
        let target = Target {
            rel: key,
            path,
            byte,
        };
        f(&mut inner, state, &target)
    }

    /// Before an edit of the buffer at `path`: the language model lets go of the buffer's
    /// parsed model, so the edit rebuilds it in place instead of copying it first (~2 ms per
    /// keystroke in a 5,000-line file). Never waits (the edit is on the typing path): when a
    /// language query holds the model, the edit copies. The next query syncs the file again.
    pub(crate) fn release_parsed(&self, path: &Path) {
        let Ok(mut slot) = self.lang.slot.try_lock() else {
            return;
        };
        if let Some(state) = slot.state.as_mut() {
            if let Some(synced) = state.synced.get_mut(path) {
                // Stays listed (a close before the next query reloads it from disk), with a
                // stamp no buffer has, so the next query hands the edited model back.
                *synced = DETACHED;
                state.ws.detach_file(path);
            }
        }
    }

    /// `.terraform.lock.hcl` changed (an init, an upgrade): read the folder's provider
    /// schemas again in the background.
    fn language_lock_file_changed(self: &Arc<Self>, generation: u64, dir: PathBuf) {
        let weak = Arc::downgrade(self);
        let _ = std::thread::Builder::new()
            .name("orbis-schemas".into())
            .spawn(move || schemas::load_schemas(weak, generation, vec![dir]));
    }

    /// Merges provider schemas read for `generation` (dropped if another workspace was
    /// opened since).
    pub(crate) fn merge_provider_schemas(
        &self,
        generation: u64,
        schemas: orbis_lang::ProviderSchemas,
    ) -> bool {
        let mut slot = lock(&self.lang.slot);
        if slot.generation != generation {
            return false;
        }
        match slot.state.as_mut() {
            Some(state) => {
                state.ws.merge_provider_schemas(schemas);
                true
            }
            None => false,
        }
    }

    pub(crate) fn language_generation(&self) -> u64 {
        lock(&self.lang.slot).generation
    }

    /// Go to definition: the declarations of the symbol at the cursor (more than one only in
    /// invalid configurations; empty when it is declared nowhere).
    pub fn definition(
        self: &Arc<Self>,
        ws: &Workspace,
        rel: &str,
        offset: u32,
    ) -> Result<Vec<Location>, AppError> {
        let find = |state: &LangState, t: &Target| -> Result<Vec<Location>, AppError> {
            let lang = &state.ws;
            let at = lang.symbol_at(&t.path, t.byte).ok_or_else(no_symbol)?;
            let mut pos = Positions::new(lang, ws);
            Ok(lang
                .definitions_of(&at.key)
                .iter()
                .filter_map(|d| pos.location(&d.path, &d.name_span))
                .collect())
        };
        let (found, partial) = self.with_language(ws, rel, Some(offset), false, |_, s, t| {
            Ok((find(s, t), s.partial))
        })?;
        match found {
            // Not found in the module alone: it may be in another module (`module.m.out`).
            Ok(v) if v.is_empty() && partial => {
                self.with_language(ws, rel, Some(offset), true, |_, s, t| find(s, t))
            }
            Err(e) if e.code == ErrorCode::NoSymbol && partial => {
                self.with_language(ws, rel, Some(offset), true, |_, s, t| find(s, t))
            }
            other => other,
        }
    }

    /// Every use of the symbol at the cursor, its declaration included, across modules.
    pub fn references(
        self: &Arc<Self>,
        ws: &Workspace,
        rel: &str,
        offset: u32,
    ) -> Result<Vec<Location>, AppError> {
        self.with_language(ws, rel, Some(offset), true, |_, state, t| {
            let lang = &state.ws;
            let at = lang.symbol_at(&t.path, t.byte).ok_or_else(no_symbol)?;
            let mut pos = Positions::new(lang, ws);
            Ok(lang
                .references_of(&at.key, true)
                .iter()
                .filter_map(|l| pos.location(&l.path, &l.span))
                .collect())
        })
    }

    pub fn completions(
        self: &Arc<Self>,
        ws: &Workspace,
        rel: &str,
        offset: u32,
    ) -> Result<CompletionList, AppError> {
        self.with_language(ws, rel, Some(offset), false, |inner, state, t| {
            let lang = &state.ws;
            let found = lang.completions(&t.path, t.byte);
            let text = text_of(inner, lang, &t.rel, &t.path).unwrap_or("");
            let from = text
                .get(..found.replace_start.min(t.byte))
                .map_or(offset, utf16::len);
            Ok(CompletionList {
                from,
                items: found.items.into_iter().map(completion_item).collect(),
            })
        })
    }

    /// Hover text at the cursor. Never waits for the workspace being loaded (hovers come
    /// with every mouse pause): until then, what the file's module alone says.
    pub fn hover(
        self: &Arc<Self>,
        ws: &Workspace,
        rel: &str,
        offset: u32,
    ) -> Result<Option<HoverInfo>, AppError> {
        self.with_language(ws, rel, Some(offset), false, |_, state, t| {
            let lang = &state.ws;
            let Some(h) = lang.hover(&t.path, t.byte) else {
                return Ok(None);
            };
            Ok(Positions::new(lang, ws)
                .range(&t.path, &h.span)
                .map(|range| HoverInfo {
                    range,
                    markdown: h.markdown,
                }))
        })
    }

    /// The outline of a file: from the open buffer (any HCL file, no workspace needed), else
    /// from the file on disk.
    pub fn outline(&self, ws: &Workspace, rel: &str) -> Result<Vec<OutlineItem>, AppError> {
        let (key, path) = key_of(ws, rel)?;
        let inner = self.inner();
        if let Some(doc) = inner.docs.get(&key) {
            return Ok(match &doc.buffer {
                Buffer::Hcl(d) => outline_items(d.file(), d.text()),
                Buffer::Text(_) => Vec::new(),
            });
        }
        drop(inner);
        let content = crate::files::read_file(ws, rel)?;
        if !super::document::is_hcl(content.language) || content.binary || content.plan {
            return Ok(Vec::new());
        }
        let file = orbis_hcl::parse_str(&content.text, &path);
        Ok(outline_items(&file, &content.text))
    }
}

/// Background load of a workspace's language model, then of its provider schemas.
fn load(editor: std::sync::Weak<Editor>, generation: u64, root: PathBuf) {
    let started = Instant::now();
    let ws = LangWorkspace::load(&root);
    let millis = started.elapsed().as_millis() as u64;
    let Some(editor) = editor.upgrade() else {
        return;
    };
    let dirs = ws.initialized_module_dirs();
    {
        let mut slot = lock(&editor.lang.slot);
        if slot.generation != generation {
            return;
        }
        log::info!(
            "language index of {}: {} modules in {millis} ms",
            root.display(),
            ws.module_dirs().count()
        );
        slot.state = Some(LangState {
            ws,
            partial: false,
            synced: HashMap::new(),
        });
        slot.loading = false;
        slot.load_millis = Some(millis);
        editor.lang.loaded.notify_all();
    }
    let weak = Arc::downgrade(&editor);
    drop(editor);
    schemas::load_schemas(weak, generation, dirs);
}

/// A stamp of a buffer's version and text.
/// The `synced` stamp of a buffer whose model the language workspace let go of.
const DETACHED: u64 = u64::MAX;

fn stamp(version: u32, text: &str) -> u64 {
    super::disk::hash(text.as_bytes()) ^ u64::from(version).rotate_left(32)
}

impl LangState {
    /// Brings the model up to date: disk changes the watcher saw (files not open), open
    /// buffers changed since the last sync, and documents closed since (back to disk).
    /// Returns the module folders whose `.terraform.lock.hcl` changed.
    fn sync(&mut self, inner: &Inner, pending: BTreeSet<PathBuf>) -> Vec<PathBuf> {
        let open: HashMap<&Path, &super::document::EditorDoc> =
            inner.docs.values().map(|d| (d.path.as_path(), d)).collect();
        let mut lock_dirs = Vec::new();
        for path in pending {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name == ".terraform.lock.hcl" {
                if let Some(dir) = path.parent() {
                    if dir.join(".terraform").is_dir() {
                        lock_dirs.push(dir.to_path_buf());
                    }
                }
                continue;
            }
            if is_lang_file(&path) && !open.contains_key(path.as_path()) {
                self.ws.reload_file(&path);
            }
        }
        for (path, doc) in &open {
            let Some(file) = doc.hcl_shared() else {
                continue;
            };
            if !is_lang_file(path) {
                continue;
            }
            let now = stamp(doc.version, doc.text());
            if self.synced.get(*path) != Some(&now) {
                self.ws.update_file(path, file);
                self.synced.insert(path.to_path_buf(), now);
            }
        }
        let closed: Vec<PathBuf> = self
            .synced
            .keys()
            .filter(|p| !open.contains_key(p.as_path()))
            .cloned()
            .collect();
        for path in closed {
            self.synced.remove(&path);
            self.ws.reload_file(&path);
        }
        lock_dirs
    }

    /// A model of `path`'s module alone (its folder's files, open buffers first), for answers
    /// while the whole workspace is still loading.
    fn module_of(root: &Path, path: &Path, inner: &Inner) -> LangState {
        let mut ws = LangWorkspace::new(root);
        if let Some(dir) = path.parent() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_lang_file(p))
                .collect();
            // An open buffer that is not on disk yet.
            if is_lang_file(path) && !files.iter().any(|p| p == path) {
                files.push(path.to_path_buf());
            }
            files.sort();
            for p in files {
                let open = inner.docs.values().find(|d| d.path == p);
                let file = match open.and_then(|d| d.hcl()) {
                    Some(f) => f.clone(),
                    None => orbis_hcl::parse_file(&p),
                };
                ws.update_file(&p, Arc::new(file));
            }
        }
        LangState {
            ws,
            partial: true,
            synced: HashMap::new(),
        }
    }
}

/// The text the model holds for a file: the open buffer, else the file as read from disk.
pub(crate) fn text_of<'a>(
    inner: &'a Inner,
    lang: &'a LangWorkspace,
    key: &str,
    path: &Path,
) -> Option<&'a str> {
    match inner.docs.get(key) {
        Some(d) => Some(d.text()),
        None => lang.file(path).map(|f| f.source.as_str()),
    }
}

/// Byte spans of workspace files → UTF-16 editor ranges (one line map per file).
pub(crate) struct Positions<'a> {
    lang: &'a LangWorkspace,
    ws: &'a Workspace,
    maps: HashMap<PathBuf, LineMap<'a>>,
}

impl<'a> Positions<'a> {
    pub fn new(lang: &'a LangWorkspace, ws: &'a Workspace) -> Self {
        Positions {
            lang,
            ws,
            maps: HashMap::new(),
        }
    }

    pub fn map(&mut self, path: &Path) -> Option<&LineMap<'a>> {
        if !self.maps.contains_key(path) {
            let file = self.lang.file(path)?;
            self.maps
                .insert(path.to_path_buf(), LineMap::new(file.source.as_str()));
        }
        self.maps.get(path)
    }

    pub fn range(&mut self, path: &Path, span: &Span) -> Option<TextRange> {
        Some(
            self.map(path)?
                .range(span.start as usize, span.end as usize),
        )
    }

    pub fn location(&mut self, path: &Path, span: &Span) -> Option<Location> {
        let rel = self.ws.relative(path)?;
        let map = self.map(path)?;
        let range = map.range(span.start as usize, span.end as usize);
        let preview = map.line_text(range.line).trim().to_string();
        Some(Location {
            path: rel,
            range,
            preview,
        })
    }
}

fn completion_item(i: orbis_lang::CompletionItem) -> CompletionItem {
    use orbis_lang::CompletionKind as K;
    let kind = match i.kind {
        K::Keyword => CompletionKind::Keyword,
        K::ResourceType => CompletionKind::ResourceType,
        K::DataSourceType => CompletionKind::DataSourceType,
        K::Attribute => CompletionKind::Attribute,
        K::Block => CompletionKind::Block,
        K::Variable => CompletionKind::Variable,
        K::Local => CompletionKind::Local,
        K::Module => CompletionKind::Module,
        K::Output => CompletionKind::Output,
        K::Resource => CompletionKind::Resource,
        K::DataSource => CompletionKind::DataSource,
        K::Function => CompletionKind::Function,
        K::Snippet => CompletionKind::Snippet,
    };
    let detail = match (i.detail, i.deprecated) {
        (Some(d), true) => Some(format!("{d} (deprecated)")),
        (None, true) => Some("deprecated".to_string()),
        (d, false) => d,
    };
    CompletionItem {
        label: i.label,
        kind,
        detail,
        documentation: i.documentation,
        insert: i.insert_text,
        snippet: i.snippet,
    }
}

/// The outline of a parsed file; each item's range is what to select when it is picked (a
/// block's last label, an attribute's name).
fn outline_items(file: &orbis_hcl::File, text: &str) -> Vec<OutlineItem> {
    fn convert(items: Vec<orbis_lang::OutlineItem>, map: &LineMap) -> Vec<OutlineItem> {
        items
            .into_iter()
            .map(|i| OutlineItem {
                name: i.name,
                kind: i.block_type,
                range: map.range(
                    i.selection_span.start as usize,
                    i.selection_span.end as usize,
                ),
                children: convert(i.children, map),
            })
            .collect()
    }
    let map = LineMap::new(text);
    convert(orbis_lang::outline(file), &map)
}
