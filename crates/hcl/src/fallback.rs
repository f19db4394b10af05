//! Block-local re-parsing for [`crate::Document::edit`]: the region of an edit is parsed alone,
//! from the start of the top-level item (attribute or block) holding the edit's start (or the
//! end of the item before it) to the start of the first top-level item after the edit's end
//! that starts on a later line (or the end of the file). A region that is one large block
//! edited inside its braces narrows to the items of the block's body the same way, and so on
//! down. Syntax errors of the old model count as items, and a region takes in whole every
//! range whose last region parse had errors, so it starts and ends where a clean model had an
//! item boundary.
//!
//! The region is parsed as a range of the whole text (tree-sitter's included ranges), so its
//! nodes carry the file's byte offsets, lines and columns; its items, comments and diagnostics
//! replace the old ones of the region, what follows keeps its model, shifted, and the blocks
//! around a nested region end later. Clean items compose: a region that parses without errors
//! in a model without errors gives exactly the whole-file parse's model.

use crate::ast::{Body, Comment};
use crate::convert::kind::NodeKind;
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
/// (`start..new_end`), inside the body of the blocks `path` (indices into `blocks` from the
/// top level down; empty: the top level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
    pub path: Vec<usize>,
}

/// The root of `tree` is a bare object (JSON-like tfvars), not a body of items.
pub(crate) fn has_bare_object(tree: &tree_sitter::Tree) -> bool {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let found = root.children(&mut cursor).any(|c| c.kind_str() == "object");
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
    /// A region holding one block larger than this goes down into the block's body.
    pub nest_min: usize,
}

/// The region to re-parse for an edit, from the old model `old` and the new `text`.
pub(crate) fn region(old: &File, text: &str, at: &At) -> Region {
    let (old_len, edit) = (at.old_len, at.edit);
    let new_end = |old_end: usize| (old_end as i64 + edit.delta()) as usize;
    if at.bare_object {
        return Region {
            start: 0,
            old_end: old_len,
            new_end: new_end(old_len),
            path: Vec::new(),
        };
    }
    // Items inside a broken range came from error recovery: a region never starts or ends
    // among them but takes the whole range (whose ends were item boundaries of a clean model),
    // and takes it when it only touches it too.
    let broken = broken_in_old_text(at);
    // Syntax errors count as items too: the text they cover is no clean sequence of items (an
    // error outside any item may hold a block header whose body became top-level items).
    let errors: Vec<(usize, usize)> = old
        .diagnostics
        .iter()
        .map(|d| (d.span.start as usize, d.span.end.max(d.span.start) as usize))
        .collect();
    let (mut lo, mut hi) = (0, old_len);
    let mut body = &old.body;
    let mut path = Vec::new();
    loop {
        let inside = |(a, b): &(usize, usize)| *a >= lo && *b <= hi;
        let level_errors = errors.iter().filter(|e| inside(e)).map(|&(a, b)| Span {
            start: a as u32,
            end: b as u32,
            ..Span::default()
        });
        let (start, old_end) = bounds(body, level_errors, lo, hi, edit);
        let (start, old_end) = grow(start, old_end, &broken, lo, hi);
        // A region that is one large block, edited inside its braces, goes down into its body
        // (a 500-line `locals` block is no unit to re-parse on every keystroke), unless an
        // error or a broken range crosses the braces.
        let deeper = (old_end - start > at.nest_min)
            .then(|| {
                body.blocks.iter().enumerate().find(|(_, b)| {
                    let (open, close) = (b.body.span.start as usize, b.body.span.end as usize);
                    let crosses = |(x, y): &(usize, usize)| {
                        *x < b.span.end as usize
                            && y.max(x) >= &(b.span.start as usize)
                            && (*x <= open || *y >= close)
                    };
                    (b.span.start as usize) >= start
                        && (b.span.end as usize) <= old_end
                        && open < edit.start
                        && close > edit.old_end
                        && (b.body.span.end_pos.line as usize).saturating_sub(1) > edit.old_end_row
                        && text.as_bytes().get(open) == Some(&b'{')
                        && text.as_bytes().get(new_end(close - 1)) == Some(&b'}')
                        && !errors.iter().any(crosses)
                        && !broken.iter().any(crosses)
                })
            })
            .flatten();
        let Some((i, block)) = deeper else {
            return Region {
                start,
                old_end,
                new_end: new_end(old_end),
                path,
            };
        };
        (lo, hi) = (
            block.body.span.start as usize + 1,
            block.body.span.end as usize - 1,
        );
        path.push(i);
        body = &block.body;
    }
}

/// The broken ranges (new text) in bytes of the old text; a range the edit touched grows to
/// cover what the edit replaced.
fn broken_in_old_text(at: &At) -> Vec<(usize, usize)> {
    let edit = at.edit;
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
    at.broken
        .iter()
        .map(|b| (to_old(b.start, false), to_old(b.end, true)))
        .collect()
}

/// `start..end` grown over the broken ranges it overlaps or touches (typing the `}` a broken
/// block misses, right after it, must re-parse the block too), within `lo..hi`.
fn grow(
    mut start: usize,
    mut end: usize,
    broken: &[(usize, usize)],
    lo: usize,
    hi: usize,
) -> (usize, usize) {
    loop {
        let grown = broken
            .iter()
            .filter(|(s, e)| *s <= end && *e >= start && (*s < start || *e > end))
            .fold((start, end), |(s0, e0), (s, e)| {
                (s0.min(*s).max(lo), e0.max(*e).min(hi))
            });
        if grown == (start, end) {
            return (start, end);
        }
        (start, end) = grown;
    }
}

/// `region` with the next item of its body (or up to the body's end), if there is one.
fn longer(old: &File, region: &Region, at: &At) -> Option<Region> {
    let (mut body, mut lo, mut hi) = (&old.body, 0, at.old_len);
    for &i in &region.path {
        let block = body.blocks.get(i)?;
        (lo, hi) = (
            block.body.span.start as usize + 1,
            block.body.span.end as usize - 1,
        );
        body = &block.body;
    }
    if region.old_end >= hi {
        return None;
    }
    let mut items: Vec<(usize, usize)> = body
        .attributes
        .iter()
        .map(|a| a.span)
        .chain(body.blocks.iter().map(|b| b.span))
        .chain(old.diagnostics.iter().map(|d| d.span))
        .map(|s| (s.start as usize, s.end as usize))
        .filter(|(s, e)| e > s && *s >= region.old_end && *e <= hi)
        .collect();
    items.sort_unstable();
    // The first item from the end on, and whatever overlaps it; the region ends where the
    // next one starts.
    let mut reach = None;
    let mut end = hi;
    for (s, e) in items {
        match reach {
            Some(r) if s >= r => {
                end = s;
                break;
            }
            _ => reach = Some(reach.map_or(e, |r: usize| r.max(e))),
        }
    }
    let (start, end) = grow(region.start, end, &broken_in_old_text(at), lo, hi);
    Some(Region {
        start,
        old_end: end,
        new_end: (end as i64 + at.edit.delta()) as usize,
        path: region.path.clone(),
    })
}

/// The region of an edit among the items of `body` (and `extra` spans counted as items),
/// between `lo` and `hi` (the body's interior; the whole text at the top level).
fn bounds(
    body: &Body,
    extra: impl Iterator<Item = Span>,
    lo: usize,
    hi: usize,
    edit: &Edit,
) -> (usize, usize) {
    // Items: (start, end, 0-based start row), in source order.
    let mut items: Vec<(usize, usize, usize)> = body
        .attributes
        .iter()
        .map(|a| a.span)
        .chain(body.blocks.iter().map(|b| b.span))
        .chain(extra.filter(|s| s.end > s.start))
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
    // whitespace and comments), else the start of the body.
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
                .unwrap_or(lo)
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
    let mut end = hi;
    for &(s, e, row) in items.iter().filter(|(s, _, _)| *s >= start) {
        if s > edit.old_end && row > edit.old_end_row && s >= reach {
            end = s;
            break;
        }
        reach = reach.max(e);
    }
    (
        start.max(lo).min(edit.start),
        end.max(edit.old_end).min(hi.max(edit.old_end)),
    )
}

/// Parses the region of an edit in the new `text` alone and converts it.
pub(crate) fn parse_region(
    old: &File,
    text: &str,
    lines: &LineIndex,
    at: &At,
    limits: ParseLimits,
) -> RegionModel {
    let region = region(old, text, at);
    let model = parse_range(region, text, lines, limits);
    if model.valid {
        return model;
    }
    // The last item of the region may go on in the next one (`a` then `b {` is the block
    // `a b {`; a block header whose body follows): with one more item, it may parse cleanly.
    match longer(old, &model.region, at) {
        Some(longer) => {
            let retry = parse_range(longer, text, lines, limits);
            if retry.valid {
                retry
            } else {
                model
            }
        }
        None => model,
    }
}

/// Parses the bytes of `region` in the new `text` alone and converts them.
fn parse_range(region: Region, text: &str, lines: &LineIndex, limits: ParseLimits) -> RegionModel {
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
            let mut conv = Converter::new(text).at_depth(model.region.path.len());
            model.body = conv.config_file(&root);
            conv.report_syntax_errors(&root);
            model.bare_object = has_bare_object(&tree);
            // A bare object (JSON-like tfvars) is a whole file, never a part of one: next to
            // other items it is a syntax error, as the whole-file parse would say.
            if start > 0 || end < text.len() {
                for object in root
                    .children(&mut root.walk())
                    .filter(|c| c.kind_str() == "object")
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
        path: block_path,
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
        mut body,
        comments: old_comments,
        diagnostics: old_diagnostics,
        ..
    } = old;
    splice_body(&mut body, &block_path, model.body, start, old_end, &shift);
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
    let mut placed = false;
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

/// Replaces the items of the region `start..old_end` in the body of the blocks `path` under
/// `body` with `items`, shifting what follows; the blocks on the path end later.
fn splice_body(
    body: &mut Body,
    path: &[usize],
    items: Body,
    start: usize,
    old_end: usize,
    shift: &Shift,
) {
    let after = |s: &Span| (s.start as usize) >= old_end;
    if let Some((&inside, deeper)) = path.split_first() {
        for a in body.attributes.iter_mut().filter(|a| after(&a.span)) {
            shift.attribute(a);
        }
        for (i, b) in body.blocks.iter_mut().enumerate() {
            if i == inside {
                shift.end(&mut b.span);
                shift.end(&mut b.body.span);
                crate::stack::guard(|| {
                    splice_body(&mut b.body, deeper, items, start, old_end, shift)
                });
                // `items` moved into the one block on the path.
                return shift_rest(body, i + 1, old_end, shift);
            }
            if after(&b.span) {
                shift.block(b);
            }
        }
        return;
    }
    let before = |s: &Span| (s.start as usize) < start;
    let (mut attrs, mut blocks) = (items.attributes.into_iter(), items.blocks.into_iter());
    let old_attrs = std::mem::take(&mut body.attributes);
    let mut placed = false;
    for mut a in old_attrs {
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
    let old_blocks = std::mem::take(&mut body.blocks);
    placed = false;
    for mut b in old_blocks {
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
}

/// Shifts the blocks of `body` from index `from` on that start after `old_end`.
fn shift_rest(body: &mut Body, from: usize, old_end: usize, shift: &Shift) {
    for b in body.blocks[from..].iter_mut() {
        if (b.span.start as usize) >= old_end {
            shift.block(b);
        }
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
