//! Lint of one module (a folder's `.tf` and tfvars files) for the editor, cheap enough to run
//! on every keystroke: rules look across files (a variable default in `variables.tf` changes a
//! finding in `main.tf`), so the whole module is linted, but
//! - files not open are parsed once and kept until their size/mtime/content changes;
//! - each top-level block's lint model (evaluated resources) is kept, keyed by the block's text,
//!   and reused with shifted spans while the module's variables, locals and tfvars are
//!   unchanged: a keystroke re-evaluates one block;
//! - only the rules run again on the whole module (they are the cheap part).

use super::disk::DiskStamp;
use orbis_lint::load::{Kind, ModuleParts, ModuleScope};
use orbis_lint::model::{Block, SourceFile, Span, Workspace};
use orbis_lint::{Config, Finding};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

struct DiskFile {
    stamp: DiskStamp,
    file: Arc<orbis_hcl::File>,
    text: Arc<str>,
}

struct BlockSlot {
    key: u64,
    start_byte: usize,
    start_line: u32,
    parts: ModuleParts,
    /// The `var.*` and `local.*` names the block reads (see [`scope_deps`]).
    deps: ScopeDeps,
    /// How many resources, module calls, providers and terraform blocks `parts` holds (kept
    /// while the parts are lent to the lint workspace).
    counts: [usize; 4],
}

#[derive(Default)]
struct ModuleCache {
    disk: HashMap<PathBuf, DiskFile>,
    scope_sig: Option<u64>,
    scope: Option<ModuleScope>,
    blocks: HashMap<PathBuf, Vec<BlockSlot>>,
    /// Text of open files as last given (re-shared while unchanged).
    open_text: HashMap<PathBuf, Arc<str>>,
}

/// The `.orbis.toml` in force for a folder, cached by its stamp.
#[derive(Default)]
pub(crate) struct ConfigCache {
    entries: HashMap<PathBuf, (DiskStamp, ConfigInfo)>,
}

#[derive(Clone)]
pub(crate) struct ConfigInfo {
    pub config: Arc<Config>,
    /// The file did not parse (the defaults are used).
    pub error: Option<String>,
    /// The file, when there is one.
    pub path: Option<PathBuf>,
    /// Changes when the file's content changes.
    pub sig: u64,
}

impl Default for ConfigInfo {
    fn default() -> Self {
        ConfigInfo {
            config: Arc::new(Config::default()),
            error: None,
            path: None,
            sig: 0,
        }
    }
}

impl ConfigCache {
    /// The nearest `.orbis.toml` from `dir` up to `root` (never above the workspace), or the
    /// defaults; a file that does not parse gives the defaults and the error message.
    pub fn config_for(&mut self, root: &Path, dir: &Path) -> ConfigInfo {
        let mut cur = Some(dir);
        while let Some(d) = cur {
            let candidate = d.join(orbis_lint::config::CONFIG_FILE);
            if candidate.is_file() {
                return self.load(candidate);
            }
            if d == root || !d.starts_with(root) {
                break;
            }
            cur = d.parent();
        }
        ConfigInfo::default()
    }

    fn load(&mut self, path: PathBuf) -> ConfigInfo {
        let known = self
            .entries
            .get(&path)
            .map(|e| e.0)
            .unwrap_or_else(DiskStamp::missing);
        let stamp = DiskStamp::current(&path, &known).unwrap_or_else(|_| DiskStamp::missing());
        if let Some((s, info)) = self.entries.get(&path) {
            if *s == stamp {
                return info.clone();
            }
        }
        let (config, error) = match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| Config::parse(&t, &path).map_err(|e| e.to_string()))
        {
            Ok(c) => (c, None),
            Err(e) => (Config::default(), Some(e)),
        };
        let info = ConfigInfo {
            config: Arc::new(config),
            error,
            path: Some(path.clone()),
            sig: stamp.hash.unwrap_or(0),
        };
        self.entries.insert(path, (stamp, info.clone()));
        info
    }
}

/// The linter's findings for the files of one module.
pub(crate) struct ModuleFindings {
    /// Findings (not suppressed) per file path.
    pub by_file: HashMap<PathBuf, Vec<Finding>>,
    /// `.orbis.toml` did not parse: linted with the defaults.
    pub config_error: Option<String>,
}

#[derive(Default)]
pub(crate) struct ModuleLinter {
    modules: HashMap<PathBuf, ModuleCache>,
    pub configs: ConfigCache,
}

pub(crate) fn lint_kind(path: &Path) -> Option<Kind> {
    match orbis_lint::load::kind_of(path) {
        Some(k @ (Kind::Tf | Kind::TfVars)) => Some(k),
        _ => None,
    }
}

impl ModuleLinter {
    /// Forgets a module's cached files (e.g. the workspace changed).
    pub fn clear(&mut self) {
        self.modules.clear();
        self.configs = ConfigCache::default();
    }

    /// Forgets modules with no open document (`keep` are the folders still needed).
    pub fn retain(&mut self, keep: &[PathBuf]) {
        self.modules.retain(|dir, _| keep.contains(dir));
    }

    /// Lints the module in `dir`; `open` are the parsed buffers of open files of that folder
    /// (they override the disk).
    pub fn lint(
        &mut self,
        root: &Path,
        dir: &Path,
        open: &[(&Path, &orbis_hcl::File)],
    ) -> ModuleFindings {
        let ConfigInfo {
            config,
            error: config_error,
            ..
        } = self.configs.config_for(root, dir);
        let cache = self.modules.entry(dir.to_path_buf()).or_default();
        // The module's files: the folder's listing plus open buffers (which may not be saved yet).
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
            .map(|e| e.path())
            .filter(|p| lint_kind(p).is_some())
            .collect();
        for (p, _) in open {
            if lint_kind(p).is_some() && !paths.iter().any(|q| q == p) {
                paths.push(p.to_path_buf());
            }
        }
        paths.sort();
        // Refresh the parsed files that are not open.
        cache
            .disk
            .retain(|p, _| paths.contains(p) && !open.iter().any(|(o, _)| o == p));
        for p in &paths {
            if open.iter().any(|(o, _)| *o == p.as_path()) {
                continue;
            }
            let known = cache
                .disk
                .get(p)
                .map(|d| d.stamp)
                .unwrap_or_else(DiskStamp::missing);
            let stamp = DiskStamp::current(p, &known).unwrap_or_else(|_| DiskStamp::missing());
            if cache.disk.get(p).is_some_and(|d| d.stamp == stamp) {
                continue;
            }
            let bytes = std::fs::read(p).unwrap_or_default();
            let file = orbis_hcl::parse_bytes(&bytes, p.as_path());
            let text: Arc<str> = Arc::from(file.source.as_str());
            cache.disk.insert(
                p.clone(),
                DiskFile {
                    stamp,
                    file: Arc::new(file),
                    text,
                },
            );
        }
        let files: Vec<(&Path, &orbis_hcl::File, Kind)> = paths
            .iter()
            .filter_map(|p| {
                let kind = lint_kind(p)?;
                match open.iter().find(|(o, _)| *o == p.as_path()) {
                    Some((_, f)) => Some((p.as_path(), *f, kind)),
                    None => cache
                        .disk
                        .get(p)
                        .map(|d| (p.as_path(), d.file.as_ref(), kind)),
                }
            })
            .collect();

        // Variables, locals and tfvars decide blocks' values: when they change, the blocks
        // reading a name whose value changed are evaluated again (typing in a `locals` block
        // must not re-evaluate the module's hundreds of resources).
        let sig = scope_signature(&files);
        if cache.scope_sig != Some(sig) || cache.scope.is_none() {
            let refs: Vec<&orbis_hcl::File> = files.iter().map(|(_, f, _)| *f).collect();
            let scope = ModuleScope::new(&refs);
            match &cache.scope {
                Some(old) => {
                    let changed = scope.changed_names(old);
                    if !changed.is_empty() {
                        for slots in cache.blocks.values_mut() {
                            slots.retain(|s| !s.deps.reads_any(&changed));
                        }
                    }
                }
                None => cache.blocks.clear(),
            }
            cache.scope = Some(scope);
            cache.scope_sig = Some(sig);
        }
        let scope = cache.scope.as_mut().expect("scope set above");

        let mut ws = Workspace::default();
        let mut layout: Vec<(PathBuf, Vec<BlockSlot>)> = Vec::with_capacity(files.len());
        for (id, (path, file, kind)) in files.iter().enumerate() {
            let text: Arc<str> = match cache.disk.get(*path) {
                Some(d) => d.text.clone(),
                // Compared, not hashed: the edited file differs early (a comparison stops at the
                // first difference; hashing 200 KB took a tenth of a millisecond per keystroke).
                None => match cache.open_text.get(*path) {
                    Some(t) if **t == *file.source => t.clone(),
                    _ => {
                        let t: Arc<str> = Arc::from(file.source.as_str());
                        cache.open_text.insert(path.to_path_buf(), t.clone());
                        t
                    }
                },
            };
            ws.parse_errors += usize::from(file.has_errors());
            ws.files.push(SourceFile {
                path: path.display().to_string(),
                text,
            });
            let mut slots = Vec::new();
            if *kind == Kind::Tf {
                let mut old: HashMap<u64, Vec<BlockSlot>> = HashMap::new();
                for s in cache
                    .blocks
                    .remove(*path)
                    .unwrap_or_default()
                    .into_iter()
                    .rev()
                {
                    old.entry(s.key).or_default().push(s);
                }
                for b in &file.body.blocks {
                    let key = block_key(file, b, id);
                    let start_byte = b.span.start as usize;
                    let start_line = b.span.start_pos.line;
                    let reused = old.get_mut(&key).and_then(Vec::pop).map(|mut s| {
                        let shift = (
                            start_byte as i64 - s.start_byte as i64,
                            start_line as i64 - s.start_line as i64,
                        );
                        if shift != (0, 0) {
                            shift_parts(&mut s.parts, shift.0, shift.1);
                        }
                        s.start_byte = start_byte;
                        s.start_line = start_line;
                        s
                    });
                    let mut slot = reused.unwrap_or_else(|| {
                        let mut parts = ModuleParts::default();
                        scope.eval_block(id, b, &mut parts);
                        BlockSlot {
                            key,
                            start_byte,
                            start_line,
                            parts,
                            deps: scope_deps(&b.body),
                            counts: [0; 4],
                        }
                    });
                    // Move the parts into the workspace; they come back after the rules ran.
                    let parts = std::mem::take(&mut slot.parts);
                    slot.counts = [
                        parts.resources.len(),
                        parts.modules.len(),
                        parts.providers.len(),
                        parts.terraform_blocks.len(),
                    ];
                    parts.append_to(&mut ws);
                    slots.push(slot);
                }
            }
            layout.push((path.to_path_buf(), slots));
        }

        let rules = orbis_lint::enabled_rules(&config);
        let findings = orbis_lint::engine::run_on_caller(&ws, &config, &rules);

        // Give the evaluated blocks back to the cache, in the order they were appended.
        let mut resources = std::mem::take(&mut ws.resources).into_iter();
        let mut modules = std::mem::take(&mut ws.modules).into_iter();
        let mut providers = std::mem::take(&mut ws.providers).into_iter();
        let mut tf_blocks = std::mem::take(&mut ws.terraform_blocks).into_iter();
        for (path, mut slots) in layout {
            for slot in &mut slots {
                let [nr, nm, np, nt] = slot.counts;
                slot.parts = ModuleParts {
                    resources: resources.by_ref().take(nr).collect(),
                    modules: modules.by_ref().take(nm).collect(),
                    providers: providers.by_ref().take(np).collect(),
                    terraform_blocks: tf_blocks.by_ref().take(nt).collect(),
                };
            }
            if !slots.is_empty() {
                cache.blocks.insert(path, slots);
            }
        }
        cache
            .open_text
            .retain(|p, _| open.iter().any(|(o, _)| *o == p.as_path()));

        let mut by_file: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
        for f in findings {
            if f.suppressed.is_some() {
                continue;
            }
            if let Some((p, _, _)) = files.get(f.file) {
                by_file.entry(p.to_path_buf()).or_default().push(f);
            }
        }
        ModuleFindings {
            by_file,
            config_error,
        }
    }
}

/// The module-scope names a block reads: `var.x` and `local.y`, or every one of a root when
/// it is read as a whole (`var[each.key]`, `local`).
#[derive(Default)]
struct ScopeDeps {
    names: Vec<String>,
    all_vars: bool,
    all_locals: bool,
}

impl ScopeDeps {
    fn reads_any(&self, changed: &std::collections::BTreeSet<String>) -> bool {
        (self.all_vars && changed.iter().any(|c| c.starts_with("var.")))
            || (self.all_locals && changed.iter().any(|c| c.starts_with("local.")))
            || self.names.iter().any(|n| changed.contains(n))
    }
}

fn scope_deps(body: &orbis_hcl::Body) -> ScopeDeps {
    use orbis_hcl::ast::RefPart;
    fn walk(body: &orbis_hcl::Body, out: &mut ScopeDeps) {
        for a in &body.attributes {
            for r in a.expr.references() {
                let root = match r.parts.first() {
                    Some(RefPart::Name(n)) if n == "var" || n == "local" => n.as_str(),
                    _ => continue,
                };
                match r.parts.get(1) {
                    Some(RefPart::Name(name)) => out.names.push(format!("{root}.{name}")),
                    _ if root == "var" => out.all_vars = true,
                    _ => out.all_locals = true,
                }
            }
        }
        for b in &body.blocks {
            walk(&b.body, out);
        }
    }
    let mut out = ScopeDeps::default();
    walk(body, &mut out);
    out.names.sort();
    out.names.dedup();
    out
}

/// A block's identity for reuse: its text, its column (spans keep columns) and its file.
fn block_key(file: &orbis_hcl::File, b: &orbis_hcl::Block, id: usize) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(file.text(&b.span).as_bytes());
    h.write_u32(b.span.start_pos.column);
    h.write_usize(id);
    h.finish()
}

/// What the module's evaluation context depends on: variable and locals blocks, tfvars files,
/// and which files there are.
fn scope_signature(files: &[(&Path, &orbis_hcl::File, Kind)]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    for (path, file, kind) in files {
        h.write(path.as_os_str().as_encoded_bytes());
        match kind {
            Kind::TfVars => h.write(file.source.as_bytes()),
            _ => {
                for b in &file.body.blocks {
                    if matches!(b.kind.name.as_str(), "variable" | "locals") {
                        h.write(file.text(&b.span).as_bytes());
                    }
                }
            }
        }
    }
    h.finish()
}

fn shift_span(s: &mut Span, bytes: i64, lines: i64) {
    s.start_byte = (s.start_byte as i64 + bytes) as usize;
    s.end_byte = (s.end_byte as i64 + bytes) as usize;
    s.start_line = (s.start_line as i64 + lines) as u32;
    s.end_line = (s.end_line as i64 + lines) as u32;
}

fn shift_block(b: &mut Block, bytes: i64, lines: i64) {
    shift_span(&mut b.span, bytes, lines);
    for a in &mut b.attrs {
        shift_span(&mut a.span, bytes, lines);
        shift_span(&mut a.value_span, bytes, lines);
    }
    for nb in &mut b.blocks {
        shift_block(nb, bytes, lines);
    }
}

fn shift_parts(p: &mut ModuleParts, bytes: i64, lines: i64) {
    for r in &mut p.resources {
        shift_block(&mut r.body, bytes, lines);
    }
    for m in &mut p.modules {
        shift_block(&mut m.body, bytes, lines);
    }
    for pr in &mut p.providers {
        shift_block(&mut pr.body, bytes, lines);
    }
    for (_, b) in &mut p.terraform_blocks {
        shift_block(b, bytes, lines);
    }
}
