//! Source positions. A [`Span`] carries both the byte range (for slicing and edits) and the
//! 1-based line/column of its ends (for diagnostics), taken for free from tree-sitter points,
//! so the linter never has to rebuild a line index.

/// A region of one source file: bytes `start..end` and the 1-based line/column of both ends.
/// Columns count bytes from the line start (1-based), as tree-sitter does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub start_pos: Pos,
    pub end_pos: Pos,
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Default for Pos {
    fn default() -> Self {
        Pos { line: 1, column: 1 }
    }
}

impl Span {
    pub fn line(&self) -> u32 {
        self.start_pos.line
    }

    pub fn end_line(&self) -> u32 {
        self.end_pos.line
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn contains(&self, byte: usize) -> bool {
        (self.start as usize) <= byte && byte < (self.end as usize).max(self.start as usize + 1)
    }

    /// The smallest span covering both.
    pub fn to(&self, other: &Span) -> Span {
        let (first, last) = if self.start <= other.start {
            (self, other)
        } else {
            (other, self)
        };
        Span {
            start: first.start,
            end: last.end.max(first.end),
            start_pos: first.start_pos,
            end_pos: if last.end >= first.end {
                last.end_pos
            } else {
                first.end_pos
            },
        }
    }

    pub(crate) fn from_node(node: &tree_sitter::Node) -> Span {
        let (s, e) = (node.start_position(), node.end_position());
        Span {
            start: node.start_byte() as u32,
            end: node.end_byte() as u32,
            start_pos: Pos {
                line: s.row as u32 + 1,
                column: s.column as u32 + 1,
            },
            end_pos: Pos {
                line: e.row as u32 + 1,
                column: e.column as u32 + 1,
            },
        }
    }
}

/// Maps byte offsets to positions, for sources not parsed by tree-sitter (YAML, JSON).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0u32];
        line_starts.extend(memchr_newlines(text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex { line_starts }
    }

    pub fn pos(&self, byte: usize) -> Pos {
        let byte = byte as u32;
        let line = self
            .line_starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1);
        Pos {
            line: line as u32 + 1,
            column: byte - self.line_starts[line] + 1,
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
            start_pos: self.pos(start),
            end_pos: self.pos(end),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Row and byte column (0-based, as tree-sitter counts them) of a byte offset.
    pub(crate) fn point(&self, byte: usize) -> tree_sitter::Point {
        let row = self
            .line_starts
            .partition_point(|&s| s as usize <= byte)
            .saturating_sub(1);
        tree_sitter::Point {
            row,
            column: byte - self.line_starts[row] as usize,
        }
    }

    /// Byte offset of the start of the last line.
    pub(crate) fn last_line_start(&self) -> usize {
        self.line_starts.last().map_or(0, |s| *s as usize)
    }

    /// Follows an edit of the text: bytes `start..old_end` replaced by `new_text`. Costs the
    /// lines after the edit (a shift), not a scan of the text.
    pub(crate) fn edit(&mut self, start: usize, old_end: usize, new_text: &str) {
        let lo = self.line_starts.partition_point(|&s| s as usize <= start);
        let hi = self.line_starts.partition_point(|&s| s as usize <= old_end);
        let delta = new_text.len() as i64 - (old_end - start) as i64;
        let added: Vec<u32> = memchr_newlines(new_text.as_bytes())
            .map(|i| (start + i + 1) as u32)
            .collect();
        let after = lo + added.len();
        self.line_starts.splice(lo..hi, added);
        if delta != 0 {
            for s in &mut self.line_starts[after..] {
                *s = (*s as i64 + delta) as u32;
            }
        }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_follows_edits() {
        let mut text = String::from("ab\ncd\n\nef");
        let mut idx = LineIndex::new(&text);
        for (start, end, insert) in [(1, 4, "x\ny\n"), (0, 0, "\n"), (5, 9, ""), (3, 3, "é\r\n")] {
            text.replace_range(start..end, insert);
            idx.edit(start, end, insert);
            assert_eq!(
                idx.line_starts,
                LineIndex::new(&text).line_starts,
                "{text:?}"
            );
        }
        assert_eq!(idx.point(text.len()).row, text.matches('\n').count());
    }

    #[test]
    fn line_index_maps_offsets_to_one_based_positions() {
        let idx = LineIndex::new("ab\ncd\n");
        assert_eq!(idx.pos(0), Pos { line: 1, column: 1 });
        assert_eq!(idx.pos(4), Pos { line: 2, column: 2 });
        assert_eq!(idx.pos(6), Pos { line: 3, column: 1 });
    }
}
