//! `orbis new`: turns a small spec (cloud, region, environment, components, exposure, data
//! classification) into a self-contained Terraform project composed from the governed module
//! catalog (`modules/`): remote state with locking and encryption, pinned providers with the
//! required tags through one mechanism, the governance baseline, the requested components,
//! README.md and DECISIONS.md (every non-obvious choice with its reason).
//!
//! No network and no cloud SDK: the engine reads the catalog folder and returns file contents;
//! [`write_project`] puts them on disk. [`validate`] checks a project offline (references,
//! module inputs, literal types), since providers cannot be downloaded to run
//! `terraform validate`.

pub mod catalog;
mod cloud;
pub mod components;
mod decisions;
mod hcl;
mod readme;
pub mod regions;
pub mod spec;
mod spec_yaml;
pub mod validate;
mod vendor;

pub use components::{Component, ComponentInfo, CATALOG};
pub use decisions::Decision;
pub use spec::{parse as parse_spec, parse_path as parse_spec_file, Cloud, Spec, SpecError};

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A generated project: relative path → file content.
#[derive(Debug, Clone)]
pub struct Project {
    pub files: BTreeMap<String, String>,
    pub decisions: Vec<Decision>,
    /// Catalog modules vendored under `modules/` (`<cloud>/<name>`).
    pub modules: Vec<String>,
}

/// Why a project could not be generated or written.
#[derive(Debug)]
pub enum GenerateError {
    Spec(SpecError),
    /// The catalog folder is missing a module or a file.
    Catalog {
        path: PathBuf,
        message: String,
    },
    /// The output folder exists and is not empty (and `force` was not given).
    NotEmpty(PathBuf),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// Our own output did not format: a generator bug, reported rather than written.
    Format {
        file: String,
        message: String,
    },
}

impl GenerateError {
    /// A stable code for people and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            GenerateError::Spec(_) => "generator.bad_spec",
            GenerateError::Catalog { .. } => "generator.catalog",
            GenerateError::NotEmpty(_) => "generator.not_empty",
            GenerateError::Io { .. } => "generator.io",
            GenerateError::Format { .. } => "generator.internal",
        }
    }
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            GenerateError::Spec(_) => {
                "fix the named field; `orbis new --list-components` shows what a spec can ask for"
            }
            GenerateError::Catalog { .. } => {
                "point --catalog at the modules/ folder shipped with TerraOrbis"
            }
            GenerateError::NotEmpty(_) => {
                "choose an empty or new folder, or pass --force to overwrite the generated files"
            }
            GenerateError::Io { .. } => "check the folder exists and is writable",
            GenerateError::Format { .. } => {
                "please report this: the generator produced invalid HCL"
            }
        }
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Spec(e) => write!(f, "{e}"),
            GenerateError::Catalog { path, message } => {
                write!(f, "module catalog {}: {message}", path.display())
            }
            GenerateError::NotEmpty(p) => write!(f, "{} is not empty", p.display()),
            GenerateError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            GenerateError::Format { file, message } => {
                write!(f, "generated {file} does not parse: {message}")
            }
        }
    }
}

impl std::error::Error for GenerateError {}

impl From<SpecError> for GenerateError {
    fn from(e: SpecError) -> Self {
        GenerateError::Spec(e)
    }
}

/// Generate the project of a checked spec, vendoring modules from `catalog` (the `modules/`
/// folder). Terraform files come out in the `terraform fmt` layout.
pub fn generate(spec: &Spec, catalog: &Path) -> Result<Project, GenerateError> {
    let mut out = cloud::Output::default();
    match spec.cloud {
        Cloud::Aws => cloud::aws::generate(spec, &mut out),
        Cloud::Azure => cloud::azure::generate(spec, &mut out),
        Cloud::Gcp => cloud::gcp::generate(spec, &mut out),
    }
    let modules: Vec<String> = components::modules_for(spec.cloud, &spec.components)
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut files = BTreeMap::new();
    for (name, text) in out.files {
        let formatted =
            orbis_hcl::format::format_source(&text).map_err(|d| GenerateError::Format {
                file: name.clone(),
                message: format!("line {}: {}", d.span.line(), d.message),
            })?;
        files.insert(name, formatted.text);
    }
    for m in &modules {
        vendor::add(catalog, m, &mut files)?;
    }
    files.insert(
        "README.md".into(),
        readme::render(spec, &modules, &out.prerequisites),
    );
    let exceptions = decisions::exceptions(&files);
    files.insert(
        "DECISIONS.md".into(),
        decisions::render(spec, &out.decisions, &exceptions),
    );
    files.insert(
        ".gitignore".into(),
        ".terraform/\n*.tfstate\n*.tfstate.*\n*.tfplan\ncrash.log\n".into(),
    );
    Ok(Project {
        files,
        decisions: out.decisions,
        modules,
    })
}

/// Write a project into `dir`. A non-empty `dir` is refused unless `force` (then the
/// generated files are overwritten; other files are left alone).
pub fn write_project(project: &Project, dir: &Path, force: bool) -> Result<(), GenerateError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| GenerateError::Io { path, error }
    };
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir).map_err(io(dir))?.next().is_some();
        if non_empty && !force {
            return Err(GenerateError::NotEmpty(dir.to_path_buf()));
        }
    }
    for (rel, text) in &project.files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(())
}
