//! A module: the `.tf` files of one directory evaluated together. Variables come from
//! inputs (tfvars, `-var`, or a parent's module call) and defaults; locals are evaluated on
//! demand and memoised; resources are expanded by `count`/`for_each` when knowable; local
//! module calls (`source = "./..."`) are loaded as child modules with their arguments.

mod expand;
pub mod inputs;
mod resource;
mod scope;

pub use expand::{Expansion, InstanceKey};
pub use resource::{AttrValue, NestedBlock, Resource, ResourceInstance, ResourceMode};
pub use scope::Scope;

use crate::ast::{Block, Step};
use crate::diagnostic::{codes, Diagnostic};
use crate::eval::Evaluator;
use crate::file::{File, FileKind};
use crate::span::Span;
use crate::value::Value;
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Deepest chain of local module calls followed.
const MAX_MODULE_DEPTH: usize = 12;
/// Most instances loaded for one module call; a larger `count`/`for_each` is loaded once with
/// an unknown key (each instance is a whole module, and they nest).
const MAX_CALL_INSTANCES: usize = 64;

/// How to load a root module.
#[derive(Debug, Clone, Default)]
pub struct ModuleOptions {
    /// Extra `-var-file`s, applied after the automatic ones.
    pub var_files: Vec<PathBuf>,
    /// `-var name=value` pairs, applied last.
    pub vars: Vec<(String, String)>,
    /// Skip `terraform.tfvars` and `*.auto.tfvars` (they are read by default).
    pub no_auto_var_files: bool,
}

/// A provider configuration with its evaluated settings (attributes and nested blocks as a
/// map, e.g. `config["default_tags"][0]["tags"]`).
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub name: String,
    pub alias: Option<String>,
    pub config: Value,
    pub span: Span,
    pub file: PathBuf,
    /// True when declared in an ancestor module and inherited.
    pub inherited: bool,
}

/// A `module "name" { source = ... }` call.
#[derive(Debug)]
pub struct ModuleCall {
    pub name: String,
    pub source: Option<String>,
    pub span: Span,
    pub file_index: usize,
    /// Loaded child module per instance, for local sources (remote ones are not fetched).
    pub instances: Vec<(InstanceKey, Module)>,
}

pub(crate) struct ResourceDecl {
    pub mode: ResourceMode,
    pub file: usize,
    pub block: usize,
    pub expanded: bool,
    pub expansions: Vec<Expansion>,
}

enum LocalState {
    InProgress,
    Done(Value),
}

pub struct Module {
    pub dir: PathBuf,
    /// `""` for the root, `module.a.` or `module.a["k"].module.b.` for children.
    pub address_prefix: String,
    pub files: Vec<Arc<File>>,
    pub diagnostics: Vec<Diagnostic>,
    pub variables: BTreeMap<String, Value>,
    pub calls: Vec<ModuleCall>,
    pub providers: Vec<ProviderConfig>,
    pub(crate) resource_decls: Vec<ResourceDecl>,
    pub(crate) managed_index: HashMap<(String, String), usize>,
    local_index: HashMap<String, (usize, usize, usize)>,
    locals: Mutex<HashMap<String, LocalState>>,
    /// Configured attribute values of resource instances referenced from elsewhere, keyed by
    /// (declaration, instance key, attribute): references form DAGs that would otherwise be
    /// re-evaluated once per path.
    attr_memo: Mutex<HashMap<(usize, String, String), LocalState>>,
    /// Output values, for `module.x.out` references from the parent.
    output_memo: Mutex<HashMap<String, LocalState>>,
    pub(crate) path_module: String,
    pub(crate) path_root: String,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("dir", &self.dir)
            .field("address_prefix", &self.address_prefix)
            .field("files", &self.files.len())
            .field(
                "calls",
                &self.calls.iter().map(|c| &c.name).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Parsed files shared between module loads (a child module called from many places, a
/// repository scanned directory by directory): each file is read and parsed once.
#[derive(Default)]
pub struct FileCache {
    files: Mutex<HashMap<PathBuf, Arc<File>>>,
}

impl FileCache {
    pub fn new() -> Self {
        FileCache::default()
    }

    /// The parsed file at `path`, parsing it on first use.
    pub fn get(&self, path: &Path) -> Arc<File> {
        if let Some(f) = self.lock().get(path) {
            return f.clone();
        }
        // Parse outside the lock so other threads keep going.
        let parsed = Arc::new(crate::parse::parse_file(path));
        self.lock()
            .entry(path.to_path_buf())
            .or_insert(parsed)
            .clone()
    }

    /// Records an already parsed file (an editor buffer) under its path.
    pub fn insert(&self, file: File) -> Arc<File> {
        let f = Arc::new(file);
        self.lock().insert(f.path.clone(), f.clone());
        f
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Arc<File>>> {
        self.files.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The configuration files of a directory (`.tf`, `.tofu`), sorted; sub-directories excluded.
pub fn config_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "tf" || e == "tofu"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

impl Module {
    /// Loads the root module in `dir`, reading its files and variables as Terraform would.
    pub fn load(dir: &Path, options: &ModuleOptions) -> Module {
        Module::load_cached(dir, options, &FileCache::new())
    }

    /// Like [`Module::load`], taking parsed files from (and adding them to) `cache`.
    pub fn load_cached(dir: &Path, options: &ModuleOptions, cache: &FileCache) -> Module {
        let files = config_files(dir).iter().map(|p| cache.get(p)).collect();
        Module::from_shared_files(dir, files, options, cache)
    }

    /// A root module from already parsed files (an editor's open buffers).
    pub fn from_files(dir: &Path, files: Vec<File>, options: &ModuleOptions) -> Module {
        let cache = FileCache::new();
        let files = files.into_iter().map(|f| cache.insert(f)).collect();
        Module::from_shared_files(dir, files, options, &cache)
    }

    /// A root module from shared parsed files; child modules are read through `cache`.
    pub fn from_shared_files(
        dir: &Path,
        files: Vec<Arc<File>>,
        options: &ModuleOptions,
        cache: &FileCache,
    ) -> Module {
        let mut diags = Vec::new();
        let mut inputs = BTreeMap::new();
        let mut var_files = if options.no_auto_var_files {
            Vec::new()
        } else {
            inputs::auto_var_files(dir)
        };
        var_files.extend(options.var_files.iter().cloned());
        for p in &var_files {
            inputs::read_var_file(p, &mut inputs, &mut diags);
        }
        for (k, v) in &options.vars {
            inputs.insert(k.clone(), inputs::parse_cli_value(v));
        }
        let root = dir.display().to_string();
        let mut loader = Loader {
            cache,
            stack: vec![canonical(dir)],
        };
        let mut m = Module::build(
            dir,
            files,
            inputs,
            String::new(),
            ".".into(),
            root,
            Vec::new(),
            &mut loader,
        );
        m.diagnostics.splice(0..0, diags);
        m
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        dir: &Path,
        files: Vec<Arc<File>>,
        inputs: BTreeMap<String, Value>,
        address_prefix: String,
        path_module: String,
        path_root: String,
        inherited_providers: Vec<ProviderConfig>,
        loader: &mut Loader,
    ) -> Module {
        let files: Vec<Arc<File>> = files
            .into_iter()
            .filter(|f| f.kind == FileKind::Terraform)
            .collect();
        let mut m = Module {
            dir: dir.to_path_buf(),
            address_prefix,
            diagnostics: files
                .iter()
                .flat_map(|f| f.diagnostics.iter().cloned())
                .collect(),
            files,
            variables: BTreeMap::new(),
            calls: Vec::new(),
            providers: Vec::new(),
            resource_decls: Vec::new(),
            managed_index: HashMap::new(),
            local_index: HashMap::new(),
            locals: Mutex::new(HashMap::new()),
            attr_memo: Mutex::new(HashMap::new()),
            output_memo: Mutex::new(HashMap::new()),
            path_module,
            path_root,
        };
        m.index_declarations(inputs);
        m.expand_resources();
        m.evaluate_providers(inherited_providers);
        m.load_calls(loader);
        m
    }

    fn index_declarations(&mut self, mut inputs: BTreeMap<String, Value>) {
        for (fi, f) in self.files.iter().enumerate() {
            for (bi, b) in f.body.blocks.iter().enumerate() {
                match (b.kind.name.as_str(), b.label(0), b.label(1)) {
                    ("variable", Some(name), _) => {
                        let type_expr = b.body.attribute("type").map(|a| &a.expr);
                        let v = match inputs.remove(name) {
                            Some(v) => inputs::convert_to_type(v, type_expr),
                            None => match b.body.attribute("default") {
                                Some(d) => inputs::convert_to_type(
                                    crate::eval::eval_static(&d.expr),
                                    type_expr,
                                ),
                                None => Value::Unknown,
                            },
                        };
                        self.variables.insert(name.to_string(), v);
                    }
                    ("locals", _, _) => {
                        for (ai, a) in b.body.attributes.iter().enumerate() {
                            self.local_index.insert(a.name.name.clone(), (fi, bi, ai));
                        }
                    }
                    ("resource", Some(t), Some(n)) | ("data", Some(t), Some(n)) => {
                        let mode = if b.kind.name == "resource" {
                            ResourceMode::Managed
                        } else {
                            ResourceMode::Data
                        };
                        let expanded = b.body.attribute("count").is_some()
                            || b.body.attribute("for_each").is_some();
                        if mode == ResourceMode::Managed {
                            self.managed_index
                                .insert((t.to_string(), n.to_string()), self.resource_decls.len());
                        }
                        self.resource_decls.push(ResourceDecl {
                            mode,
                            file: fi,
                            block: bi,
                            expanded,
                            expansions: Vec::new(),
                        });
                    }
                    _ => {}
                }
            }
        }
    }

    /// Evaluates `count`/`for_each` of every resource (they may reference each other's
    /// configured values, so expansions are filled in declaration order).
    fn expand_resources(&mut self) {
        for i in 0..self.resource_decls.len() {
            let exps = self.expansions_of(self.block_of(&self.resource_decls[i]));
            self.resource_decls[i].expansions = exps;
        }
    }

    fn expansions_of(&self, block: &Block) -> Vec<Expansion> {
        let budget = Cell::new(scope::MAX_HOPS);
        let s = self.scope_with(&budget, None);
        if let Some(c) = block.body.attribute("count") {
            expand::from_count(&s.eval(&c.expr))
        } else if let Some(fe) = block.body.attribute("for_each") {
            expand::from_for_each(&s.eval(&fe.expr))
        } else {
            expand::single()
        }
    }

    fn evaluate_providers(&mut self, inherited: Vec<ProviderConfig>) {
        let mut own = Vec::new();
        for f in &self.files {
            for b in f.body.blocks_of("provider") {
                let Some(name) = b.label(0) else { continue };
                let budget = Cell::new(scope::MAX_HOPS);
                let s = self.scope_with(&budget, None);
                let config = resource::body_value(&s, &b.body, &[]);
                let alias = b
                    .body
                    .attribute("alias")
                    .and_then(|a| a.expr.as_str().map(str::to_string));
                own.push(ProviderConfig {
                    name: name.to_string(),
                    alias,
                    config,
                    span: b.span,
                    file: f.path.clone(),
                    inherited: false,
                });
            }
        }
        for p in inherited {
            if !own.iter().any(|o| o.name == p.name && o.alias == p.alias) {
                own.push(ProviderConfig {
                    inherited: true,
                    ..p
                });
            }
        }
        self.providers = own;
    }

    fn load_calls(&mut self, loader: &mut Loader) {
        let mut calls = Vec::new();
        let mut diags = Vec::new();
        for (fi, f) in self.files.iter().enumerate() {
            for b in f.body.blocks_of("module") {
                let Some(name) = b.label(0) else { continue };
                let source = b
                    .body
                    .attribute("source")
                    .and_then(|a| a.expr.as_str().map(str::to_string));
                let mut call = ModuleCall {
                    name: name.to_string(),
                    source: source.clone(),
                    span: b.span,
                    file_index: fi,
                    instances: Vec::new(),
                };
                if let Some(src) = source.filter(|s| s.starts_with("./") || s.starts_with("../")) {
                    self.load_local_call(b, name, &src, &mut call, loader, &mut diags);
                }
                calls.push(call);
            }
        }
        self.calls = calls;
        self.diagnostics.extend(diags);
    }

    fn load_local_call(
        &self,
        b: &Block,
        name: &str,
        src: &str,
        call: &mut ModuleCall,
        loader: &mut Loader,
        diags: &mut Vec<Diagnostic>,
    ) {
        // Lexically normalised, so `examples/a/../..` and `examples/b/../..` share cache entries.
        let child_dir = normalize(&self.dir.join(src));
        let canon = canonical(&child_dir);
        if loader.stack.len() >= MAX_MODULE_DEPTH || loader.stack.contains(&canon) {
            diags.push(Diagnostic::warning(
                codes::MODULE,
                format!("module {name:?}: call chain too deep or cyclic; not followed"),
                b.span,
            ));
            return;
        }
        if !child_dir.is_dir() {
            diags.push(Diagnostic::warning(
                codes::MODULE,
                format!(
                    "module {name:?}: {} is not a directory",
                    child_dir.display()
                ),
                b.span,
            ));
            return;
        }
        let files: Vec<Arc<File>> = config_files(&child_dir)
            .iter()
            .map(|p| loader.cache.get(p))
            .collect();
        let child_path = format!(
            "{}/{}",
            self.path_module.trim_end_matches('/'),
            src.trim_start_matches("./")
        );
        let mut expansions = self.expansions_of(b);
        if expansions.len() > MAX_CALL_INSTANCES {
            expansions = vec![Expansion {
                key: InstanceKey::Unknown,
                count_index: Some(Value::Unknown),
                each: Some((Value::Unknown, Value::Unknown)),
            }];
        }
        for exp in expansions {
            let budget = Cell::new(scope::MAX_HOPS);
            let s = Scope {
                module: self,
                expansion: None,
                owned_expansion: Some(exp.clone()),
                bindings: Vec::new(),
                budget: &budget,
                chain: 0,
            };
            let mut args = BTreeMap::new();
            for a in &b.body.attributes {
                if !matches!(
                    a.name.name.as_str(),
                    "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                ) {
                    args.insert(a.name.name.clone(), s.eval(&a.expr));
                }
            }
            let prefix = format!("{}module.{name}{}.", self.address_prefix, exp.key.suffix());
            loader.stack.push(canon.clone());
            let child = Module::build(
                &child_dir,
                files.clone(),
                args,
                prefix,
                child_path.clone(),
                self.path_root.clone(),
                self.providers.clone(),
                loader,
            );
            loader.stack.pop();
            call.instances.push((exp.key, child));
        }
    }

    pub(crate) fn block_of(&self, r: &ResourceDecl) -> &Block {
        &self.files[r.file].body.blocks[r.block]
    }

    pub(crate) fn scope_with<'a>(
        &'a self,
        budget: &'a Cell<u32>,
        expansion: Option<&'a Expansion>,
    ) -> Scope<'a> {
        Scope {
            module: self,
            expansion,
            owned_expansion: None,
            bindings: Vec::new(),
            budget,
            chain: 0,
        }
    }

    /// Evaluates an expression of this module outside any resource (`count`/`each` unknown).
    pub fn eval(&self, expr: &crate::ast::Expr) -> Value {
        let budget = Cell::new(scope::MAX_HOPS);
        self.scope_with(&budget, None).eval(expr)
    }

    /// The value of `local.<name>` (memoised; cycles and failures are `Unknown`).
    pub fn local(&self, name: &str) -> Value {
        let budget = Cell::new(scope::MAX_HOPS);
        self.local_value(name, &self.scope_with(&budget, None))
    }

    pub(crate) fn local_value(&self, name: &str, from: &Scope) -> Value {
        let Some(&(fi, bi, ai)) = self.local_index.get(name) else {
            return Value::Unknown;
        };
        let expr = &self.files[fi].body.blocks[bi].body.attributes[ai].expr;
        memoised(&self.locals, name.to_string(), || {
            from.nested(self, None).eval(expr)
        })
    }

    /// The configured value of `attr` on instance `key` of resource `decl`, memoised.
    pub(crate) fn resource_attr_value(
        &self,
        decl: usize,
        key: &InstanceKey,
        attr: &str,
        compute: impl FnOnce() -> Value,
    ) -> Value {
        memoised(
            &self.attr_memo,
            (decl, key.suffix(), attr.to_string()),
            compute,
        )
    }

    /// Names of all locals.
    pub fn local_names(&self) -> impl Iterator<Item = &str> {
        self.local_index.keys().map(String::as_str)
    }

    /// `output` blocks with their evaluated values.
    pub fn outputs(&self) -> Vec<(&str, Value, Span)> {
        let mut out = Vec::new();
        for f in &self.files {
            for b in f.body.blocks_of("output") {
                if let (Some(name), Some(v)) = (b.label(0), b.body.attribute("value")) {
                    out.push((name, self.eval(&v.expr), b.span));
                }
            }
        }
        out
    }

    fn output_value(&self, name: &str, from: &Scope) -> Value {
        let expr = self
            .files
            .iter()
            .flat_map(|f| f.body.blocks_of("output"))
            .find(|b| b.label(0) == Some(name))
            .and_then(|b| b.body.attribute("value"));
        match expr {
            Some(v) => memoised(&self.output_memo, name.to_string(), || {
                from.nested(self, None).eval(&v.expr)
            }),
            None => Value::Unknown,
        }
    }

    /// `module.<name>...` from this module: child outputs where the child was loaded.
    fn module_call_value(
        &self,
        name: &str,
        rest: &[Step],
        from: &Scope,
        ev: &mut Evaluator,
    ) -> (Value, usize) {
        let all = 1 + rest.len();
        let Some(call) = self.calls.iter().find(|c| c.name == name) else {
            return (Value::Unknown, all);
        };
        let (child, used) = match call.instances.as_slice() {
            [(InstanceKey::None, child)] => (child, 0),
            instances => {
                let Some(Step::Index(k, _)) = rest.first() else {
                    return (Value::Unknown, all);
                };
                let key = ev.try_eval(k).unwrap_or(Value::Unknown);
                let found = instances.iter().find(|(ik, _)| match (ik, &key) {
                    (InstanceKey::Index(i), k) => k.as_f64() == Some(*i as f64),
                    (InstanceKey::Key(s), Value::String(k)) => s == k,
                    _ => false,
                });
                match found {
                    Some((_, c)) => (c, 1),
                    None => return (Value::Unknown, all),
                }
            }
        };
        match rest.get(used) {
            Some(Step::Attr(out)) => (child.output_value(&out.name, from), 1 + used + 1),
            _ => (Value::Unknown, all),
        }
    }

    /// Resources and data sources declared in this module (not in child modules).
    pub fn resources(&self) -> Vec<Resource<'_>> {
        self.resource_decls
            .iter()
            .map(|d| Resource::new(self, d))
            .collect()
    }

    /// Resources of this module and of every loaded child module, depth first.
    pub fn all_resources(&self) -> Vec<Resource<'_>> {
        let mut out = self.resources();
        for c in &self.calls {
            for (_, child) in &c.instances {
                out.extend(child.all_resources());
            }
        }
        out
    }

    /// This module and every loaded descendant, depth first.
    pub fn all_modules(&self) -> Vec<&Module> {
        let mut out = vec![self];
        for c in &self.calls {
            for (_, child) in &c.instances {
                out.extend(child.all_modules());
            }
        }
        out
    }

    /// The provider configuration for `name` (unaliased first).
    pub fn provider(&self, name: &str) -> Option<&ProviderConfig> {
        self.providers
            .iter()
            .filter(|p| p.name == name)
            .min_by_key(|p| p.alias.is_some())
    }
}

/// Looks up or computes a memoised value; a key met again while being computed (a cycle) is
/// `Unknown`. The lock is not held while computing, so nested lookups can proceed.
fn memoised<K: std::hash::Hash + Eq + Clone>(
    memo: &Mutex<HashMap<K, LocalState>>,
    key: K,
    compute: impl FnOnce() -> Value,
) -> Value {
    {
        let mut m = memo.lock().unwrap_or_else(|p| p.into_inner());
        match m.get(&key) {
            Some(LocalState::Done(v)) => return v.clone(),
            Some(LocalState::InProgress) => return Value::Unknown,
            None => {
                m.insert(key.clone(), LocalState::InProgress);
            }
        }
    }
    let v = compute();
    memo.lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key, LocalState::Done(v.clone()));
    v
}

/// State of one load: the file cache and the chain of module directories being loaded.
struct Loader<'c> {
    cache: &'c FileCache,
    stack: Vec<PathBuf>,
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}
