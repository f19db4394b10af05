//! From paths to a [`Workspace`]: find files, parse them in parallel with `orbis-hcl`, evaluate
//! each module (directory) and adapt the engine's syntax model and values to the linter's model.
//!
//! Evaluation context per module: variable defaults overridden by `terraform.tfvars` and
//! `*.auto.tfvars`, locals (resolved in dependency order by repeated passes), `count.index`,
//! `each.key`/`each.value`. Everything else (resource attributes, data sources, module
//! outputs) is `Unknown`, which rules treat as "cannot tell".
//!
//! Why not `orbis_hcl::Module`: it was tried (`Module::from_shared_files` + instance
//! evaluation) and gave the same findings on the realworld corpus and the same accuracy on the
//! Checkov/KICS fixtures, but it also loads every local child module of every call (each
//! `examples/*` folder rebuilds its parent module), which cost ~25% more CPU and ~85 MB more
//! peak RSS on the corpus and pushed lint time past 2x bare parsing. The linter lints every
//! folder on its own anyway, so the small scope below is enough; switch once the module
//! loader can skip child modules.

use crate::model::{
    Attribute, Block, K8sObject, ModuleCall, Provider, Resource, SourceFile, Span, Value, Workspace,
};
use orbis_hcl::ast::{self, Expr, ExprKind, Step};
use orbis_hcl::eval::{follow_attrs, Evaluator, Resolver};
use orbis_hcl::value::Value as HValue;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Directories never descended into: tool caches and VCS metadata.
const SKIP_DIRS: &[&str] = &[".terraform", ".git", "node_modules", ".terragrunt-cache"];

/// How the linter reads a file, from its name.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Kind {
    /// `.tf`, `.tofu`: configuration.
    Tf,
    /// `terraform.tfvars`, `*.auto.tfvars`: variable values of the folder's module.
    TfVars,
    /// `.yaml`, `.yml`, `.json` (not `.tf.json`): Kubernetes manifests when they hold objects.
    Yaml,
}

/// The linter's kind of a file, `None` for files it does not read.
pub fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".tf") || name.ends_with(".tofu") {
        Some(Kind::Tf)
    } else if name == "terraform.tfvars" || name.ends_with(".auto.tfvars") {
        Some(Kind::TfVars)
    } else if name.ends_with(".yaml")
        || name.ends_with(".yml")
        || (name.ends_with(".json") && !name.ends_with(".tf.json"))
    {
        // JSON is YAML: Kubernetes objects saved as JSON are read by the same loader (files
        // without `apiVersion` and `kind` are skipped).
        Some(Kind::Yaml)
    } else {
        None
    }
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, Kind)>, depth: usize) {
    // Symlink loops and absurd trees end here.
    if depth > 64 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            let name = e.file_name();
            if !SKIP_DIRS.iter().any(|s| name == *s) {
                walk(&path, out, depth + 1);
            }
        } else if let Some(k) = kind_of(&path) {
            out.push((path, k));
        }
    }
}

/// Files to lint under `paths` (files are taken as given when their extension is known).
fn collect(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Kind)>, LoadError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| LoadError {
            path: p.clone(),
            message: e.to_string(),
        })?;
        if meta.is_dir() {
            walk(p, &mut out, 0);
        } else if let Some(k) = kind_of(p) {
            out.push((p.clone(), k));
        } else {
            return Err(LoadError {
                path: p.clone(),
                message: "not a .tf, .tfvars, YAML or JSON manifest file".into(),
            });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

pub fn load_paths(paths: &[PathBuf]) -> Result<Workspace, LoadError> {
    let files = collect(paths)?;
    Ok(load_files(
        &files
            .iter()
            .map(|(p, k)| (p.as_path(), *k))
            .collect::<Vec<_>>(),
    ))
}

/// Parse and evaluate text given in memory (tests, editor buffers): `(path, text)` pairs.
pub fn load_sources(sources: &[(&str, &str)]) -> Workspace {
    let inputs: Vec<Input> = sources
        .iter()
        .filter_map(|(p, text)| {
            let path = Path::new(p);
            kind_of(path).map(|kind| Input {
                path,
                kind,
                text: Some(text),
            })
        })
        .collect();
    load_inputs(&inputs)
}

fn load_files(files: &[(&Path, Kind)]) -> Workspace {
    let inputs: Vec<Input> = files
        .iter()
        .map(|(path, kind)| Input {
            path,
            kind: *kind,
            text: None,
        })
        .collect();
    load_inputs(&inputs)
}

/// One file to load: read from disk unless its text is given.
struct Input<'a> {
    path: &'a Path,
    kind: Kind,
    text: Option<&'a str>,
}

/// What can be loaded independently of everything else: the HCL files of one folder (one
/// Terraform module, evaluated together) or one YAML manifest.
enum Unit {
    Module(Vec<usize>),
    Yaml(usize),
}

/// A unit's files (by their index in the input list) and what they add to the model; file
/// ids inside are input indices until [`load_inputs`] renumbers them.
#[derive(Default)]
struct UnitOut {
    files: Vec<(usize, SourceFile)>,
    parse_errors: usize,
    parts: ModuleParts,
    k8s: Vec<K8sObject>,
}

/// Parse and evaluate every unit in one parallel pass: each module is evaluated as soon as
/// its own files are parsed (no barrier between parsing and evaluation), and its syntax model
/// is freed on the worker that built it instead of on the main thread at the end.
fn load_inputs(inputs: &[Input]) -> Workspace {
    let mut folders: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
    let mut units = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        match input.kind {
            Kind::Tf | Kind::TfVars => folders
                .entry(input.path.parent().unwrap_or(Path::new("")))
                .or_default()
                .push(i),
            Kind::Yaml => units.push(Unit::Yaml(i)),
        }
    }
    units.extend(folders.into_values().map(Unit::Module));
    // Big folders first, so no worker is left with a large module at the end.
    units.sort_by_key(|u| std::cmp::Reverse(unit_weight(u)));
    let outs: Vec<UnitOut> = units.par_iter().map(|u| load_unit(inputs, u)).collect();

    // Keep the input order for file ids (reports list files in path order).
    let mut slots: Vec<Option<SourceFile>> = (0..inputs.len()).map(|_| None).collect();
    let mut ws = Workspace::default();
    let mut parts = Vec::with_capacity(outs.len());
    for out in outs {
        for (i, file) in out.files {
            slots[i] = Some(file);
        }
        ws.parse_errors += out.parse_errors;
        parts.push((out.parts, out.k8s));
    }
    let mut id_of = vec![usize::MAX; inputs.len()];
    for (i, slot) in slots.into_iter().enumerate() {
        if let Some(file) = slot {
            id_of[i] = ws.files.len();
            ws.files.push(file);
        }
    }
    for (mut p, mut k8s) in parts {
        p.resources.iter_mut().for_each(|r| r.file = id_of[r.file]);
        p.modules.iter_mut().for_each(|m| m.file = id_of[m.file]);
        p.providers.iter_mut().for_each(|m| m.file = id_of[m.file]);
        p.terraform_blocks.iter_mut().for_each(|t| t.0 = id_of[t.0]);
        k8s.iter_mut().for_each(|o| o.file = id_of[o.file]);
        p.append_to(&mut ws);
        ws.k8s.extend(k8s);
    }
    ws
}

/// Rough size of a unit, for scheduling only.
fn unit_weight(unit: &Unit) -> usize {
    match unit {
        Unit::Module(files) => files.len(),
        Unit::Yaml(_) => 1,
    }
}

fn load_unit(inputs: &[Input], unit: &Unit) -> UnitOut {
    match unit {
        Unit::Module(ids) => {
            let parsed: Vec<(usize, Kind, orbis_hcl::File)> = ids
                .par_iter()
                .map(|&i| {
                    let input = &inputs[i];
                    let file = match input.text {
                        Some(t) => orbis_hcl::parse_str(t, input.path),
                        None => orbis_hcl::parse_file(input.path),
                    };
                    (i, input.kind, file)
                })
                .collect();
            let refs: Vec<(usize, Kind, &orbis_hcl::File)> =
                parsed.iter().map(|(i, k, f)| (*i, *k, f)).collect();
            let parts = eval_module(&refs);
            let mut out = UnitOut {
                parts,
                ..UnitOut::default()
            };
            for (i, _, file) in parsed {
                out.parse_errors += usize::from(file.has_errors());
                out.files.push((
                    i,
                    SourceFile {
                        path: display_path(&file.path),
                        text: Arc::from(file.source),
                    },
                ));
            }
            out
        }
        Unit::Yaml(i) => {
            let input = &inputs[*i];
            let text = match input.text {
                Some(t) => t.to_string(),
                None => std::fs::read(input.path)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default(),
            };
            let (objects, errors) = crate::k8s_yaml::objects(&text);
            let mut out = UnitOut::default();
            // YAML files without Kubernetes objects (CI configs, Helm values) are not ours;
            // a manifest that fails to parse is reported as a parse error.
            if objects.is_empty() && errors == 0 {
                return out;
            }
            out.parse_errors = errors;
            out.files.push((
                *i,
                SourceFile {
                    path: display_path(input.path),
                    text: Arc::from(text),
                },
            ));
            out.k8s = objects
                .into_iter()
                .map(|(kind, name, body)| K8sObject {
                    kind,
                    name,
                    file: *i,
                    body,
                })
                .collect();
            out
        }
    }
}

fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// What top-level blocks add to the lint model.
#[derive(Default, Debug)]
pub struct ModuleParts {
    pub resources: Vec<Resource>,
    pub modules: Vec<ModuleCall>,
    pub providers: Vec<Provider>,
    pub terraform_blocks: Vec<(usize, Block)>,
}

impl ModuleParts {
    /// Moves everything into `ws`.
    pub fn append_to(self, ws: &mut Workspace) {
        ws.resources.extend(self.resources);
        ws.modules.extend(self.modules);
        ws.providers.extend(self.providers);
        ws.terraform_blocks.extend(self.terraform_blocks);
    }
}

/// The evaluation context of one module (variable defaults overridden by tfvars, locals), for
/// callers that evaluate a module's blocks one at a time: the editor re-evaluates only the
/// blocks an edit touched, as long as the module's variables and locals did not change.
pub struct ModuleScope(Scope);

impl ModuleScope {
    /// From the parsed files of one folder; files the linter does not read as Terraform or
    /// tfvars (by name, see [`kind_of`]) are ignored.
    pub fn new(files: &[&orbis_hcl::File]) -> ModuleScope {
        let files: Vec<(usize, Kind, &orbis_hcl::File)> = files
            .iter()
            .filter_map(|f| match kind_of(&f.path) {
                Some(k @ (Kind::Tf | Kind::TfVars)) => Some((0, k, *f)),
                _ => None,
            })
            .collect();
        ModuleScope(module_scope(&files))
    }

    /// Evaluates one top-level block (`resource`, `data`, `module`, `provider`, `terraform`;
    /// others add nothing) of the file with index `file` in [`Workspace::files`].
    pub fn eval_block(&mut self, file: usize, block: &ast::Block, out: &mut ModuleParts) {
        eval_block(&mut self.0, file, block, out)
    }

    /// The `var.NAME` and `local.NAME` whose value (or, for locals, what they reference)
    /// differs between `old` and this scope: blocks referencing none of them evaluate the same
    /// in both, so the editor keeps them when a keystroke edits a `locals` or `variable` block.
    pub fn changed_names(&self, old: &ModuleScope) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for root in ["var", "local"] {
            let new = root_map(&self.0, root);
            let was = root_map(&old.0, root);
            let names = new.iter().chain(was.iter()).flat_map(|m| m.keys());
            for name in names {
                let refs_differ =
                    root == "local" && self.0.local_refs.get(name) != old.0.local_refs.get(name);
                if refs_differ || new.and_then(|m| m.get(name)) != was.and_then(|m| m.get(name)) {
                    out.insert(format!("{root}.{name}"));
                }
            }
        }
        out
    }
}

fn root_map<'a>(scope: &'a Scope, root: &str) -> Option<&'a BTreeMap<String, HValue>> {
    match scope.roots.get(root) {
        Some(HValue::Map(m)) => Some(m),
        _ => None,
    }
}

/// Lints-ready model of one module from files already parsed (editor buffers): nothing is read
/// or parsed again. Files are numbered in the order given; `.tf`/tfvars by name as in
/// [`load_paths`], other files only count for `files`.
pub fn load_module(files: &[&orbis_hcl::File]) -> Workspace {
    let mut ws = Workspace::default();
    let mut module = Vec::new();
    for f in files {
        let id = ws.files.len();
        ws.parse_errors += usize::from(f.has_errors());
        ws.files.push(SourceFile {
            path: display_path(&f.path),
            text: Arc::from(f.source.as_str()),
        });
        if let Some(k @ (Kind::Tf | Kind::TfVars)) = kind_of(&f.path) {
            module.push((id, k, *f));
        }
    }
    eval_module(&module).append_to(&mut ws);
    ws
}

/// Root names the evaluator can answer inside one module.
struct Scope {
    roots: BTreeMap<String, HValue>,
    /// What each local's expression references, so `bucket = local.bucket_id` still links to
    /// `aws_s3_bucket.this` when the local is `aws_s3_bucket.this[0].id`.
    local_refs: BTreeMap<String, Vec<String>>,
}

impl Resolver for Scope {
    fn resolve(&self, root: &str, steps: &[Step], _ev: &mut Evaluator) -> Option<(HValue, usize)> {
        self.roots.get(root).map(|v| follow_attrs(v, steps))
    }
}

fn eval_with(scope: &Scope, e: &Expr) -> HValue {
    Evaluator::new(scope).eval(e)
}

fn module_scope(files: &[(usize, Kind, &orbis_hcl::File)]) -> Scope {
    let mut vars: BTreeMap<String, HValue> = BTreeMap::new();
    let empty = Scope {
        roots: BTreeMap::new(),
        local_refs: BTreeMap::new(),
    };
    for (_, kind, f) in files {
        if *kind != Kind::Tf {
            continue;
        }
        for b in f.body.blocks_of("variable") {
            let Some(name) = b.label(0) else { continue };
            let v = b
                .body
                .attribute("default")
                .map(|a| eval_with(&empty, &a.expr))
                .unwrap_or(HValue::Unknown);
            vars.insert(name.to_string(), v);
        }
    }
    // tfvars override defaults; terraform.tfvars first, then *.auto.tfvars (sorted by path).
    let mut tfvars: Vec<&orbis_hcl::File> = files
        .iter()
        .filter(|(_, k, _)| *k == Kind::TfVars)
        .map(|(_, _, f)| *f)
        .collect();
    tfvars.sort_by_key(|f| (!f.path.ends_with("terraform.tfvars"), f.path.clone()));
    for f in tfvars {
        for a in &f.body.attributes {
            vars.insert(a.name.name.clone(), eval_with(&empty, &a.expr));
        }
    }
    let mut scope = Scope {
        roots: BTreeMap::new(),
        local_refs: BTreeMap::new(),
    };
    scope.roots.insert("var".into(), HValue::Map(vars));
    scope.roots.insert(
        "path".into(),
        HValue::Map(BTreeMap::from([
            ("module".to_string(), HValue::string(".")),
            ("root".to_string(), HValue::string(".")),
        ])),
    );
    // Locals may reference each other in any order: a few passes settle chains of that depth.
    let local_exprs: Vec<(&str, &Expr)> = files
        .iter()
        .filter(|(_, k, _)| *k == Kind::Tf)
        .flat_map(|(_, _, f)| f.body.blocks_of("locals"))
        .flat_map(|b| {
            b.body
                .attributes
                .iter()
                .map(|a| (a.name.name.as_str(), &a.expr))
        })
        .collect();
    for (name, e) in &local_exprs {
        scope.local_refs.insert(
            name.to_string(),
            e.references().iter().map(|r| r.to_dotted()).collect(),
        );
    }
    if !local_exprs.is_empty() {
        let mut prev: Option<BTreeMap<String, HValue>> = None;
        for _ in 0..4 {
            let mut locals = BTreeMap::new();
            for (name, e) in &local_exprs {
                locals.insert(name.to_string(), eval_with(&scope, e));
            }
            let settled = prev.as_ref() == Some(&locals);
            scope
                .roots
                .insert("local".into(), HValue::Map(locals.clone()));
            if settled {
                break;
            }
            prev = Some(locals);
        }
    }
    scope
}

fn eval_module(files: &[(usize, Kind, &orbis_hcl::File)]) -> ModuleParts {
    let mut scope = module_scope(files);
    let mut out = ModuleParts::default();
    for (id, kind, f) in files {
        if *kind != Kind::Tf {
            continue;
        }
        for b in &f.body.blocks {
            eval_block(&mut scope, *id, b, &mut out);
        }
    }
    out
}

fn eval_block(scope: &mut Scope, id: usize, b: &ast::Block, out: &mut ModuleParts) {
    match b.kind.name.as_str() {
        "resource" | "data" => {
            expand_resource(scope, id, b, b.kind.name == "data", &mut out.resources)
        }
        "module" => {
            let name = b.label(0).unwrap_or("").to_string();
            let body = adapt_block(scope, b);
            let source = body.value("source").and_then(Value::as_str).unwrap_or("");
            for rtype in crate::module_shims::wrapped_types(source) {
                out.resources.push(Resource {
                    address: format!("module.{name}"),
                    rtype: rtype.to_string(),
                    name: name.clone(),
                    file: id,
                    body: body.clone(),
                    is_data: false,
                });
            }
            out.modules.push(ModuleCall {
                name,
                file: id,
                body,
            });
        }
        "provider" => {
            let name = b.label(0).unwrap_or("").to_string();
            out.providers.push(Provider {
                name,
                file: id,
                body: adapt_block(scope, b),
            });
        }
        "terraform" => out.terraform_blocks.push((id, adapt_block(scope, b))),
        _ => {}
    }
}

/// One resource block becomes one [`Resource`] per known `count`/`for_each` instance, or one
/// resource with unknown `count.index`/`each` when the instances cannot be known.
fn expand_resource(
    scope: &mut Scope,
    file: usize,
    b: &ast::Block,
    is_data: bool,
    out: &mut Vec<Resource>,
) {
    let rtype = b.label(0).unwrap_or("").to_string();
    let name = b.label(1).unwrap_or("").to_string();
    let base = if is_data {
        format!("data.{rtype}.{name}")
    } else {
        format!("{rtype}.{name}")
    };
    let mk = |scope: &Scope, address: String| Resource {
        address,
        rtype: rtype.clone(),
        name: name.clone(),
        file,
        body: adapt_block(scope, b),
        is_data,
    };
    if let Some(c) = b.body.attribute("count") {
        match eval_with(scope, &c.expr) {
            HValue::Number(n) if (0.0..=1000.0).contains(&n) => {
                for i in 0..(n as usize) {
                    scope.roots.insert(
                        "count".into(),
                        HValue::Map(BTreeMap::from([(
                            "index".to_string(),
                            HValue::Number(i as f64),
                        )])),
                    );
                    out.push(mk(scope, format!("{base}[{i}]")));
                }
            }
            _ => {
                scope.roots.insert(
                    "count".into(),
                    HValue::Map(BTreeMap::from([("index".to_string(), HValue::Unknown)])),
                );
                out.push(mk(scope, base));
            }
        }
        scope.roots.remove("count");
        return;
    }
    if let Some(fe) = b.body.attribute("for_each") {
        let items: Option<Vec<(String, HValue)>> = match eval_with(scope, &fe.expr) {
            HValue::Map(m) => Some(m.into_iter().collect()),
            HValue::List(l) if l.iter().all(|v| v.as_str().is_some()) => Some(
                l.into_iter()
                    .map(|v| (v.as_str().unwrap_or("").to_string(), v))
                    .collect(),
            ),
            _ => None,
        };
        match items {
            Some(items) if items.len() <= 1000 => {
                for (k, v) in items {
                    scope.roots.insert(
                        "each".into(),
                        HValue::Map(BTreeMap::from([
                            ("key".to_string(), HValue::string(k.clone())),
                            ("value".to_string(), v),
                        ])),
                    );
                    out.push(mk(scope, format!("{base}[\"{k}\"]")));
                }
            }
            _ => {
                scope.roots.insert(
                    "each".into(),
                    HValue::Map(BTreeMap::from([
                        ("key".to_string(), HValue::Unknown),
                        ("value".to_string(), HValue::Unknown),
                    ])),
                );
                out.push(mk(scope, base));
            }
        }
        scope.roots.remove("each");
        return;
    }
    out.push(mk(scope, base));
}

pub(crate) fn span(s: &orbis_hcl::span::Span) -> Span {
    Span {
        start_byte: s.start as usize,
        end_byte: s.end as usize,
        start_line: s.start_pos.line,
        start_col: s.start_pos.column,
        end_line: s.end_pos.line,
        end_col: s.end_pos.column,
    }
}

pub(crate) fn value(v: HValue) -> Value {
    match v {
        HValue::Null => Value::Null,
        HValue::Bool(b) => Value::Bool(b),
        HValue::Number(n) => Value::Number(n),
        HValue::String(s) => Value::Str(s),
        HValue::List(l) => Value::List(l.into_iter().map(value).collect()),
        HValue::Map(m) => Value::Map(m.into_iter().map(|(k, v)| (k, value(v))).collect()),
        HValue::Unknown => Value::Unknown,
    }
}

fn adapt_attr(scope: &Scope, a: &ast::Attribute) -> Attribute {
    let mut refs: Vec<String> = a.expr.references().iter().map(|r| r.to_dotted()).collect();
    // Follow locals (a few levels: chains of locals are short, cycles are possible).
    let mut i = 0;
    while i < refs.len() && refs.len() < 64 {
        if let Some(name) = refs[i]
            .strip_prefix("local.")
            .map(|n| n.split(['.', '[']).next().unwrap_or(n).to_string())
        {
            if let Some(more) = scope.local_refs.get(&name) {
                for m in more {
                    if !refs.contains(m) {
                        refs.push(m.clone());
                    }
                }
            }
        }
        i += 1;
    }
    Attribute {
        name: a.name.name.clone(),
        value: value(eval_with(scope, &a.expr)),
        span: span(&a.span),
        value_span: span(&a.expr.span),
        refs,
    }
}

/// `versioning = { enabled = true }` and `ingress = [{ ... }]` are Terraform's "attributes as
/// blocks" syntax for nested blocks. Object literals written this way are also exposed as
/// blocks (the attribute stays), so rules that look for a nested block find them. Spans of the
/// synthetic blocks and their attributes are the attribute's.
fn synthetic_blocks(a: &ast::Attribute, attr: &Attribute, into: &mut Vec<Block>) {
    let literal = match &a.expr.kind {
        ExprKind::Object(_) => true,
        ExprKind::Tuple(items) => {
            !items.is_empty() && items.iter().all(|e| matches!(e.kind, ExprKind::Object(_)))
        }
        _ => false,
    };
    if !literal {
        return;
    }
    match &attr.value {
        Value::Map(_) => into.push(block_from_value(&attr.name, &attr.value, attr)),
        Value::List(items) => into.extend(
            items
                .iter()
                .filter(|v| matches!(v, Value::Map(_)))
                .map(|v| block_from_value(&attr.name, v, attr)),
        ),
        _ => {}
    }
}

fn block_from_value(kind: &str, v: &Value, at: &Attribute) -> Block {
    let mut b = Block {
        kind: kind.to_string(),
        span: at.span,
        ..Block::default()
    };
    if let Value::Map(m) = v {
        for (k, val) in m {
            if let Value::Map(_) = val {
                b.blocks.push(block_from_value(k, val, at));
            }
            b.attrs.push(Attribute {
                name: k.clone(),
                value: val.clone(),
                span: at.span,
                value_span: at.value_span,
                refs: at.refs.clone(),
            });
        }
    }
    b
}

fn adapt_body(scope: &Scope, body: &ast::Body, into: &mut Block) {
    into.attrs = body
        .attributes
        .iter()
        .map(|a| adapt_attr(scope, a))
        .collect();
    for (a, attr) in body.attributes.iter().zip(into.attrs.iter()) {
        synthetic_blocks(a, attr, &mut into.blocks);
    }
    for nb in &body.blocks {
        if nb.kind.name == "dynamic" {
            // `dynamic "x" { content { ... } }` → a block `x` whose values depend on the
            // iterator (unknown here); its presence is still known.
            let kind = nb.label(0).unwrap_or("").to_string();
            let mut blk = Block {
                kind,
                span: span(&nb.span),
                dynamic: true,
                ..Block::default()
            };
            if let Some(content) = nb.body.block("content") {
                adapt_body(scope, &content.body, &mut blk);
            }
            into.blocks.push(blk);
        } else {
            into.blocks.push(adapt_block(scope, nb));
        }
    }
}

fn adapt_block(scope: &Scope, b: &ast::Block) -> Block {
    let mut blk = Block {
        kind: b.kind.name.clone(),
        labels: b.labels.iter().map(|l| l.value.clone()).collect(),
        span: span(&b.span),
        ..Block::default()
    };
    adapt_body(scope, &b.body, &mut blk);
    blk
}
