//! Where discovery and the doctor look: the home folder and the environment variables, taken
//! from the process (`Context::from_process`) or given explicitly (tests, the desktop app
//! checking a workspace's environment). Nothing in here reads a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Context {
    home: Option<PathBuf>,
    env: BTreeMap<String, String>,
}

impl Context {
    /// The running process's environment and home folder.
    pub fn from_process() -> Self {
        let env: BTreeMap<String, String> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        let home = home_from(&env);
        Self { home, env }
    }

    /// An explicit home folder and environment (nothing inherited from the process).
    pub fn new<K, V>(home: impl Into<PathBuf>, env: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        Self {
            home: Some(home.into()),
            env: env.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
        }
    }

    pub fn with_var(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.insert(key.into(), value.into());
        self
    }

    pub fn home(&self) -> Option<&Path> {
        self.home.as_deref()
    }

    /// A variable's value; unset and empty are the same (as the cloud CLIs treat them).
    pub fn var(&self, key: &str) -> Option<&str> {
        self.env
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub fn vars(&self) -> impl Iterator<Item = (&str, &str)> {
        self.env.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `$VAR` as a path, else `home/rest`.
    pub(crate) fn path_or_home(&self, var: &str, rest: &str) -> Option<PathBuf> {
        match self.var(var) {
            Some(p) => Some(expand_tilde(p, self.home())),
            None => self.home().map(|h| h.join(rest)),
        }
    }

    /// The program's full path when it is on this context's `PATH` and executable.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        let program_path = Path::new(program);
        if program_path.components().count() > 1 {
            return is_executable(program_path).then(|| program_path.to_path_buf());
        }
        let path = self.var("PATH")?;
        std::env::split_paths(path).find_map(|dir| {
            let candidate = dir.join(program);
            if is_executable(&candidate) {
                return Some(candidate);
            }
            if cfg!(windows) {
                for ext in ["exe", "cmd", "bat"] {
                    let c = candidate.with_extension(ext);
                    if c.is_file() {
                        return Some(c);
                    }
                }
            }
            None
        })
    }
}

fn home_from(env: &BTreeMap<String, String>) -> Option<PathBuf> {
    let key = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    env.get(key)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .or_else(std::env::home_dir)
}

pub(crate) fn expand_tilde(p: &str, home: Option<&Path>) -> PathBuf {
    match (p.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(p),
    }
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}
