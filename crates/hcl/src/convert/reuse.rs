//! Incremental conversion after an edit: top-level blocks and attributes whose text and syntax
//! did not change keep their previous model (spans shifted when they moved); only the items
//! the edit touched are converted again. A keystroke in a 5,000-line file then converts one
//! block instead of the whole file.

use super::kind::NodeKind;
use super::Converter;
use crate::ast::{Attribute, Block, Body, Comment};
use crate::shift::Shift;
use crate::span::Span;
use std::collections::HashMap;
use std::ops::Range;
use tree_sitter::Node;

/// What an edit did, in the terms reuse needs.
pub(crate) struct EditInfo {
    /// Bytes `start..old_end` of the old text became `start..new_end` of the new text.
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
    /// 0-based row of `new_end` in the new text.
    pub new_end_row: usize,
    /// Rows added (negative: removed) by the edit.
    pub row_delta: i64,
    /// Ranges of the new tree whose syntax changed (tree-sitter's `changed_ranges`).
    pub changed: Vec<Range<usize>>,
    /// Ranges of the new text whose old model is not a conversion of the old tree (it came
    /// from the block-local fallback, see `crate::fallback`): never reused.
    pub dirty: Vec<Range<usize>>,
}

impl<'s> Converter<'s> {
    /// The top-level body of `root`, reusing `old` items where possible; comments of reused
    /// items are appended to `reused_comments`. `None` when the top level is not a plain body
    /// (a bare JSON-like object), which the caller converts in full.
    pub(crate) fn config_file_reusing(
        &mut self,
        root: &Node,
        old: Body,
        old_comments: &[Comment],
        edit: &EditInfo,
        reused_comments: &mut Vec<Comment>,
    ) -> Option<Body> {
        let kids = self.children(root);
        if kids.iter().any(|c| c.kind_str() != "body") {
            return None;
        }
        let mut body = Body {
            span: Span::from_node(root),
            ..Body::default()
        };
        let mut old_attrs: HashMap<u32, Attribute> = old
            .attributes
            .into_iter()
            .map(|a| (a.span.start, a))
            .collect();
        let mut old_blocks: HashMap<u32, Block> =
            old.blocks.into_iter().map(|b| (b.span.start, b)).collect();
        let delta = edit.new_end as i64 - edit.old_end as i64;
        for child in kids {
            for item in self.children(&child) {
                let kind = item.kind_str();
                if kind != "attribute" && kind != "block" {
                    continue;
                }
                let (s, e) = (item.start_byte(), item.end_byte());
                let touched = edit
                    .changed
                    .iter()
                    .chain(&edit.dirty)
                    .any(|r| r.start <= e && s <= r.end);
                let shift = if e <= edit.start {
                    Some(Shift { bytes: 0, lines: 0 })
                } else if s >= edit.new_end && item.start_position().row > edit.new_end_row {
                    Some(Shift {
                        bytes: delta,
                        lines: edit.row_delta,
                    })
                } else {
                    None
                };
                let reused = match shift {
                    Some(shift) if !touched => {
                        let old_start = (s as i64 - shift.bytes) as u32;
                        let old_end = (e as i64 - shift.bytes) as u32;
                        let moved = if kind == "attribute" {
                            take_if(&mut old_attrs, old_start, old_end, |a| a.span).map(|mut a| {
                                if !shift.is_zero() {
                                    shift.attribute(&mut a);
                                }
                                body.attributes.push(a);
                            })
                        } else {
                            take_if(&mut old_blocks, old_start, old_end, |b| b.span).map(|mut b| {
                                if !shift.is_zero() {
                                    shift.block(&mut b);
                                }
                                body.blocks.push(b);
                            })
                        };
                        if moved.is_some() {
                            let from = old_comments.partition_point(|c| c.span.start < old_start);
                            for c in old_comments[from..]
                                .iter()
                                .take_while(|c| c.span.start < old_end)
                            {
                                let mut c = c.clone();
                                shift.span(&mut c.span);
                                reused_comments.push(c);
                            }
                        }
                        moved.is_some()
                    }
                    _ => false,
                };
                if reused {
                    continue;
                }
                // As `fill_body` does.
                if kind == "attribute" {
                    if let Some(a) = self.attribute(&item) {
                        body.attributes.push(a);
                    }
                } else if self.enter(&item) {
                    if let Some(b) = crate::stack::guard(|| self.block(&item)) {
                        body.blocks.push(b);
                    }
                    self.leave();
                }
            }
        }
        Some(body)
    }
}

fn take_if<T>(
    map: &mut HashMap<u32, T>,
    start: u32,
    end: u32,
    span: impl Fn(&T) -> Span,
) -> Option<T> {
    if map.get(&start).is_some_and(|v| span(v).end == end) {
        map.remove(&start)
    } else {
        None
    }
}
