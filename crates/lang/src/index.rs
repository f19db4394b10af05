//! The symbol index of one module directory, built from the syntax of its files alone (no
//! evaluation, no file system): declarations, references with the span of the name part to
//! rename, and the module calls with their local child directories. Cross-module links
//! (a call's arguments → the child's variables, `module.m.out` → the child's output) are kept
//! as unresolved targets and resolved by the workspace, so editing a child module never
//! forces its parents to be re-indexed.

use crate::text::{inner_label_span, normalize_path};
use orbis_hcl::ast::{Body, Expr, RefPart};
use orbis_hcl::{File, FileKind, Span, SymbolKind};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Arguments of a `module` block that are not the child's variables.
pub(crate) const MODULE_META_ARGS: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// Nesting bound of the body walk (the parser bounds it already).
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone)]
pub(crate) struct Def {
    pub kind: SymbolKind,
    /// `region`, `aws_s3_bucket.b`, `aws_iam_policy_document.p`.
    pub name: String,
    pub file: Arc<Path>,
    /// The whole block (or the `locals` attribute).
    pub span: Span,
    /// The name to highlight and rename: a label without its quotes, or a local's name.
    pub name_span: Span,
}

/// What a reference points at, before cross-module resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A symbol of this module.
    Here(SymbolKind, String),
    /// `module.<call>.<output>`: an output of a child module.
    ChildOutput { call: String, output: String },
    /// An argument `<variable> = ...` of `module "<call>"`: a variable of the child.
    ChildVariable { call: String, variable: String },
}

#[derive(Debug, Clone)]
pub(crate) struct Ref {
    pub target: Target,
    pub file: Arc<Path>,
    /// From the root through the symbol's name: `var.region`, `module.m.out`, `region` for
    /// a module argument.
    pub span: Span,
    /// Only the name part (what a rename replaces).
    pub name_span: Span,
    /// The whole static reference (`aws_s3_bucket.b.arn`): a cursor anywhere on it finds the
    /// symbol when no narrower one matches.
    pub full_span: Span,
}

#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub name: String,
    /// For local sources (`./x`, `../x`): the child's directory, lexically normalised.
    pub child_dir: Option<PathBuf>,
    pub file: Arc<Path>,
    pub span: Span,
    /// Names of the arguments set (the child's variables).
    pub arguments: Vec<String>,
}

#[derive(Debug, Default)]
pub(crate) struct ModuleIndex {
    pub dir: PathBuf,
    pub defs: Vec<Def>,
    pub calls: Vec<Call>,
    /// The module's files, kept for [`ModuleIndex::refs`].
    files: Vec<Arc<File>>,
    /// The module's resource names by type: tells `aws_s3_bucket.b` from an attribute.
    resources: HashMap<String, HashSet<String>>,
    /// Built on first use: completion and hover need only the declarations, and walking
    /// every expression of a 5,000-line module costs milliseconds on each keystroke.
    refs: OnceLock<Vec<Ref>>,
}

impl ModuleIndex {
    pub fn build(dir: &Path, files: &[Arc<File>]) -> ModuleIndex {
        let mut idx = ModuleIndex {
            dir: dir.to_path_buf(),
            files: files.to_vec(),
            ..ModuleIndex::default()
        };
        let mut resources: HashMap<String, HashSet<String>> = HashMap::new();
        let paths: Vec<Arc<Path>> = files.iter().map(|f| Arc::from(f.path.as_path())).collect();
        for (f, path) in files.iter().zip(&paths) {
            if f.kind != FileKind::Terraform {
                continue;
            }
            for b in &f.body.blocks {
                let label = |i: usize| b.labels.get(i).map(inner_label_span);
                let mut def = |kind, name: String, name_span: Option<Span>| {
                    idx.defs.push(Def {
                        kind,
                        name,
                        file: path.clone(),
                        span: b.span,
                        name_span: name_span.unwrap_or(b.kind.span),
                    })
                };
                match (b.kind.name.as_str(), b.label(0), b.label(1)) {
                    ("variable", Some(n), _) => def(SymbolKind::Variable, n.into(), label(0)),
                    ("output", Some(n), _) => def(SymbolKind::Output, n.into(), label(0)),
                    ("module", Some(n), _) => {
                        def(SymbolKind::Module, n.into(), label(0));
                        let child_dir = b
                            .body
                            .attribute("source")
                            .and_then(|a| a.expr.as_str())
                            .filter(|s| is_local_source(s))
                            .map(|s| normalize_path(&dir.join(s)));
                        idx.calls.push(Call {
                            name: n.to_string(),
                            child_dir,
                            file: path.clone(),
                            span: b.span,
                            arguments: b
                                .body
                                .attributes
                                .iter()
                                .map(|a| a.name.name.clone())
                                .filter(|a| !MODULE_META_ARGS.contains(&a.as_str()))
                                .collect(),
                        });
                    }
                    ("resource", Some(t), Some(n)) => {
                        resources
                            .entry(t.to_string())
                            .or_default()
                            .insert(n.to_string());
                        def(SymbolKind::Resource, format!("{t}.{n}"), label(1))
                    }
                    ("data", Some(t), Some(n)) => {
                        def(SymbolKind::DataSource, format!("{t}.{n}"), label(1))
                    }
                    ("locals", _, _) => {
                        for a in &b.body.attributes {
                            idx.defs.push(Def {
                                kind: SymbolKind::Local,
                                name: a.name.name.clone(),
                                file: path.clone(),
                                span: a.span,
                                name_span: a.name.span,
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
        idx.resources = resources;
        idx
    }

    /// Every reference of the module (built on first use, then kept).
    pub fn refs(&self) -> &[Ref] {
        self.refs.get_or_init(|| self.build_refs())
    }

    fn build_refs(&self) -> Vec<Ref> {
        let files = &self.files;
        let resources = &self.resources;
        let paths: Vec<Arc<Path>> = files.iter().map(|f| Arc::from(f.path.as_path())).collect();
        let mut refs = Vec::new();
        for (f, path) in files.iter().zip(&paths) {
            let mut w = RefWalker {
                file: path,
                resources,
                out: &mut refs,
            };
            match f.kind {
                FileKind::Terraform => {
                    for b in &f.body.blocks {
                        if b.kind.name == "module" {
                            if let Some(call) = b.label(0) {
                                for a in &b.body.attributes {
                                    if !MODULE_META_ARGS.contains(&a.name.name.as_str()) {
                                        w.out.push(Ref {
                                            target: Target::ChildVariable {
                                                call: call.to_string(),
                                                variable: a.name.name.clone(),
                                            },
                                            file: path.clone(),
                                            span: a.name.span,
                                            name_span: a.name.span,
                                            full_span: a.name.span,
                                        });
                                    }
                                }
                            }
                        }
                    }
                    w.body(&f.body, 0);
                }
                // `name = value` in a tfvars file sets the module's variable `name`.
                FileKind::TfVars => {
                    for a in &f.body.attributes {
                        w.out.push(Ref {
                            target: Target::Here(SymbolKind::Variable, a.name.name.clone()),
                            file: path.clone(),
                            span: a.name.span,
                            name_span: a.name.span,
                            full_span: a.name.span,
                        });
                    }
                }
                FileKind::Hcl => {}
            }
        }
        refs
    }

    pub fn defs_named<'a>(
        &'a self,
        kind: SymbolKind,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Def> + 'a {
        self.defs
            .iter()
            .filter(move |d| d.kind == kind && d.name == name)
    }

    pub fn defs_of(&self, kind: SymbolKind) -> impl Iterator<Item = &Def> + '_ {
        self.defs.iter().filter(move |d| d.kind == kind)
    }

    pub fn call(&self, name: &str) -> Option<&Call> {
        self.calls.iter().find(|c| c.name == name)
    }
}

/// `./x` and `../x` are local module sources (loaded from this workspace); anything else is
/// a registry, git or URL source.
pub(crate) fn is_local_source(s: &str) -> bool {
    s == "." || s == ".." || s.starts_with("./") || s.starts_with("../")
}

struct RefWalker<'a> {
    file: &'a Arc<Path>,
    resources: &'a HashMap<String, HashSet<String>>,
    out: &'a mut Vec<Ref>,
}

impl RefWalker<'_> {
    fn body(&mut self, body: &Body, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for a in &body.attributes {
            self.expr(&a.expr);
        }
        for b in &body.blocks {
            self.body(&b.body, depth + 1);
        }
    }

    fn expr(&mut self, e: &Expr) {
        for r in e.references() {
            let name = |i: usize| r.parts.get(i).and_then(RefPart::as_name);
            let mut push = |target: Target, through: usize| {
                let (Some(name_span), true) = (r.spans.get(through), through < r.parts.len())
                else {
                    return;
                };
                self.out.push(Ref {
                    target,
                    file: self.file.clone(),
                    span: r.span_through(through),
                    name_span: *name_span,
                    full_span: r.span,
                });
            };
            match (name(0), name(1), name(2)) {
                (Some("var"), Some(n), _) => push(Target::Here(SymbolKind::Variable, n.into()), 1),
                (Some("local"), Some(n), _) => push(Target::Here(SymbolKind::Local, n.into()), 1),
                (Some("module"), Some(m), _) => {
                    push(Target::Here(SymbolKind::Module, m.into()), 1);
                    // `module.m.out`, or `module.m[0].out` / `module.m["k"].out`.
                    let at = if matches!(r.parts.get(2), Some(RefPart::Key(_) | RefPart::Index(_)))
                    {
                        3
                    } else {
                        2
                    };
                    if let Some(out) = name(at) {
                        push(
                            Target::ChildOutput {
                                call: m.into(),
                                output: out.into(),
                            },
                            at,
                        );
                    }
                }
                (Some("data"), Some(t), Some(n)) => {
                    push(Target::Here(SymbolKind::DataSource, format!("{t}.{n}")), 2)
                }
                (Some(t), Some(n), _) if self.resources.get(t).is_some_and(|r| r.contains(n)) => {
                    push(Target::Here(SymbolKind::Resource, format!("{t}.{n}")), 1)
                }
                _ => {}
            }
        }
    }
}
