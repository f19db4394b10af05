//! The whitespace rules of hclwrite's formatter (what `terraform fmt` applies to every file),
//! over the output token stream. Only the spaces before tokens change; token text never does.
//!
//! 1. The stream is cut into lines after each newline token (a `#`/`//` comment ends its line
//!    too). A line has a *lead* cell, an *assign* cell from its first `=` (when the rest of the
//!    line is bracket-balanced) and a *comment* cell (a trailing comment).
//! 2. Indentation: two spaces per open bracket level, counted per line (a line opening several
//!    brackets indents the next lines once; closers pop whole levels). Brackets after a
//!    heredoc introducer in the lead do not count.
//! 3. Spacing between tokens of a cell by a fixed table of token pairs (`spaced`).
//! 4. Alignment: the `=` of consecutive lines that have an assign cell line up one space after
//!    the longest lead; trailing comments of consecutive lines line up likewise. Widths are
//!    counted in grapheme clusters, indentation included.

use super::lexer::K;
use super::OTok;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Copy, Default)]
struct Line {
    lead: (usize, usize),
    assign: Option<(usize, usize)>,
    comment: Option<usize>,
}

fn bracket_change(k: K) -> i32 {
    match k {
        K::OBrace | K::OBrack | K::OParen | K::TControl | K::TInterp => 1,
        K::CBrace | K::CBrack | K::CParen | K::TSeqEnd => -1,
        _ => 0,
    }
}

/// Sets `spaces` of every token (the final `Eof` keeps the gap it had) and writes the result.
pub(crate) fn layout(toks: &mut [OTok], src: &[u8], extra: &[u8], out: &mut Vec<u8>) {
    let text = |t: &OTok| -> &[u8] {
        if t.extra {
            &extra[t.start as usize..t.end as usize]
        } else {
            &src[t.start as usize..t.end as usize]
        }
    };
    let lines = split_lines(toks, &text);
    indent(toks, &lines);
    spaces(toks, &lines, &text);
    align(toks, &lines, &text);
    for t in toks.iter() {
        out.extend(std::iter::repeat_n(b' ', t.spaces as usize));
        out.extend_from_slice(text(t));
    }
}

fn ends_line<'a>(t: &OTok, text: &impl Fn(&OTok) -> &'a [u8]) -> bool {
    match t.kind {
        K::Newline => true,
        K::Comment => text(t).last() == Some(&b'\n'),
        _ => false,
    }
}

fn split_lines<'a>(toks: &[OTok], text: &impl Fn(&OTok) -> &'a [u8]) -> Vec<Line> {
    let mut lines = Vec::with_capacity(toks.len() / 4 + 1);
    let mut start = 0;
    let end = toks
        .iter()
        .position(|t| t.kind == K::Eof)
        .unwrap_or(toks.len());
    for (i, t) in toks[..end].iter().enumerate() {
        if ends_line(t, text) {
            lines.push(Line {
                lead: (start, i + 1),
                ..Line::default()
            });
            start = i + 1;
        }
    }
    if start < end {
        lines.push(Line {
            lead: (start, end),
            ..Line::default()
        });
    }
    for line in &mut lines {
        let (s, mut e) = line.lead;
        if e - s > 1 && toks[e - 1].kind == K::Comment {
            line.comment = Some(e - 1);
            e -= 1;
        }
        line.lead = (s, e);
        for i in s + 1..e {
            if toks[i].kind == K::Equal {
                let net: i32 = toks[i..e].iter().map(|t| bracket_change(t.kind)).sum();
                if net == 0 {
                    line.assign = Some((i, e));
                    line.lead = (s, i);
                }
                break;
            }
        }
    }
    lines
}

fn indent(toks: &mut [OTok], lines: &[Line]) {
    let mut indents: Vec<i32> = Vec::with_capacity(16);
    for line in lines {
        let (s, e) = line.lead;
        if s == e {
            continue;
        }
        if toks[s].kind == K::Newline {
            toks[s].spaces = 0;
            continue;
        }
        let mut net = 0;
        for t in &toks[s..e] {
            net += bracket_change(t.kind);
            if t.kind == K::OHeredoc {
                break;
            }
        }
        if let Some((a, b)) = line.assign {
            net += toks[a..b]
                .iter()
                .map(|t| bracket_change(t.kind))
                .sum::<i32>();
        }
        if net > 0 {
            toks[s].spaces = 2 * indents.len() as u32;
            indents.push(net);
        } else {
            let mut closed = -net;
            while closed > 0 {
                let Some(top) = indents.last_mut() else {
                    break;
                };
                if closed > *top {
                    closed -= *top;
                    indents.pop();
                } else if closed < *top {
                    *top -= closed;
                    closed = 0;
                } else {
                    indents.pop();
                    closed = 0;
                }
            }
            toks[s].spaces = 2 * indents.len() as u32;
        }
    }
}

fn spaces<'a>(toks: &mut [OTok], lines: &[Line], text: &impl Fn(&OTok) -> &'a [u8]) {
    for line in lines {
        let cells = [Some(line.lead), line.assign];
        for (ci, cell) in cells.into_iter().enumerate() {
            let Some((s, e)) = cell else { continue };
            if s == e {
                continue;
            }
            if ci == 1 {
                toks[s].spaces = 1;
            }
            for i in s..e - 1 {
                let before = if i > s { Some(toks[i - 1].kind) } else { None };
                let sp = spaced(&toks[i], before, &toks[i + 1], text);
                toks[i + 1].spaces = u32::from(sp);
            }
        }
    }
}

/// Whether `after` gets a space after `subject` (`before` precedes `subject` in its cell).
fn spaced<'a>(
    subject: &OTok,
    before: Option<K>,
    after: &OTok,
    text: &impl Fn(&OTok) -> &'a [u8],
) -> bool {
    let (s, a) = (subject.kind, after.kind);
    match () {
        _ if a == K::Newline => false,
        _ if s == K::Ident && a == K::OParen => false,
        _ if (s == K::Ident && a == K::DoubleColon) || (s == K::DoubleColon && a == K::Ident) => {
            false
        }
        _ if s == K::Dot || a == K::Dot => false,
        _ if a == K::Comma || a == K::Ellipsis => false,
        _ if s == K::Comma => true,
        _ if matches!(s, K::QuotedLit | K::StringLit | K::OQuote | K::OHeredoc)
            || matches!(a, K::QuotedLit | K::StringLit | K::CQuote | K::CHeredoc) =>
        {
            false
        }
        _ if s == K::Ident && text(subject) == b"in" && before == Some(K::Ident) => true,
        _ if a == K::OBrack && (s == K::Ident || s == K::Number || bracket_change(s) < 0) => false,
        _ if s == K::Bang => false,
        _ if s == K::Minus => !matches!(
            before,
            None | Some(
                K::OParen
                    | K::OBrace
                    | K::OBrack
                    | K::Equal
                    | K::Colon
                    | K::Comma
                    | K::Question
                    | K::Plus
                    | K::Star
                    | K::Slash
                    | K::Percent
                    | K::Minus
                    | K::EqualOp
                    | K::NotEqual
                    | K::Gt
                    | K::Ge
                    | K::Lt
                    | K::Le
                    | K::And
                    | K::Or
                    | K::Bang
            )
        ),
        _ if s == K::OBrace || a == K::CBrace => !(s == K::OBrace && a == K::CBrace),
        _ if matches!(s, K::TInterp | K::TControl) && a == K::OBrace => true,
        _ if s == K::CBrace && a == K::TSeqEnd => true,
        _ if s == K::TSeqEnd && matches!(a, K::TInterp | K::TControl) => false,
        _ if bracket_change(s) > 0 => false,
        _ if bracket_change(a) < 0 => false,
        _ => true,
    }
}

fn columns<'a>(
    toks: &[OTok],
    range: Option<(usize, usize)>,
    text: &impl Fn(&OTok) -> &'a [u8],
) -> usize {
    let Some((s, e)) = range else { return 0 };
    toks[s..e]
        .iter()
        .map(|t| t.spaces as usize + graphemes(text(t)))
        .sum()
}

/// Number of grapheme clusters (`\r\n` is one).
fn graphemes(b: &[u8]) -> usize {
    if b.is_ascii() {
        let crlf = b.windows(2).filter(|w| w == b"\r\n").count();
        return b.len() - crlf;
    }
    match std::str::from_utf8(b) {
        Ok(s) => s.graphemes(true).count(),
        Err(_) => String::from_utf8_lossy(b).graphemes(true).count(),
    }
}

fn align<'a>(toks: &mut [OTok], lines: &[Line], text: &impl Fn(&OTok) -> &'a [u8]) {
    // `=` of consecutive assignment lines.
    let mut i = 0;
    while i < lines.len() {
        if lines[i].assign.is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut max = 0;
        while i < lines.len() && lines[i].assign.is_some() {
            max = max.max(columns(toks, Some(lines[i].lead), text));
            i += 1;
        }
        for line in &lines[start..i] {
            let cols = columns(toks, Some(line.lead), text);
            if let Some((a, _)) = line.assign {
                toks[a].spaces = (max - cols + 1) as u32;
            }
        }
    }
    // Trailing comments of consecutive lines.
    let mut i = 0;
    while i < lines.len() {
        if lines[i].comment.is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut max = 0;
        let width = |toks: &[OTok], l: &Line| {
            columns(toks, Some(l.lead), text) + columns(toks, l.assign, text)
        };
        while i < lines.len() && lines[i].comment.is_some() {
            max = max.max(width(toks, &lines[i]));
            i += 1;
        }
        for line in &lines[start..i] {
            let cols = width(toks, line);
            if let Some(c) = line.comment {
                toks[c].spaces = (max - cols + 1) as u32;
            }
        }
    }
}
