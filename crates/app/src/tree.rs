//! Lists one folder of the workspace for the file tree, as `git` would see it: entries matched
//! by `.gitignore` (also outside a git repository), `.git/` and `.terraform/` are hidden.

use crate::dto::{DirListing, EntryKind, FileLanguage, TreeEntry};
use crate::error::AppError;
use crate::workspace::Workspace;

/// Folders that are never user code: tool caches and VCS internals.
const ALWAYS_HIDDEN: &[&str] = &[".git", ".terraform", ".terragrunt-cache", "node_modules"];

/// Lists the direct children of `relative` (directories first, then files, each by name).
pub fn list_dir(
    ws: &Workspace,
    relative: &str,
    show_ignored: bool,
) -> Result<DirListing, AppError> {
    let dir = ws.resolve(relative)?;
    let meta = std::fs::metadata(&dir).map_err(|e| AppError::io("list", &dir, &e))?;
    if !meta.is_dir() {
        return Err(AppError::new(
            crate::ErrorCode::InvalidRequest,
            format!("{relative} is a file, not a folder"),
            "Open it in the editor instead.",
        ));
    }
    let walker = ignore::WalkBuilder::new(&dir)
        .max_depth(Some(1))
        .hidden(false)
        .git_ignore(!show_ignored)
        .git_exclude(!show_ignored)
        .git_global(false)
        .ignore(!show_ignored)
        // Respect .gitignore even when the folder is not (yet) a git repository: users expect
        // the tree to hide what they told git to ignore.
        .require_git(false)
        .follow_links(false)
        .build();
    let mut entries = Vec::new();
    for item in walker {
        // A single unreadable entry must not hide the rest of the folder.
        let Ok(item) = item else { continue };
        if item.depth() == 0 {
            continue;
        }
        let name = item.file_name().to_string_lossy().into_owned();
        if ALWAYS_HIDDEN.contains(&name.as_str()) {
            continue;
        }
        let is_dir = item.file_type().is_some_and(|t| t.is_dir())
            || (item.path_is_symlink() && item.path().is_dir());
        let Some(path) = ws.relative(item.path()) else {
            continue;
        };
        entries.push(TreeEntry {
            language: if is_dir {
                FileLanguage::Plain
            } else {
                FileLanguage::of(&name)
            },
            kind: if is_dir {
                EntryKind::Dir
            } else {
                EntryKind::File
            },
            name,
            path,
        });
    }
    entries.sort_by(|a, b| {
        (a.kind != EntryKind::Dir)
            .cmp(&(b.kind != EntryKind::Dir))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(DirListing {
        path: ws.relative(&dir).unwrap_or_default(),
        entries,
    })
}
