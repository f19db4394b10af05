//! Block-local re-parsing for [`crate::Document::edit`]: the region of an edit is parsed alone,
//! from the start of the top-level item (attribute or block) holding the edit's start (or the
//! end of the item before it) to the start of the first top-level item after the edit's end
//! that starts on a later line (or the end of the file). Syntax errors of the old model count
//! as items, and a region takes in whole every range whose last region parse had errors, so it
//! always starts and ends where a clean model had an item boundary. The region is parsed as a
//! range of the whole text (tree-sitter's included ranges), so its nodes carry the file's byte
//! offsets, lines and columns; its items, comments and diagnostics replace the old ones of the
//! region, and what follows keeps its model, shifted. A region of a few blocks parses in a
//! fraction of a millisecond even when broken, where tree-sitter's recovery of a whole
//! 5,000-line file takes up to half a second.

use crate::ast::{Body, Comment};
use crate::convert::Converter;
use crate::diagnostic::{codes, Diagnostic};
use crate::file::File;
use crate::parse::{parse_tree_within, ParseLimits, Parsed};
use crate::shift::Shift;
use crate::span::{LineIndex, Pos, Span};
use std::ops::Range;

/// An edit: bytes `start..old_end` of the old text became `start..new_end` of the new text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
    /// 0-based row of `old_end` in the old text.
    pub old_end_row: usize,
    /// Rows added (negative: removed).
    pub row_delta: i64,
}

impl Edit {
    fn delta(&self) -> i64 {
        self.new_end as i64 - self.old_end as i64
    }
}

/// The region of an edit, in bytes of the old text (`start..old_end`) and of the new text
/// (`start..new_end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

/// The root of `tree` is a bare object (JSON-like tfvars), not a body of items.
pub(crate) fn has_bare_object(tree: &tree_sitter::Tree) -> bool {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let found = root.children(&mut cursor).any(|c| c.kind() == "object");
    found
}

/// The model of a region, in the file's coordinates.
pub(crate) struct RegionModel {
    pub region: Region,
    pub body: Body,
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
    /// The region parsed without any error (and as items, not a bare object).
    pub valid: bool,
    /// The region parsed as a bare object (then it is the whole file).
    pub bare_object: bool,
}

impl RegionModel {
    /// Bytes of the new text in the region.
    pub fn len(&self) -> usize {
        self.region.new_end.saturating_sub(self.region.start)
    }
}

/// Where an edit happened: the old text's length, the edit, and the ranges of the new text
/// whose items came from a region parse with errors.
pub(crate) struct At<'a> {
    pub old_len: usize,
    pub edit: &'a Edit,
    pub broken: &'a [Range<usize>],
    /// The file is a bare object (JSON-like tfvars): it has no items to re-parse alone.
    pub bare_object: bool,
}

/// The region to re-parse for an edit, from the old model `old`.
pub(crate) fn region(old: &File, at: &At) -> Region {
    let (old_len, edit) = (at.old_len, at.edit);
    if at.bare_object {
        return Region {
            start: 0,
            old_end: old_len,
            new_end: (old_len as i64 + edit.delta()) as usize,
        };
    }
    // Top-level items of the old model: (start, end, 0-based start row), in source order.
    // Syntax errors count as items: the text they cover is no clean sequence of items (an
    // error outside any item may hold a block header whose body became top-level items), so a
    // region never starts or ends inside one.
    let errors = old
        .diagnostics
        .iter()
        .map(|d| d.span)
        .filter(|s| s.end > s.start);
    let mut items: Vec<(usize, usize, usize)> = old
        .body
        .attributes
        .iter()
        .map(|a| a.span)
        .chain(old.body.blocks.iter().map(|b| b.span))
        .chain(errors)
        .map(|s| {
            (
                s.start as usize,
                (s.end as usize).max(s.start as usize),
                s.start_pos.line.saturating_sub(1) as usize,
            )
        })
        .collect();
    items.sort_unstable();
    // Start: the item holding the edit's start (ends included: typing right after an item
    // changes it), else the end of the last item before the edit (the text between is
    // whitespace and comments), else the start of the file.
    let mut start = items
        .iter()
        .filter(|(s, e, _)| *s <= edit.start && edit.start <= *e)
        .map(|(s, _, _)| *s)
        .min()
        .unwrap_or_else(|| {
            items
                .iter()
                .filter(|(_, e, _)| *e < edit.start)
                .map(|(_, e, _)| *e)
                .max()
                .unwrap_or(0)
        });
    // Items never straddle the start (they cannot overlap in a model, but stay safe).
    while let Some(s) = items
        .iter()
        .filter(|(s, e, _)| *s < start && start < *e)
        .map(|(s, _, _)| *s)
        .min()
    {
        start = s;
    }
    // End: the first item after the edit that starts on a later line than the edit's end
    // (so the items from there on keep their columns) and after every item before it.
    let mut reach = start;
    let mut old_end = old_len;
    for &(s, e, row) in items.iter().filter(|(s, _, _)| *s >= start) {
        if s > edit.old_end && row > edit.old_end_row && s >= reach {
            old_end = s;
            break;
        }
        reach = reach.max(e);
    }
    let mut old_end = old_end.max(edit.old_end).min(old_len);
    // Items inside a broken range came from error recovery: a region never starts or ends
    // among them but takes the whole range (whose ends were item boundaries of a clean model).
    let to_old = |p: usize, is_end: bool| {
        if p < edit.start || (p == edit.start && !is_end) {
            p
        } else if p >= edit.new_end {
            (p as i64 - edit.delta()) as usize
        } else if is_end {
            edit.old_end
        } else {
            edit.start
        }
    };
    loop {
        let grown = at
            .broken
            .iter()
            .map(|b| (to_old(b.start, false), to_old(b.end, true)))
            .filter(|(s, e)| *s < old_end && *e > start && (*s < start || *e > old_end))
            .fold((start, old_end), |(s0, e0), (s, e)| {
                (s0.min(s), e0.max(e).min(old_len))
            });
        if grown == (start, old_end) {
            break;
        }
        (start, old_end) = grown;
    }
    Region {
        start,
        old_end,
        new_end: (old_end as i64 + edit.delta()) as usize,
    }
}

/// Parses the region of `edit` in the new `text` alone and converts it.
pub(crate) fn parse_region(
    old: &File,
    text: &str,
    lines: &LineIndex,
    at: &At,
    limits: ParseLimits,
) -> RegionModel {
    let region = region(old, at);
    let (start, end) = (region.start, region.new_end.min(text.len()));
    let range = tree_sitter::Range {
        start_byte: start,
        end_byte: end,
        start_point: lines.point(start),
        end_point: lines.point(end),
    };
    let mut model = RegionModel {
        region,
        body: Body::default(),
        comments: Vec::new(),
        diagnostics: Vec::new(),
        valid: false,
        bare_object: false,
    };
    match parse_tree_within(text, limits, None, None, Some(range)) {
        Parsed::Tree(tree) => {
            let root = tree.root_node();
            let mut conv = Converter::new(text);
            model.body = conv.config_file(&root);
            conv.report_syntax_errors(&root);
            model.bare_object = has_bare_object(&tree);
            // A bare object (JSON-like tfvars) is a whole file, never a part of one: next to
            // other items it is a syntax error, as the whole-file parse would say.
            if start > 0 || end < text.len() {
                for object in root
                    .children(&mut root.walk())
                    .filter(|c| c.kind() == "object")
                {
                    conv.diagnostics.push(Diagnostic::error(
                        codes::SYNTAX,
                        "syntax error: a bare object must be the whole file",
                        Span::from_node(&object),
                    ));
                }
            }
            model.valid = !root.has_error() && conv.diagnostics.is_empty();
            model.comments = conv.comments;
            model.diagnostics = conv.diagnostics;
        }
        failed => {
            // Past the deadline (or too large): the region is empty, and says why.
            let to_pos = |p: tree_sitter::Point| Pos {
                line: p.row as u32 + 1,
                column: p.column as u32 + 1,
            };
            let span = Span {
                start: start as u32,
                end: end as u32,
                start_pos: to_pos(range.start_point),
                end_pos: to_pos(range.end_point),
            };
            let d = match failed {
                Parsed::Failed(d) if d.code != codes::PARSE_TIMEOUT => Diagnostic { span, ..d },
                _ => Diagnostic::error(
                    codes::PARSE_TIMEOUT,
                    "parsing this part of the file stopped at the deadline; it is treated as empty",
                    span,
                ),
            };
            model.diagnostics.push(d);
        }
    }
    model
}

/// The model of the new `text`: `old` (the model before `edit`) with the region's items,
/// comments and diagnostics replaced by `model`'s, and what follows the region shifted.
pub(crate) fn splice(
    old: File,
    text: &str,
    lines: &LineIndex,
    edit: &Edit,
    model: RegionModel,
) -> File {
    let Region {
        start,
        old_end,
        new_end,
    } = model.region;
    let shift = Shift {
        bytes: new_end as i64 - old_end as i64,
        lines: edit.row_delta,
    };
    let before = |s: &Span| (s.start as usize) < start;
    let after = |s: &Span| (s.start as usize) >= old_end;
    let File {
        path,
        kind,
        body: old_body,
        comments: old_comments,
        diagnostics: old_diagnostics,
        ..
    } = old;

    let mut body = Body::default();
    let (mut attrs, mut blocks) = (
        model.body.attributes.into_iter(),
        model.body.blocks.into_iter(),
    );
    let mut placed = false;
    for mut a in old_body.attributes {
        if before(&a.span) {
            body.attributes.push(a);
        } else if after(&a.span) {
            if !placed {
                body.attributes.extend(attrs.by_ref());
                placed = true;
            }
            shift.attribute(&mut a);
            body.attributes.push(a);
        }
    }
    body.attributes.extend(attrs);
    placed = false;
    for mut b in old_body.blocks {
        if before(&b.span) {
            body.blocks.push(b);
        } else if after(&b.span) {
            if !placed {
                body.blocks.extend(blocks.by_ref());
                placed = true;
            }
            shift.block(&mut b);
            body.blocks.push(b);
        }
    }
    body.blocks.extend(blocks);
    // The file's body spans the whole text, as tree-sitter's root node does.
    body.span = Span {
        start: 0,
        end: text.len() as u32,
        start_pos: Pos::default(),
        end_pos: Pos {
            line: lines.line_count() as u32,
            column: (text.len() - lines.last_line_start()) as u32 + 1,
        },
    };

    let mut comments: Vec<Comment> = Vec::with_capacity(old_comments.len() + 4);
    let mut region_comments = model.comments.into_iter();
    placed = false;
    for mut c in old_comments {
        if before(&c.span) && c.span.end as usize <= start {
            comments.push(c);
        } else if after(&c.span) {
            if !placed {
                comments.extend(region_comments.by_ref());
                placed = true;
            }
            shift.span(&mut c.span);
            comments.push(c);
        }
    }
    comments.extend(region_comments);
    comments.sort_by_key(|c| c.span.start);
    comments.dedup_by_key(|c| c.span.start);

    // Old diagnostics touching the region are replaced by the region's. An empty span on a
    // boundary (a missing token) belongs to the item before it.
    let mut diagnostics = Vec::with_capacity(old_diagnostics.len() + model.diagnostics.len());
    let mut region_diagnostics = model.diagnostics.into_iter();
    placed = false;
    for mut d in old_diagnostics {
        let (s, e) = (d.span.start as usize, d.span.end as usize);
        if e <= start && (s < start || start > 0) {
            diagnostics.push(d);
        } else if s >= old_end && !(s == old_end && e == s) {
            if !placed {
                diagnostics.extend(region_diagnostics.by_ref());
                placed = true;
            }
            shift.span(&mut d.span);
            diagnostics.push(d);
        }
    }
    diagnostics.extend(region_diagnostics);

    File {
        path,
        kind,
        source: text.to_string(),
        body,
        comments,
        diagnostics,
    }
}

/// Maps `ranges` (sorted, disjoint) of the old text through `edit`; a range the edit touches
/// grows to cover what the edit inserted.
pub(crate) fn map_ranges(ranges: &mut [Range<usize>], edit: &Edit) {
    let (s, oe, ne, delta) = (edit.start, edit.old_end, edit.new_end, edit.delta());
    let shifted = |p: usize| (p as i64 + delta) as usize;
    for r in ranges.iter_mut() {
        let start = if r.start <= s {
            r.start
        } else if r.start >= oe {
            shifted(r.start)
        } else {
            s
        };
        let end = if r.end < s {
            r.end
        } else if r.end >= oe {
            shifted(r.end)
        } else {
            ne
        };
        *r = start..end.max(start);
    }
}

/// Adds `range` to `ranges` (sorted, disjoint), merging what overlaps or touches.
pub(crate) fn add_range(ranges: &mut Vec<Range<usize>>, range: Range<usize>) {
    ranges.push(range);
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges.drain(..) {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    *ranges = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, old_end: usize, new_end: usize) -> Edit {
        Edit {
            start,
            old_end,
            new_end,
            old_end_row: 0,
            row_delta: 0,
        }
    }

    #[test]
    fn ranges_follow_edits() {
        let mut r = vec![2..4, 10..12];
        map_ranges(&mut r, &edit(5, 6, 9));
        assert_eq!(r, vec![2..4, 13..15]);
        map_ranges(&mut r, &edit(3, 14, 3));
        assert_eq!(r, vec![2..3, 3..4]);
        add_range(&mut r, 8..9);
        add_range(&mut r, 1..2);
        assert_eq!(r, vec![1..4, 8..9]);
    }
}
