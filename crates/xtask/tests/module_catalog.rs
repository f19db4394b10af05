//! The governed module catalog (`modules/<cloud>/<name>/`) is complete and consistent:
//! required files and a valid manifest, generated README tables current, every variable typed
//! and described, examples that call their module, orbis-hcl parses everything cleanly and
//! every reference resolves, `orbis lint` finds nothing at medium or above (and every inline
//! suppression has a reason and is listed in the README), and `terraform fmt` is clean when
//! terraform is installed. Checkov runs in `tests/modules/checkov`.

#[path = "../src/module_docs.rs"]
#[allow(dead_code)]
mod module_docs;

use module_docs::{catalog_root, is_semver, module_dirs, parse_dir, read_manifest};
use orbis_hcl::{File, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const REQUIRED_FILES: &[&str] = &[
    "main.tf",
    "variables.tf",
    "outputs.tf",
    "versions.tf",
    "README.md",
    "CHANGELOG.md",
    "module.toml",
    "examples/basic/main.tf",
];

fn modules() -> Vec<PathBuf> {
    let dirs = module_dirs(&catalog_root()).expect("modules/ is readable");
    assert!(!dirs.is_empty(), "the catalog has no module");
    dirs
}

fn rel(p: &Path) -> String {
    p.strip_prefix(catalog_root().join(".."))
        .unwrap_or(p)
        .display()
        .to_string()
}

/// Collect problems and fail once with all of them.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, where_: &Path, what: impl std::fmt::Display) {
        self.0.push(format!("{}: {what}", rel(where_)));
    }
    fn assert_none(self, what: &str) {
        assert!(self.0.is_empty(), "{what}:\n  {}", self.0.join("\n  "));
    }
}

#[test]
fn every_module_has_its_files_and_a_valid_manifest() {
    let mut p = Problems::default();
    for dir in modules() {
        for f in REQUIRED_FILES {
            if !dir.join(f).is_file() {
                p.add(&dir, format!("missing {f}"));
            }
        }
        let m = match read_manifest(&dir) {
            Ok(m) => m,
            Err(e) => {
                p.add(&dir, format!("{e:#}"));
                continue;
            }
        };
        let name = dir.file_name().unwrap().to_string_lossy();
        let cloud = dir.parent().unwrap().file_name().unwrap().to_string_lossy();
        if m.name != name {
            p.add(
                &dir,
                format!("manifest name {:?} is not the folder name", m.name),
            );
        }
        if m.cloud != cloud || !module_docs::CLOUDS.contains(&m.cloud.as_str()) {
            p.add(
                &dir,
                format!(
                    "manifest cloud {:?} does not match the folder {cloud}",
                    m.cloud
                ),
            );
        }
        if !is_semver(&m.version) {
            p.add(
                &dir,
                format!("version {:?} is not a semantic version", m.version),
            );
        }
        if !module_docs::CATEGORIES.contains(&m.category.as_str()) {
            p.add(&dir, format!("unknown category {:?}", m.category));
        }
        if m.description.trim().is_empty() || m.keywords.is_empty() {
            p.add(&dir, "the manifest needs a description and keywords");
        }
        let changelog = std::fs::read_to_string(dir.join("CHANGELOG.md")).unwrap_or_default();
        let first_entry = changelog.lines().find(|l| l.starts_with("## ["));
        if first_entry.is_none_or(|l| !l.starts_with(&format!("## [{}]", m.version))) {
            p.add(
                &dir,
                format!("the latest CHANGELOG.md entry is not `## [{}]`", m.version),
            );
        }
        // versions.tf pins what the manifest says, with pessimistic constraints.
        let (required_version, providers) = versions(&dir.join("versions.tf"));
        if required_version.as_deref() != Some(m.terraform.as_str()) {
            p.add(
                &dir,
                format!("required_version {required_version:?} differs from the manifest's terraform {:?}", m.terraform),
            );
        }
        if providers != m.providers {
            p.add(
                &dir,
                format!(
                    "required_providers {providers:?} differ from the manifest's {:?}",
                    m.providers
                ),
            );
        }
        for (name, v) in &providers {
            if !v.starts_with("~>") {
                p.add(&dir, format!("provider {name} is not pinned with ~> ({v})"));
            }
        }
    }
    p.assert_none("module files and manifests");
}

/// `required_version` and provider name → version constraint of a `terraform` block.
fn versions(path: &Path) -> (Option<String>, BTreeMap<String, String>) {
    let f = orbis_hcl::parse_file(path);
    let mut providers = BTreeMap::new();
    let mut required = None;
    for t in f.blocks_of("terraform") {
        if let Some(a) = t.body.attribute("required_version") {
            required = orbis_hcl::eval_static(&a.expr).as_str().map(str::to_string);
        }
        for rp in t.body.blocks_of("required_providers") {
            for a in &rp.body.attributes {
                let v = orbis_hcl::eval_static(&a.expr);
                let version = v.get("version").and_then(|v| v.as_str()).unwrap_or("");
                providers.insert(a.name.name.clone(), version.to_string());
            }
        }
    }
    (required, providers)
}

#[test]
fn readme_tables_and_catalog_are_current() {
    let updates = module_docs::render_all(&catalog_root()).expect("module docs render");
    let stale: Vec<String> = updates
        .iter()
        .filter(|u| u.new != u.old)
        .map(|u| rel(&u.path))
        .collect();
    assert!(
        stale.is_empty(),
        "stale generated sections (run `cargo xtask module-docs`): {stale:?}"
    );
}

#[test]
fn every_variable_is_typed_and_described_and_every_output_described() {
    let mut p = Problems::default();
    for dir in modules() {
        let files = parse_dir(&dir).unwrap();
        let (inputs, outputs) = module_docs::interface(&files);
        for i in &inputs {
            if i.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
                p.add(&dir, format!("variable {} has no description", i.name));
            }
            if i.type_text.is_none() {
                p.add(&dir, format!("variable {} has no type", i.name));
            }
        }
        for o in &outputs {
            if o.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
                p.add(&dir, format!("output {} has no description", o.name));
            }
        }
    }
    p.assert_none("module interfaces");
}

#[test]
fn every_example_calls_its_module() {
    let mut p = Problems::default();
    for dir in modules() {
        let example = dir.join("examples/basic");
        let files = parse_dir(&example).unwrap_or_default();
        let sources: Vec<String> = files
            .iter()
            .flat_map(|f| f.blocks_of("module"))
            .filter_map(|b| b.body.attribute("source"))
            .filter_map(|a| orbis_hcl::eval_static(&a.expr).as_str().map(str::to_string))
            .collect();
        if !sources.iter().any(|s| s == "../../") {
            p.add(&example, "no module block with source = \"../../\"");
        }
        let providers = files.iter().flat_map(|f| f.blocks_of("provider")).count();
        if providers == 0 {
            p.add(&example, "no provider block");
        }
    }
    p.assert_none("examples");
}

/// The generator's offline validator (`orbis_generator::validate`) on every module and on its
/// example (which calls the module, so its inputs are checked against the module's variables):
/// everything parses, every reference resolves, calls pass only declared inputs and set the
/// required ones, nothing is declared twice.
#[test]
fn everything_parses_and_every_reference_resolves() {
    let mut p = Problems::default();
    for module in modules() {
        for dir in [module.clone(), module.join("examples/basic")] {
            for problem in orbis_generator::validate::validate_dir(&dir) {
                p.add(
                    &problem.file,
                    format!("line {}: {}", problem.line, problem.message),
                );
            }
        }
    }
    p.assert_none("parse diagnostics and unresolved references");
}

#[test]
fn orbis_lint_finds_nothing_at_medium_or_above() {
    let mut p = Problems::default();
    for dir in modules() {
        let config = orbis_lint::Config::discover(&dir).expect("lint configuration");
        let result = orbis_lint::lint_paths(std::slice::from_ref(&dir), &config)
            .unwrap_or_else(|e| panic!("linting {}: {e}", dir.display()));
        for f in result.active() {
            if f.severity >= orbis_lint::Severity::Medium || f.rule_id == "ORB-META-001" {
                p.add(
                    Path::new(result.path(f)),
                    format!(
                        "{} {:?} {}: {}",
                        f.rule_id, f.severity, f.resource, f.message
                    ),
                );
            }
        }
        for f in result.findings.iter().filter(|f| f.suppressed.is_some()) {
            let s = f.suppressed.as_ref().unwrap();
            if s.reason.trim().len() < 10 {
                p.add(
                    Path::new(result.path(f)),
                    format!("{} suppressed by {} without a real reason", f.rule_id, s.by),
                );
            }
        }
    }
    p.assert_none("orbis lint findings at medium or above");
}

/// `#checkov:skip=ID:reason` and `# orbis:ignore ID reason` comments of a folder's files.
fn exceptions(files: &[File]) -> Vec<(PathBuf, String, String)> {
    let mut out = Vec::new();
    for f in files {
        for c in &f.comments {
            let text = c.text.trim_start_matches(['#', '/']).trim();
            if let Some(rest) = text.strip_prefix("checkov:skip=") {
                let (id, reason) = rest.split_once(':').unwrap_or((rest, ""));
                out.push((
                    f.path.clone(),
                    id.trim().to_string(),
                    reason.trim().to_string(),
                ));
            } else if let Some(rest) = text.strip_prefix("orbis:ignore") {
                let rest = rest.trim();
                let (id, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                out.push((f.path.clone(), id.to_string(), reason.trim().to_string()));
            }
        }
    }
    out
}

#[test]
fn every_deliberate_exception_has_a_reason_and_is_listed_in_the_readme() {
    let mut p = Problems::default();
    for dir in modules() {
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap_or_default();
        let section = readme
            .split_once("## Deliberate exceptions")
            .map(|(_, s)| s.split("\n## ").next().unwrap_or(""))
            .unwrap_or("");
        if section.is_empty() {
            p.add(&dir, "README.md has no `## Deliberate exceptions` section");
        }
        let mut files = parse_dir(&dir).unwrap_or_default();
        files.extend(parse_dir(&dir.join("examples/basic")).unwrap_or_default());
        for (path, id, reason) in exceptions(&files) {
            if reason.len() < 20 {
                p.add(&path, format!("exception {id} has no real reason"));
            }
            if !section.contains(&id) {
                p.add(
                    &dir,
                    format!("exception {id} is not listed under Deliberate exceptions"),
                );
            }
        }
    }
    p.assert_none("deliberate exceptions");
}

#[test]
fn terraform_fmt_is_clean() {
    let root = catalog_root();
    let output = std::process::Command::new("terraform")
        .args(["fmt", "-check", "-recursive", "-list=true"])
        .arg(&root)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .output();
    match output {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: terraform is not on PATH (terraform fmt -check not run)");
        }
        Err(e) => panic!("running terraform fmt: {e}"),
        Ok(o) => assert!(
            o.status.success(),
            "terraform fmt -check -recursive modules failed; run `terraform fmt -recursive modules`:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    }
}

#[test]
fn value_helpers_used_here_behave() {
    // `versions()` relies on eval_static of an object constructor.
    let f = orbis_hcl::parse_str(
        "terraform {\n  required_version = \"~> 1.6\"\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 6.0\"\n    }\n  }\n}\n",
        "versions.tf",
    );
    let rp = f
        .blocks_of("terraform")
        .next()
        .unwrap()
        .body
        .block("required_providers")
        .unwrap();
    let v = orbis_hcl::eval_static(&rp.body.attributes[0].expr);
    assert_eq!(v.get("version").and_then(Value::as_str), Some("~> 6.0"));
}
