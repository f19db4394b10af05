//! Positions between the editor (UTF-16 code units, what CodeMirror counts) and Rust (byte
//! offsets into UTF-8 text, what `orbis_hcl::Span` holds). ASCII runs, the bulk of
//! configuration files, are skipped in blocks so a 5,000-line file costs microseconds.

use super::dto::TextRange;

/// The byte offset of the UTF-16 offset `units` in `text`, or `None` when it is past the end.
/// An offset inside a surrogate pair (the middle of an emoji) rounds down to its start.
pub fn byte_of(text: &str, units: u32) -> Option<usize> {
    let units = units as usize;
    let bytes = text.as_bytes();
    let (mut byte, mut counted) = (0usize, 0usize);
    // ASCII blocks: one byte is one unit.
    const BLOCK: usize = 64;
    while counted + BLOCK <= units && byte + BLOCK <= bytes.len() {
        let block = &bytes[byte..byte + BLOCK];
        if !block.is_ascii() {
            break;
        }
        byte += BLOCK;
        counted += BLOCK;
    }
    for ch in text[byte..].chars() {
        if counted >= units {
            return Some(byte);
        }
        let w = ch.len_utf16();
        if counted + w > units {
            // Inside a surrogate pair.
            return Some(byte);
        }
        counted += w;
        byte += ch.len_utf8();
    }
    (counted >= units).then_some(byte)
}

/// The UTF-16 length of a text.
pub fn len(text: &str) -> u32 {
    if text.is_ascii() {
        return text.len() as u32;
    }
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

/// Line starts of a text with their UTF-16 offsets, to turn byte offsets into editor positions.
/// Built once per text version, then each lookup is a binary search plus (on non-ASCII lines
/// only) a scan of one line.
pub struct LineMap<'a> {
    text: &'a str,
    /// Byte offset of each line start.
    starts: Vec<usize>,
    /// UTF-16 offset of each line start.
    units: Vec<u32>,
    /// Whether the line is pure ASCII (bytes = units).
    ascii: Vec<bool>,
}

impl<'a> LineMap<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut map = LineMap {
            text,
            starts: Vec::with_capacity(text.len() / 32 + 1),
            units: Vec::with_capacity(text.len() / 32 + 1),
            ascii: Vec::with_capacity(text.len() / 32 + 1),
        };
        let (mut byte, mut unit) = (0usize, 0u32);
        for line in text.split_inclusive('\n') {
            let ascii = line.is_ascii();
            map.starts.push(byte);
            map.units.push(unit);
            map.ascii.push(ascii);
            byte += line.len();
            unit += if ascii { line.len() as u32 } else { len(line) };
        }
        if map.starts.is_empty() || text.ends_with('\n') {
            map.starts.push(byte);
            map.units.push(unit);
            map.ascii.push(true);
        }
        map
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// 0-based line of a byte offset.
    fn line_of(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }

    /// (UTF-16 offset, 1-based line, 1-based UTF-16 column) of a byte offset (clamped to the
    /// text and rounded down to a character boundary).
    pub fn position(&self, byte: usize) -> (u32, u32, u32) {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.line_of(byte);
        let start = self.starts[line];
        let col = if self.ascii[line] {
            (byte - start) as u32
        } else {
            len(&self.text[start..byte])
        };
        (self.units[line] + col, line as u32 + 1, col + 1)
    }

    /// The editor range of a byte range.
    pub fn range(&self, start: usize, end: usize) -> TextRange {
        let (from, line, column) = self.position(start);
        let (to, end_line, end_column) = self.position(end.max(start));
        TextRange {
            from,
            to,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The text of the 1-based line (without its line break).
    pub fn line_text(&self, line: u32) -> &'a str {
        let i = (line as usize).saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_and_units_agree_on_non_ascii_text() {
        let text = "a = \"é\"\n# 😀 x\nb\n";
        // é is 2 bytes / 1 unit; 😀 is 4 bytes / 2 units.
        assert_eq!(byte_of(text, 5), Some(5));
        assert_eq!(byte_of(text, 6), Some(7));
        assert_eq!(byte_of(text, 10), Some(11)); // start of 😀
        assert_eq!(byte_of(text, 11), Some(11)); // middle of the pair rounds down
        assert_eq!(byte_of(text, 12), Some(15));
        assert_eq!(byte_of(text, len(text)), Some(text.len()));
        assert_eq!(byte_of(text, len(text) + 1), None);
        let map = LineMap::new(text);
        assert_eq!(map.position(7), (6, 1, 7));
        assert_eq!(map.position(15), (12, 2, 5));
        assert_eq!(map.position(text.len()), (len(text), 4, 1));
        assert_eq!(map.line_text(2), "# 😀 x");
    }

    #[test]
    fn long_ascii_prefix_uses_blocks() {
        let text = format!("{}é{}", "x".repeat(1000), "y".repeat(100));
        assert_eq!(byte_of(&text, 1000), Some(1000));
        assert_eq!(byte_of(&text, 1001), Some(1002));
        assert_eq!(byte_of(&text, 1101), Some(text.len()));
        assert_eq!(len(&text), 1101);
    }
}
