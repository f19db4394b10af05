//! An open document, re-parsed incrementally after each edit: tree-sitter reuses the
//! unchanged subtrees of the previous tree, and the model keeps the top-level blocks and
//! attributes the edit did not touch (spans shifted), so a keystroke in a large file costs far
//! less than a full parse.
//!
//! Documents of 4 KiB and more are re-parsed block-locally while they are broken. While an
//! attribute is half typed (a lone `{`, an unclosed `"`), tree-sitter's error recovery can
//! re-parse most of a large file, for hundreds of milliseconds, and what it recovers is rarely
//! what the user means (the quote swallows every block after it). So an edit first parses the
//! top-level items around it, alone (see [`crate::fallback`]). When that region has errors, or
//! the rest of the model has some, its items, comments and diagnostics replace the old ones of
//! the region and the rest of the model is kept, shifted: the document is *approximate*
//! ([`Document::is_approximate`]). Otherwise the incremental whole-file re-parse runs, under a
//! budget ([`ParseLimits::edit_budget`], 2 ms of CPU), and its model is kept when it finished
//! in time without errors (the document is exact again); else the region's model is kept. A
//! model without syntax errors equals a full parse either way. [`Document::reparse_full`]
//! gives the whole-file model of a broken text.

use crate::convert::reuse::EditInfo;
use crate::fallback::{self, Edit};
use crate::file::File;
use crate::parse::{
    build_file, build_file_reusing, parse_tree_reusing, parse_tree_within, ParseLimits, Parsed,
    EDIT_BUDGET_MIN_BYTES,
};
use crate::span::LineIndex;
use std::ops::Range;
use std::path::PathBuf;

/// A fallback region larger than this is not worth it when the whole-file parse finished in
/// budget: its model comes from that parse (one giant block holds the edit, or the model came
/// from a parse whose recovery merged blocks).
const MAX_REGION_BYTES: usize = 64 * 1024;

pub struct Document {
    path: PathBuf,
    text: String,
    /// The tree the model (outside `dirty`) was converted from, told of every edit since, so it
    /// stays a valid old tree for the next incremental parse.
    tree: Option<tree_sitter::Tree>,
    file: File,
    limits: ParseLimits,
    /// The model came (partly) from the block-local fallback.
    approximate: bool,
    /// Ranges of the text whose model came from the fallback (sorted, disjoint).
    dirty: Vec<Range<usize>>,
    /// The part of `dirty` whose region parse had errors: the items there came from error
    /// recovery, so their boundaries are no place to start or end a region.
    broken: Vec<Range<usize>>,
    /// The model is a bare object (JSON-like tfvars): no items to re-parse alone.
    bare_object: bool,
    /// Line starts of the text, kept through edits (positions without scanning the text).
    lines: LineIndex,
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
        let file = build_file(&text, path.clone(), tree.as_ref());
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
        }
    }

    pub fn file(&self) -> &File {
        &self.file
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The model came partly from the block-local fallback: the top-level items around the
    /// edits were parsed alone, which is what an editor needs while typing (the other blocks
    /// keep their model and findings), but tree-sitter's recovery of the broken file as a whole
    /// differs (e.g. an unclosed quote swallowing the blocks after it).
    /// [`Document::reparse_full`] gives the whole-file model.
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
            self.file = build_file(&self.text, self.path.clone(), tree.as_ref());
            self.tree = tree.ok();
            self.forget_fallback();
            return &self.file;
        };
        old_tree.edit(&input);

        let budget = self.limits.edit_budget;
        // Small documents parse whole fast enough, and a bare object has no items to parse alone.
        let local =
            budget.is_zero() || (self.text.len() >= EDIT_BUDGET_MIN_BYTES && !self.bare_object);
        let region_of = |doc: &Document| {
            let (old, text, lines) = (&doc.file, doc.text.as_str(), &doc.lines);
            let at = fallback::At {
                old_len,
                broken: &doc.broken,
                edit: &edit,
                bare_object: doc.bare_object,
            };
            fallback::parse_region(old, text, lines, &at, doc.limits)
        };
        // The region goes first: when it has errors, or the rest of the file has some, the
        // whole-file parse would run over budget or end with errors, and the region be kept
        // anyway. Only a clean region in an otherwise clean model is worth the whole parse.
        let mut region = None;
        if local {
            let r = region_of(self);
            if r.len() <= MAX_REGION_BYTES && (budget.is_zero() || !self.clean_besides(&r)) {
                return self.apply_region(&edit, r);
            }
            region = Some(r);
        }
        if !budget.is_zero() {
            let old_tree = self.tree.as_ref();
            let budget = Some(budget).filter(|_| local);
            match parse_tree_within(&self.text, self.limits, old_tree, budget, None) {
                Parsed::Tree(new_tree) => {
                    if local && new_tree.root_node().has_error() {
                        // Broken text: the whole-file recovery is kept only when the region
                        // is too large to stand for it. The tree is dropped (the model outside
                        // the region still comes from the old one).
                        let r = region.take().unwrap_or_else(|| region_of(self));
                        if r.len() <= MAX_REGION_BYTES {
                            return self.apply_region(&edit, r);
                        }
                    }
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
                    return &self.file;
                }
                Parsed::Failed(d) if d.code != crate::codes::PARSE_TIMEOUT => {
                    self.file = build_file(&self.text, self.path.clone(), Err(&d));
                    self.tree = None;
                    self.forget_fallback();
                    return &self.file;
                }
                Parsed::OverBudget | Parsed::Failed(_) => {}
            }
        }
        let r = region.unwrap_or_else(|| region_of(self));
        self.apply_region(&edit, r)
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
        self.file = build_file(&self.text, self.path.clone(), tree.as_ref());
        self.tree = tree.ok();
        self.forget_fallback();
        &self.file
    }

    /// The model of `new_tree` (the whole text), reusing the untouched items of the model.
    fn rebuild(&mut self, new_tree: tree_sitter::Tree, info: &EditInfo) {
        let old = std::mem::replace(&mut self.file, placeholder(&self.path));
        self.file = build_file_reusing(&self.text, self.path.clone(), &new_tree, old, info);
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

    /// The region parsed cleanly, and the rest of the model has no error and no item from a
    /// broken region: the whole-file parse may well succeed without errors.
    fn clean_besides(&self, r: &fallback::RegionModel) -> bool {
        let (start, end) = (r.region.start, r.region.old_end);
        let outside = |s: &crate::Span| (s.end as usize) < start || s.start as usize > end;
        r.valid
            && self.file.diagnostics.iter().all(|d| !outside(&d.span))
            && self
                .broken
                .iter()
                .all(|b| b.start >= start && b.end <= r.region.new_end)
    }

    /// The block-local fallback: the region's model spliced into the old one.
    fn apply_region(&mut self, edit: &Edit, region: fallback::RegionModel) -> &File {
        let (range, valid) = (region.region.start..region.region.new_end, region.valid);
        self.bare_object = region.bare_object && range == (0..self.text.len());
        let old = std::mem::replace(&mut self.file, placeholder(&self.path));
        self.file = fallback::splice(old, &self.text, &self.lines, edit, region);
        // The region covers every broken range it touches (see `fallback::region`).
        self.broken
            .retain(|b| b.end <= range.start || b.start >= range.end);
        if !valid {
            fallback::add_range(&mut self.broken, range.clone());
        }
        fallback::add_range(&mut self.dirty, range);
        self.approximate = true;
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
        Document::with_limits(text, "main.tf", limits)
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
                assert!(doc.is_approximate(), "{what}");
                approximate += 1;
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

    /// The budget comes and goes: whenever the document is not approximate (a whole-file
    /// re-parse succeeded, reusing only what the fallback did not produce), it equals a full
    /// parse.
    #[test]
    fn whole_file_parse_after_fallback_reuses_only_exact_items() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut resynced = 0;
        // A third of the rounds on a document over 4 KiB, where a broken whole-file parse also
        // gives way to the fallback.
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
                if !doc.is_approximate() {
                    resynced += usize::from(was_approximate);
                    // The conversion of its tree (tree-sitter's incremental recovery of a broken
                    // text may differ from a fresh parse; a clean text parses the same).
                    let tree = doc.tree.as_ref().expect("a tree");
                    let own = build_file(doc.text(), doc.path.clone(), Ok(tree));
                    assert_same(&doc, &own, &what);
                    if !has_syntax_errors(doc.file()) {
                        assert_same(&doc, &fresh(doc.text()), &what);
                    }
                } else if !has_syntax_errors(doc.file()) {
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

    /// A region parse past the deadline leaves the region empty with a diagnostic on it; the
    /// other blocks keep their model.
    #[test]
    fn region_past_the_deadline_is_empty_and_says_so() {
        let big_block = format!("locals {{\n{}}}\n", "  a = [1, 2, 3]\n".repeat(5_000));
        let text = format!("x {{}}\n{big_block}y {{}}\n");
        let mut doc = fallback_doc(&text);
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
