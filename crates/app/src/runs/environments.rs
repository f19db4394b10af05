//! The workspace's environments for runs, from `.orbis.toml`:
//!
//! ```toml
//! [runs.environments.prod]
//! var_files = ["env/prod.tfvars"]
//! production = true
//! ```
//!
//! Without any, runs use the workspace as it is (no var files, not production).

use super::dto::RunEnvironment;
use crate::error::{AppError, ErrorCode};
use std::path::Path;

pub fn load(root: &Path) -> Result<Vec<RunEnvironment>, AppError> {
    let path = root.join(".orbis.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
    let invalid = |what: String| {
        AppError::new(
            ErrorCode::InvalidRequest,
            format!(".orbis.toml: {what}"),
            "Fix [runs.environments.NAME] (var_files = [\"…\"], production = true|false).",
        )
    };
    let doc: toml::Table = text.parse().map_err(|e| invalid(format!("{e}")))?;
    let Some(envs) = doc
        .get("runs")
        .and_then(|r| r.get("environments"))
        .and_then(|e| e.as_table())
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, value) in envs {
        let var_files = match value.get("var_files") {
            None => Vec::new(),
            Some(v) => v
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|f| f.as_str().map(str::to_string))
                        .collect()
                })
                .ok_or_else(|| invalid(format!("{name}.var_files must be a list of paths")))?,
        };
        // A var file must stay inside the workspace, like every path the app uses.
        if let Some(bad) = var_files
            .iter()
            .find(|f| Path::new(f).is_absolute() || f.split(['/', '\\']).any(|p| p == ".."))
        {
            return Err(invalid(format!(
                "{name}: var file {bad} is outside the workspace"
            )));
        }
        let production = value
            .get("production")
            .and_then(|p| p.as_bool())
            .unwrap_or(false);
        out.push(RunEnvironment {
            name: name.clone(),
            var_files,
            production,
        });
    }
    Ok(out)
}
