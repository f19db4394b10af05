//! `cargo xtask module-docs [--check]`: the generated parts of the module catalog's docs.
//!
//! - In each module's `README.md`, the inputs table (between `<!-- BEGIN_INPUTS -->` and
//!   `<!-- END_INPUTS -->`) and the outputs table (`<!-- BEGIN_OUTPUTS -->` /
//!   `<!-- END_OUTPUTS -->`), read from the module's `variable` and `output` blocks with
//!   orbis-hcl: name, description, type and default as written in the code.
//! - In `modules/README.md`, the catalog table (`<!-- BEGIN_CATALOG -->` / `<!-- END_CATALOG -->`)
//!   from each module's manifest, `module.toml`.
//!
//! Without `--check` the files are rewritten; with it nothing is written and the command fails
//! when a file is stale (the module catalog test runs the same check).
//!
//! A module lives in `modules/<cloud>/<name>/`; its manifest is:
//!
//! ```toml
//! name = "s3-bucket"              # the folder name
//! cloud = "aws"                   # the parent folder: aws, azure or gcp
//! version = "1.0.0"               # semantic version, the latest CHANGELOG.md entry
//! description = "One line shown in the catalog"
//! category = "storage"            # see CATEGORIES
//! keywords = ["s3", "encryption"] # for search
//! terraform = "~> 1.6"            # required_version of versions.tf
//! providers = { aws = "~> 6.0" }  # required_providers of versions.tf
//! ```

use anyhow::{bail, Context, Result};
use orbis_hcl::{Attribute, Block, File, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct ModuleDocsArgs {
    /// Fail when a generated section is stale instead of rewriting it.
    #[arg(long)]
    pub check: bool,
    /// Catalog root (default: `modules/` of the repository).
    #[arg(long)]
    pub root: Option<PathBuf>,
}

/// Categories a manifest may name (the app groups the catalog by them).
pub const CATEGORIES: &[&str] = &[
    "network",
    "storage",
    "security",
    "compute",
    "database",
    "governance",
    "observability",
    "cost",
];

pub const CLOUDS: &[&str] = &["aws", "azure", "gcp"];

/// A module's `module.toml` (the app reads it too; the catalog test compares `terraform` and
/// `providers` with `versions.tf`).
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    pub cloud: String,
    pub version: String,
    pub description: String,
    pub category: String,
    pub keywords: Vec<String>,
    pub terraform: String,
    pub providers: BTreeMap<String, String>,
}

/// One `variable` block.
#[derive(Debug)]
pub struct Input {
    pub name: String,
    pub description: Option<String>,
    pub type_text: Option<String>,
    pub default_text: Option<String>,
    pub sensitive: bool,
}

/// One `output` block.
#[derive(Debug)]
pub struct Output {
    pub name: String,
    pub description: Option<String>,
    pub sensitive: bool,
}

pub fn run(args: ModuleDocsArgs) -> Result<()> {
    let root = args.root.unwrap_or_else(catalog_root);
    let updates = render_all(&root)?;
    let stale: Vec<&Update> = updates.iter().filter(|u| u.new != u.old).collect();
    if args.check {
        if stale.is_empty() {
            println!("module docs are current ({} files)", updates.len());
            return Ok(());
        }
        for u in &stale {
            eprintln!("stale: {}", u.path.display());
        }
        bail!(
            "{} generated section(s) are stale; run `cargo xtask module-docs`",
            stale.len()
        );
    }
    for u in &stale {
        std::fs::write(&u.path, &u.new).with_context(|| format!("writing {}", u.path.display()))?;
        println!("updated {}", u.path.display());
    }
    println!("{} of {} files updated", stale.len(), updates.len());
    Ok(())
}

/// `modules/` at the repository root.
pub fn catalog_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../modules");
    root.canonicalize().unwrap_or(root)
}

/// A generated file: its current and its wanted text.
pub struct Update {
    pub path: PathBuf,
    pub old: String,
    pub new: String,
}

/// Every README of the catalog with its regenerated sections.
pub fn render_all(root: &Path) -> Result<Vec<Update>> {
    let mut out = Vec::new();
    let dirs = module_dirs(root)?;
    for dir in &dirs {
        let path = dir.join("README.md");
        let old = read(&path)?;
        let new = render_readme(dir, &old).with_context(|| format!("in {}", path.display()))?;
        out.push(Update { path, old, new });
    }
    let path = root.join("README.md");
    let old = read(&path)?;
    let new =
        render_catalog(root, &dirs, &old).with_context(|| format!("in {}", path.display()))?;
    out.push(Update { path, old, new });
    Ok(out)
}

/// Module folders: `<root>/<cloud>/<name>/`, sorted.
pub fn module_dirs(root: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for cloud in sorted_subdirs(root)? {
        dirs.extend(sorted_subdirs(&cloud)?);
    }
    Ok(dirs)
}

fn sorted_subdirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
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

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

pub fn read_manifest(dir: &Path) -> Result<Manifest> {
    let path = dir.join("module.toml");
    toml::from_str(&read(&path)?).with_context(|| format!("parsing {}", path.display()))
}

/// `MAJOR.MINOR.PATCH` with an optional `-pre.release` (no build metadata).
pub fn is_semver(v: &str) -> bool {
    let (core, pre) = match v.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (v, None),
    };
    let nums: Vec<&str> = core.split('.').collect();
    let number = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let pre_ok = pre.is_none_or(|p| {
        p.split('.')
            .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    });
    nums.len() == 3 && nums.iter().all(|n| number(n)) && pre_ok
}

/// The `.tf` files of one folder (not its subfolders), parsed, in name order.
pub fn parse_dir(dir: &Path) -> Result<Vec<File>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "tf"))
        .collect();
    paths.sort();
    Ok(paths.iter().map(|p| orbis_hcl::parse_file(p)).collect())
}

/// The inputs and outputs of a module, in file then source order.
pub fn interface(files: &[File]) -> (Vec<Input>, Vec<Output>) {
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    for f in files {
        for b in f.blocks_of("variable") {
            let body = &b.body;
            inputs.push(Input {
                name: label(b),
                description: body.attribute("description").and_then(string_value),
                type_text: body
                    .attribute("type")
                    .map(|a| one_line(f.text(&a.expr.span))),
                default_text: body
                    .attribute("default")
                    .map(|a| one_line(f.text(&a.expr.span))),
                sensitive: body.attribute("sensitive").is_some_and(is_true),
            });
        }
        for b in f.blocks_of("output") {
            outputs.push(Output {
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

/// An expression's source on one line: lines joined with ", " where the next line starts a new
/// element of an object or tuple, with " " after an opening and before a closing bracket, and
/// runs of blanks (alignment) collapsed outside string literals.
pub fn one_line(src: &str) -> String {
    let mut out = String::new();
    for line in src.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            let prev = out.chars().last().unwrap_or(' ');
            let next = line.chars().next().unwrap_or(' ');
            let opens = matches!(prev, '{' | '(' | '[' | ',');
            let closes = matches!(next, '}' | ')' | ']');
            out.push_str(if opens || closes { " " } else { ", " });
        }
        out.push_str(&collapse_blanks(line));
    }
    out
}

fn collapse_blanks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let (mut in_string, mut escaped, mut blank) = (false, false, false);
    for c in line.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == ' ' || c == '\t' {
            if !blank {
                out.push(' ');
            }
            blank = true;
            continue;
        }
        blank = false;
        in_string = c == '"';
        out.push(c);
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn code(s: &str) -> String {
    format!("`{}`", cell(s))
}

pub fn inputs_table(inputs: &[Input]) -> String {
    if inputs.is_empty() {
        return "This module has no inputs.\n".into();
    }
    let mut t = String::from(
        "| Name | Description | Type | Default | Required |\n|------|-------------|------|---------|:--------:|\n",
    );
    for i in inputs {
        let mut desc = cell(i.description.as_deref().unwrap_or(""));
        if i.sensitive {
            desc.push_str(" (sensitive)");
        }
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            code(&i.name),
            desc,
            i.type_text.as_deref().map(code).unwrap_or_default(),
            i.default_text
                .as_deref()
                .map(code)
                .unwrap_or_else(|| "n/a".into()),
            if i.default_text.is_none() {
                "yes"
            } else {
                "no"
            },
        ));
    }
    t
}

pub fn outputs_table(outputs: &[Output]) -> String {
    if outputs.is_empty() {
        return "This module has no outputs.\n".into();
    }
    let mut t = String::from("| Name | Description |\n|------|-------------|\n");
    for o in outputs {
        let mut desc = cell(o.description.as_deref().unwrap_or(""));
        if o.sensitive {
            desc.push_str(" (sensitive)");
        }
        t.push_str(&format!("| {} | {} |\n", code(&o.name), desc));
    }
    t
}

/// Replace what lies between `<!-- BEGIN_<TAG> -->` and `<!-- END_<TAG> -->` (each alone on
/// its line) by `content`.
pub fn replace_section(text: &str, tag: &str, content: &str) -> Result<String> {
    let begin = format!("<!-- BEGIN_{tag} -->\n");
    let end = format!("<!-- END_{tag} -->");
    let Some(b) = text.find(&begin) else {
        bail!("marker `<!-- BEGIN_{tag} -->` not found (on a line of its own)");
    };
    let start = b + begin.len();
    let Some(len) = text[start..].find(&end) else {
        bail!("marker `{end}` not found after `<!-- BEGIN_{tag} -->`");
    };
    Ok(format!(
        "{}{}{}",
        &text[..start],
        content,
        &text[start + len..]
    ))
}

pub fn render_readme(dir: &Path, current: &str) -> Result<String> {
    let files = parse_dir(dir)?;
    let (inputs, outputs) = interface(&files);
    let text = replace_section(current, "INPUTS", &inputs_table(&inputs))?;
    replace_section(&text, "OUTPUTS", &outputs_table(&outputs))
}

pub fn render_catalog(root: &Path, dirs: &[PathBuf], current: &str) -> Result<String> {
    let mut t = String::from(
        "| Module | Cloud | Version | Category | Description |\n|--------|-------|---------|----------|-------------|\n",
    );
    for dir in dirs {
        let m = read_manifest(dir)?;
        if !is_semver(&m.version)
            || !CATEGORIES.contains(&m.category.as_str())
            || !CLOUDS.contains(&m.cloud.as_str())
        {
            bail!(
                "{}: module.toml needs a semantic version, a cloud in {CLOUDS:?} and a category in {CATEGORIES:?}",
                dir.display()
            );
        }
        let rel = dir.strip_prefix(root).unwrap_or(dir);
        let rel = rel.to_string_lossy().replace('\\', "/");
        t.push_str(&format!(
            "| [{}/{}]({}/) | {} | {} | {} | {} |\n",
            m.cloud,
            m.name,
            rel,
            m.cloud,
            m.version,
            m.category,
            cell(&m.description)
        ));
    }
    replace_section(current, "CATALOG", &t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver() {
        for ok in ["1.0.0", "0.1.0", "10.20.30", "1.0.0-rc.1", "2.0.0-beta-2"] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in [
            "1.0",
            "v1.0.0",
            "1.0.0.0",
            "01.0.0",
            "1.0.0-",
            "1.0.0+build",
            "1..0",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    #[test]
    fn types_on_one_line() {
        let src = "object({\n    a = string\n    b = optional(list(string), [])\n  })";
        assert_eq!(
            one_line(src),
            "object({ a = string, b = optional(list(string), []) })"
        );
        assert_eq!(one_line("[\n  \"x\",\n  \"y\",\n]"), "[ \"x\", \"y\", ]");
        assert_eq!(
            one_line("{\n  name    = \"a  b\\\"  c\"\n  size    = 2\n}"),
            "{ name = \"a  b\\\"  c\", size = 2 }"
        );
    }

    #[test]
    fn sections_are_replaced_between_markers() {
        let text = "a\n<!-- BEGIN_INPUTS -->\nold\n<!-- END_INPUTS -->\nb\n";
        let new = replace_section(text, "INPUTS", "new\n").unwrap();
        assert_eq!(
            new,
            "a\n<!-- BEGIN_INPUTS -->\nnew\n<!-- END_INPUTS -->\nb\n"
        );
        assert!(replace_section("no markers", "INPUTS", "x").is_err());
    }

    #[test]
    fn tables_escape_pipes_and_mark_required_inputs() {
        let f = orbis_hcl::parse_str(
            r#"
variable "a" {
  description = "A | B"
  type        = string
}
variable "b" {
  description = "With default"
  type        = map(string)
  default     = {}
  sensitive   = true
}
output "o" {
  description = "Out"
  value       = var.a
}
"#,
            "variables.tf",
        );
        let (i, o) = interface(std::slice::from_ref(&f));
        let t = inputs_table(&i);
        assert!(
            t.contains("| `a` | A \\| B | `string` | n/a | yes |"),
            "{t}"
        );
        assert!(
            t.contains("| `b` | With default (sensitive) | `map(string)` | `{}` | no |"),
            "{t}"
        );
        assert_eq!(
            outputs_table(&o),
            "| Name | Description |\n|------|-------------|\n| `o` | Out |\n"
        );
    }
}
