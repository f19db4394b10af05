//! Loading every kubeconfig the user has, merged as kubectl merges them: the files of the
//! `KUBECONFIG` list (missing ones skipped) or `~/.kube/config`; the first file that names a
//! context, cluster or user wins, and so does the first `current-context`. Parsing is
//! kube-rs's own (UTF-8 and UTF-16, relative paths made absolute per file); a file that cannot
//! be used becomes a [`ClusterError`] with the fix, never a panic, and the other files still
//! load.

pub mod add;
mod auth;
mod check;

pub(crate) use auth::exec_failure;
pub use auth::AuthKind;
pub(crate) use check::{check_context, describe};

use crate::error::{ClusterError, ErrorCode, GET_CREDENTIALS};
use kube::config::{Kubeconfig, NamedAuthInfo, NamedCluster, NamedContext};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// The merged kubeconfig and what was wrong with its files. Its `Debug` shows names only:
/// users hold tokens, keys, passwords and exec environments.
pub struct Kubeconfigs {
    /// The files looked at, in order (whether or not they exist).
    pub files: Vec<PathBuf>,
    pub(crate) config: Kubeconfig,
    /// File-level problems (unreadable, invalid YAML, duplicates, dangling current-context).
    pub problems: Vec<ClusterError>,
}

impl fmt::Debug for Kubeconfigs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kubeconfigs")
            .field("files", &self.files)
            .field("contexts", &self.context_names())
            .field("current_context", &self.config.current_context)
            .field("problems", &self.problems)
            .finish_non_exhaustive()
    }
}

impl Kubeconfigs {
    /// Reads `files` in order. `explicit`: the user named these files (`--kubeconfig`), so a
    /// missing one is an error; in a `KUBECONFIG` list kubectl skips missing files.
    pub fn load(files: &[PathBuf], explicit: bool) -> Self {
        let mut out = Kubeconfigs {
            files: files.to_vec(),
            config: Kubeconfig::default(),
            problems: Vec::new(),
        };
        let mut any_exists = false;
        for path in files {
            if !path.exists() {
                if explicit {
                    out.problems.push(
                        ClusterError::new(
                            ErrorCode::NoKubeconfig,
                            format!("The kubeconfig file {} does not exist.", path.display()),
                            format!("Check the path, or create it with {GET_CREDENTIALS}."),
                        )
                        .in_file(path),
                    );
                }
                continue;
            }
            any_exists = true;
            match read_one(path) {
                Ok((config, mut problems)) => {
                    out.problems.append(&mut problems);
                    merge_into(&mut out.config, config);
                }
                Err(problem) => out.problems.push(problem),
            }
        }
        if !any_exists && !explicit {
            let looked: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            out.problems.push(ClusterError::new(
                ErrorCode::NoKubeconfig,
                format!(
                    "No kubeconfig file was found (looked at {}).",
                    if looked.is_empty() {
                        "nothing: no KUBECONFIG and no home folder".to_string()
                    } else {
                        looked.join(", ")
                    }
                ),
                format!("Add a cluster with {GET_CREDENTIALS}, or point KUBECONFIG at your file."),
            ));
        }
        if let Some(current) = &out.config.current_context {
            if !current.is_empty() && !out.config.contexts.iter().any(|c| &c.name == current) {
                let names = out.context_names().join(", ");
                out.problems.push(ClusterError::new(
                    ErrorCode::CurrentContextMissing,
                    format!("current-context is \"{current}\", but no kubeconfig file defines that context."),
                    if names.is_empty() {
                        format!("Add a context with {GET_CREDENTIALS}.")
                    } else {
                        format!("Pick one that exists: `kubectl config use-context NAME` (contexts: {names}).")
                    },
                ));
            }
        }
        out
    }

    pub fn context_names(&self) -> Vec<String> {
        self.config
            .contexts
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    pub fn cluster_names(&self) -> Vec<String> {
        self.config
            .clusters
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    pub fn user_names(&self) -> Vec<String> {
        self.config
            .auth_infos
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    pub fn current_context(&self) -> Option<&str> {
        self.config
            .current_context
            .as_deref()
            .filter(|c| !c.is_empty())
    }

    pub(crate) fn context(&self, name: &str) -> Option<&NamedContext> {
        self.config.contexts.iter().find(|c| c.name == name)
    }

    pub(crate) fn cluster(&self, name: &str) -> Option<&NamedCluster> {
        self.config.clusters.iter().find(|c| c.name == name)
    }

    pub(crate) fn user(&self, name: &str) -> Option<&NamedAuthInfo> {
        self.config.auth_infos.iter().find(|c| c.name == name)
    }
}

/// One file: parsed by kube-rs, checked for what kube-rs accepts but kubectl would not use.
fn read_one(path: &Path) -> Result<(Kubeconfig, Vec<ClusterError>), ClusterError> {
    let mut config = Kubeconfig::read_from(path).map_err(|e| file_error(path, &e))?;
    let mut problems = Vec::new();
    let warn = |message: String, hint: &str| {
        ClusterError::new(ErrorCode::KubeconfigInvalid, message, hint).in_file(path)
    };
    if config.contexts.is_empty() && config.clusters.is_empty() && config.auth_infos.is_empty() {
        problems.push(warn(
            format!(
                "{} is empty: it defines no context, cluster or user.",
                path.display()
            ),
            &format!("Fill it with {GET_CREDENTIALS}, or remove it from KUBECONFIG."),
        ));
    }
    if let Some(kind) = config.kind.take().filter(|k| k != "Config") {
        problems.push(warn(
            format!("{} says `kind: {kind}`; a kubeconfig is `kind: Config`. Its contexts are read anyway.", path.display()),
            "Set `kind: Config` in the file.",
        ));
    }
    if let Some(v) = config.api_version.take().filter(|v| v != "v1") {
        problems.push(warn(
            format!("{} says `apiVersion: {v}`; a kubeconfig is `apiVersion: v1`. Its contexts are read anyway.", path.display()),
            "Set `apiVersion: v1` in the file.",
        ));
    }
    dedupe(
        &mut config.contexts,
        |c| &c.name,
        "context",
        path,
        &mut problems,
    );
    dedupe(
        &mut config.clusters,
        |c| &c.name,
        "cluster",
        path,
        &mut problems,
    );
    dedupe(
        &mut config.auth_infos,
        |c| &c.name,
        "user",
        path,
        &mut problems,
    );
    Ok((config, problems))
}

/// Within one file the first entry of a name wins, as across files.
fn dedupe<T>(
    items: &mut Vec<T>,
    name: impl Fn(&T) -> &String,
    what: &str,
    path: &Path,
    problems: &mut Vec<ClusterError>,
) {
    let mut seen = HashSet::new();
    let mut dupes = Vec::new();
    items.retain(|item| {
        let n = name(item).clone();
        if seen.insert(n.clone()) {
            true
        } else {
            dupes.push(n);
            false
        }
    });
    for n in dupes {
        problems.push(
            ClusterError::new(
                ErrorCode::DuplicateName,
                format!(
                    "{} defines the {what} \"{n}\" more than once; the first one is used.",
                    path.display()
                ),
                format!("Rename or remove the other \"{n}\" entries of the file."),
            )
            .in_file(path),
        );
    }
}

/// kubectl's merge: first file wins per name and for `current-context`.
fn merge_into(base: &mut Kubeconfig, next: Kubeconfig) {
    fn append<T>(base: &mut Vec<T>, next: Vec<T>, name: impl Fn(&T) -> &String) {
        let existing: HashSet<String> = base.iter().map(|x| name(x).clone()).collect();
        base.extend(next.into_iter().filter(|x| !existing.contains(name(x))));
    }
    append(&mut base.clusters, next.clusters, |x| &x.name);
    append(&mut base.auth_infos, next.auth_infos, |x| &x.name);
    append(&mut base.contexts, next.contexts, |x| &x.name);
    if base.current_context.as_deref().is_none_or(str::is_empty) {
        base.current_context = next.current_context;
    }
}

fn file_error(path: &Path, e: &kube::config::KubeconfigError) -> ClusterError {
    use kube::config::KubeconfigError as K;
    let (code, message) = match e {
        K::ReadConfig(io, _) => (
            ErrorCode::KubeconfigUnreadable,
            format!(
                "{} cannot be read: {}.",
                path.display(),
                first_line(&io.to_string())
            ),
        ),
        K::Parse(err) => (
            ErrorCode::KubeconfigInvalid,
            format!(
                "{} is not a valid kubeconfig: {}.",
                path.display(),
                first_line(&err.to_string())
            ),
        ),
        other => (
            ErrorCode::KubeconfigInvalid,
            format!(
                "{} cannot be used: {}.",
                path.display(),
                first_line(&other.to_string())
            ),
        ),
    };
    ClusterError::new(
        code,
        message,
        format!("Fix the file (`kubectl config view --kubeconfig {}` shows what kubectl reads), or move it away and recreate it with {GET_CREDENTIALS}.", path.display()),
    )
    .in_file(path)
}

/// Parser messages can be long and quote input; one bounded line is enough to find the place.
pub(crate) fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim_end_matches('.');
    if line.chars().count() > 200 {
        format!("{}…", line.chars().take(200).collect::<String>())
    } else {
        line.to_string()
    }
}
