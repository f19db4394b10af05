//! What `terraform fmt` changes besides whitespace, applied to the token stream before the
//! layout pass:
//!
//! - block labels are written as quoted strings (`resource aws_s3_bucket b` →
//!   `resource "aws_s3_bucket" "b"`), with their escapes normalised, and comments between
//!   the type name and the last label are dropped;
//! - an attribute whose whole value is one interpolation loses the quotes:
//!   `"${var.x}"` → `var.x` (a value spanning lines is wrapped in parentheses);
//! - in top-level `variable` blocks, `type = "string"`/`"list"`/`"map"` become `string`,
//!   `list(string)`, `map(string)`, and bare `list`/`map`/`set` become `list(any)` etc.

use super::lexer::{Tok, K};
use super::parser::{AttrInfo, LabelsInfo, Structure};
use super::OTok;
use unicode_normalization::UnicodeNormalization;

/// The output token stream: the scanned tokens with the rewrites spliced in. Synthesised
/// token text goes to `extra`.
pub(crate) fn rewrite(src: &[u8], toks: &[Tok], st: &Structure, extra: &mut Vec<u8>) -> Vec<OTok> {
    // Edits: (first token, last token inclusive, replacement), non-overlapping.
    let mut edits: Vec<(usize, usize, Vec<OTok>)> = Vec::new();
    for l in &st.labels {
        if let Some(e) = labels_edit(src, toks, l, extra) {
            edits.push(e);
        }
    }
    for a in &st.attrs {
        let repl = if a.variable_type {
            type_expr(src, toks, a, extra)
        } else {
            value_expr(toks, a, extra)
        };
        if let Some(r) = repl {
            edits.push((a.first, a.last, r));
        }
    }
    let mut out = Vec::with_capacity(toks.len() + 8);
    if edits.is_empty() {
        out.extend(toks.iter().map(|t| OTok::input(*t)));
        return out;
    }
    edits.sort_by_key(|e| e.0);
    let mut i = 0;
    for (first, last, repl) in edits {
        if first < i {
            continue; // cannot happen (edits do not overlap); keep the first one
        }
        out.extend(toks[i..first].iter().map(|t| OTok::input(*t)));
        out.extend(repl);
        i = last + 1;
    }
    out.extend(toks[i..].iter().map(|t| OTok::input(*t)));
    out
}

fn synth(extra: &mut Vec<u8>, kind: K, text: &[u8]) -> OTok {
    let start = extra.len() as u32;
    extra.extend_from_slice(text);
    OTok {
        kind,
        start,
        end: extra.len() as u32,
        extra: true,
        spaces: 0,
    }
}

/// Interpolation-only values: `"${ expr }"` → `expr`.
fn value_expr(toks: &[Tok], a: &AttrInfo, extra: &mut Vec<u8>) -> Option<Vec<OTok>> {
    let t = &toks[a.first..=a.last];
    let n = t.len();
    if n < 5 {
        return None;
    }
    if t[0].kind != K::OQuote
        || t[1].kind != K::TInterp
        || t[n - 2].kind != K::TSeqEnd
        || t[n - 1].kind != K::CQuote
    {
        return None;
    }
    let inside = &t[2..n - 2];
    // Only provably single interpolations: no other sequence or literal at the outer level
    // (nested quoted strings may contain anything).
    let mut quotes = 0i32;
    for tok in inside {
        match tok.kind {
            K::OQuote => quotes += 1,
            K::CQuote => quotes -= 1,
            _ if quotes > 0 => {}
            K::TInterp | K::TSeqEnd | K::QuotedLit => return None,
            _ => {}
        }
    }
    let mut s = 0;
    let mut e = inside.len();
    while s < e && inside[s].kind == K::Newline {
        s += 1;
    }
    while e > s && inside[e - 1].kind == K::Newline {
        e -= 1;
    }
    let trimmed = &inside[s..e];
    let mut multi_line = false;
    let mut leading = false;
    let mut trailing = false;
    for (i, tok) in trimmed.iter().enumerate() {
        if i == 0 && tok.kind == K::OParen {
            leading = true;
        } else if tok.kind == K::Newline {
            multi_line = true;
        } else if i == trimmed.len() - 1 && tok.kind == K::CParen {
            trailing = true;
        }
    }
    let mut out = Vec::with_capacity(trimmed.len() + 2);
    let wrap = multi_line && !(leading && trailing);
    if wrap {
        out.push(synth(extra, K::OParen, b"("));
    }
    out.extend(trimmed.iter().map(|t| OTok::input(*t)));
    if wrap {
        out.push(synth(extra, K::CParen, b")"));
    }
    Some(out)
}

/// Legacy type constraints in `variable` blocks.
fn type_expr(src: &[u8], toks: &[Tok], a: &AttrInfo, extra: &mut Vec<u8>) -> Option<Vec<OTok>> {
    let t = &toks[a.first..=a.last];
    let text = |tok: &Tok| &src[tok.range()];
    match t {
        [kw] if kw.kind == K::Ident && matches!(text(kw), b"list" | b"map" | b"set") => Some(vec![
            OTok::input(*kw),
            synth(extra, K::OParen, b"("),
            synth(extra, K::Ident, b"any"),
            synth(extra, K::CParen, b")"),
        ]),
        [o, lit, c] if o.kind == K::OQuote && lit.kind == K::QuotedLit && c.kind == K::CQuote => {
            let collection = match text(lit) {
                b"string" => return Some(vec![synth(extra, K::Ident, b"string")]),
                b"list" => b"list".as_slice(),
                b"map" => b"map".as_slice(),
                _ => return None,
            };
            Some(vec![
                synth(extra, K::Ident, collection),
                synth(extra, K::OParen, b"("),
                synth(extra, K::Ident, b"string"),
                synth(extra, K::CParen, b")"),
            ])
        }
        _ => None,
    }
}

/// Block labels as quoted strings. `None` when they already are, as terraform writes them.
fn labels_edit(
    src: &[u8],
    toks: &[Tok],
    l: &LabelsInfo,
    extra: &mut Vec<u8>,
) -> Option<(usize, usize, Vec<OTok>)> {
    let first = l.type_name + 1;
    let last = l.labels.last()?.1;
    // Anything between the type name and the labels or between labels (only comments can
    // be) is dropped.
    let mut changed = l.labels.first()?.0 != first;
    for w in l.labels.windows(2) {
        if w[1].0 != w[0].1 + 1 {
            changed = true;
        }
    }
    let mut canon: Vec<Option<Vec<u8>>> = Vec::with_capacity(l.labels.len());
    for &(a, b) in &l.labels {
        let c = canonical_label(src, &toks[a..=b]);
        if let Some(c) = &c {
            if c.as_slice() != &src[toks[a].start as usize..toks[b].end as usize] {
                changed = true;
            }
        }
        canon.push(c);
    }
    if !changed {
        return None;
    }
    let mut out = Vec::new();
    for (&(a, b), c) in l.labels.iter().zip(canon) {
        match c {
            Some(text) => {
                out.push(synth(extra, K::OQuote, b"\""));
                if text.len() > 2 {
                    out.push(synth(extra, K::QuotedLit, &text[1..text.len() - 1]));
                }
                out.push(synth(extra, K::CQuote, b"\""));
            }
            None => out.extend(toks[a..=b].iter().map(|t| OTok::input(*t))),
        }
    }
    Some((first, last, out))
}

/// The label as terraform rewrites it (`"..."` with canonical escapes), or `None` to keep it
/// verbatim: labels containing `$` or `%` (terraform drops those labels altogether, which
/// would change the configuration) or bytes that are not UTF-8 (terraform would replace them).
fn canonical_label(src: &[u8], t: &[Tok]) -> Option<Vec<u8>> {
    let raw: &[u8] = match t {
        [id] if id.kind == K::Ident => &src[id.range()],
        [o, c] if o.kind == K::OQuote && c.kind == K::CQuote => b"",
        [o, lit, c] if o.kind == K::OQuote && lit.kind == K::QuotedLit && c.kind == K::CQuote => {
            &src[lit.range()]
        }
        _ => return None,
    };
    if raw.iter().any(|&b| b == b'$' || b == b'%') {
        return None;
    }
    let quoted = t.len() > 1;
    // Fast path: printable ASCII without escapes is its own canonical form.
    if raw
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) && b != b'\\' && b != b'"')
    {
        let mut v = Vec::with_capacity(raw.len() + 2);
        v.push(b'"');
        v.extend_from_slice(raw);
        v.push(b'"');
        return Some(v);
    }
    let decoded = if quoted { unescape(raw)? } else { raw.to_vec() };
    let s = String::from_utf8(decoded).ok()?;
    let s: String = s.nfc().collect();
    let mut v = Vec::with_capacity(s.len() + 2);
    v.push(b'"');
    escape_into(&s, &mut v);
    v.push(b'"');
    Some(v)
}

/// Decodes the escapes of a quoted literal (already validated by the parser).
fn unescape(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let sel = *b.get(i + 1)?;
        match sel {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'"' => out.push(b'"'),
            b'\\' => out.push(b'\\'),
            b'u' | b'U' => {
                let n = if sel == b'u' { 4 } else { 8 };
                let hex = std::str::from_utf8(b.get(i + 2..i + 2 + n)?).ok()?;
                let ch = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                i += 2 + n;
                continue;
            }
            _ => return None,
        }
        i += 2;
    }
    Some(out)
}

/// The quoted-string escaping of hclwrite: `\n \r \t \" \\`, and `\uXXXX`/`\UXXXXXXXX` for
/// characters Go does not consider printable.
fn escape_into(s: &str, out: &mut Vec<u8>) {
    for ch in s.chars() {
        match ch {
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            c if is_go_print(c) => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            c if (c as u32) < 0x10000 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes())
            }
            c => out.extend_from_slice(format!("\\U{:08x}", c as u32).as_bytes()),
        }
    }
}

/// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and ASCII space.
fn is_go_print(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::SpaceSeparator
            | G::LineSeparator
            | G::ParagraphSeparator
    )
}
