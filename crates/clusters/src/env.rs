//! Where kubeconfigs and exec plugins are looked for: `KUBECONFIG`, the home folder and `PATH`,
//! taken from the process or given explicitly, so tests and the desktop app never depend on
//! (or change) the process environment.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct KubeEnv {
    /// The `KUBECONFIG` value: a PATH-style list of files.
    pub kubeconfig: Option<String>,
    pub home: Option<PathBuf>,
    /// The `PATH` value, to tell whether an exec plugin is installed.
    pub path: Option<String>,
}

impl KubeEnv {
    pub fn from_process() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Self {
            kubeconfig: var("KUBECONFIG"),
            home: var("HOME")
                .or_else(|| var("USERPROFILE"))
                .map(PathBuf::from),
            path: var("PATH"),
        }
    }

    /// The files kubectl would read, in order: the `KUBECONFIG` list, else `~/.kube/config`.
    pub fn kubeconfig_files(&self) -> Vec<PathBuf> {
        if let Some(list) = &self.kubeconfig {
            let files: Vec<PathBuf> = std::env::split_paths(list)
                .filter(|p| !p.as_os_str().is_empty())
                .collect();
            if !files.is_empty() {
                return files;
            }
        }
        self.home
            .iter()
            .map(|h| h.join(".kube").join("config"))
            .collect()
    }

    /// The program's full path when it is executable: a path as is, a bare name on `PATH`.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        let p = Path::new(program);
        if p.components().count() > 1 {
            return is_executable(p).then(|| p.to_path_buf());
        }
        std::env::split_paths(self.path.as_deref()?)
            .map(|dir| dir.join(program))
            .find(|c| is_executable(c))
    }
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}
