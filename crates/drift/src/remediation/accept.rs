//! "Accept into code": for a changed resource whose block is found in the workspace's `.tf`
//! files, rewrite the drifted arguments to the live values and show the block's diff.
//! Only literal arguments are rewritten (an expression with references cannot take a value
//! without changing its meaning); those, and resources in modules or not found, come back as
//! notes. Nothing is written: the caller shows the diff or applies `new_text`.

use super::hcl_literal::render_value;
use crate::diff::unified_diff;
use crate::report::{ResourceDrift, Status};
use orbis_hcl::{eval_static, Block, File};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AcceptEdit {
    pub address: String,
    /// The file holding the block (None when not found).
    pub file: Option<PathBuf>,
    /// Unified diff of the resource block (empty when nothing could be rewritten).
    pub diff: String,
    /// The whole file's text after the edit (None when nothing changed).
    #[serde(skip)]
    pub new_text: Option<String>,
    /// Why some drifted attributes were not rewritten.
    pub notes: Vec<String>,
}

/// Edits for every changed resource of `drifts`, looking for blocks in `dir`'s `.tf` files
/// (the root module: resources in child modules are reported as notes).
pub fn accept_changes(dir: &Path, drifts: &[ResourceDrift]) -> Vec<AcceptEdit> {
    let files = tf_files(dir);
    drifts
        .iter()
        .filter(|d| d.status == Status::Changed)
        .map(|d| accept_one(dir, &files, d))
        .collect()
}

fn tf_files(dir: &Path) -> Vec<File> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tf"))
        .collect();
    paths.sort();
    paths.iter().map(|p| orbis_hcl::parse_file(p)).collect()
}

fn accept_one(dir: &Path, files: &[File], d: &ResourceDrift) -> AcceptEdit {
    let address = d
        .address
        .clone()
        .unwrap_or_else(|| format!("{}.{}", d.resource_type, d.id));
    let mut edit = AcceptEdit {
        address: address.clone(),
        file: None,
        diff: String::new(),
        new_text: None,
        notes: Vec::new(),
    };
    let base = address.split('[').next().unwrap_or(&address);
    if base.starts_with("module.") {
        edit.notes.push(format!(
            "{address} is in a child module: edit the module's code"
        ));
        return edit;
    }
    let Some((rtype, name)) = base.split_once('.') else {
        edit.notes
            .push(format!("{address} is not a resource address"));
        return edit;
    };
    let found = files.iter().find_map(|f| {
        f.blocks_of("resource")
            .find(|b| b.label(0) == Some(rtype) && b.label(1) == Some(name))
            .map(|b| (f, b))
    });
    let Some((file, block)) = found else {
        edit.notes.push(format!(
            "no `resource \"{rtype}\" \"{name}\"` block in {}",
            dir.display()
        ));
        return edit;
    };
    edit.file = Some(file.path.clone());
    // Group nested changes (`tags.Owner`) under their top-level argument.
    let mut by_top: BTreeMap<&str, Vec<(&str, &Value)>> = BTreeMap::new();
    for c in &d.changes {
        let top = c.attribute.split(['.', '[']).next().unwrap_or(&c.attribute);
        by_top
            .entry(top)
            .or_default()
            .push((c.attribute.as_str(), &c.live));
    }
    // (byte range, replacement) edits, applied back to front.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (top, changes) in by_top {
        match block.body.attribute(top) {
            Some(attr) => {
                let current = eval_static(&attr.expr);
                if !current.is_known() {
                    edit.notes
                        .push(format!("{top}: set by an expression, update it by hand"));
                    continue;
                }
                let mut value = current.to_json();
                for (path, live) in &changes {
                    set_path(
                        &mut value,
                        &path.split('.').skip(1).collect::<Vec<_>>(),
                        (*live).clone(),
                    );
                }
                let indent = attr.span.start_pos.column.saturating_sub(1) as usize / 2;
                edits.push((attr.expr.span.range(), render_value(&value, indent)));
            }
            None => {
                let (path, live) = changes[0];
                if changes.len() > 1 || path != top {
                    edit.notes.push(format!(
                        "{top}: not set in the block; nested drift is left to you"
                    ));
                    continue;
                }
                if live.is_null() {
                    continue;
                }
                let at = closing_brace(file, block);
                edits.push((at..at, format!("  {top} = {}\n", render_value(live, 1))));
            }
        }
    }
    if edits.is_empty() {
        return edit;
    }
    let mut text = file.source.clone();
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let block_range = block.span.range();
    let mut block_end = block_range.end;
    for (range, new) in edits {
        block_end = block_end + new.len() - range.len();
        text.replace_range(range, &new);
    }
    let old_block = &file.source[block_range.clone()];
    let new_block = &text[block_range.start..block_end];
    let label = file
        .path
        .strip_prefix(dir)
        .unwrap_or(&file.path)
        .display()
        .to_string();
    edit.diff = unified_diff(
        &label,
        &format!("{old_block}\n"),
        &format!("{new_block}\n"),
        block.span.start_pos.line as usize,
    );
    edit.new_text = Some(text);
    edit
}

/// Byte offset of the start of the line holding the block's closing brace.
fn closing_brace(file: &File, block: &Block) -> usize {
    let end = block.span.range().end;
    let before = &file.source[..end.saturating_sub(1)];
    before.rfind('\n').map_or(end.saturating_sub(1), |i| i + 1)
}

fn set_path(v: &mut Value, path: &[&str], live: Value) {
    match path.split_first() {
        None => *v = live,
        Some((k, rest)) => {
            if !v.is_object() {
                *v = Value::Object(Default::default());
            }
            if let Value::Object(m) = v {
                if rest.is_empty() && live.is_null() {
                    m.remove(*k);
                } else {
                    set_path(m.entry(k.to_string()).or_insert(Value::Null), rest, live);
                }
            }
        }
    }
}
