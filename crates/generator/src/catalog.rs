//! The module catalog as the app browses it: each module's manifest (`module.toml`) and its
//! interface — inputs (type, default, required) and outputs — read from its `.tf` files with
//! orbis-hcl, plus the `module` block that calls it. No hand parsing of HCL.

use crate::GenerateError;
use orbis_hcl::{Attribute, Block, File, Value};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One catalog module.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogModule {
    /// `<cloud>/<name>`, as vendored under a project's `modules/`.
    pub id: String,
    pub name: String,
    pub cloud: String,
    pub version: String,
    pub description: String,
    pub category: String,
    pub keywords: Vec<String>,
    pub inputs: Vec<ModuleInput>,
    pub outputs: Vec<ModuleOutput>,
}

/// One `variable` block of a module.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleInput {
    pub name: String,
    pub description: Option<String>,
    /// The type expression as written (`list(string)`), on one line.
    pub type_text: Option<String>,
    /// The default as written, on one line; `None` when the input has none (then required).
    pub default_text: Option<String>,
    pub required: bool,
    pub sensitive: bool,
}

/// One `output` block of a module.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleOutput {
    pub name: String,
    pub description: Option<String>,
    pub sensitive: bool,
}

/// `module.toml`; unknown keys are tolerated here (the catalog test is strict about them).
#[derive(Deserialize)]
struct Manifest {
    name: String,
    cloud: String,
    version: String,
    description: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    keywords: Vec<String>,
}

/// Every module of the catalog folder (`<catalog>/<cloud>/<name>/module.toml`), sorted by id.
pub fn list(catalog: &Path) -> Result<Vec<CatalogModule>, GenerateError> {
    let mut out = Vec::new();
    for cloud in subdirs(catalog)? {
        for dir in subdirs(&cloud)? {
            if dir.join("module.toml").is_file() {
                out.push(read(&dir)?);
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// One module folder: manifest and interface.
pub fn read(dir: &Path) -> Result<CatalogModule, GenerateError> {
    let path = dir.join("module.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| GenerateError::Catalog {
        path: path.clone(),
        message: format!("cannot read the manifest: {e}"),
    })?;
    let m: Manifest = toml::from_str(&text).map_err(|e| GenerateError::Catalog {
        path: path.clone(),
        message: format!("invalid manifest: {}", e.message()),
    })?;
    let files = parse_tf(dir)?;
    let (inputs, outputs) = interface(&files);
    Ok(CatalogModule {
        id: format!("{}/{}", m.cloud, m.name),
        name: m.name,
        cloud: m.cloud,
        version: m.version,
        description: m.description,
        category: m.category,
        keywords: m.keywords,
        inputs,
        outputs,
    })
}

fn subdirs(dir: &Path) -> Result<Vec<PathBuf>, GenerateError> {
    let entries = std::fs::read_dir(dir).map_err(|e| GenerateError::Catalog {
        path: dir.to_path_buf(),
        message: format!("cannot read the folder: {e}"),
    })?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_dir()
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    out.sort();
    Ok(out)
}

fn parse_tf(dir: &Path) -> Result<Vec<File>, GenerateError> {
    let entries = std::fs::read_dir(dir).map_err(|e| GenerateError::Catalog {
        path: dir.to_path_buf(),
        message: format!("cannot read the module folder: {e}"),
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "tf"))
        .collect();
    paths.sort();
    Ok(paths.iter().map(|p| orbis_hcl::parse_file(p)).collect())
}

/// Inputs and outputs in file, then source order.
fn interface(files: &[File]) -> (Vec<ModuleInput>, Vec<ModuleOutput>) {
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    for f in files {
        for b in f.blocks_of("variable") {
            let body = &b.body;
            let default_text = body
                .attribute("default")
                .map(|a| one_line(f.text(&a.expr.span)));
            inputs.push(ModuleInput {
                name: label(b),
                description: body.attribute("description").and_then(string_value),
                // Types hold no strings: alignment blanks are collapsed too.
                type_text: body.attribute("type").map(|a| {
                    one_line(f.text(&a.expr.span))
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
                required: default_text.is_none(),
                default_text,
                sensitive: body.attribute("sensitive").is_some_and(is_true),
            });
        }
        for b in f.blocks_of("output") {
            outputs.push(ModuleOutput {
                name: label(b),
                description: b.body.attribute("description").and_then(string_value),
                sensitive: b.body.attribute("sensitive").is_some_and(is_true),
            });
        }
    }
    (inputs, outputs)
}

fn label(b: &Block) -> String {
    b.label(0).unwrap_or_default().to_string()
}

fn string_value(a: &Attribute) -> Option<String> {
    match orbis_hcl::eval_static(&a.expr) {
        Value::String(s) => Some(s.split_whitespace().collect::<Vec<_>>().join(" ")),
        _ => None,
    }
}

fn is_true(a: &Attribute) -> bool {
    matches!(orbis_hcl::eval_static(&a.expr), Value::Bool(true))
}

/// An expression's source on one line (multi-line objects and lists joined with spaces).
fn one_line(src: &str) -> String {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A placeholder value for a required input, by its type: something that parses and that a
/// person must replace (the comment after it says what is expected).
fn placeholder(type_text: Option<&str>) -> &'static str {
    let t = type_text.unwrap_or("any").trim();
    if t.starts_with("list(") || t.starts_with("set(") || t.starts_with("tuple(") {
        "[]"
    } else if t.starts_with("map(") || t.starts_with("object(") {
        "{}"
    } else if t == "number" {
        "0"
    } else if t == "bool" {
        "false"
    } else {
        "\"\""
    }
}

/// The `module` block calling `module` from `source` (a relative path such as
/// `./modules/aws/network`), with every required input as a placeholder to fill in and a
/// comment naming its type and purpose. Formatted in the `terraform fmt` layout.
pub fn module_call(module: &CatalogModule, call_name: &str, source: &str) -> String {
    let mut s = format!(
        "# {} {} — {}\nmodule {} {{\n  source = {}\n",
        module.id,
        module.version,
        module.description,
        crate::hcl::q(call_name),
        crate::hcl::q(source)
    );
    let required: Vec<&ModuleInput> = module.inputs.iter().filter(|i| i.required).collect();
    if !required.is_empty() {
        s.push('\n');
    }
    for i in required {
        // A long object type is summarised (the module's README has it whole).
        let type_text = i.type_text.as_deref().unwrap_or("(any type)");
        let type_text = match type_text.char_indices().nth(40) {
            Some((cut, _)) => format!("{}…", &type_text[..cut]),
            None => type_text.to_string(),
        };
        let mut comment = format!("required {type_text}");
        if let Some(d) = &i.description {
            comment.push_str(": ");
            comment.push_str(d);
        }
        s.push_str(&format!(
            "  {} = {} # TODO {}\n",
            i.name,
            placeholder(i.type_text.as_deref()),
            comment.replace('\n', " ")
        ));
    }
    s.push_str("}\n");
    orbis_hcl::format::format_source(&s)
        .map(|f| f.text)
        .unwrap_or(s)
}

/// The files of a catalog module as a project vendors them (`modules/<id>/…` → text).
pub fn vendored_files(catalog: &Path, id: &str) -> Result<BTreeMap<String, String>, GenerateError> {
    let mut files = BTreeMap::new();
    crate::vendor::add(catalog, id, &mut files)?;
    Ok(files)
}
