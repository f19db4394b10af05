//! A workspace is a folder the user opened. Every path the UI sends is relative to it and is
//! resolved here; nothing outside the folder can be read through the app's commands
//! (Architecture Invariant: the webview cannot reach files outside the opened workspace).

use crate::error::{AppError, ErrorCode};
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// Opens `path` as a workspace. The root is canonicalized once so that later containment
    /// checks compare real paths (symlinks resolved).
    pub fn open(path: &Path) -> Result<Self, AppError> {
        let root = path.canonicalize().map_err(|e| {
            AppError::new(
                ErrorCode::WorkspaceNotFound,
                format!("Cannot open {}: {e}", path.display()),
                "Check the path and choose an existing folder.",
            )
        })?;
        if !root.is_dir() {
            return Err(AppError::new(
                ErrorCode::WorkspaceNotFound,
                format!("{} is a file, not a folder", path.display()),
                "Choose the folder that contains your infrastructure code.",
            ));
        }
        Ok(Self { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder's display name (its last component).
    pub fn name(&self) -> String {
        self.root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.root.display().to_string())
    }

    /// Resolves a workspace-relative path (`""` is the root) to an absolute path inside the
    /// workspace, refusing absolute paths, `..` that climbs out, and symlinks that point out.
    pub fn resolve(&self, relative: &str) -> Result<PathBuf, AppError> {
        let rel = Path::new(relative);
        let mut joined = self.root.clone();
        for component in rel.components() {
            match component {
                Component::Normal(part) => joined.push(part),
                Component::CurDir => {}
                Component::ParentDir => {
                    if joined == self.root {
                        return Err(outside(relative));
                    }
                    joined.pop();
                }
                Component::RootDir | Component::Prefix(_) => return Err(outside(relative)),
            }
        }
        // Symlinks inside the workspace may point anywhere: check the real target too. A path
        // that does not exist yet (a new file) is judged by its lexical form above.
        match joined.canonicalize() {
            Ok(real) if !real.starts_with(&self.root) => Err(outside(relative)),
            Ok(real) => Ok(real),
            Err(_) => Ok(joined),
        }
    }

    /// The workspace-relative form of an absolute path inside it, with `/` separators on every
    /// OS (the UI's path format).
    pub fn relative(&self, absolute: &Path) -> Option<String> {
        let rel = absolute.strip_prefix(&self.root).ok()?;
        let parts: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }
}

fn outside(relative: &str) -> AppError {
    AppError::new(
        ErrorCode::OutsideWorkspace,
        format!("Refused to access {relative:?}: it is outside the opened workspace"),
        "Only files inside the opened folder can be read. Open the other folder with File → Open Folder.",
    )
}
