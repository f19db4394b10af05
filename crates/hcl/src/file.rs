//! A parsed file: its model, comments and diagnostics.

use crate::ast::{Block, Body, Comment};
use crate::diagnostic::{Diagnostic, Severity};
use std::path::PathBuf;

/// What a file is, from its name: it decides how a module loader treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `.tf` (and `.tofu`): configuration.
    Terraform,
    /// `.tfvars`: variable values.
    TfVars,
    /// `.hcl`: Terragrunt or other HCL.
    Hcl,
}

impl FileKind {
    pub fn from_path(path: &std::path::Path) -> FileKind {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".tfvars") {
            FileKind::TfVars
        } else if name.ends_with(".hcl") {
            FileKind::Hcl
        } else {
            FileKind::Terraform
        }
    }
}

#[derive(Debug, Clone)]
pub struct File {
    pub path: PathBuf,
    pub kind: FileKind,
    /// The source text (lossily decoded if the input was not UTF-8).
    pub source: String,
    pub body: Body,
    /// All comments in source order, with their spans (and so lines).
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
}

impl File {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Top-level blocks of one type, e.g. `file.blocks_of("resource")`.
    pub fn blocks_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.body.blocks_of(kind)
    }

    /// Comments that start on `line` (1-based).
    pub fn comments_on_line(&self, line: u32) -> impl Iterator<Item = &Comment> + '_ {
        let from = self.comments.partition_point(|c| c.span.line() < line);
        self.comments[from..]
            .iter()
            .take_while(move |c| c.span.line() == line)
    }

    /// Source text of a span (empty if out of range).
    pub fn text(&self, span: &crate::span::Span) -> &str {
        self.source.get(span.range()).unwrap_or("")
    }
}
