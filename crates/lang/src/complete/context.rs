//! Where the cursor is, from the text alone: the user is typing, so the file is usually
//! broken and the parsed model lags behind. A forward scan from the start of the file to the
//! cursor tracks strings, heredocs, comments, interpolations and bracket nesting, and which
//! blocks enclose the cursor (`resource "aws_s3_bucket" "b"` → `versioning`). An unclosed
//! `(` or `[` is abandoned when a following line starts a new attribute or block.

use crate::text::is_ident_byte;

/// A block header enclosing the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BlockHeader {
    pub kind: String,
    pub labels: Vec<String>,
}

/// A step of the traversal written before the word being completed (`module.m[0].`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChainPart {
    Name(String),
    Index,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Position {
    /// In a comment: nothing to complete.
    Comment,
    /// Typing a name at the start of a body line: attribute, nested block or top-level
    /// block keyword.
    BodyName,
    /// In an expression; `chain` is the traversal before the word (`["var"]` for `var.re`).
    Expression { chain: Vec<ChainPart> },
    /// In label `index` of a block header of `kind` (`resource "aws_|`).
    Label { kind: String, index: usize },
    /// Inside a string (not in an interpolation), a heredoc, or an object key.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Context {
    /// Enclosing blocks, outermost first (empty at the top level of the file).
    pub blocks: Vec<BlockHeader>,
    pub position: Position,
    /// Start of the word being completed (it ends at the cursor).
    pub prefix_start: usize,
}

impl Context {
    pub fn prefix<'a>(&self, text: &'a str, cursor: usize) -> &'a str {
        text.get(self.prefix_start..cursor).unwrap_or("")
    }
}

enum Frame {
    Body {
        header: Option<BlockHeader>,
        stmt_start: usize,
    },
    Object {
        item_start: usize,
    },
    Paren,
    Bracket,
    /// `${ ... }` or `%{ ... }` in a string or heredoc.
    Interp,
    Str {
        start: usize,
    },
    Heredoc {
        marker: String,
    },
}

/// Parses a block header (`resource "aws_s3_bucket" "b"`); `None` if `text` is not one.
fn parse_header(text: &str) -> Option<BlockHeader> {
    let mut words = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c if c.is_ascii_whitespace() => i += 1,
            b'"' => {
                let end = text[i + 1..].find('"').map(|e| i + 1 + e)?;
                words.push(text[i + 1..end].to_string());
                i = end + 1;
            }
            c if is_ident_byte(c) => {
                let start = i;
                while i < b.len() && is_ident_byte(b[i]) {
                    i += 1;
                }
                words.push(text[start..i].to_string());
            }
            _ => return None,
        }
    }
    let mut it = words.into_iter();
    let kind = it.next()?;
    if !kind
        .as_bytes()
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return None;
    }
    Some(BlockHeader {
        kind,
        labels: it.collect(),
    })
}

/// Whether the line starting at `at` begins a new attribute (`name =`) or block
/// (`name ... {`) or closes one: used to abandon an unclosed `(`/`[`.
fn line_starts_statement(b: &[u8], at: usize) -> bool {
    let mut i = at;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    let start = i;
    while i < b.len() && is_ident_byte(b[i]) {
        i += 1;
    }
    if i == start || !b[start].is_ascii_alphabetic() && b[start] != b'_' {
        return false;
    }
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    match b.get(i) {
        Some(b'=') => !matches!(b.get(i + 1), Some(b'=' | b'>')),
        Some(b'"') | Some(b'{') => {
            // A block header: the line ends with `{`.
            let end = b[i..]
                .iter()
                .position(|c| *c == b'\n')
                .map_or(b.len(), |e| i + e);
            b[i..end].iter().rev().find(|c| !c.is_ascii_whitespace()) == Some(&b'{')
        }
        _ => false,
    }
}

fn find_from(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| from + p)
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from.min(b.len())..]
        .iter()
        .position(|c| *c == b'\n')
        .map_or(b.len(), |p| from + p)
}

/// The completion context at byte `cursor` of `text`.
pub(crate) fn context_at(text: &str, cursor: usize) -> Context {
    let mut cursor = cursor.min(text.len());
    while !text.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let all = text.as_bytes();
    let b = &all[..cursor];
    let mut stack: Vec<Frame> = vec![Frame::Body {
        header: None,
        stmt_start: 0,
    }];
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        match stack.last_mut().expect("root frame stays") {
            Frame::Str { .. } => {
                match c {
                    b'\\' => i += 1,
                    b'"' => {
                        stack.pop();
                    }
                    // A quoted string cannot span lines: recover.
                    b'\n' => {
                        stack.pop();
                        continue;
                    }
                    b'$' | b'%' if next == Some(c) => i += 1,
                    b'$' | b'%' if next == Some(b'{') => {
                        stack.push(Frame::Interp);
                        i += 1;
                    }
                    _ => {}
                }
                i += 1;
            }
            Frame::Heredoc { marker } => {
                match c {
                    b'\n' => {
                        let start = i + 1;
                        let end = line_end(all, start);
                        if all[start..end].trim_ascii() == marker.as_bytes() {
                            stack.pop();
                            i = end;
                            continue;
                        }
                    }
                    b'$' | b'%' if next == Some(c) => i += 1,
                    b'$' | b'%' if next == Some(b'{') => {
                        stack.push(Frame::Interp);
                        i += 1;
                    }
                    _ => {}
                }
                i += 1;
            }
            top => {
                match c {
                    b'#' => {
                        let end = line_end(b, i);
                        if end >= b.len() {
                            return comment(cursor);
                        }
                        i = end;
                        continue;
                    }
                    b'/' if next == Some(b'/') => {
                        let end = line_end(b, i);
                        if end >= b.len() {
                            return comment(cursor);
                        }
                        i = end;
                        continue;
                    }
                    b'/' if next == Some(b'*') => match find_from(b, i + 2, b"*/") {
                        Some(e) => {
                            i = e + 2;
                            continue;
                        }
                        None => return comment(cursor),
                    },
                    b'"' => stack.push(Frame::Str { start: i }),
                    b'<' if next == Some(b'<') => {
                        let mut j = i + 2;
                        if b.get(j) == Some(&b'-') {
                            j += 1;
                        }
                        let start = j;
                        while j < b.len() && is_ident_byte(b[j]) {
                            j += 1;
                        }
                        if j > start {
                            let marker = String::from_utf8_lossy(&b[start..j]).into_owned();
                            stack.push(Frame::Heredoc { marker });
                            i = line_end(b, j);
                            continue;
                        }
                        i += 1;
                    }
                    b'{' => {
                        let frame = match top {
                            Frame::Body { stmt_start, .. } => {
                                let stmt = String::from_utf8_lossy(&b[*stmt_start..i]);
                                match parse_header(&stmt) {
                                    Some(h) if !stmt.contains('=') => Frame::Body {
                                        header: Some(h),
                                        stmt_start: i + 1,
                                    },
                                    _ => Frame::Object { item_start: i + 1 },
                                }
                            }
                            _ => Frame::Object { item_start: i + 1 },
                        };
                        stack.push(frame);
                    }
                    b'}' => {
                        // Close the innermost brace frame, abandoning unclosed ( and [.
                        while matches!(stack.last(), Some(Frame::Paren | Frame::Bracket)) {
                            stack.pop();
                        }
                        if stack.len() > 1 {
                            stack.pop();
                        }
                        match stack.last_mut() {
                            // A new statement starts after a closed block or object value.
                            Some(Frame::Body { stmt_start, .. }) => *stmt_start = i + 1,
                            Some(Frame::Object { item_start }) => *item_start = i + 1,
                            _ => {}
                        }
                    }
                    b'(' => stack.push(Frame::Paren),
                    b'[' => stack.push(Frame::Bracket),
                    b')' | b']' => {
                        let want = c == b')';
                        if matches!(
                            (stack.last(), want),
                            (Some(Frame::Paren), true) | (Some(Frame::Bracket), false)
                        ) {
                            stack.pop();
                        }
                    }
                    b',' => {
                        if let Frame::Object { item_start } = top {
                            *item_start = i + 1;
                        }
                    }
                    b'\n' => match top {
                        Frame::Body { stmt_start, .. } => *stmt_start = i + 1,
                        Frame::Object { item_start } => *item_start = i + 1,
                        Frame::Paren | Frame::Bracket if line_starts_statement(all, i + 1) => {
                            while matches!(stack.last(), Some(Frame::Paren | Frame::Bracket)) {
                                stack.pop();
                            }
                            match stack.last_mut() {
                                Some(Frame::Body { stmt_start, .. }) => *stmt_start = i + 1,
                                Some(Frame::Object { item_start }) => *item_start = i + 1,
                                _ => {}
                            }
                        }
                        _ => {}
                    },
                    _ => {}
                }
                i += 1;
            }
        }
    }

    let blocks: Vec<BlockHeader> = stack
        .iter()
        .filter_map(|f| match f {
            Frame::Body {
                header: Some(h), ..
            } => Some(h.clone()),
            _ => None,
        })
        .collect();
    let word_start = {
        let mut j = cursor;
        while j > 0 && is_ident_byte(b[j - 1]) {
            j -= 1;
        }
        j
    };
    let expression = |prefix_start: usize| Context {
        blocks: blocks.clone(),
        position: Position::Expression {
            chain: chain_before(b, prefix_start),
        },
        prefix_start,
    };
    let n = stack.len();
    match stack.last().expect("root frame stays") {
        Frame::Str { start } => {
            // A label of a block header being typed: `resource "aws_|`.
            if let Some(Frame::Body { stmt_start, .. }) = n.checked_sub(2).map(|k| &stack[k]) {
                let before = String::from_utf8_lossy(&b[*stmt_start..*start]);
                if !before.contains('=') {
                    if let Some(h) = parse_header(&before) {
                        return Context {
                            blocks,
                            position: Position::Label {
                                kind: h.kind,
                                index: h.labels.len(),
                            },
                            prefix_start: start + 1,
                        };
                    }
                }
            }
            other(blocks, cursor)
        }
        Frame::Heredoc { .. } => other(blocks, cursor),
        Frame::Body { stmt_start, .. } => {
            let before = String::from_utf8_lossy(&b[*stmt_start..word_start]);
            let before = before.trim();
            if before.is_empty() {
                Context {
                    blocks,
                    position: Position::BodyName,
                    prefix_start: word_start,
                }
            } else if before.contains('=') {
                expression(word_start)
            } else if let Some(h) = parse_header(before) {
                // An unquoted label: `resource aws_|`.
                Context {
                    blocks,
                    position: Position::Label {
                        kind: h.kind,
                        index: h.labels.len(),
                    },
                    prefix_start: word_start,
                }
            } else if before.ends_with('.') || before.ends_with("].") {
                expression(word_start)
            } else {
                other(blocks, cursor)
            }
        }
        Frame::Object { item_start } => {
            let item = &b[*item_start..word_start];
            if item.contains(&b'=') || item.contains(&b':') {
                expression(word_start)
            } else {
                other(blocks, cursor)
            }
        }
        Frame::Paren | Frame::Bracket | Frame::Interp => expression(word_start),
    }
}

fn comment(cursor: usize) -> Context {
    Context {
        blocks: Vec::new(),
        position: Position::Comment,
        prefix_start: cursor,
    }
}

fn other(blocks: Vec<BlockHeader>, cursor: usize) -> Context {
    Context {
        blocks,
        position: Position::Other,
        prefix_start: cursor,
    }
}

/// The traversal written right before `at` (`module.m[0].` → `[module, m, Index]`).
fn chain_before(b: &[u8], at: usize) -> Vec<ChainPart> {
    let mut parts = Vec::new();
    let mut j = at;
    while j > 0 && b[j - 1] == b'.' {
        j -= 1;
        let mut indexes = 0;
        while j > 0 && b[j - 1] == b']' {
            let mut depth = 0;
            let mut k = j;
            let mut open = None;
            while k > 0 {
                k -= 1;
                match b[k] {
                    b']' => depth += 1,
                    b'[' => {
                        depth -= 1;
                        if depth == 0 {
                            open = Some(k);
                            break;
                        }
                    }
                    b'\n' => break,
                    _ => {}
                }
            }
            let Some(open) = open else {
                return Vec::new();
            };
            j = open;
            indexes += 1;
        }
        let end = j;
        while j > 0 && is_ident_byte(b[j - 1]) {
            j -= 1;
        }
        if j == end || !(b[j].is_ascii_alphabetic() || b[j] == b'_') {
            return Vec::new();
        }
        parts.extend(std::iter::repeat_n(ChainPart::Index, indexes));
        parts.push(ChainPart::Name(
            String::from_utf8_lossy(&b[j..end]).into_owned(),
        ));
    }
    parts.reverse();
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(text_with_cursor: &str) -> Context {
        let at = text_with_cursor.find('|').expect("cursor marker");
        let text = text_with_cursor.replacen('|', "", 1);
        context_at(&text, at)
    }

    fn names(c: &Context) -> Vec<String> {
        c.blocks
            .iter()
            .map(|b| {
                std::iter::once(b.kind.clone())
                    .chain(b.labels.iter().cloned())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn top_level_keyword_position() {
        let c = ctx("variable \"a\" {}\nres|");
        assert_eq!(c.position, Position::BodyName);
        assert!(c.blocks.is_empty());
        assert_eq!(c.prefix_start, 16);
    }

    #[test]
    fn nested_block_path_and_name_position() {
        let c = ctx("resource \"aws_s3_bucket\" \"b\" {\n  versioning {\n    en|\n");
        assert_eq!(c.position, Position::BodyName);
        assert_eq!(names(&c), ["resource aws_s3_bucket b", "versioning"]);
    }

    #[test]
    fn label_position_in_quotes_and_bare() {
        let c = ctx("resource \"aws_s3|");
        assert_eq!(
            c.position,
            Position::Label {
                kind: "resource".into(),
                index: 0
            }
        );
        assert_eq!(c.prefix_start, 10);
        let c = ctx("data \"aws_iam_policy_document\" \"x|");
        assert_eq!(
            c.position,
            Position::Label {
                kind: "data".into(),
                index: 1
            }
        );
    }

    #[test]
    fn expression_chains() {
        let c = ctx("locals {\n  a = var.re|\n}");
        assert_eq!(
            c.position,
            Position::Expression {
                chain: vec![ChainPart::Name("var".into())]
            }
        );
        let c = ctx("output \"x\" {\n  value = module.vpc[0].|");
        assert_eq!(
            c.position,
            Position::Expression {
                chain: vec![
                    ChainPart::Name("module".into()),
                    ChainPart::Name("vpc".into()),
                    ChainPart::Index
                ]
            }
        );
        let c = ctx("x = \"${aws_s3_bucket.b.|}\"");
        assert!(matches!(c.position, Position::Expression { ref chain } if chain.len() == 2));
    }

    #[test]
    fn strings_comments_and_heredocs() {
        assert_eq!(ctx("a = \"var.|\"").position, Position::Other);
        assert_eq!(ctx("# var.|").position, Position::Comment);
        assert_eq!(ctx("/* x\n var.|").position, Position::Comment);
        let c = ctx("a = <<EOT\nhello ${var.|}\nEOT\n");
        assert!(matches!(c.position, Position::Expression { .. }));
        let c = ctx("a = <<-EOT\n  text\n  EOT\nresource \"x\" \"y\" {\n  |");
        assert_eq!(c.position, Position::BodyName);
        assert_eq!(names(&c), ["resource x y"]);
    }

    #[test]
    fn objects_and_recovery_from_unclosed_brackets() {
        // Inside an object value: an expression; an object key: nothing.
        let c = ctx("resource \"a\" \"b\" {\n  tags = {\n    Name = lo|");
        assert!(matches!(c.position, Position::Expression { .. }));
        let c = ctx("resource \"a\" \"b\" {\n  tags = {\n    Na|");
        assert_eq!(c.position, Position::Other);
        // `merge(` left open: the next attribute line is a new statement in the block.
        let c = ctx("resource \"a\" \"b\" {\n  x = merge(\n  bucket = 1\n  ac|");
        assert_eq!(c.position, Position::BodyName);
        assert_eq!(names(&c), ["resource a b"]);
        // A closed nested block pops back to the resource.
        let c = ctx("resource \"a\" \"b\" {\n  versioning {\n    enabled = true\n  }\n  |");
        assert_eq!(names(&c), ["resource a b"]);
        assert_eq!(c.position, Position::BodyName);
    }
}
