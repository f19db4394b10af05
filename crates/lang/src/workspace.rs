//! The workspace: every Terraform module directory under a root, their parsed files, and a
//! symbol index per module built on demand. Files come from disk (the initial scan, watcher
//! events) or from editor buffers (`update_file`); a change re-indexes only its own module,
//! the next time a query needs it.

use crate::index::ModuleIndex;
use crate::schema::ProviderSchemas;
use crate::text::normalize_path;
use orbis_hcl::{File, FileKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Directories never scanned: provider/module caches and VCS metadata.
pub const SKIPPED_DIRS: &[&str] = &[".terraform", ".git", "node_modules", ".terragrunt-cache"];

/// The language model of a workspace: module directories, parsed files, symbol indexes and
/// the provider schemas used for completion and hover.
pub struct LangWorkspace {
    root: PathBuf,
    files: HashMap<PathBuf, Arc<File>>,
    modules: BTreeMap<PathBuf, ModuleSlot>,
    schemas: Arc<ProviderSchemas>,
}

#[derive(Default)]
struct ModuleSlot {
    /// `.tf`/`.tofu` and `.tfvars` files of the directory (sub-directories excluded).
    files: BTreeSet<PathBuf>,
    index: OnceLock<Arc<ModuleIndex>>,
}

/// Counts of an indexed workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkspaceStats {
    pub modules: usize,
    pub files: usize,
    pub bytes: usize,
    /// Files with at least one syntax error.
    pub files_with_errors: usize,
    pub definitions: usize,
    pub references: usize,
    pub module_calls: usize,
    /// Calls whose `./` or `../` source is a module directory of this workspace.
    pub local_calls_resolved: usize,
}

fn file_kind_of(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".tf") || name.ends_with(".tofu") {
        Some(FileKind::Terraform)
    } else if name.ends_with(".tfvars") {
        Some(FileKind::TfVars)
    } else {
        None
    }
}

/// Every directory under `root` (included) with its `.tf`/`.tofu`/`.tfvars` files, skipping
/// [`SKIPPED_DIRS`] and not following symbolic links.
fn discover(root: &Path) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files = Vec::new();
        for e in rd.filter_map(Result::ok) {
            let Ok(ft) = e.file_type() else { continue };
            let path = e.path();
            if ft.is_dir() {
                let skip = e
                    .file_name()
                    .to_str()
                    .is_some_and(|n| SKIPPED_DIRS.contains(&n));
                if !skip {
                    stack.push(path);
                }
            } else if ft.is_file() && file_kind_of(&path).is_some() {
                files.push(path);
            }
        }
        let has_config = files
            .iter()
            .any(|f| file_kind_of(f) == Some(FileKind::Terraform));
        if has_config {
            files.sort();
            out.push((dir, files));
        }
    }
    out.sort();
    out
}

impl LangWorkspace {
    /// An empty workspace (files are added with `update_file`), with the bundled schemas.
    pub fn new(root: &Path) -> LangWorkspace {
        LangWorkspace {
            root: absolute(root),
            files: HashMap::new(),
            modules: BTreeMap::new(),
            schemas: Arc::new(ProviderSchemas::bundled()),
        }
    }

    /// Scans `root` for module directories, parses their files in parallel and indexes every
    /// module (in parallel too).
    pub fn load(root: &Path) -> LangWorkspace {
        let mut ws = LangWorkspace::new(root);
        let dirs = discover(&ws.root);
        let paths: Vec<&PathBuf> = dirs.iter().flat_map(|(_, fs)| fs).collect();
        let parsed: Vec<(PathBuf, Arc<File>)> = paths
            .par_iter()
            .map(|p| ((*p).clone(), Arc::new(orbis_hcl::parse_file(p))))
            .collect();
        ws.files = parsed.into_iter().collect();
        for (dir, files) in dirs {
            ws.modules.insert(
                dir,
                ModuleSlot {
                    files: files.into_iter().collect(),
                    index: OnceLock::new(),
                },
            );
        }
        ws.index_all();
        ws
    }

    /// Builds every module index not built yet (in parallel).
    pub fn index_all(&self) {
        let dirs: Vec<&PathBuf> = self.modules.keys().collect();
        dirs.par_iter().for_each(|d| {
            self.index(d);
        });
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The workspace key of a path: relative paths are taken from the root; `.` and `..`
    /// are resolved lexically.
    pub fn normalize(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            normalize_path(path)
        } else {
            normalize_path(&self.root.join(path))
        }
    }

    /// Replaces a file's parsed model (an editor buffer after an edit, or a file read from
    /// disk). Only its module is re-indexed, on the next query. Files that are not Terraform
    /// configuration or variable files are ignored (returns false).
    pub fn update_file(&mut self, path: &Path, file: Arc<File>) -> bool {
        let path = self.normalize(path);
        let Some(kind) = file_kind_of(&path) else {
            return false;
        };
        let Some(dir) = path.parent().map(Path::to_path_buf) else {
            return false;
        };
        if !self.modules.contains_key(&dir) {
            if kind != FileKind::Terraform {
                return false;
            }
            // A new module directory: pick up the variable files already there.
            let mut slot = ModuleSlot::default();
            for p in std::fs::read_dir(&dir)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| file_kind_of(p) == Some(FileKind::TfVars) && *p != path)
            {
                self.files
                    .insert(p.clone(), Arc::new(orbis_hcl::parse_file(&p)));
                slot.files.insert(p);
            }
            self.modules.insert(dir.clone(), slot);
        }
        let slot = self.modules.get_mut(&dir).expect("slot just ensured");
        slot.files.insert(path.clone());
        slot.index.take();
        self.files.insert(path, file);
        true
    }

    /// Lets go of a file's parsed model while keeping it a member of its module, so the
    /// holder of the model (an editor buffer about to be edited) can change it without a
    /// copy. Queries skip the file until [`Self::update_file`] hands the new model back.
    pub fn detach_file(&mut self, path: &Path) {
        let path = self.normalize(path);
        if self.files.remove(&path).is_some() {
            if let Some(slot) = path.parent().and_then(|d| self.modules.get_mut(d)) {
                slot.index.take();
            }
        }
    }

    /// Parses `text` as the content of `path` and updates it (see [`Self::update_file`]).
    pub fn update_text(&mut self, path: &Path, text: &str) -> bool {
        let key = self.normalize(path);
        let file = orbis_hcl::parse_str(text, &key);
        self.update_file(&key, Arc::new(file))
    }

    /// A watcher event: re-reads `path` from disk, or removes it when it no longer exists.
    pub fn reload_file(&mut self, path: &Path) -> bool {
        let key = self.normalize(path);
        if key.is_file() {
            let file = orbis_hcl::parse_file(&key);
            self.update_file(&key, Arc::new(file))
        } else {
            self.remove_file(&key)
        }
    }

    /// Forgets a file (deleted on disk). A directory left without configuration files stops
    /// being a module.
    pub fn remove_file(&mut self, path: &Path) -> bool {
        let path = self.normalize(path);
        let removed = self.files.remove(&path).is_some();
        let Some(dir) = path.parent().map(Path::to_path_buf) else {
            return removed;
        };
        if let Some(slot) = self.modules.get_mut(&dir) {
            slot.files.remove(&path);
            slot.index.take();
            let has_config = slot
                .files
                .iter()
                .any(|f| file_kind_of(f) == Some(FileKind::Terraform));
            if !has_config {
                let slot = self.modules.remove(&dir).expect("present");
                for f in slot.files {
                    self.files.remove(&f);
                }
            }
        }
        removed
    }

    /// The parsed file at `path`, if it belongs to the workspace.
    pub fn file(&self, path: &Path) -> Option<&Arc<File>> {
        self.files.get(&self.normalize(path))
    }

    /// Module directories, sorted.
    pub fn module_dirs(&self) -> impl Iterator<Item = &Path> {
        self.modules.keys().map(PathBuf::as_path)
    }

    /// The files of one module directory, sorted.
    pub fn module_files(&self, dir: &Path) -> Vec<&Path> {
        self.modules
            .get(&self.normalize(dir))
            .map(|s| s.files.iter().map(PathBuf::as_path).collect())
            .unwrap_or_default()
    }

    /// Module directories holding a `.terraform/` folder (initialised): where the app can
    /// run `terraform providers schema -json` and pass the output to
    /// [`Self::merge_provider_schemas`].
    pub fn initialized_module_dirs(&self) -> Vec<PathBuf> {
        self.modules
            .keys()
            .filter(|d| d.join(".terraform").is_dir())
            .cloned()
            .collect()
    }

    pub fn schemas(&self) -> &ProviderSchemas {
        &self.schemas
    }

    /// Replaces the provider schemas (the bundled set is the default).
    pub fn set_provider_schemas(&mut self, schemas: ProviderSchemas) {
        self.schemas = Arc::new(schemas);
    }

    /// Adds schemas over the current ones (e.g. the parsed output of
    /// `terraform providers schema -json`); types present in both take the new schema.
    pub fn merge_provider_schemas(&mut self, schemas: ProviderSchemas) {
        Arc::make_mut(&mut self.schemas).merge(schemas);
    }

    pub fn stats(&self) -> WorkspaceStats {
        let mut s = WorkspaceStats {
            modules: self.modules.len(),
            files: self.files.len(),
            ..WorkspaceStats::default()
        };
        for f in self.files.values() {
            s.bytes += f.source.len();
            s.files_with_errors += usize::from(f.has_errors());
        }
        for dir in self.modules.keys() {
            if let Some(idx) = self.index(dir) {
                s.definitions += idx.defs.len();
                s.references += idx.refs().len();
                s.module_calls += idx.calls.len();
                s.local_calls_resolved += idx
                    .calls
                    .iter()
                    .filter(|c| {
                        c.child_dir
                            .as_ref()
                            .is_some_and(|d| self.modules.contains_key(d))
                    })
                    .count();
            }
        }
        s
    }

    /// The index of the module in `dir`, built now if the module changed since.
    pub(crate) fn index(&self, dir: &Path) -> Option<&Arc<ModuleIndex>> {
        let slot = self.modules.get(dir)?;
        Some(slot.index.get_or_init(|| {
            let files: Vec<Arc<File>> = slot
                .files
                .iter()
                .filter_map(|p| self.files.get(p).cloned())
                .collect();
            Arc::new(ModuleIndex::build(dir, &files))
        }))
    }

    /// The index of the module a file belongs to.
    pub(crate) fn index_of_file(&self, path: &Path) -> Option<&Arc<ModuleIndex>> {
        self.index(path.parent()?)
    }

    /// Every module's index (building those not built yet).
    pub(crate) fn indexes(&self) -> impl Iterator<Item = &Arc<ModuleIndex>> {
        self.modules.keys().filter_map(|d| self.index(d))
    }
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        normalize_path(p)
    } else {
        normalize_path(
            &std::env::current_dir()
                .unwrap_or_else(|_| PathBuf::from("/"))
                .join(p),
        )
    }
}
