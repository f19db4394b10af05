//! Copies catalog modules into the project (`modules/<cloud>/<name>/`), so the project is
//! self-contained: `source = "./modules/aws/network"` works after a `git clone` with no
//! registry, and a module upgrade is a reviewed diff in the project's own history.

use crate::GenerateError;
use std::collections::BTreeMap;
use std::path::Path;

/// The files of a module that a project needs (examples and CHANGELOG stay in the catalog;
/// the manifest keeps the version that was vendored).
const FILES: &[&str] = &[
    "main.tf",
    "variables.tf",
    "outputs.tf",
    "versions.tf",
    "README.md",
    "module.toml",
];

pub fn add(
    catalog: &Path,
    module: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), GenerateError> {
    let dir = catalog.join(module);
    for f in FILES {
        let path = dir.join(f);
        let text = std::fs::read_to_string(&path).map_err(|e| GenerateError::Catalog {
            path: path.clone(),
            message: format!("cannot read the module file: {e}"),
        })?;
        files.insert(format!("modules/{module}/{f}"), text);
    }
    Ok(())
}
