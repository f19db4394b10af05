//! Go to definition and find references, across the files of a module and across module
//! boundaries (a parent's call arguments reference the child's variables; `module.m.out`
//! references the child's output).

use crate::index::{Def, ModuleIndex, Ref, Target};
use crate::workspace::LangWorkspace;
use orbis_hcl::{Span, SymbolKey, SymbolKind};
use std::path::{Path, PathBuf};

/// A place in a file of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub path: PathBuf,
    pub span: Span,
}

/// Where a symbol is declared.
#[derive(Debug, Clone, PartialEq)]
pub struct SymbolDefinition {
    pub key: SymbolKey,
    pub path: PathBuf,
    /// The whole block (or the `locals` attribute).
    pub span: Span,
    /// The name: the label without quotes, or the local's name.
    pub name_span: Span,
}

/// The symbol under a cursor and how it was found there.
#[derive(Debug, Clone, PartialEq)]
pub struct SymbolAt {
    pub key: SymbolKey,
    /// The span under the cursor: the definition's name, or the reference through the name.
    pub span: Span,
    /// True on the declaration itself.
    pub is_definition: bool,
}

/// What is found at a cursor in a module's index.
pub(crate) enum Hit<'a> {
    Def(&'a Def),
    Ref(&'a Ref),
}

/// The narrowest definition name or reference at `byte` of `path` in `idx`.
pub(crate) fn hit_at<'a>(idx: &'a ModuleIndex, path: &Path, byte: usize) -> Option<Hit<'a>> {
    if let Some(d) = idx
        .defs
        .iter()
        .find(|d| &*d.file == path && d.name_span.contains(byte))
    {
        return Some(Hit::Def(d));
    }
    let width = |s: &Span| s.end - s.start;
    let in_file = idx.refs().iter().filter(|r| &*r.file == path);
    in_file
        .clone()
        .filter(|r| r.span.contains(byte))
        .min_by_key(|r| width(&r.span))
        .or_else(|| {
            // `aws_s3_bucket.b.arn` with the cursor on `arn`: the resource.
            in_file
                .filter(|r| r.full_span.contains(byte))
                .min_by_key(|r| width(&r.full_span))
        })
        .map(Hit::Ref)
}

impl LangWorkspace {
    /// Resolves a reference's target to a symbol key (cross-module targets need the call's
    /// local source).
    pub(crate) fn resolve(&self, idx: &ModuleIndex, t: &Target) -> Option<SymbolKey> {
        let key = |dir: &Path, kind, name: &str| SymbolKey {
            module_dir: dir.to_path_buf(),
            kind,
            name: name.to_string(),
        };
        match t {
            Target::Here(kind, name) => Some(key(&idx.dir, *kind, name)),
            Target::ChildOutput { call, output } => {
                let dir = idx.call(call)?.child_dir.as_ref()?;
                Some(key(dir, SymbolKind::Output, output))
            }
            Target::ChildVariable { call, variable } => {
                let dir = idx.call(call)?.child_dir.as_ref()?;
                Some(key(dir, SymbolKind::Variable, variable))
            }
        }
    }

    /// The symbol defined or referenced at `byte` of `path`.
    pub fn symbol_at(&self, path: &Path, byte: usize) -> Option<SymbolAt> {
        let path = self.normalize(path);
        let idx = self.index_of_file(&path)?;
        match hit_at(idx, &path, byte)? {
            Hit::Def(d) => Some(SymbolAt {
                key: SymbolKey {
                    module_dir: idx.dir.clone(),
                    kind: d.kind,
                    name: d.name.clone(),
                },
                span: d.name_span,
                is_definition: true,
            }),
            Hit::Ref(r) => Some(SymbolAt {
                key: self.resolve(idx, &r.target)?,
                span: r.span,
                is_definition: false,
            }),
        }
    }

    /// The declarations of a symbol (more than one only in invalid configurations).
    pub fn definitions_of(&self, key: &SymbolKey) -> Vec<SymbolDefinition> {
        let Some(idx) = self.index(&key.module_dir) else {
            return Vec::new();
        };
        idx.defs_named(key.kind, &key.name)
            .map(|d| SymbolDefinition {
                key: key.clone(),
                path: d.file.to_path_buf(),
                span: d.span,
                name_span: d.name_span,
            })
            .collect()
    }

    /// Go to definition: the declaration of the symbol at `byte` of `path` (a variable,
    /// local, resource, data source, module call or output, in this module or, for
    /// `module.m.out` and module call arguments, in the local child module).
    pub fn definition(&self, path: &Path, byte: usize) -> Option<SymbolDefinition> {
        let at = self.symbol_at(path, byte)?;
        self.definitions_of(&at.key).into_iter().next()
    }

    /// Every use of a symbol, sorted by file and position: the reference through the name
    /// (`var.region`, `module.m.out`, a module call's argument name, a tfvars entry), and,
    /// with `include_declaration`, the declaration's name.
    pub fn references_of(&self, key: &SymbolKey, include_declaration: bool) -> Vec<Location> {
        let mut out: Vec<Location> = self
            .occurrences(key)
            .into_iter()
            .map(|(path, r)| Location { path, span: r.span })
            .collect();
        if include_declaration {
            out.extend(self.definitions_of(key).into_iter().map(|d| Location {
                path: d.path,
                span: d.name_span,
            }));
        }
        out.sort_by(|a, b| {
            (&a.path, a.span.start, a.span.end).cmp(&(&b.path, b.span.start, b.span.end))
        });
        out.dedup();
        out
    }

    /// Find references of the symbol at `byte` of `path` (empty when there is none).
    pub fn references(&self, path: &Path, byte: usize, include_declaration: bool) -> Vec<Location> {
        match self.symbol_at(path, byte) {
            Some(at) => self.references_of(&at.key, include_declaration),
            None => Vec::new(),
        }
    }

    /// The references of `key` with the module index holding each (for rename).
    pub(crate) fn occurrences(&self, key: &SymbolKey) -> Vec<(PathBuf, Ref)> {
        let mut out = Vec::new();
        if let Some(idx) = self.index(&key.module_dir) {
            let want = Target::Here(key.kind, key.name.clone());
            out.extend(
                idx.refs()
                    .iter()
                    .filter(|r| r.target == want)
                    .map(|r| (r.file.to_path_buf(), r.clone())),
            );
        }
        if matches!(key.kind, SymbolKind::Variable | SymbolKind::Output) {
            for (parent, call) in self.callers_of(&key.module_dir) {
                let want = match key.kind {
                    SymbolKind::Variable => Target::ChildVariable {
                        call: call.clone(),
                        variable: key.name.clone(),
                    },
                    _ => Target::ChildOutput {
                        call: call.clone(),
                        output: key.name.clone(),
                    },
                };
                out.extend(
                    parent
                        .refs()
                        .iter()
                        .filter(|r| r.target == want)
                        .map(|r| (r.file.to_path_buf(), r.clone())),
                );
            }
        }
        out
    }

    /// The module calls (parent index, call name) whose local source is `dir`.
    pub(crate) fn callers_of(&self, dir: &Path) -> Vec<(&ModuleIndex, String)> {
        let mut out = Vec::new();
        for idx in self.indexes() {
            for c in &idx.calls {
                if c.child_dir.as_deref() == Some(dir) {
                    out.push((idx.as_ref(), c.name.clone()));
                }
            }
        }
        out
    }
}
