//! A folder that holds no `.tf` file itself (a repository with `envs/prod`, `envs/staging`…)
//! is estimated as the sum of its root modules: the folders below it that hold `.tf` files
//! and that no other such folder calls as a local module. Each root is estimated on its own
//! (its variables, providers and usage-file addresses are its own) and its rows are named
//! `ROOT/ADDRESS`, its module `ROOT` or `ROOT/module.x`, so chargeback by module shows roots.

use crate::from_config::resources_from_module;
use crate::model::Estimate;
use crate::Estimator;
use orbis_hcl::{Module, ModuleOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Folders never searched: tool caches, VCS data, dependencies.
const SKIPPED: &[&str] = &[
    ".terraform",
    ".terragrunt-cache",
    ".git",
    "node_modules",
    "terraform.tfstate.d",
];
/// Bounds for a folder picked by mistake (a home folder): depth and folders visited.
const MAX_DEPTH: usize = 8;
const MAX_DIRS: usize = 5_000;

pub fn has_tf_files(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().any(|e| {
                e.file_name().to_string_lossy().ends_with(".tf")
                    && e.file_type().map(|t| t.is_file()).unwrap_or(false)
            })
        })
        .unwrap_or(false)
}

/// Folders below `dir` (not `dir` itself) holding `.tf` files, in path order.
fn tf_folders(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    let mut visited = 0;
    while let Some((d, depth)) = stack.pop() {
        visited += 1;
        if visited > MAX_DIRS {
            break;
        }
        if depth > 0 && has_tf_files(&d) {
            out.push(d.clone());
        }
        if depth >= MAX_DEPTH {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // Symlinked folders are not followed (no cycles, nothing outside the folder).
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if is_dir && !name.starts_with('.') && !SKIPPED.contains(&name.as_str()) {
                stack.push((e.path(), depth + 1));
            }
        }
    }
    out.sort();
    out
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// The root modules below `dir`, loaded (each folder is parsed once).
pub fn root_modules(dir: &Path) -> Vec<(PathBuf, Module)> {
    let loaded: Vec<(PathBuf, Module)> = tf_folders(dir)
        .into_iter()
        .map(|d| {
            let m = Module::load(&d, &ModuleOptions::default());
            (d, m)
        })
        .collect();
    // Every folder a loaded module calls, at any depth, is a child module, not a root.
    let mut called = BTreeSet::new();
    for (_, m) in &loaded {
        for child in m.all_modules().into_iter().skip(1) {
            called.insert(canonical(&child.dir));
        }
    }
    loaded
        .into_iter()
        .filter(|(d, _)| !called.contains(&canonical(d)))
        .collect()
}

/// `envs/prod` for `dir/envs/prod`, with `/` on every OS.
fn relative(dir: &Path, root: &Path) -> String {
    root.strip_prefix(dir)
        .unwrap_or(root)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The sum of the root modules below `dir` (see the module doc).
pub fn estimate_roots(dir: &Path, estimator: &Estimator) -> Estimate {
    let roots = root_modules(dir);
    let mut total = Estimate {
        currency: "USD".into(),
        catalog_version: estimator.catalog.version.clone(),
        ..Default::default()
    };
    if roots.is_empty() {
        total.warnings.push(format!(
            "{}: no .tf files in this folder or below it",
            dir.display()
        ));
        return total;
    }
    for (root, m) in &roots {
        let name = relative(dir, root);
        let mut e = estimator.estimate(&resources_from_module(m));
        let named = |a: &str| format!("{name}/{a}");
        for r in &mut e.resources {
            r.address = named(&r.address);
            r.module = if r.module.is_empty() {
                name.clone()
            } else {
                named(&r.module)
            };
        }
        for f in &mut e.free {
            f.address = named(&f.address);
        }
        for u in &mut e.unsupported {
            u.address = named(&u.address);
        }
        total.currency = e.currency;
        total.resources.append(&mut e.resources);
        total.free.append(&mut e.free);
        total.unsupported.append(&mut e.unsupported);
        total
            .warnings
            .extend(e.warnings.into_iter().map(|w| format!("{name}: {w}")));
        total.warnings.extend(
            m.diagnostics
                .iter()
                .filter(|d| matches!(d.severity, orbis_hcl::Severity::Error))
                .take(20)
                .map(|d| format!("{name}: {}: {}", d.code, d.message)),
        );
    }
    total.recompute_total();
    total
}
