//! An open document, re-parsed incrementally after each edit: tree-sitter reuses the
//! unchanged subtrees of the previous tree, so a keystroke in a large file costs far less
//! than a full parse. The model is rebuilt from the new tree each time.

use crate::file::File;
use crate::parse::{build_file, parse_tree_reusing, ParseLimits};
use std::ops::Range;
use std::path::PathBuf;

pub struct Document {
    path: PathBuf,
    text: String,
    tree: Option<tree_sitter::Tree>,
    file: File,
    limits: ParseLimits,
}

impl Document {
    pub fn new(text: impl Into<String>, path: impl Into<PathBuf>) -> Document {
        let (text, path, limits) = (text.into(), path.into(), ParseLimits::default());
        let tree = parse_tree_reusing(&text, limits, None);
        let file = build_file(&text, path.clone(), tree.as_ref());
        Document {
            path,
            text,
            tree: tree.ok(),
            file,
            limits,
        }
    }

    pub fn file(&self) -> &File {
        &self.file
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the bytes `range` with `new_text` and re-parses. A range outside the text or
    /// not on character boundaries is clamped to the nearest boundaries.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) -> &File {
        let start = floor_boundary(&self.text, range.start.min(self.text.len()));
        let old_end = floor_boundary(&self.text, range.end.clamp(start, self.text.len()));
        let start_position = point_at(&self.text, start);
        let old_end_position = point_at(&self.text, old_end);
        self.text.replace_range(start..old_end, new_text);
        let new_end = start + new_text.len();
        let edit = tree_sitter::InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position: point_at(&self.text, new_end),
        };
        if let Some(t) = self.tree.as_mut() {
            t.edit(&edit);
        }
        let tree = parse_tree_reusing(&self.text, self.limits, self.tree.as_ref());
        self.file = build_file(&self.text, self.path.clone(), tree.as_ref());
        self.tree = tree.ok();
        &self.file
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Row and byte column of a byte offset, as tree-sitter counts them.
fn point_at(s: &str, byte: usize) -> tree_sitter::Point {
    let before = s.as_bytes().get(..byte).unwrap_or(s.as_bytes());
    let row = before.iter().filter(|b| **b == b'\n').count();
    let col = before.iter().rev().take_while(|b| **b != b'\n').count();
    tree_sitter::Point { row, column: col }
}
