//! From paths to a [`Workspace`]: find files, parse them in parallel with `orbis-hcl`, evaluate
//! each module (directory) and adapt the engine's syntax model and values to the linter's model.
//!
//! Evaluation is `orbis_hcl::Module`'s: variables (defaults, `terraform.tfvars`,
//! `*.auto.tfvars`), locals, `count`/`for_each` instances, references to other resources'
//! configured values, outputs of local child modules. Whatever is not knowable offline
//! (computed attributes, data sources, remote modules) is `Unknown`, which rules treat as
//! "cannot tell".

use crate::model::{
    Attribute, Block, K8sObject, ModuleCall, Provider, Resource, SourceFile, Span, Value, Workspace,
};
use orbis_hcl::ast::{self, Expr, ExprKind};
use orbis_hcl::value::Value as HValue;
use orbis_hcl::{FileCache, Module, ModuleOptions, ResourceMode};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
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

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Tf,
    TfVars,
    Yaml,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".tf") || name.ends_with(".tofu") {
        Some(Kind::Tf)
    } else if name == "terraform.tfvars" || name.ends_with(".auto.tfvars") {
        Some(Kind::TfVars)
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
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
                message: "not a .tf, .tfvars or YAML file".into(),
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
    let parsed: Vec<Parsed> = sources
        .par_iter()
        .filter_map(|(p, text)| {
            let path = Path::new(p);
            kind_of(path).map(|k| parse_one(path, k, Some(text)))
        })
        .collect();
    assemble(parsed)
}

fn load_files(files: &[(&Path, Kind)]) -> Workspace {
    let parsed: Vec<Parsed> = files
        .par_iter()
        .map(|(p, k)| parse_one(p, *k, None))
        .collect();
    assemble(parsed)
}

enum Parsed {
    Hcl {
        kind: Kind,
        file: orbis_hcl::File,
    },
    Yaml {
        path: PathBuf,
        text: String,
        objects: Vec<(String, String, Block)>,
        errors: usize,
    },
}

fn parse_one(path: &Path, kind: Kind, text: Option<&str>) -> Parsed {
    match kind {
        Kind::Tf | Kind::TfVars => {
            let file = match text {
                Some(t) => orbis_hcl::parse_str(t, path),
                None => orbis_hcl::parse_file(path),
            };
            Parsed::Hcl { kind, file }
        }
        Kind::Yaml => {
            let text = match text {
                Some(t) => t.to_string(),
                None => std::fs::read(path)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default(),
            };
            let (objects, errors) = crate::k8s_yaml::objects(&text);
            Parsed::Yaml {
                path: path.to_path_buf(),
                text,
                objects,
                errors,
            }
        }
    }
}

/// Group parsed files by directory (= Terraform module) and evaluate modules in parallel with
/// `orbis_hcl::Module` (variables, tfvars, locals, count/for_each, references to other
/// resources' configured values, local child modules for `module.x` outputs).
fn assemble(parsed: Vec<Parsed>) -> Workspace {
    let mut ws = Workspace::default();
    let mut modules: BTreeMap<PathBuf, Vec<(usize, orbis_hcl::File)>> = BTreeMap::new();
    for p in parsed {
        match p {
            Parsed::Hcl { kind, file } => {
                // tfvars files are read by the module loader from the module's folder.
                if kind == Kind::TfVars {
                    continue;
                }
                let id = ws.files.len();
                ws.parse_errors += usize::from(file.has_errors());
                ws.files.push(SourceFile {
                    path: display_path(&file.path),
                    text: Arc::from(file.source.as_str()),
                });
                let dir = file
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                modules.entry(dir).or_default().push((id, file));
            }
            Parsed::Yaml {
                path,
                text,
                objects,
                errors,
            } => {
                // YAML files without Kubernetes objects (CI configs, Helm values) are not ours;
                // a manifest that fails to parse is reported as a parse error.
                if objects.is_empty() && errors == 0 {
                    continue;
                }
                let id = ws.files.len();
                ws.parse_errors += errors;
                ws.files.push(SourceFile {
                    path: display_path(&path),
                    text: Arc::from(text.as_str()),
                });
                for (kind, name, body) in objects {
                    ws.k8s.push(K8sObject {
                        kind,
                        name,
                        file: id,
                        body,
                    });
                }
            }
        }
    }
    // Files parsed once, shared with child-module loads of other folders.
    let cache = FileCache::new();
    let modules: Vec<(PathBuf, Vec<(usize, Arc<orbis_hcl::File>)>)> = modules
        .into_iter()
        .map(|(dir, files)| {
            (
                dir,
                files
                    .into_iter()
                    .map(|(id, f)| (id, cache.insert(f)))
                    .collect(),
            )
        })
        .collect();
    let results: Vec<ModuleOut> = modules
        .par_iter()
        .map(|(dir, files)| eval_module(dir, files, &cache))
        .collect();
    for m in results {
        ws.resources.extend(m.resources);
        ws.modules.extend(m.modules);
        ws.providers.extend(m.providers);
        ws.terraform_blocks.extend(m.terraform_blocks);
    }
    ws
}

fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

#[derive(Default)]
struct ModuleOut {
    resources: Vec<Resource>,
    modules: Vec<ModuleCall>,
    providers: Vec<Provider>,
    terraform_blocks: Vec<(usize, Block)>,
}

/// How attribute expressions are evaluated while adapting a block (module scope, or one
/// resource instance with its `count.index`/`each`).
type Eval<'a> = &'a dyn Fn(&Expr) -> HValue;

/// What each local's expression references, so `bucket = local.bucket_id` still links to
/// `aws_s3_bucket.this` when the local is `aws_s3_bucket.this[0].id`.
type LocalRefs = BTreeMap<String, Vec<String>>;

/// More instances than this are linted once (as if unknown) rather than one by one.
const MAX_INSTANCES: usize = 1000;

fn eval_module(
    dir: &Path,
    files: &[(usize, Arc<orbis_hcl::File>)],
    cache: &FileCache,
) -> ModuleOut {
    let ids: HashMap<&Path, usize> = files
        .iter()
        .map(|(id, f)| (f.path.as_path(), *id))
        .collect();
    let m = Module::from_shared_files(
        dir,
        files.iter().map(|(_, f)| f.clone()).collect(),
        &ModuleOptions::default(),
        cache,
    );
    let mut local_refs = LocalRefs::new();
    for (_, f) in files {
        for b in f.body.blocks_of("locals") {
            for a in &b.body.attributes {
                local_refs.insert(
                    a.name.name.clone(),
                    a.expr.references().iter().map(|r| r.to_dotted()).collect(),
                );
            }
        }
    }
    let mut out = ModuleOut::default();
    for r in m.resources() {
        let Some(&file) = ids.get(r.file.path.as_path()) else {
            continue;
        };
        let is_data = r.mode == ResourceMode::Data;
        let mut instances = r.instances();
        if instances.len() > MAX_INSTANCES {
            instances = vec![r.representative()];
        }
        for inst in instances {
            let address = inst.address();
            // An instance whose key cannot be known is the resource itself.
            let address = address
                .strip_suffix("[*]")
                .map(str::to_string)
                .unwrap_or(address);
            let body = adapt_block(&|e| inst.eval(e), &local_refs, r.block);
            out.resources.push(Resource {
                address,
                rtype: r.type_name.to_string(),
                name: r.name.to_string(),
                file,
                body,
                is_data,
            });
        }
    }
    let module_eval = |e: &Expr| m.eval(e);
    for (id, f) in files {
        for b in &f.body.blocks {
            match b.kind.name.as_str() {
                "module" => {
                    let name = b.label(0).unwrap_or("").to_string();
                    let body = adapt_block(&module_eval, &local_refs, b);
                    let source = body.value("source").and_then(Value::as_str).unwrap_or("");
                    for rtype in crate::module_shims::wrapped_types(source) {
                        out.resources.push(Resource {
                            address: format!("module.{name}"),
                            rtype: rtype.to_string(),
                            name: name.clone(),
                            file: *id,
                            body: body.clone(),
                            is_data: false,
                        });
                    }
                    out.modules.push(ModuleCall {
                        name,
                        file: *id,
                        body,
                    });
                }
                "provider" => {
                    let name = b.label(0).unwrap_or("").to_string();
                    out.providers.push(Provider {
                        name,
                        file: *id,
                        body: adapt_block(&module_eval, &local_refs, b),
                    });
                }
                "terraform" => out
                    .terraform_blocks
                    .push((*id, adapt_block(&module_eval, &local_refs, b))),
                _ => {}
            }
        }
    }
    out
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

fn adapt_attr(ev: Eval, local_refs: &LocalRefs, a: &ast::Attribute) -> Attribute {
    let mut refs: Vec<String> = a.expr.references().iter().map(|r| r.to_dotted()).collect();
    // Follow locals (a few levels: chains of locals are short, cycles are possible).
    let mut i = 0;
    while i < refs.len() && refs.len() < 64 {
        if let Some(name) = refs[i]
            .strip_prefix("local.")
            .map(|n| n.split(['.', '[']).next().unwrap_or(n).to_string())
        {
            if let Some(more) = local_refs.get(&name) {
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
        value: value(ev(&a.expr)),
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

fn adapt_body(ev: Eval, local_refs: &LocalRefs, body: &ast::Body, into: &mut Block) {
    into.attrs = body
        .attributes
        .iter()
        .map(|a| adapt_attr(ev, local_refs, a))
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
                adapt_body(ev, local_refs, &content.body, &mut blk);
            }
            into.blocks.push(blk);
        } else {
            into.blocks.push(adapt_block(ev, local_refs, nb));
        }
    }
}

fn adapt_block(ev: Eval, local_refs: &LocalRefs, b: &ast::Block) -> Block {
    let mut blk = Block {
        kind: b.kind.name.clone(),
        labels: b.labels.iter().map(|l| l.value.clone()).collect(),
        span: span(&b.span),
        ..Block::default()
    };
    adapt_body(ev, local_refs, &b.body, &mut blk);
    blk
}
