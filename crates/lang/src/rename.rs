//! Rename: the text edits of every file that renaming a symbol needs (its declaration and
//! every reference, across module boundaries), as a preview. Nothing is written here.

use crate::navigate::SymbolAt;
use crate::text::is_identifier;
use crate::workspace::LangWorkspace;
use orbis_hcl::{Span, SymbolKey, SymbolKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Replace `span` (bytes of the file's current text) with `new_text`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

/// The edits of one file, sorted, non-overlapping.
#[derive(Debug, Clone, PartialEq)]
pub struct FileEdits {
    pub path: PathBuf,
    pub edits: Vec<TextEdit>,
}

/// What a rename would change.
#[derive(Debug, Clone, PartialEq)]
pub struct RenamePlan {
    pub key: SymbolKey,
    /// What is renamed, e.g. `variable region`, `resource aws_s3_bucket.logs`.
    pub symbol: String,
    /// The name as written in the declaration's label (`logs` for `aws_s3_bucket.logs`).
    pub old_name: String,
    pub new_name: String,
    pub files: Vec<FileEdits>,
    /// Things the user should know (a resource's address changes in the state).
    pub warnings: Vec<String>,
}

impl RenamePlan {
    pub fn edit_count(&self) -> usize {
        self.files.iter().map(|f| f.edits.len()).sum()
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RenameError {
    #[error("there is no variable, local, resource, data source, module or output at the cursor")]
    NoSymbol,
    #[error("{0} is not declared in this workspace, so it cannot be renamed")]
    NotDeclared(String),
    #[error("{0}")]
    InvalidName(String),
    #[error("{0}")]
    Clash(String),
}

impl RenameError {
    /// True for `NoSymbol` (the app reports it as "no symbol", the rest as an invalid rename).
    pub fn is_no_symbol(&self) -> bool {
        matches!(self, RenameError::NoSymbol)
    }
}

pub(crate) fn kind_word(kind: SymbolKind) -> &'static str {
    match kind {
        SymbolKind::Variable => "variable",
        SymbolKind::Local => "local value",
        SymbolKind::Resource => "resource",
        SymbolKind::DataSource => "data source",
        SymbolKind::Module => "module call",
        SymbolKind::Output => "output",
    }
}

/// Variable names Terraform reserves (they are module call meta-arguments).
const RESERVED_VARIABLE_NAMES: &[&str] = &[
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "lifecycle",
    "depends_on",
    "locals",
];

impl LangWorkspace {
    /// The edits renaming the symbol at `byte` of `path` to `new_name` needs: the declaration's
    /// name and every reference (for a child module's variable, the argument names in the
    /// parents' module calls too; for an output, every `module.m.out` in the parents).
    /// `new_name` may carry the reference prefix (`var.x`, `aws_s3_bucket.x`).
    pub fn rename(
        &self,
        path: &Path,
        byte: usize,
        new_name: &str,
    ) -> Result<RenamePlan, RenameError> {
        let at = self.symbol_at(path, byte).ok_or(RenameError::NoSymbol)?;
        self.rename_symbol(&at, new_name)
    }

    fn rename_symbol(&self, at: &SymbolAt, new_name: &str) -> Result<RenamePlan, RenameError> {
        let key = &at.key;
        let word = kind_word(key.kind);
        let display = format!("{word} {}", key.name);
        let defs = self.definitions_of(key);
        if defs.is_empty() {
            return Err(RenameError::NotDeclared(display));
        }
        let (type_prefix, old_name) = match key.name.split_once('.') {
            Some((t, n)) if matches!(key.kind, SymbolKind::Resource | SymbolKind::DataSource) => {
                (Some(t), n)
            }
            _ => (None, key.name.as_str()),
        };
        let new_name = strip_reference_prefix(key.kind, type_prefix, new_name.trim());
        if !is_identifier(new_name) {
            return Err(RenameError::InvalidName(format!(
                "{new_name:?} is not a valid name: a name starts with a letter or underscore and \
                 contains only letters, digits, underscores and dashes"
            )));
        }
        if new_name == old_name {
            return Err(RenameError::InvalidName(format!(
                "the {word} is already named {new_name:?}"
            )));
        }
        if key.kind == SymbolKind::Variable && RESERVED_VARIABLE_NAMES.contains(&new_name) {
            return Err(RenameError::InvalidName(format!(
                "{new_name:?} is reserved by Terraform and cannot name a variable"
            )));
        }
        let full_new = match type_prefix {
            Some(t) => format!("{t}.{new_name}"),
            None => new_name.to_string(),
        };
        let new_key = SymbolKey {
            name: full_new.clone(),
            ..key.clone()
        };
        if let Some(d) = self.definitions_of(&new_key).first() {
            return Err(RenameError::Clash(format!(
                "a {word} named {full_new:?} already exists in this module ({})",
                self.describe_place(&d.path, &d.name_span)
            )));
        }
        if key.kind == SymbolKind::Variable {
            for (parent, call) in self.callers_of(&key.module_dir) {
                if let Some(c) = parent.call(&call) {
                    if c.arguments.iter().any(|a| a == new_name) {
                        return Err(RenameError::Clash(format!(
                            "module \"{call}\" ({}) already sets an argument named {new_name:?}",
                            self.describe_place(&c.file, &c.span)
                        )));
                    }
                }
            }
        }

        let mut by_file: BTreeMap<PathBuf, Vec<TextEdit>> = BTreeMap::new();
        for d in &defs {
            by_file.entry(d.path.clone()).or_default().push(TextEdit {
                span: d.name_span,
                new_text: new_name.to_string(),
            });
        }
        for (file, r) in self.occurrences(key) {
            by_file.entry(file).or_default().push(TextEdit {
                span: r.name_span,
                new_text: new_name.to_string(),
            });
        }
        let files = by_file
            .into_iter()
            .map(|(path, mut edits)| {
                edits.sort_by_key(|e| (e.span.start, e.span.end));
                edits.dedup_by_key(|e| (e.span.start, e.span.end));
                FileEdits { path, edits }
            })
            .collect();

        let mut warnings = Vec::new();
        match key.kind {
            SymbolKind::Resource => warnings.push(format!(
                "The address changes from {} to {full_new}: without a `moved` block \
                 (from = {}, to = {full_new}) Terraform plans to destroy and re-create it.",
                key.name, key.name
            )),
            SymbolKind::Module => warnings.push(format!(
                "Addresses in the state change from module.{0} to module.{new_name}: without a \
                 `moved` block (from = module.{0}, to = module.{new_name}) Terraform plans to \
                 destroy and re-create everything in it.",
                key.name
            )),
            _ => {}
        }
        if matches!(key.kind, SymbolKind::Variable | SymbolKind::Output)
            && self.is_root_like(&key.module_dir)
        {
            let what = if key.kind == SymbolKind::Variable {
                "values set with -var, TF_VAR_ environment variables or var files outside the \
                 module folder"
            } else {
                "scripts or remote state readers using this output"
            };
            warnings.push(format!("Not updated: {what}."));
        }
        Ok(RenamePlan {
            key: key.clone(),
            symbol: display,
            old_name: old_name.to_string(),
            new_name: new_name.to_string(),
            files,
            warnings,
        })
    }

    /// A module no workspace module calls (a root module).
    fn is_root_like(&self, dir: &Path) -> bool {
        self.callers_of(dir).is_empty()
    }

    pub(crate) fn describe_place(&self, path: &Path, span: &Span) -> String {
        let rel = path
            .strip_prefix(self.root())
            .unwrap_or(path)
            .display()
            .to_string();
        format!("{rel}:{}", span.line())
    }
}

/// `var.x` → `x` for a variable, `aws_s3_bucket.x` → `x` for a resource of that type, etc.
fn strip_reference_prefix<'a>(kind: SymbolKind, type_prefix: Option<&str>, s: &'a str) -> &'a str {
    let prefix = match (kind, type_prefix) {
        (SymbolKind::Variable, _) => "var.".to_string(),
        (SymbolKind::Local, _) => "local.".to_string(),
        (SymbolKind::Module, _) => "module.".to_string(),
        (SymbolKind::Resource, Some(t)) => format!("{t}."),
        (SymbolKind::DataSource, Some(t)) => format!("data.{t}."),
        _ => return s,
    };
    s.strip_prefix(prefix.as_str()).unwrap_or(s)
}
