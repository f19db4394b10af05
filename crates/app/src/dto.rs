//! Data crossing from Rust to the UI. Every type here derives `TS`; add new ones to
//! `typescript::render` so the generated file stays complete.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of file a path is, for icons and the editor's language mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileLanguage {
    Terraform,
    Terragrunt,
    Tfvars,
    Hcl,
    Yaml,
    Json,
    Markdown,
    Plain,
}

impl FileLanguage {
    /// Decides by file name only: cheap enough to call for every entry of a 10k-file folder.
    pub fn of(name: &str) -> Self {
        let lower = name.to_ascii_lowercase();
        if lower == "terragrunt.hcl" || lower == "root.hcl" {
            return Self::Terragrunt;
        }
        let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "tf" => Self::Terraform,
            "tfvars" => Self::Tfvars,
            "hcl" | "tftest" | "tofu" => Self::Hcl,
            "yaml" | "yml" => Self::Yaml,
            "json" => Self::Json,
            "md" | "markdown" => Self::Markdown,
            _ if lower.ends_with(".tfvars.json") => Self::Json,
            _ => Self::Plain,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Dir,
    File,
}

/// One row of the file tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TreeEntry {
    pub name: String,
    /// Workspace-relative, `/`-separated.
    pub path: String,
    pub kind: EntryKind,
    pub language: FileLanguage,
}

/// The children of one folder (the tree loads folders lazily, so a 10k-file workspace costs
/// only what is expanded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DirListing {
    pub path: String,
    pub entries: Vec<TreeEntry>,
}

/// A file's content for the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileContent {
    pub path: String,
    pub language: FileLanguage,
    pub text: String,
    /// Size in bytes on disk.
    #[ts(type = "number")]
    pub size: u64,
    /// True when the file was not valid UTF-8 and invalid bytes were replaced for display.
    pub lossy: bool,
    /// True when the file looks binary; `text` is then empty.
    pub binary: bool,
    /// True when the file is a Terraform plan JSON: `text` is then empty (plans hold
    /// sensitive values in clear; only the redacted review reaches the UI) and the UI opens
    /// it in Plan Review.
    pub plan: bool,
}

/// The opened workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkspaceInfo {
    pub root: String,
    pub name: String,
    /// True for the bundled demo workspace.
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecentWorkspace {
    pub path: String,
    pub name: String,
    /// Unix seconds.
    #[ts(type = "number")]
    pub last_opened: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ThemePreference {
    /// Follow the operating system's light/dark setting.
    #[default]
    System,
    Light,
    Dark,
}

/// User settings kept in the local store; they survive restarts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemePreference,
    /// Show files ignored by .gitignore in the tree.
    pub show_ignored: bool,
}

/// Facts for the status bar and the About box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// The OS family ("linux", "macos", "windows"): the UI uses it for shortcut labels.
    pub os: String,
}
