//! The Problems panel: every `.tf`, `.tfvars`, `.hcl` and Kubernetes YAML file of the
//! workspace parsed and linted (one module = one folder, in parallel), open buffers overriding
//! the disk. Results are cached per module, keyed by the content of its files and its
//! `.orbis.toml`, and files whose size and mtime did not change are not even read again: after
//! one edit, asking again re-lints one module.

use super::diagnostics;
use super::disk::{self, DiskStamp};
use super::dto::{DiagnosticSeverity, EditorDiagnostic, FileProblems, WorkspaceProblems};
use super::module_lint::{lint_kind, ConfigCache, ConfigInfo};
use super::utf16::LineMap;
use crate::workspace::Workspace;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Folders never indexed: tool caches and VCS internals (as in the file tree).
pub(crate) const SKIP_DIRS: &[&str] = &[".git", ".terraform", ".terragrunt-cache", "node_modules"];

/// Files larger than this are not indexed (generated files; `orbis lint` handles them).
const MAX_INDEXED_BYTES: u64 = crate::files::MAX_EDITOR_BYTES;

/// Diagnostics per file of one module.
type ModuleProblems = Vec<(PathBuf, Vec<EditorDiagnostic>)>;

#[derive(Default)]
pub struct ProblemsCache {
    stamps: HashMap<PathBuf, DiskStamp>,
    /// Per folder: the key of its files' contents and config, and its problems.
    modules: HashMap<PathBuf, (u64, ModuleProblems)>,
    configs: ConfigCache,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Indexed {
    Hcl,
    Yaml,
}

fn indexed_kind(path: &Path) -> Option<Indexed> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".tf")
        || name.ends_with(".tofu")
        || name.ends_with(".tfvars")
        || name.ends_with(".hcl")
    {
        Some(Indexed::Hcl)
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        Some(Indexed::Yaml)
    } else {
        None
    }
}

/// Files of the workspace to index, gitignore-aware (as the file tree shows them).
pub(crate) fn walk(root: &Path, wanted: impl Fn(&Path) -> bool + Sync) -> Vec<PathBuf> {
    let found = Mutex::new(Vec::new());
    ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && SKIP_DIRS.iter().any(|s| e.file_name() == *s))
        })
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                if let Ok(e) = entry {
                    if e.file_type().is_some_and(|t| t.is_file())
                        && !disk::is_temp(e.path())
                        && wanted(e.path())
                    {
                        found
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push(e.into_path());
                    }
                }
                ignore::WalkState::Continue
            })
        });
    let mut files = found.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort();
    files
}

struct Job {
    dir: PathBuf,
    files: Vec<PathBuf>,
    config: ConfigInfo,
}

/// A file's content for one indexing run: the buffer's, or the disk's (read only when its
/// stamp changed or the module must be linted again).
struct Loaded {
    path: PathBuf,
    stamp: DiskStamp,
    text: Option<Arc<str>>,
}

struct JobResult {
    dir: PathBuf,
    key: u64,
    problems: Vec<(PathBuf, Vec<EditorDiagnostic>)>,
    stamps: Vec<(PathBuf, DiskStamp)>,
    fresh: bool,
}

pub fn workspace_problems(
    ws: &Workspace,
    open: &HashMap<PathBuf, Arc<str>>,
    cache: &mut ProblemsCache,
) -> WorkspaceProblems {
    let started = Instant::now();
    let root = ws.root();
    let mut files = walk(root, |p| indexed_kind(p).is_some());
    for p in open.keys() {
        if p.starts_with(root) && indexed_kind(p).is_some() && !files.contains(p) {
            files.push(p.clone());
        }
    }
    let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for f in files {
        if let Some(dir) = f.parent() {
            by_dir.entry(dir.to_path_buf()).or_default().push(f);
        }
    }
    let indexed_files = by_dir.values().map(Vec::len).sum::<usize>();
    let jobs: Vec<Job> = by_dir
        .into_iter()
        .map(|(dir, files)| Job {
            config: cache.configs.config_for(root, &dir),
            dir,
            files,
        })
        .collect();

    let stamps = &cache.stamps;
    let modules = &cache.modules;
    let results: Vec<JobResult> = jobs
        .par_iter()
        .map(|job| run_job(job, open, stamps, modules))
        .collect();

    let mut out: Vec<FileProblems> = Vec::new();
    let mut config_errors: BTreeMap<PathBuf, String> = BTreeMap::new();
    for job in &jobs {
        if let (Some(e), Some(p)) = (&job.config.error, &job.config.path) {
            config_errors.insert(p.clone(), e.clone());
        }
    }
    let live: Vec<PathBuf> = jobs.iter().map(|j| j.dir.clone()).collect();
    for r in results {
        for (p, s) in r.stamps {
            cache.stamps.insert(p, s);
        }
        for (p, diags) in &r.problems {
            if !diags.is_empty() {
                out.push(FileProblems {
                    path: ws.relative(p).unwrap_or_else(|| p.display().to_string()),
                    diagnostics: diags.clone(),
                });
            }
        }
        if r.fresh {
            cache.modules.insert(r.dir, (r.key, r.problems));
        }
    }
    cache.modules.retain(|d, _| live.contains(d));
    for (p, e) in config_errors {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        out.push(FileProblems {
            path: ws.relative(&p).unwrap_or_else(|| p.display().to_string()),
            diagnostics: vec![diagnostics::config_error(&e, &LineMap::new(&text))],
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    let (mut errors, mut warnings, mut infos) = (0u32, 0u32, 0u32);
    for d in out.iter().flat_map(|f| &f.diagnostics) {
        match d.severity {
            DiagnosticSeverity::Error => errors += 1,
            DiagnosticSeverity::Warning => warnings += 1,
            DiagnosticSeverity::Info => infos += 1,
        }
    }
    WorkspaceProblems {
        files: out,
        errors,
        warnings,
        infos,
        indexed_files: indexed_files as u32,
        millis: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
    }
}

fn load(path: &Path, open: &HashMap<PathBuf, Arc<str>>, known: Option<&DiskStamp>) -> Loaded {
    if let Some(text) = open.get(path) {
        return Loaded {
            path: path.to_path_buf(),
            stamp: DiskStamp {
                hash: Some(disk::hash(text.as_bytes())),
                len: text.len() as u64,
                modified: None,
            },
            text: Some(text.clone()),
        };
    }
    let meta = std::fs::metadata(path).ok();
    if let (Some(k), Some(m)) = (known, &meta) {
        if k.hash.is_some() && k.len == m.len() && k.modified == m.modified().ok() {
            return Loaded {
                path: path.to_path_buf(),
                stamp: *k,
                text: None,
            };
        }
    }
    read(path, meta.as_ref())
}

fn read(path: &Path, meta: Option<&std::fs::Metadata>) -> Loaded {
    let too_big = meta.is_some_and(|m| m.len() > MAX_INDEXED_BYTES);
    let bytes = if too_big {
        Vec::new()
    } else {
        std::fs::read(path).unwrap_or_default()
    };
    let binary = bytes.iter().take(8192).any(|&b| b == 0);
    let stamp = DiskStamp::of(&bytes, meta);
    let text: Arc<str> = if binary || too_big {
        Arc::from("")
    } else {
        Arc::from(String::from_utf8_lossy(&bytes).as_ref())
    };
    Loaded {
        path: path.to_path_buf(),
        stamp,
        text: Some(text),
    }
}

fn run_job(
    job: &Job,
    open: &HashMap<PathBuf, Arc<str>>,
    stamps: &HashMap<PathBuf, DiskStamp>,
    modules: &HashMap<PathBuf, (u64, ModuleProblems)>,
) -> JobResult {
    let mut loaded: Vec<Loaded> = job
        .files
        .iter()
        .map(|p| load(p, open, stamps.get(p)))
        .collect();
    let mut h = std::hash::DefaultHasher::new();
    h.write_u64(job.config.sig);
    for l in &loaded {
        h.write(l.path.as_os_str().as_encoded_bytes());
        h.write_u64(l.stamp.hash.unwrap_or(0));
    }
    let key = h.finish();
    let stamps_out = loaded.iter().map(|l| (l.path.clone(), l.stamp)).collect();
    if let Some((k, problems)) = modules.get(&job.dir) {
        if *k == key {
            return JobResult {
                dir: job.dir.clone(),
                key,
                problems: problems.clone(),
                stamps: stamps_out,
                fresh: false,
            };
        }
    }
    for l in &mut loaded {
        if l.text.is_none() {
            let meta = std::fs::metadata(&l.path).ok();
            *l = read(&l.path, meta.as_ref());
        }
    }
    JobResult {
        dir: job.dir.clone(),
        key,
        problems: lint_module(&loaded, &job.config.config),
        stamps: stamps_out,
        fresh: true,
    }
}

/// Parse diagnostics of every file and lint findings of the module's Terraform files and of
/// Kubernetes manifests.
fn lint_module(
    files: &[Loaded],
    config: &orbis_lint::Config,
) -> Vec<(PathBuf, Vec<EditorDiagnostic>)> {
    let mut out = Vec::new();
    let mut parsed: Vec<(usize, orbis_hcl::File)> = Vec::new();
    for (i, l) in files.iter().enumerate() {
        let text = l.text.as_deref().unwrap_or("");
        match indexed_kind(&l.path) {
            Some(Indexed::Hcl) => parsed.push((i, orbis_hcl::parse_str(text, l.path.as_path()))),
            Some(Indexed::Yaml) => {
                let diags = super::yaml_diagnostics_if_manifest(&l.path, text, config);
                out.push((l.path.clone(), diags));
            }
            None => {}
        }
    }
    let lintable: Vec<&orbis_hcl::File> = parsed
        .iter()
        .filter(|(_, f)| lint_kind(&f.path).is_some())
        .map(|(_, f)| f)
        .collect();
    let mut findings: HashMap<usize, Vec<orbis_lint::Finding>> = HashMap::new();
    if !lintable.is_empty() {
        let ws = orbis_lint::load::load_module(&lintable);
        let rules = orbis_lint::enabled_rules(config);
        for f in orbis_lint::engine::run(&ws, config, &rules) {
            if f.suppressed.is_none() {
                findings.entry(f.file).or_default().push(f);
            }
        }
    }
    let mut lint_index = 0usize;
    for (_, file) in &parsed {
        let map = LineMap::new(&file.source);
        let mut diags: Vec<EditorDiagnostic> = file
            .diagnostics
            .iter()
            .map(|d| diagnostics::from_parse(d, &map))
            .collect();
        if lint_kind(&file.path).is_some() {
            if let Some(fs) = findings.get(&lint_index) {
                diags.extend(fs.iter().filter_map(|f| diagnostics::from_finding(f, &map)));
            }
            lint_index += 1;
        }
        diagnostics::sort(&mut diags);
        out.push((file.path.clone(), diags));
    }
    out
}
