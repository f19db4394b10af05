//! Disk changes of the workspace (the `notify` crate, recursive on the root), coalesced: the
//! events of one burst (an editor's save is several) are handled together once the disk has
//! been quiet for a moment. For each changed file:
//! - open and clean: the buffer is reloaded from disk (`open: true, dirty: false`);
//! - open with unsaved edits: the buffer is kept and the UI asks (`dirty: true`);
//! - content equal to what we last read or wrote (our own save): nothing is reported.
//!
//! Then open documents of the touched modules get new diagnostics when theirs changed.

use super::disk::{self, DiskStamp};
use super::dto::{DiskChange, DiskChangeKind, DocumentDiagnostics};
use super::{Editor, EditorEvent, EventSink};
use crate::error::{AppError, ErrorCode};
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

/// Quiet time that ends a burst of events.
const QUIET: Duration = Duration::from_millis(80);
/// A burst is handled after this long even if events keep coming.
const MAX_WAIT: Duration = Duration::from_millis(400);

/// A running watcher; dropping it stops the watch and its thread.
pub struct Running {
    _watcher: notify::RecommendedWatcher,
}

impl Running {
    pub(crate) fn start(
        editor: Arc<Editor>,
        root: &Path,
        sink: EventSink,
    ) -> Result<Self, AppError> {
        let (tx, rx) = channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(move |ev| {
            let _ = tx.send(ev);
        })
        .map_err(watch_error)?;
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(watch_error)?;
        let root = root.to_path_buf();
        let weak = Arc::downgrade(&editor);
        drop(editor);
        std::thread::Builder::new()
            .name("orbis-watch".into())
            .spawn(move || run(weak, root, rx, sink))
            .map_err(|e| {
                AppError::new(
                    ErrorCode::Io,
                    format!("Cannot start the file watcher: {e}"),
                    "Changes made outside the app will show after reopening files.",
                )
            })?;
        Ok(Running { _watcher: watcher })
    }
}

fn watch_error(e: notify::Error) -> AppError {
    AppError::new(
        ErrorCode::Io,
        format!("Cannot watch the workspace for changes: {e}"),
        "On Linux, raise fs.inotify.max_user_watches; changes made outside the app show after reopening files.",
    )
}

fn ignored(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return true;
    };
    disk::is_temp(path)
        || rel.components().any(|c| {
            super::problems::SKIP_DIRS
                .iter()
                .any(|s| c.as_os_str() == *s)
        })
}

fn run(
    editor: Weak<Editor>,
    root: PathBuf,
    rx: Receiver<notify::Result<notify::Event>>,
    sink: EventSink,
) {
    // The channel closes when the watcher is dropped (workspace changed, session dropped);
    // the editor is held weakly so that dropping the session ends this thread too.
    while let Ok(first) = rx.recv() {
        let mut burst: BTreeMap<PathBuf, bool> = BTreeMap::new(); // path → created
        let mut add = |ev: notify::Result<notify::Event>| {
            let Ok(ev) = ev else { return };
            if matches!(ev.kind, EventKind::Access(_)) {
                return;
            }
            let created = matches!(ev.kind, EventKind::Create(_));
            for p in ev.paths {
                if !ignored(&root, &p) {
                    *burst.entry(p).or_insert(false) |= created;
                }
            }
        };
        add(first);
        let started = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(QUIET.min(left)) {
                Ok(ev) => add(ev),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if burst.is_empty() {
            continue;
        }
        let Some(editor) = editor.upgrade() else {
            return;
        };
        for event in editor.disk_changed(&root, &burst) {
            sink(event);
        }
    }
}

impl Editor {
    /// Handles a burst of changed paths (absolute, with whether a creation was seen) and
    /// returns the events to send. Public within the crate so tests can drive it directly.
    pub(crate) fn disk_changed(
        &self,
        root: &Path,
        burst: &BTreeMap<PathBuf, bool>,
    ) -> Vec<EditorEvent> {
        let mut events = Vec::new();
        let mut inner = self.inner();
        if inner.root.as_deref() != Some(root) {
            return events;
        }
        self.language_files_changed(burst.keys());
        let mut touched_dirs: BTreeSet<PathBuf> = BTreeSet::new();
        let mut config_dirs: BTreeSet<PathBuf> = BTreeSet::new();
        for (path, created) in burst {
            if path.is_dir() {
                continue;
            }
            let Ok(rel_path) = path.strip_prefix(root) else {
                continue;
            };
            let rel = rel_path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let key = inner.docs.keys().find(|k| **k == rel).cloned();
            let change = match key {
                Some(key) => {
                    let doc = inner.docs.get_mut(&key).expect("key found above");
                    let Ok(now) = DiskStamp::current(path, &doc.disk) else {
                        continue;
                    };
                    if now.hash == doc.disk.hash {
                        // Our own save, or a touch without a content change.
                        continue;
                    }
                    let dirty = doc.dirty();
                    let kind = match now.hash {
                        None => DiskChangeKind::Removed,
                        Some(_) if doc.disk.hash.is_none() => DiskChangeKind::Created,
                        Some(_) => DiskChangeKind::Modified,
                    };
                    if kind != DiskChangeKind::Removed && !dirty {
                        let bytes = std::fs::read(path).unwrap_or_default();
                        if bytes.iter().take(8192).any(|&b| b == 0) {
                            // Became binary: keep the buffer, let the UI decide.
                            Some(DiskChange {
                                path: key,
                                kind,
                                open: true,
                                dirty: true,
                            })
                        } else {
                            let (text, lossy) = match String::from_utf8(bytes) {
                                Ok(t) => (t, false),
                                Err(e) => {
                                    (String::from_utf8_lossy(e.as_bytes()).into_owned(), true)
                                }
                            };
                            doc.reload(text, lossy, now);
                            Some(DiskChange {
                                path: key,
                                kind,
                                open: true,
                                dirty: false,
                            })
                        }
                    } else {
                        if kind == DiskChangeKind::Removed && !dirty {
                            // Nothing on disk to reload: the buffer stays, unsaved from now on.
                            doc.disk = now;
                            doc.saved_hash = 0;
                        }
                        Some(DiskChange {
                            path: key,
                            kind,
                            open: true,
                            dirty,
                        })
                    }
                }
                None => {
                    let exists = path.exists();
                    if let Some(h) = inner.own_writes.get(path).copied() {
                        let same = std::fs::read(path).is_ok_and(|b| disk::hash(&b) == h);
                        if same {
                            continue;
                        }
                        inner.own_writes.remove(path);
                    }
                    let kind = if !exists {
                        DiskChangeKind::Removed
                    } else if *created {
                        DiskChangeKind::Created
                    } else {
                        DiskChangeKind::Modified
                    };
                    Some(DiskChange {
                        path: rel,
                        kind,
                        open: false,
                        dirty: false,
                    })
                }
            };
            let Some(change) = change else { continue };
            if let Some(dir) = path.parent() {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name == orbis_lint::config::CONFIG_FILE {
                    config_dirs.insert(dir.to_path_buf());
                } else if super::module_lint::lint_kind(path).is_some() || change.open {
                    touched_dirs.insert(dir.to_path_buf());
                }
            }
            events.push(EditorEvent::FileChanged(change));
        }
        // New diagnostics for open documents whose module (or config) changed.
        let mut affected: Vec<String> = Vec::new();
        let mut seen_dirs: BTreeSet<PathBuf> = BTreeSet::new();
        let mut keys: Vec<(String, PathBuf)> = inner
            .docs
            .values()
            .map(|d| (d.rel.clone(), d.path.clone()))
            .collect();
        keys.sort();
        for (key, path) in keys {
            let Some(dir) = path.parent() else { continue };
            let hit = touched_dirs.contains(dir) || config_dirs.iter().any(|c| dir.starts_with(c));
            if !hit {
                continue;
            }
            // One lint per module: `diagnose` covers every open document of the folder.
            if super::module_lint::lint_kind(&path).is_some()
                && !seen_dirs.insert(dir.to_path_buf())
            {
                continue;
            }
            affected.push(key);
        }
        for key in affected {
            let before = inner.docs.get(&key).map(|d| d.last_diagnostics.clone());
            let (own, related) = inner.diagnose(&key);
            if before.as_ref() != Some(&own) {
                let version = inner.docs.get(&key).map_or(0, |d| d.version);
                events.push(EditorEvent::Diagnostics(DocumentDiagnostics {
                    path: key,
                    version,
                    diagnostics: own,
                    micros: 0,
                }));
            }
            events.extend(related.into_iter().map(EditorEvent::Diagnostics));
        }
        events
    }
}
