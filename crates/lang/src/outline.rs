//! The outline of a file (blocks, their attributes and nested blocks) and the search of
//! symbol names across the workspace.

use crate::rename::kind_word;
use crate::text::inner_label_span;
use crate::workspace::LangWorkspace;
use orbis_hcl::ast::Body;
use orbis_hcl::{File, Span, SymbolKind};
use std::path::{Path, PathBuf};

/// What an outline item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    /// A top-level block; `block_type` says which (`resource`, `variable`…).
    Block,
    NestedBlock,
    Attribute,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineItem {
    /// `resource "aws_s3_bucket" "logs"`, `versioning`, `bucket`…
    pub name: String,
    pub kind: OutlineKind,
    /// The block type (`resource`, `ingress`…) for blocks, `attribute` otherwise.
    pub block_type: String,
    /// The whole item.
    pub span: Span,
    /// What to select when the item is picked: the last label, or the attribute name.
    pub selection_span: Span,
    pub children: Vec<OutlineItem>,
}

/// Outline depth limit: deeper nested blocks are not listed.
const MAX_OUTLINE_DEPTH: usize = 12;

/// The outline of a parsed file: top-level blocks with their labels, the attributes at the
/// top level of each block, nested blocks recursively; top-level attributes (tfvars) too.
pub fn outline(file: &File) -> Vec<OutlineItem> {
    body_items(&file.body, 0)
}

fn body_items(body: &Body, depth: usize) -> Vec<OutlineItem> {
    // Source order across attributes and blocks.
    let mut items: Vec<OutlineItem> = body
        .attributes
        .iter()
        .map(|a| OutlineItem {
            name: a.name.name.clone(),
            kind: OutlineKind::Attribute,
            block_type: "attribute".into(),
            span: a.span,
            selection_span: a.name.span,
            children: Vec::new(),
        })
        .collect();
    if depth < MAX_OUTLINE_DEPTH {
        for b in &body.blocks {
            let mut name = b.kind.name.clone();
            for l in &b.labels {
                if l.quoted {
                    name.push_str(&format!(" \"{}\"", l.value));
                } else {
                    name.push(' ');
                    name.push_str(&l.value);
                }
            }
            items.push(OutlineItem {
                name,
                kind: if depth == 0 {
                    OutlineKind::Block
                } else {
                    OutlineKind::NestedBlock
                },
                block_type: b.kind.name.clone(),
                span: b.span,
                selection_span: b.labels.last().map_or(b.kind.span, inner_label_span),
                children: body_items(&b.body, depth + 1),
            });
        }
    }
    items.sort_by_key(|i| i.span.start);
    items
}

/// A symbol found by [`LangWorkspace::workspace_symbols`].
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceSymbol {
    pub kind: SymbolKind,
    /// `region`, `aws_s3_bucket.logs`…
    pub name: String,
    /// `variable`, `resource`… (for display).
    pub kind_label: &'static str,
    pub module_dir: PathBuf,
    pub path: PathBuf,
    pub span: Span,
    pub name_span: Span,
    /// Higher is a better match.
    pub score: u32,
}

/// How well `name` matches `query` (lower-case): exact > prefix > word prefix > substring >
/// subsequence; `None` when it does not match.
pub(crate) fn match_score(name: &str, query: &str) -> Option<u32> {
    if query.is_empty() {
        return Some(1);
    }
    let n = name.to_ascii_lowercase();
    if n == query {
        return Some(1000);
    }
    if n.starts_with(query) {
        return Some(800 - (n.len() - query.len()).min(200) as u32);
    }
    if let Some(i) = n.find(query) {
        let at_word = i > 0 && matches!(n.as_bytes()[i - 1], b'_' | b'.' | b'-');
        return Some(if at_word { 600 } else { 400 } - (i as u32).min(100));
    }
    // Subsequence (fuzzy): every query character in order.
    let mut chars = n.chars();
    let mut gaps = 0u32;
    for q in query.chars() {
        let mut found = false;
        for c in chars.by_ref() {
            if c == q {
                found = true;
                break;
            }
            gaps += 1;
        }
        if !found {
            return None;
        }
    }
    Some(200u32.saturating_sub(gaps.min(190)))
}

impl LangWorkspace {
    /// The outline of a workspace file (`None` if the file is not in the workspace).
    pub fn outline(&self, path: &Path) -> Option<Vec<OutlineItem>> {
        self.file(path).map(|f| outline(f))
    }

    /// Symbols whose name matches `query` (case-insensitive substring or fuzzy
    /// subsequence; for resources the `type.name` and the name alone), best first, at most
    /// `limit`.
    pub fn workspace_symbols(&self, query: &str, limit: usize) -> Vec<WorkspaceSymbol> {
        let q = query.trim().to_ascii_lowercase();
        let mut out = Vec::new();
        for idx in self.indexes() {
            for d in &idx.defs {
                let short = d.name.rsplit('.').next().unwrap_or(&d.name);
                let score = match_score(&d.name, &q)
                    .into_iter()
                    .chain(match_score(short, &q))
                    .max();
                if let Some(score) = score {
                    out.push(WorkspaceSymbol {
                        kind: d.kind,
                        name: d.name.clone(),
                        kind_label: kind_word(d.kind),
                        module_dir: idx.dir.clone(),
                        path: d.file.to_path_buf(),
                        span: d.span,
                        name_span: d.name_span,
                        score,
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.name.len().cmp(&b.name.len()))
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.path.cmp(&b.path))
        });
        out.truncate(limit);
        out
    }
}
