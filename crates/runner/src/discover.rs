//! Finding the IaC binaries and their versions. Terraform and OpenTofu answer
//! `version -json`; Terragrunt only prints text (`terragrunt version v0.x`).

use crate::error::RunError;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const TOOLS: [&str; 3] = ["terraform", "tofu", "terragrunt"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolInfo {
    /// `terraform`, `tofu` or `terragrunt` (from the binary's name).
    pub tool: String,
    pub path: PathBuf,
    pub version: String,
    pub platform: Option<String>,
}

/// Every known tool found on `PATH`, with its version (tools that fail to answer are left out).
pub async fn discover() -> Vec<ToolInfo> {
    let mut found = Vec::new();
    for name in TOOLS {
        if let Some(path) = which(name) {
            if let Ok(info) = detect(&path).await {
                found.push(info);
            }
        }
    }
    found
}

/// The first executable named `name` on `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Asks `binary` for its version (10 s at most: a hung binary must not hang the app).
pub async fn detect(binary: &Path) -> Result<ToolInfo, RunError> {
    let tool = binary
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let terragrunt = tool.contains("terragrunt");
    let args: &[&str] = if terragrunt {
        &["--version"]
    } else {
        &["version", "-json"]
    };
    let mut cmd = tokio::process::Command::new(binary);
    cmd.args(args)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    let out = tokio::time::timeout(Duration::from_secs(10), cmd.output())
        .await
        .map_err(|_| RunError::Version {
            binary: binary.to_path_buf(),
            detail: "timed out after 10 s".into(),
        })?
        .map_err(|source| RunError::Spawn {
            binary: binary.to_path_buf(),
            source,
        })?;
    let text = String::from_utf8_lossy(&out.stdout);
    let (version, platform) = if terragrunt {
        (parse_text_version(&text), None)
    } else {
        parse_version_json(&text)
    };
    let version = version.ok_or_else(|| RunError::Version {
        binary: binary.to_path_buf(),
        detail: text.chars().take(200).collect(),
    })?;
    Ok(ToolInfo {
        tool,
        path: binary.to_path_buf(),
        version,
        platform,
    })
}

/// `{"terraform_version": "1.11.4", "platform": "linux_amd64", …}` (OpenTofu uses the same key).
pub fn parse_version_json(text: &str) -> (Option<String>, Option<String>) {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return (parse_text_version(text), None);
    };
    let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    (
        get("terraform_version").or(get("tofu_version")),
        get("platform"),
    )
}

/// The first `vX.Y.Z`-looking word of a text version line.
fn parse_text_version(text: &str) -> Option<String> {
    text.split_whitespace()
        .map(|w| w.trim_start_matches('v'))
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.contains('.'))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_json_and_text() {
        let (v, p) =
            parse_version_json(r#"{"terraform_version":"1.11.4","platform":"linux_amd64"}"#);
        assert_eq!(
            (v.as_deref(), p.as_deref()),
            (Some("1.11.4"), Some("linux_amd64"))
        );
        assert_eq!(
            parse_version_json("terragrunt version v0.67.4")
                .0
                .as_deref(),
            Some("0.67.4")
        );
        assert_eq!(parse_version_json("garbage").0, None);
    }
}
