// Generated from the Rust types in crates/app (src/typescript.rs). Do not edit:
// run `UPDATE_TS=1 cargo test -p orbis-app` after changing them.

export type ErrorCode = "workspace_not_found" | "no_workspace" | "outside_workspace" | "not_found" | "io" | "too_large" | "store" | "invalid_request";

export type AppError = { code: ErrorCode, message: string, hint: string, };

export type FileLanguage = "terraform" | "terragrunt" | "tfvars" | "hcl" | "yaml" | "json" | "markdown" | "plain";

export type EntryKind = "dir" | "file";

export type TreeEntry = { name: string, 
/**
 * Workspace-relative, `/`-separated.
 */
path: string, kind: EntryKind, language: FileLanguage, };

export type DirListing = { path: string, entries: Array<TreeEntry>, };

export type FileContent = { path: string, language: FileLanguage, text: string, 
/**
 * Size in bytes on disk.
 */
size: number, 
/**
 * True when the file was not valid UTF-8 and invalid bytes were replaced for display.
 */
lossy: boolean, 
/**
 * True when the file looks binary; `text` is then empty.
 */
binary: boolean, };

export type WorkspaceInfo = { root: string, name: string, 
/**
 * True for the bundled demo workspace.
 */
demo: boolean, };

export type RecentWorkspace = { path: string, name: string, 
/**
 * Unix seconds.
 */
last_opened: number, };

export type ThemePreference = "system" | "light" | "dark";

export type Settings = { theme: ThemePreference, 
/**
 * Show files ignored by .gitignore in the tree.
 */
show_ignored: boolean, };

export type AppInfo = { version: string, 
/**
 * The OS family ("linux", "macos", "windows"): the UI uses it for shortcut labels.
 */
os: string, };
