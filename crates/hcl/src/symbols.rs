//! Symbol index: definitions and references of variables, locals, resources, data sources,
//! module calls and outputs across the files of a module and its loaded child modules — the
//! basis of go-to-definition, find-references and rename in the editor.
//!
//! Symbols are keyed by module directory, kind and name. A module call's arguments are
//! references to the child's variables, and `module.x.out` references the child's output.

use crate::ast::{Body, Expr, RefPart};
use crate::module::Module;
use crate::span::Span;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SymbolKind {
    Variable,
    Local,
    Resource,
    DataSource,
    Module,
    Output,
}

/// A symbol: `name` is `region` for `var.region`, `aws_s3_bucket.b` for a resource,
/// `aws_iam_policy_document.p` for `data.aws_iam_policy_document.p`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymbolKey {
    pub module_dir: PathBuf,
    pub kind: SymbolKind,
    pub name: String,
}

/// Where a symbol is defined: the whole block/attribute, and the name to highlight or rename.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub file: PathBuf,
    pub span: Span,
    pub name_span: Span,
}

/// A use of a symbol; `span` covers the reference through the symbol's name
/// (`var.region`, `aws_s3_bucket.b`, `module.child.out` for an output).
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub file: PathBuf,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct SymbolIndex {
    pub definitions: HashMap<SymbolKey, Vec<Definition>>,
    pub references: HashMap<SymbolKey, Vec<Occurrence>>,
}

impl SymbolIndex {
    /// Indexes a module and all its loaded child modules.
    pub fn build(root: &Module) -> SymbolIndex {
        let mut idx = SymbolIndex::default();
        for m in root.all_modules() {
            idx.add_module(m);
        }
        for refs in idx.references.values_mut() {
            refs.sort_by(|a, b| (&a.file, a.span.start).cmp(&(&b.file, b.span.start)));
            refs.dedup();
        }
        idx
    }

    pub fn definition(&self, key: &SymbolKey) -> Option<&Definition> {
        self.definitions.get(key).and_then(|d| d.first())
    }

    pub fn references_of(&self, key: &SymbolKey) -> &[Occurrence] {
        self.references.get(key).map_or(&[], Vec::as_slice)
    }

    /// The symbol defined or referenced at `byte` in `file` (for go-to-definition/rename).
    pub fn symbol_at(&self, file: &Path, byte: usize) -> Option<&SymbolKey> {
        let hit = |s: &Span| s.contains(byte);
        let from_refs = self
            .references
            .iter()
            .filter(|(_, occ)| occ.iter().any(|o| o.file == file && hit(&o.span)));
        let from_defs = self
            .definitions
            .iter()
            .filter(|(_, defs)| defs.iter().any(|d| d.file == file && hit(&d.name_span)));
        // The narrowest match wins (a module output reference also covers `module.x`).
        from_refs
            .map(|(k, occ)| {
                (
                    k,
                    occ.iter()
                        .filter(|o| o.file == file && hit(&o.span))
                        .map(|o| o.span.end - o.span.start)
                        .min()
                        .unwrap_or(u32::MAX),
                )
            })
            .chain(from_defs.map(|(k, _)| (k, 0)))
            .min_by_key(|(_, w)| *w)
            .map(|(k, _)| k)
    }

    fn key(dir: &Path, kind: SymbolKind, name: impl Into<String>) -> SymbolKey {
        SymbolKey {
            module_dir: dir.to_path_buf(),
            kind,
            name: name.into(),
        }
    }

    fn define(&mut self, key: SymbolKey, file: &Path, span: Span, name_span: Span) {
        self.definitions.entry(key).or_default().push(Definition {
            file: file.to_path_buf(),
            span,
            name_span,
        });
    }

    fn add_module(&mut self, m: &Module) {
        let dir = m.dir.as_path();
        for f in &m.files {
            for b in &f.body.blocks {
                let label_span = |i: usize| b.labels.get(i).map_or(b.kind.span, |l| l.span);
                match (b.kind.name.as_str(), b.label(0), b.label(1)) {
                    ("variable", Some(n), _) => self.define(
                        Self::key(dir, SymbolKind::Variable, n),
                        &f.path,
                        b.span,
                        label_span(0),
                    ),
                    ("output", Some(n), _) => self.define(
                        Self::key(dir, SymbolKind::Output, n),
                        &f.path,
                        b.span,
                        label_span(0),
                    ),
                    ("module", Some(n), _) => self.define(
                        Self::key(dir, SymbolKind::Module, n),
                        &f.path,
                        b.span,
                        label_span(0),
                    ),
                    ("resource", Some(t), Some(n)) => self.define(
                        Self::key(dir, SymbolKind::Resource, format!("{t}.{n}")),
                        &f.path,
                        b.span,
                        label_span(1),
                    ),
                    ("data", Some(t), Some(n)) => self.define(
                        Self::key(dir, SymbolKind::DataSource, format!("{t}.{n}")),
                        &f.path,
                        b.span,
                        label_span(1),
                    ),
                    ("locals", _, _) => {
                        for a in &b.body.attributes {
                            self.define(
                                Self::key(dir, SymbolKind::Local, a.name.name.clone()),
                                &f.path,
                                a.span,
                                a.name.span,
                            );
                        }
                    }
                    _ => {}
                }
            }
            self.add_body_references(m, &f.path, &f.body, 0);
        }
        // Module call arguments refer to the child's variables.
        for call in &m.calls {
            let Some((_, child)) = call.instances.first() else {
                continue;
            };
            let file = &m.files[call.file_index];
            let Some(block) = file
                .body
                .blocks_of("module")
                .find(|b| b.label(0) == Some(call.name.as_str()))
            else {
                continue;
            };
            for a in &block.body.attributes {
                if !matches!(
                    a.name.name.as_str(),
                    "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                ) {
                    let key = Self::key(&child.dir, SymbolKind::Variable, a.name.name.clone());
                    self.references.entry(key).or_default().push(Occurrence {
                        file: file.path.clone(),
                        span: a.name.span,
                    });
                }
            }
        }
    }

    fn add_body_references(&mut self, m: &Module, file: &Path, body: &Body, depth: usize) {
        if depth > 64 {
            return;
        }
        for a in &body.attributes {
            self.add_expr_references(m, file, &a.expr);
        }
        for b in &body.blocks {
            self.add_body_references(m, file, &b.body, depth + 1);
        }
    }

    fn add_expr_references(&mut self, m: &Module, file: &Path, expr: &Expr) {
        let dir = m.dir.as_path();
        for r in expr.references() {
            let name = |i: usize| r.parts.get(i).and_then(RefPart::as_name);
            let (key, through) = match (name(0), name(1), name(2)) {
                (Some("var"), Some(n), _) => (Self::key(dir, SymbolKind::Variable, n), 1),
                (Some("local"), Some(n), _) => (Self::key(dir, SymbolKind::Local, n), 1),
                (Some("module"), Some(n), out) => {
                    if let (Some(out), Some(child)) = (
                        out,
                        m.calls
                            .iter()
                            .find(|c| c.name == n)
                            .and_then(|c| c.instances.first()),
                    ) {
                        let key = Self::key(&child.1.dir, SymbolKind::Output, out);
                        self.references.entry(key).or_default().push(Occurrence {
                            file: file.to_path_buf(),
                            span: r.span_through(2),
                        });
                    }
                    (Self::key(dir, SymbolKind::Module, n), 1)
                }
                (Some("data"), Some(t), Some(n)) => (
                    Self::key(dir, SymbolKind::DataSource, format!("{t}.{n}")),
                    2,
                ),
                // Only declared resources: `ingress.value` in a dynamic block is not one.
                (Some(root), Some(n), _)
                    if m.managed_index
                        .contains_key(&(root.to_string(), n.to_string())) =>
                {
                    (
                        Self::key(dir, SymbolKind::Resource, format!("{root}.{n}")),
                        1,
                    )
                }
                _ => continue,
            };
            self.references.entry(key).or_default().push(Occurrence {
                file: file.to_path_buf(),
                span: r.span_through(through),
            });
        }
    }
}
