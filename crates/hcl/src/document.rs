//! An open document, re-parsed incrementally after each edit.
//!
//! Small documents (under 4 KiB) re-parse the whole text incrementally: tree-sitter reuses the
//! unchanged subtrees of the previous tree, and the model keeps the top-level blocks and
//! attributes the edit did not touch (spans shifted); the model equals a full conversion of
//! the new tree.
//!
//! Larger documents re-parse block-locally: the top-level item around the edit (or, inside a
//! large block, the items of its body around the edit) is parsed alone and spliced into the
//! model, the rest kept, shifted (see [`crate::fallback`]). Two reasons, both measured on a
//! 5,000-line file: while an attribute is half typed (a lone `{`, an unclosed `"`),
//! tree-sitter's whole-file error recovery takes up to half a second and lets the quote swallow
//! every block after it, where the region parses in a fraction of a millisecond and keeps the
//! damage in its block; and on clean text the whole-file re-parse plus the re-conversion of
//! the touched top-level item (a 500-line `locals` block) took 1 to 8 ms, the region 0.1 ms.
//! A spliced model without syntax errors equals the whole-file parse (the randomized tests
//! check it after every edit); with errors it is the block-local approximation an editor wants
//! while typing, and [`Document::is_approximate`] says so.
//!
//! The incremental whole-file parse still runs, under a budget ([`ParseLimits::edit_budget`],
//! 2 ms of CPU), when the model has errors outside the region (an edit may mend what broke
//! elsewhere, e.g. a block header commented out and back, which no region shows: a clean
//! result replaces the model), and for a region too large to re-parse on every keystroke (over
//! 64 KiB: one huge attribute). [`Document::reparse_full`] gives the whole-file recovery of a
//! broken text.

use crate::convert::reuse::EditInfo;
use crate::fallback::{self, Edit};
use crate::file::File;
use crate::parse::{
    build_file, build_file_reusing, parse_tree_reusing, parse_tree_within, ParseLimits, Parsed,
    BLOCK_LOCAL_MIN_BYTES,
};
use crate::span::LineIndex;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A region larger than this goes through the whole-file parse first (under the budget).
const MAX_REGION_BYTES: usize = 64 * 1024;

/// A region that is one block larger than this is narrowed to the items of the block's body
/// around the edit (and so on down).
const NEST_MIN_BYTES: usize = 2 * 1024;

pub struct Document {
    path: PathBuf,
    text: String,
    /// The tree the model (outside `dirty`) was converted from, told of every edit since, so it
    /// stays a valid old tree for the next incremental parse.
    tree: Option<tree_sitter::Tree>,
    /// Shared with readers that keep the model past the edit (the editor's language index):
    /// an edit reuses the old model in place when nobody else holds it, and copies it first
    /// otherwise (see [`Document::shared_file`]).
    file: Arc<File>,
    limits: ParseLimits,
    /// The model came (partly) from region parses and has syntax errors: it may differ from
    /// the whole-file recovery.
    approximate: bool,
    /// Ranges of the text whose model came from region parses, not from `tree` (sorted,
    /// disjoint).
    dirty: Vec<Range<usize>>,
    /// The part of `dirty` whose region parse had errors: the items there came from error
    /// recovery, so their boundaries are no place to start or end a region.
    broken: Vec<Range<usize>>,
    /// The model is a bare object (JSON-like tfvars): no items to re-parse alone.
    bare_object: bool,
    /// Line starts of the text, kept through edits (positions without scanning the text).
    lines: LineIndex,
    /// See [`NEST_MIN_BYTES`] (tests lower it).
    nest_min: usize,
}

impl Document {
    pub fn new(text: impl Into<String>, path: impl Into<PathBuf>) -> Document {
        Document::with_limits(text, path, ParseLimits::default())
    }

    /// A document parsed under `limits` (deadline, size, and the edit budget).
    pub fn with_limits(
        text: impl Into<String>,
        path: impl Into<PathBuf>,
        limits: ParseLimits,
    ) -> Document {
        let (text, path) = (text.into(), path.into());
        let tree = parse_tree_reusing(&text, limits, None);
        let file = Arc::new(build_file(&text, path.clone(), tree.as_ref()));
        let bare_object = tree.as_ref().is_ok_and(fallback::has_bare_object);
        Document {
            lines: LineIndex::new(&text),
            path,
            text,
            tree: tree.ok(),
            file,
            limits,
            approximate: false,
            dirty: Vec::new(),
            broken: Vec::new(),
            bare_object,
            nest_min: NEST_MIN_BYTES,
        }
    }

    pub fn file(&self) -> &File {
        &self.file
    }

    /// The model as a shared handle (no copy). Drop it before the next edit where you can:
    /// an edit while it is still held copies the model (a 5,000-line file: ~2 ms).
    pub fn shared_file(&self) -> Arc<File> {
        Arc::clone(&self.file)
    }

    /// Takes the model out for an edit that rebuilds it from the old one.
    fn take_file(&mut self) -> File {
        let held = std::mem::replace(&mut self.file, Arc::new(placeholder(&self.path)));
        Arc::try_unwrap(held).unwrap_or_else(|shared| (*shared).clone())
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The model has syntax errors and came partly from block-local re-parses: the items
    /// around the edits were parsed alone, which is what an editor needs while typing (the
    /// other blocks keep their model and findings), but tree-sitter's recovery of the broken
    /// file as a whole differs (e.g. an unclosed quote swallowing the blocks after it).
    /// [`Document::reparse_full`] gives the whole-file model. False whenever the model has no
    /// syntax error: it then equals a full parse.
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// Replaces the bytes `range` with `new_text` and re-parses. A range outside the text or
    /// not on character boundaries is clamped to the nearest boundaries.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) -> &File {
        let start = floor_boundary(&self.text, range.start.min(self.text.len()));
        let old_end = floor_boundary(&self.text, range.end.clamp(start, self.text.len()));
        let old_len = self.text.len();
        let start_position = self.lines.point(start);
        let old_end_position = self.lines.point(old_end);
        self.text.replace_range(start..old_end, new_text);
        self.lines.edit(start, old_end, new_text);
        let new_end = start + new_text.len();
        let new_end_position = self.lines.point(new_end);
        let input = tree_sitter::InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position,
        };
        let edit = Edit {
            start,
            old_end,
            new_end,
            old_end_row: old_end_position.row,
            row_delta: new_end_position.row as i64 - old_end_position.row as i64,
        };
        fallback::map_ranges(&mut self.dirty, &edit);
        fallback::map_ranges(&mut self.broken, &edit);
        let Some(old_tree) = self.tree.as_mut() else {
            // No tree to start from (the last parse failed): a whole parse, as for a new file.
            let tree = parse_tree_reusing(&self.text, self.limits, None);
            self.file = Arc::new(build_file(&self.text, self.path.clone(), tree.as_ref()));
            self.tree = tree.ok();
            self.forget_fallback();
            return &self.file;
        };
        old_tree.edit(&input);

        let budget = self.limits.edit_budget;
        // Small documents parse whole fast enough, and a bare object has no items to parse alone.
        let local =
            budget.is_zero() || (self.text.len() >= BLOCK_LOCAL_MIN_BYTES && !self.bare_object);
        let region_of = |doc: &Document| {
            let (old, text, lines) = (&doc.file, doc.text.as_str(), &doc.lines);
            let at = fallback::At {
                old_len,
                broken: &doc.broken,
                edit: &edit,
                bare_object: doc.bare_object,
                nest_min: doc.nest_min,
            };
            fallback::parse_region(old, text, lines, &at, doc.limits)
        };
        // Large documents: the region of the edit is re-parsed alone and spliced in. With no
        // syntax error left, that model is the whole-file parse's (see `fallback`); while the
        // text is broken, the damage stays in the region.
        let mut region = None;
        if local {
            let r = region_of(self);
            if r.len() <= MAX_REGION_BYTES || budget.is_zero() {
                if !budget.is_zero() && self.errors_besides(&r) {
                    // Broken elsewhere: this edit, or an earlier one, may have mended what
                    // broke there (a block header commented out, then back), which no region
                    // shows. The whole-file parse tells, under the budget.
                    let old_tree = self.tree.as_ref();
                    let parsed =
                        parse_tree_within(&self.text, self.limits, old_tree, Some(budget), None);
                    if let Parsed::Tree(new_tree) = parsed {
                        if !new_tree.root_node().has_error() {
                            let info = EditInfo {
                                start,
                                old_end,
                                new_end,
                                new_end_row: new_end_position.row,
                                row_delta: edit.row_delta,
                                changed: old_tree
                                    .map_or_else(Vec::new, |o| changed_ranges(o, &new_tree)),
                                dirty: std::mem::take(&mut self.dirty),
                            };
                            self.rebuild(new_tree, &info);
                            return &self.file;
                        }
                    }
                }
                return self.apply_region(&edit, r);
            }
            // Too large to re-parse alone on every keystroke: the whole file first.
            region = Some(r);
        }
        let old_tree = self.tree.as_ref();
        let budget = Some(budget).filter(|_| local);
        match parse_tree_within(&self.text, self.limits, old_tree, budget, None) {
            Parsed::Tree(new_tree) => {
                let info = EditInfo {
                    start,
                    old_end,
                    new_end,
                    new_end_row: new_end_position.row,
                    row_delta: edit.row_delta,
                    changed: old_tree.map_or_else(Vec::new, |o| changed_ranges(o, &new_tree)),
                    dirty: std::mem::take(&mut self.dirty),
                };
                self.rebuild(new_tree, &info);
                &self.file
            }
            Parsed::Failed(d) if d.code != crate::codes::PARSE_TIMEOUT => {
                self.file = Arc::new(build_file(&self.text, self.path.clone(), Err(&d)));
                self.tree = None;
                self.forget_fallback();
                &self.file
            }
            Parsed::OverBudget | Parsed::Failed(_) => {
                let r = region.unwrap_or_else(|| region_of(self));
                self.apply_region(&edit, r)
            }
        }
    }

    /// Re-parses the whole text from scratch (no budget, the deadline only) when the model is
    /// approximate, so it equals a full parse again; nothing to do otherwise. From scratch:
    /// after many edits tree-sitter's incremental recovery of a broken text can differ from a
    /// fresh parse. While the text is broken this brings back the whole-file recovery (an
    /// unclosed quote may swallow every block after it, and parsing may take long): for an
    /// explicit request or an idle moment, not for every keystroke.
    pub fn reparse_full(&mut self) -> &File {
        if !self.approximate {
            return &self.file;
        }
        let tree = parse_tree_reusing(&self.text, self.limits, None);
        self.file = Arc::new(build_file(&self.text, self.path.clone(), tree.as_ref()));
        self.tree = tree.ok();
        self.forget_fallback();
        &self.file
    }

    /// The model of `new_tree` (the whole text), reusing the untouched items of the model.
    fn rebuild(&mut self, new_tree: tree_sitter::Tree, info: &EditInfo) {
        let old = self.take_file();
        self.file = Arc::new(build_file_reusing(
            &self.text,
            self.path.clone(),
            &new_tree,
            old,
            info,
        ));
        self.tree = Some(new_tree);
        self.forget_fallback();
    }

    /// The model is a conversion of `tree` again.
    fn forget_fallback(&mut self) {
        self.bare_object = self.tree.as_ref().is_some_and(fallback::has_bare_object);
        self.approximate = false;
        self.dirty.clear();
        self.broken.clear();
    }

    /// The model has a syntax error, or an item from a broken region parse, outside region `r`.
    fn errors_besides(&self, r: &fallback::RegionModel) -> bool {
        let (start, end) = (r.region.start, r.region.old_end);
        self.file
            .diagnostics
            .iter()
            .any(|d| (d.span.end as usize) < start || d.span.start as usize > end)
            || self
                .broken
                .iter()
                .any(|b| b.start < r.region.start || b.end > r.region.new_end)
    }

    /// The region's model spliced into the old one.
    fn apply_region(&mut self, edit: &Edit, region: fallback::RegionModel) -> &File {
        let (range, valid) = (region.region.start..region.region.new_end, region.valid);
        self.bare_object = region.bare_object && range == (0..self.text.len());
        let old = self.take_file();
        self.file = Arc::new(fallback::splice(old, &self.text, &self.lines, edit, region));
        // The region covers every broken range it touches (see `fallback::region`).
        self.broken
            .retain(|b| b.end <= range.start || b.start >= range.end);
        if !valid {
            fallback::add_range(&mut self.broken, range.clone());
        }
        fallback::add_range(&mut self.dirty, range);
        // Without syntax errors the spliced model is the whole-file parse's.
        self.approximate = !self.file.diagnostics.is_empty();
        &self.file
    }
}

fn changed_ranges(old: &tree_sitter::Tree, new: &tree_sitter::Tree) -> Vec<Range<usize>> {
    old.changed_ranges(new)
        .map(|r| r.start_byte..r.end_byte)
        .collect()
}

fn placeholder(path: &std::path::Path) -> File {
    File {
        path: path.to_path_buf(),
        kind: crate::file::FileKind::from_path(path),
        source: String::new(),
        body: Default::default(),
        comments: Vec::new(),
        diagnostics: Vec::new(),
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency): xorshift64*.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    const SAMPLE: &str = r#"# header comment
variable "region" {
  default = "eu-west-1" # trailing
}

locals {
  name = "x-${var.region}"
  tags = { Owner = "me", "Cost" = 1 }
}

resource "aws_security_group" "web" {
  name = local.name
  # inside
  ingress {
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "egress" {
    for_each = [for p in var.ports : p if p > 0]
    content { from_port = egress.value }
  }
}

output "o" { value = aws_security_group.web.id }
a = 1
"#;

    /// After every edit, the reused model equals a full conversion of the same tree.
    #[test]
    fn incremental_model_equals_full_conversion() {
        let inserts = [
            "x",
            "\n",
            "{",
            "}",
            "\"",
            " = 1\n",
            "é",
            "😀",
            "#",
            "\n\n  b = [1,\n",
            "",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..4 {
            let mut doc = Document::new(SAMPLE, "main.tf");
            for step in 0..150 {
                let len = doc.text().len();
                let start = floor_boundary(doc.text(), rng.below(len + 1));
                let del = if rng.below(3) == 0 { rng.below(12) } else { 0 };
                let end = floor_boundary(doc.text(), (start + del).min(len));
                let ins = inserts[rng.below(inserts.len())];
                doc.edit(start..end, ins);
                let full = build_file(
                    doc.text(),
                    doc.path.clone(),
                    doc.tree.as_ref().ok_or(&crate::Diagnostic::error(
                        "X",
                        "no tree",
                        Default::default(),
                    )),
                );
                assert_eq!(
                    doc.file().body,
                    full.body,
                    "round {round} step {step}: {:?}",
                    doc.text()
                );
                assert_eq!(
                    doc.file().comments,
                    full.comments,
                    "round {round} step {step}"
                );
                assert_eq!(
                    doc.file().diagnostics,
                    full.diagnostics,
                    "round {round} step {step}"
                );
                if rng.below(40) == 0 {
                    doc = Document::new(SAMPLE, "main.tf");
                }
            }
        }
    }

    /// A document whose whole-file re-parse is skipped on every edit (a zero budget): every
    /// edit takes the block-local fallback.
    fn fallback_doc(text: &str) -> Document {
        let limits = ParseLimits {
            edit_budget: std::time::Duration::ZERO,
            ..ParseLimits::default()
        };
        let mut doc = Document::with_limits(text, "main.tf", limits);
        // Down into blocks whatever their size.
        doc.nest_min = 0;
        doc
    }

    fn fresh(text: &str) -> File {
        crate::parse::parse_str(text, "main.tf")
    }

    fn has_syntax_errors(f: &File) -> bool {
        !f.diagnostics.is_empty()
    }

    fn assert_same(doc: &Document, full: &File, what: &str) {
        assert_eq!(doc.file().body, full.body, "{what}: {:?}", doc.text());
        assert_eq!(
            doc.file().comments,
            full.comments,
            "{what}: {:?}",
            doc.text()
        );
        assert_eq!(
            doc.file().diagnostics,
            full.diagnostics,
            "{what}: {:?}",
            doc.text()
        );
        assert_eq!(doc.file().source, doc.text(), "{what}");
    }

    /// Every span of the model lies inside the text, on character boundaries, and its lines and
    /// columns are those of its byte offsets.
    fn assert_spans_valid(doc: &Document, what: &str) {
        let text = doc.text();
        let lines = crate::span::LineIndex::new(text);
        let check = |s: &crate::Span, kind: &str| {
            let (a, b) = (s.start as usize, s.end as usize);
            assert!(
                a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b),
                "{what}: {kind} span {a}..{b} outside a text of {} bytes: {text:?}",
                text.len()
            );
            for (byte, pos) in [(a, s.start_pos), (b, s.end_pos)] {
                assert_eq!(
                    pos,
                    lines.pos(byte),
                    "{what}: {kind} span {a}..{b} position: {text:?}"
                );
            }
        };
        fn body<'a>(b: &'a crate::Body, out: &mut Vec<(&'a crate::Span, &'static str)>) {
            out.push((&b.span, "body"));
            for a in &b.attributes {
                out.push((&a.span, "attribute"));
                out.push((&a.name.span, "name"));
                a.expr.walk(&mut |e| out.push((&e.span, "expr")));
            }
            for bl in &b.blocks {
                out.push((&bl.span, "block"));
                out.push((&bl.kind.span, "kind"));
                out.extend(bl.labels.iter().map(|l| (&l.span, "label")));
                body(&bl.body, out);
            }
        }
        let mut spans = Vec::new();
        body(&doc.file().body, &mut spans);
        for (s, kind) in spans {
            check(s, kind);
        }
        for c in &doc.file().comments {
            check(&c.span, "comment");
            assert_eq!(&text[c.span.range()], c.text, "{what}: comment text");
        }
        for d in &doc.file().diagnostics {
            check(&d.span, "diagnostic");
        }
    }

    const PIECES: &[&str] = &[
        "x",
        "\n",
        "{",
        "}",
        "\"",
        " = \"",
        " = {",
        "\n  tags = { Team = \"x\" }\n",
        "${",
        "[",
        "]",
        "<<EOT\nz\n",
        "EOT\n",
        "/*",
        "*/",
        "# c\n",
        "\r\n",
        "é",
        "😀",
        "resource \"a\" \"b\" {\n",
        " = 1\n",
        "",
    ];

    /// A random edit, or (often) the undo of an earlier one, so the text keeps coming back to
    /// valid states after broken ones, as when typing. `undo` holds the inverse edits.
    fn random_edit(doc: &mut Document, rng: &mut Rng, undo: &mut Vec<(Range<usize>, String)>) {
        if !undo.is_empty() && rng.below(2) == 0 {
            let (range, text) = undo.pop().unwrap();
            doc.edit(range, &text);
            return;
        }
        let len = doc.text().len();
        let start = floor_boundary(doc.text(), rng.below(len + 1));
        let del = if rng.below(3) == 0 { rng.below(30) } else { 0 };
        let end = floor_boundary(doc.text(), (start + del).min(len)).max(start);
        let ins = PIECES[rng.below(PIECES.len())];
        let deleted = doc.text()[start..end].to_string();
        doc.edit(start..end, ins);
        undo.push((start..start + ins.len(), deleted));
    }

    /// Every edit takes the block-local fallback (unbalanced quotes, braces, heredocs and
    /// comments included): nothing panics, spans stay valid, a model without syntax errors
    /// equals a full parse, and `reparse_full` always gives the full parse.
    #[test]
    fn fallback_model_is_exact_when_valid_and_converges() {
        let crlf = SAMPLE.replace('\n', "\r\n");
        let large = SAMPLE.repeat(6);
        let starts = [
            SAMPLE,
            crlf.as_str(),
            "",
            "a = 1\n",
            "x {\n}\n",
            large.as_str(),
        ];
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let (mut exact_checks, mut approximate) = (0, 0);
        for round in 0..18 {
            let mut doc = fallback_doc(starts[round % starts.len()]);
            let mut undo = Vec::new();
            for step in 0..120 {
                random_edit(&mut doc, &mut rng, &mut undo);
                let what = format!("round {round} step {step}");
                assert_spans_valid(&doc, &what);
                assert_eq!(
                    doc.is_approximate(),
                    has_syntax_errors(doc.file()),
                    "{what}"
                );
                approximate += usize::from(doc.is_approximate());
                if !has_syntax_errors(doc.file()) {
                    assert_same(&doc, &fresh(doc.text()), &what);
                    exact_checks += 1;
                }
                if rng.below(10) == 0 {
                    doc.reparse_full();
                    assert!(!doc.is_approximate(), "{what}");
                    assert_same(&doc, &fresh(doc.text()), &format!("{what} (reparse_full)"));
                    assert_spans_valid(&doc, &what);
                }
            }
            doc.reparse_full();
            assert_same(&doc, &fresh(doc.text()), &format!("round {round} end"));
        }
        assert!(exact_checks > 100, "{exact_checks} of {approximate}");
    }

    /// The budget comes and goes, so small documents switch between whole-file re-parses
    /// (which reuse only the items no region produced) and block-local ones: a model from the
    /// tree is the conversion of that tree, and a model without syntax errors is a full parse.
    #[test]
    fn tree_and_region_paths_interleave_consistently() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut resynced = 0;
        // A third of the rounds on a document over 4 KiB: block-local whatever the budget.
        let large = SAMPLE.repeat(12);
        for round in 0..10 {
            let mut doc = fallback_doc(match round % 3 {
                0 => SAMPLE,
                1 => "",
                _ => &large,
            });
            let mut undo = Vec::new();
            for step in 0..120 {
                doc.limits.edit_budget = if rng.below(3) == 0 {
                    std::time::Duration::from_secs(10)
                } else {
                    std::time::Duration::ZERO
                };
                let was_approximate = doc.is_approximate();
                random_edit(&mut doc, &mut rng, &mut undo);
                let what = format!("round {round} step {step}");
                assert_spans_valid(&doc, &what);
                if doc.dirty.is_empty() {
                    // A conversion of its tree (tree-sitter's incremental recovery of a broken
                    // text may differ from a fresh parse; a clean text parses the same).
                    let tree = doc.tree.as_ref().expect("a tree");
                    let own = build_file(doc.text(), doc.path.clone(), Ok(tree));
                    assert_same(&doc, &own, &what);
                }
                if !doc.is_approximate() {
                    resynced += usize::from(was_approximate);
                }
                if !has_syntax_errors(doc.file()) {
                    assert_same(&doc, &fresh(doc.text()), &what);
                }
            }
        }
        assert!(resynced > 50, "{resynced}");
    }

    /// Typing an attribute raw into a block of a larger file: the lone `{` and the unclosed
    /// `"` stay local to the block; closing them gives back the whole-file model.
    #[test]
    fn half_typed_attribute_stays_local_and_resyncs() {
        let blocks: String = (0..40)
            .map(|i| format!("resource \"t\" \"r{i}\" {{\n  name = \"n{i}\"\n}}\n\n"))
            .collect();
        let mut doc = fallback_doc(&blocks);
        let at = doc.text().find("\"r7\" {").unwrap() + 6;
        let mut typed = String::new();
        for ch in "\n  tags = { Team = \"x\" }".chars() {
            let pos = at + typed.len();
            doc.edit(pos..pos, ch.encode_utf8(&mut [0; 4]));
            typed.push(ch);
            assert_spans_valid(&doc, &typed);
            // Every other resource is still there (the edited one may not be while broken), and
            // the errors stay around the edited one.
            let names: Vec<&str> = doc
                .file()
                .blocks_of("resource")
                .filter_map(|b| b.label(1))
                .collect();
            for i in (0..40).filter(|i| *i != 7) {
                assert!(names.contains(&format!("r{i}").as_str()), "{typed:?}: r{i}");
            }
            let (r6, r8) = (
                doc.text().find("resource \"t\" \"r6\"").unwrap() as u32,
                doc.text().find("resource \"t\" \"r8\"").unwrap() as u32,
            );
            let errors_outside = doc
                .file()
                .diagnostics
                .iter()
                .filter(|d| d.span.start < r6 || d.span.end > r8)
                .count();
            assert_eq!(errors_outside, 0, "{typed:?}: {:?}", doc.file().diagnostics);
        }
        assert!(!has_syntax_errors(doc.file()));
        assert_same(&doc, &fresh(doc.text()), "typed");
        let r7 = doc.file().blocks_of("resource").nth(7).unwrap();
        assert!(r7.body.attribute("tags").is_some());
        // With a budget again, the next edit re-parses the whole file and leaves the fallback.
        doc.limits.edit_budget = std::time::Duration::from_secs(10);
        doc.edit(0..0, "# top\n");
        assert!(!doc.is_approximate());
        assert_same(&doc, &fresh(doc.text()), "resynced");
    }

    /// Inside a large block (a long `locals`), the region narrows to the items of its body
    /// around the edit: a half-typed attribute leaves the block's other attributes alone.
    #[test]
    fn half_typed_attribute_in_a_large_block_stays_in_the_block() {
        let attrs: String = (0..300).map(|i| format!("  a{i} = \"v{i}\"\n")).collect();
        let text =
            format!("x {{}}\n\nlocals {{\n{attrs}  nested {{\n    b = 1\n  }}\n}}\n\ny {{}}\n");
        let mut doc = fallback_doc(&text);
        let at = doc.text().find("  a150").unwrap();
        let mut typed = String::new();
        for ch in "  tags = { Team = \"x\" }\n".chars() {
            let pos = at + typed.len();
            doc.edit(pos..pos, ch.encode_utf8(&mut [0; 4]));
            typed.push(ch);
            assert_spans_valid(&doc, &typed);
            let locals = doc.file().blocks_of("locals").next().expect("locals");
            for i in (0..300).filter(|i| !(148..=152).contains(i)) {
                assert!(
                    locals.body.attribute(&format!("a{i}")).is_some(),
                    "{typed:?}: a{i}"
                );
            }
            assert!(locals.body.block("nested").is_some(), "{typed:?}");
            let (from, to) = (
                doc.text().find("  a148").unwrap() as u32,
                doc.text().find("  a152").unwrap() as u32,
            );
            for d in &doc.file().diagnostics {
                assert!(d.span.start >= from && d.span.end <= to, "{typed:?}: {d:?}");
            }
        }
        assert!(!has_syntax_errors(doc.file()));
        assert_same(&doc, &fresh(doc.text()), "typed");
        let locals = doc.file().blocks_of("locals").next().unwrap();
        assert!(locals.body.attribute("tags").is_some());
    }

    /// A block header commented out, then back: the region of the second edit (the header
    /// alone) cannot parse, but the text is clean again and the errors left elsewhere go: the
    /// whole-file parse (under the budget) says so.
    #[test]
    fn uncommenting_a_block_header_gives_back_a_clean_model() {
        let text = SAMPLE.repeat(12);
        let limits = ParseLimits {
            edit_budget: std::time::Duration::from_secs(10),
            ..ParseLimits::default()
        };
        let mut doc = Document::with_limits(text.clone(), "main.tf", limits);
        doc.nest_min = 0;
        let at = text.find("locals {").unwrap();
        doc.edit(at..at, "# ");
        assert!(has_syntax_errors(doc.file()));
        doc.edit(at..at + 2, "");
        assert!(!doc.is_approximate(), "{:?}", doc.file().diagnostics);
        assert_same(&doc, &fresh(doc.text()), "uncommented");
    }

    /// An attribute split into a block header (`na` then `me = ...` on the next line reads
    /// `na me {` with the block after it): one more item makes the region parse cleanly.
    #[test]
    fn a_region_ending_in_a_block_header_takes_the_next_item() {
        let text = format!(
            "{}a {{\n  name = x\n  inner {{\n    b = 1\n  }}\n}}\n",
            SAMPLE.repeat(12)
        );
        let mut doc = fallback_doc(&text);
        let at = doc.text().rfind("name = x").unwrap() + 2;
        doc.edit(at..at + 7, "\n");
        assert!(
            !has_syntax_errors(doc.file()),
            "{:?}",
            doc.file().diagnostics
        );
        assert_same(&doc, &fresh(doc.text()), "split");
    }

    /// Edits that span several blocks, at the very start and end, in an empty file, and
    /// pathological inputs: no panic, no hang, spans valid, and `reparse_full` converges.
    #[test]
    fn fallback_edge_cases() {
        let two = "a {\n  x = 1\n}\n\nb {\n  y = 2\n}\n\nc = 3\n";
        let cases: Vec<(String, Range<usize>, String)> = vec![
            (two.into(), 5..20, "z = \"".into()),
            (two.into(), 0..two.len(), "q {".into()),
            (two.into(), 0..0, "w = 0\n".into()),
            (two.into(), two.len()..two.len(), "d {".into()),
            (two.into(), two.len() - 1..two.len(), "".into()),
            ("".into(), 0..0, "e = \"".into()),
            ("".into(), 0..0, "f {\n  g = 1\n}\nh {}\n".into()),
            ("a = 1 # é\r\nb = 2\r\n".into(), 9..9, "😀 \"".into()),
            (two.into(), 4..4, "}\n\nnew {\n".into()),
            ("{".repeat(20_000), 10..10, "\"".into()),
            ("a = [".repeat(3_000), 0..0, "b = \"".into()),
            ("\0\u{1}\u{ffff}x = ".repeat(500), 7..9, "{".into()),
        ];
        for (i, (text, range, insert)) in cases.into_iter().enumerate() {
            let mut doc = fallback_doc(&text);
            doc.edit(range, &insert);
            assert_spans_valid(&doc, &format!("case {i}"));
            if !has_syntax_errors(doc.file()) {
                assert_same(&doc, &fresh(doc.text()), &format!("case {i}"));
            }
            doc.reparse_full();
            assert_same(&doc, &fresh(doc.text()), &format!("case {i} reparse_full"));
        }
    }

    /// A region too large to re-parse on every keystroke (one 70 KB heredoc) goes through the
    /// whole-file parse under its budget, and back to the region when over it.
    #[test]
    fn oversized_region_goes_through_the_whole_file_parse() {
        let text = format!(
            "a = 1\n\npolicy = <<EOT\n{}EOT\n\nb = 2\n",
            "  some policy text\n".repeat(4_000)
        );
        let at = text.find("some").unwrap();
        for (budget, from_tree) in [
            (std::time::Duration::from_secs(10), true),
            (std::time::Duration::from_nanos(1), false),
        ] {
            let limits = ParseLimits {
                edit_budget: budget,
                ..ParseLimits::default()
            };
            let mut doc = Document::with_limits(text.clone(), "main.tf", limits);
            doc.edit(at..at, "more ");
            assert_eq!(doc.dirty.is_empty(), from_tree, "{budget:?}");
            assert!(!doc.is_approximate());
            assert_same(&doc, &fresh(doc.text()), "oversized");
            assert_spans_valid(&doc, "oversized");
        }
    }

    /// A region parse past the deadline leaves the region empty with a diagnostic on it; the
    /// other blocks keep their model.
    #[test]
    fn region_past_the_deadline_is_empty_and_says_so() {
        let big_block = format!("locals {{\n{}}}\n", "  a = [1, 2, 3]\n".repeat(5_000));
        let text = format!("x {{}}\n{big_block}y {{}}\n");
        let mut doc = fallback_doc(&text);
        doc.nest_min = usize::MAX;
        doc.limits.deadline = std::time::Duration::ZERO;
        doc.limits.deadline_per_mib = std::time::Duration::ZERO;
        let at = text.find("a = ").unwrap();
        doc.edit(at..at, "\"");
        let kinds: Vec<&str> = doc
            .file()
            .body
            .blocks
            .iter()
            .map(|b| b.kind.name.as_str())
            .collect();
        assert_eq!(kinds, ["x", "y"]);
        let d = &doc.file().diagnostics;
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, crate::codes::PARSE_TIMEOUT);
        assert_eq!(
            d[0].span.range(),
            text.find("locals").unwrap()..text.find("y {").unwrap() + 1
        );
        assert_spans_valid(&doc, "deadline");
    }

    /// Over budget, the whole-file parse is cancelled and the fallback answers: a large file
    /// whose error recovery is slow answers within a few milliseconds of its budget.
    #[test]
    fn budget_cancels_a_slow_recovery() {
        let blocks: String = (0..1500)
            .map(|i| format!("resource \"t\" \"r{i}\" {{\n  name = \"n{i}\"\n  v = [1, 2]\n}}\n\n"))
            .collect();
        let limits = ParseLimits {
            edit_budget: std::time::Duration::from_millis(2),
            ..ParseLimits::default()
        };
        let mut doc = Document::with_limits(blocks, "main.tf", limits);
        let at = doc.text().find("\"r10\" {").unwrap() + 7;
        doc.edit(at..at, "\n  tags = \"");
        assert_eq!(doc.file().blocks_of("resource").count(), 1500);
        assert_spans_valid(&doc, "unclosed quote");
        doc.edit(at + 11..at + 11, "x\"");
        assert!(!has_syntax_errors(doc.file()));
        assert_same(&doc, &fresh(doc.text()), "closed quote");
    }
}
