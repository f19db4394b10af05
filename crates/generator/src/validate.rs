//! Offline validation of a Terraform root module and the local modules it calls, with
//! TerraOrbis' own HCL engine: `terraform validate` needs the providers, which cannot be
//! downloaded everywhere (CI, air-gapped machines). Checked:
//!
//! - every file parses without errors;
//! - every reference resolves (`var.`, `local.`, `data.`, `module.X` and its outputs, resources),
//!   with `each`/`count`/`path`/`terraform`/`self` and `dynamic` iterators allowed;
//! - nothing is declared twice;
//! - module calls pass only inputs the module declares and set every required one;
//! - literal values have a plausible shape for the input's type (a list where a string is
//!   expected is reported; conversions Terraform does, like number → string, are not).
//!
//! Provider schemas are out of scope: resource arguments are checked by `terraform validate`.

use orbis_hcl::{Attribute, Block, Body, Expr, ExprKind, File};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem, at a file and line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: PathBuf,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// A declared variable: whether it must be set, and its type expression as written.
#[derive(Debug, Clone)]
struct Variable {
    required: bool,
    type_text: Option<String>,
}

#[derive(Default)]
struct Declared {
    variables: BTreeMap<String, Variable>,
    locals: BTreeSet<String>,
    resources: BTreeSet<String>,
    data: BTreeSet<String>,
    /// Call name → the called folder (local sources only; registry modules are not checked).
    modules: BTreeMap<String, Option<PathBuf>>,
    outputs: BTreeSet<String>,
}

const BUILTIN_ROOTS: &[&str] = &["each", "count", "path", "terraform", "self"];
const MODULE_META: &[&str] = &[
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "depends_on",
];

/// Validate the module in `dir` and, once each, every local module it calls (recursively).
/// Problems are sorted by file and line.
pub fn validate_dir(dir: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    let mut queue = vec![dir.to_path_buf()];
    while let Some(d) = queue.pop() {
        let key = d.canonicalize().unwrap_or_else(|_| d.clone());
        if !seen.insert(key) {
            continue;
        }
        let module = Loaded::load(&d, &mut problems);
        module.check(&mut problems);
        queue.extend(module.declared.modules.values().flatten().cloned());
    }
    problems.sort();
    problems.dedup();
    problems
}

/// The `.tf` files of one folder (not recursive), parsed.
fn parse_dir(dir: &Path) -> std::io::Result<Vec<File>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tf") && p.is_file())
        .collect();
    paths.sort();
    Ok(paths.iter().map(|p| orbis_hcl::parse_file(p)).collect())
}

struct Loaded {
    files: Vec<File>,
    declared: Declared,
}

impl Loaded {
    fn load(dir: &Path, problems: &mut Vec<Problem>) -> Loaded {
        let files = match parse_dir(dir) {
            Ok(f) => f,
            Err(e) => {
                problems.push(Problem {
                    file: dir.to_path_buf(),
                    line: 0,
                    message: format!("cannot read the module folder: {e}"),
                });
                Vec::new()
            }
        };
        if files.is_empty() && dir.is_dir() {
            problems.push(Problem {
                file: dir.to_path_buf(),
                line: 0,
                message: "the module folder has no .tf file".into(),
            });
        }
        let declared = declare(dir, &files, problems);
        Loaded { files, declared }
    }

    fn check(&self, problems: &mut Vec<Problem>) {
        for f in &self.files {
            for d in &f.diagnostics {
                if d.severity == orbis_hcl::Severity::Error {
                    problems.push(at(f, d.span.line(), format!("{}: {}", d.code, d.message)));
                }
            }
            let mut iterators = Vec::new();
            visit(&f.body, &mut iterators, &mut |a, its| {
                self.check_references(f, a, its, problems)
            });
            for call in f.blocks_of("module") {
                self.check_call(f, call, problems);
            }
        }
    }

    fn check_references(
        &self,
        f: &File,
        a: &Attribute,
        iterators: &[String],
        problems: &mut Vec<Problem>,
    ) {
        let d = &self.declared;
        for r in a.expr.references() {
            let names: Vec<&str> = r.parts.iter().map_while(|p| p.as_name()).collect();
            let Some(&root) = names.first() else { continue };
            let second = names.get(1).copied().unwrap_or("");
            let missing = |what: String| Some(format!("{what} is not declared"));
            let problem = match root {
                "var" if !d.variables.contains_key(second) => missing(format!("var.{second}")),
                "local" if !d.locals.contains(second) => missing(format!("local.{second}")),
                "data" => {
                    let key = format!("{second}.{}", names.get(2).copied().unwrap_or(""));
                    (!d.data.contains(&key)).then(|| format!("data.{key} is not declared"))
                }
                "module" => match d.modules.get(second) {
                    None => missing(format!("module.{second}")),
                    Some(Some(child)) => {
                        let out = names.get(2).copied().unwrap_or("");
                        let outputs = outputs_of(child);
                        (!out.is_empty() && !outputs.contains(out)).then(|| {
                            format!("module.{second}.{out}: the module has no output {out:?}")
                        })
                    }
                    Some(None) => None,
                },
                "var" | "local" => None,
                r if BUILTIN_ROOTS.contains(&r) || iterators.iter().any(|i| i == r) => None,
                r => {
                    let key = format!("{r}.{second}");
                    (!d.resources.contains(&key)).then(|| format!("{key} is not declared"))
                }
            };
            if let Some(message) = problem {
                problems.push(at(f, r.span.line(), message));
            }
        }
    }

    fn check_call(&self, f: &File, call: &Block, problems: &mut Vec<Problem>) {
        let name = call.label(0).unwrap_or_default();
        let Some(Some(child)) = self.declared.modules.get(name) else {
            return;
        };
        if !child.is_dir() {
            problems.push(at(
                f,
                call.span.line(),
                format!(
                    "module {name}: source folder {} does not exist",
                    child.display()
                ),
            ));
            return;
        }
        let files = parse_dir(child).unwrap_or_default();
        let inputs = declare(child, &files, &mut Vec::new()).variables;
        for a in &call.body.attributes {
            let n = a.name.name.as_str();
            if MODULE_META.contains(&n) {
                continue;
            }
            match inputs.get(n) {
                None => problems.push(at(
                    f,
                    a.span.line(),
                    format!("module {name}: {n:?} is not an input of the module"),
                )),
                Some(v) => {
                    if let Some(t) = &v.type_text {
                        if let Some(why) = implausible(t, &a.expr) {
                            problems.push(at(
                                f,
                                a.span.line(),
                                format!("module {name}: input {n} is {t}, {why}"),
                            ));
                        }
                    }
                }
            }
        }
        for (input, v) in &inputs {
            if v.required && call.body.attribute(input).is_none() {
                problems.push(at(
                    f,
                    call.span.line(),
                    format!("module {name}: required input {input:?} is not set"),
                ));
            }
        }
    }
}

fn at(f: &File, line: u32, message: String) -> Problem {
    Problem {
        file: f.path.clone(),
        line,
        message,
    }
}

fn declare(dir: &Path, files: &[File], problems: &mut Vec<Problem>) -> Declared {
    let mut d = Declared::default();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for f in files {
        for b in &f.body.blocks {
            let l0 = b.label(0).unwrap_or_default().to_string();
            let key = match b.kind.name.as_str() {
                "variable" => {
                    let required = b.body.attribute("default").is_none();
                    let type_text = b
                        .body
                        .attribute("type")
                        .map(|a| f.text(&a.expr.span).trim().to_string());
                    d.variables.insert(
                        l0.clone(),
                        Variable {
                            required,
                            type_text,
                        },
                    );
                    format!("var.{l0}")
                }
                "output" => {
                    d.outputs.insert(l0.clone());
                    format!("output.{l0}")
                }
                "locals" => {
                    for a in &b.body.attributes {
                        if !d.locals.insert(a.name.name.clone()) {
                            problems.push(at(
                                f,
                                a.span.line(),
                                format!("local.{} is declared twice", a.name.name),
                            ));
                        }
                    }
                    continue;
                }
                "resource" => {
                    let k = format!("{l0}.{}", b.label(1).unwrap_or_default());
                    d.resources.insert(k.clone());
                    k
                }
                "data" => {
                    let k = format!("{l0}.{}", b.label(1).unwrap_or_default());
                    d.data.insert(k.clone());
                    format!("data.{k}")
                }
                "module" => {
                    let source = b
                        .body
                        .attribute("source")
                        .and_then(|a| a.expr.as_str().map(str::to_string));
                    if source.is_none() {
                        problems.push(at(
                            f,
                            b.span.line(),
                            format!("module {l0} has no literal source"),
                        ));
                    }
                    let local = source
                        .filter(|s| s.starts_with("./") || s.starts_with("../"))
                        .map(|s| dir.join(s));
                    d.modules.insert(l0.clone(), local);
                    format!("module.{l0}")
                }
                _ => continue,
            };
            if !seen.insert(key.clone()) {
                problems.push(at(f, b.span.line(), format!("{key} is declared twice")));
            }
        }
    }
    d
}

fn outputs_of(dir: &Path) -> BTreeSet<String> {
    let files = parse_dir(dir).unwrap_or_default();
    files
        .iter()
        .flat_map(|f| f.blocks_of("output"))
        .filter_map(|b| b.label(0).map(str::to_string))
        .collect()
}

/// The shape a literal expression certainly has, if it is a literal.
#[derive(Debug, PartialEq)]
enum Shape {
    Primitive(&'static str),
    Sequence,
    Mapping,
    Null,
}

fn shape(e: &Expr) -> Option<Shape> {
    match &e.kind {
        ExprKind::Null => Some(Shape::Null),
        ExprKind::Bool(_) => Some(Shape::Primitive("bool")),
        ExprKind::Number(_) => Some(Shape::Primitive("number")),
        ExprKind::String(_) | ExprKind::Template(_) => Some(Shape::Primitive("string")),
        ExprKind::Tuple(_) => Some(Shape::Sequence),
        ExprKind::Object(_) => Some(Shape::Mapping),
        ExprKind::Parens(inner) => shape(inner),
        _ => None,
    }
}

/// Why a literal cannot convert to the type `t` (as written in the variable), or `None`.
fn implausible(t: &str, e: &Expr) -> Option<String> {
    let head = t.split(['(', ' ']).next().unwrap_or("").trim();
    let got = shape(e)?;
    let ok = match (head, &got) {
        ("any", _) | (_, Shape::Null) => true,
        ("string", Shape::Primitive(_)) => true,
        ("number", Shape::Primitive(p)) => match (&e.kind, *p) {
            (ExprKind::String(s), _) => s.trim().parse::<f64>().is_ok(),
            (_, "bool") => false,
            _ => true,
        },
        ("bool", Shape::Primitive(p)) => match &e.kind {
            ExprKind::String(s) => s == "true" || s == "false",
            _ => *p != "number",
        },
        ("list" | "set" | "tuple", Shape::Sequence) => true,
        ("map" | "object", Shape::Mapping) => true,
        ("string" | "number" | "bool" | "list" | "set" | "tuple" | "map" | "object", _) => false,
        _ => true,
    };
    (!ok).then(|| {
        let what = match got {
            Shape::Primitive(p) => format!("a {p}"),
            Shape::Sequence => "a list".into(),
            Shape::Mapping => "an object".into(),
            Shape::Null => "null".into(),
        };
        format!("but the value is {what}")
    })
}

/// Visit every attribute of a body (nested blocks included) with the `dynamic` iterators in
/// scope. Lifecycle `ignore_changes`/`replace_triggered_by` and variable `type` name things
/// rather than reference values, so they are skipped.
fn visit<'a>(
    body: &'a Body,
    iterators: &mut Vec<String>,
    f: &mut dyn FnMut(&'a Attribute, &[String]),
) {
    for a in &body.attributes {
        f(a, iterators);
    }
    for b in &body.blocks {
        visit_block(b, iterators, f);
    }
}

fn visit_block<'a>(
    b: &'a Block,
    iterators: &mut Vec<String>,
    f: &mut dyn FnMut(&'a Attribute, &[String]),
) {
    let skip: &[&str] = match b.kind.name.as_str() {
        "lifecycle" => &["ignore_changes", "replace_triggered_by"],
        "variable" => &["type"],
        _ => &[],
    };
    if b.kind.name == "dynamic" {
        let it = b
            .body
            .attribute("iterator")
            .and_then(|a| a.expr.as_reference())
            .and_then(|r| {
                r.parts
                    .first()
                    .and_then(|p| p.as_name())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| b.label(0).unwrap_or_default().to_string());
        iterators.push(it);
        visit(&b.body, iterators, f);
        iterators.pop();
        return;
    }
    for a in b
        .body
        .attributes
        .iter()
        .filter(|a| !skip.contains(&a.name.name.as_str()))
    {
        f(a, iterators);
    }
    for inner in &b.body.blocks {
        visit_block(inner, iterators, f);
    }
}
