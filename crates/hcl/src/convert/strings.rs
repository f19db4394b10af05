//! Decoding of template literal text: escape sequences in quoted strings, `$${`/`%%{`
//! escapes everywhere, and the indentation removal of flush heredocs (`<<-`).

use crate::ast::TemplatePart;
use unicode_normalization::UnicodeNormalization;

/// Decodes a literal chunk. `quoted` enables backslash escapes (heredocs have none).
pub(crate) fn decode_literal(raw: &str, quoted: bool) -> String {
    let decoded = decode_escapes(raw, quoted);
    // HCL normalises string literals to NFC, so `n` + combining tilde equals `ñ`.
    if decoded.is_ascii() {
        decoded
    } else {
        decoded.nfc().collect()
    }
}

fn decode_escapes(raw: &str, quoted: bool) -> String {
    if !raw.contains(['\\', '$', '%']) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('u') => push_unicode(&mut out, &mut chars, 4),
                Some('U') => push_unicode(&mut out, &mut chars, 8),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '$' | '%' if chars.peek() == Some(&c) => {
                // `$${` and `%%{` stand for a literal `${` / `%{`.
                let mut look = chars.clone();
                look.next();
                if look.peek() == Some(&'{') {
                    chars.next();
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn push_unicode(out: &mut String, chars: &mut std::iter::Peekable<std::str::Chars>, n: usize) {
    let mut hex = String::new();
    for _ in 0..n {
        match chars.peek() {
            Some(c) if c.is_ascii_hexdigit() => {
                hex.push(*c);
                chars.next();
            }
            _ => break,
        }
    }
    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
        Some(ch) if hex.len() == n => out.push(ch),
        _ => out.push(char::REPLACEMENT_CHARACTER),
    }
}

/// Removes the common leading indentation of all non-blank lines of a flush heredoc.
pub(crate) fn dedent_flush_heredoc(parts: &mut [TemplatePart]) {
    let mut min_indent = usize::MAX;
    let mut at_line_start = true;
    for p in parts.iter() {
        match p {
            TemplatePart::Literal(s) => {
                for (i, line) in s.split('\n').enumerate() {
                    if i > 0 {
                        at_line_start = true;
                    }
                    if at_line_start {
                        let indent = leading_ws_chars(line);
                        let rest_blank = line.trim_start().is_empty();
                        let is_last_piece = i == s.split('\n').count() - 1;
                        // A whitespace-only line does not count, unless an interpolation
                        // follows it on the same line.
                        let counts = !rest_blank || (is_last_piece && indent > 0);
                        if counts {
                            min_indent = min_indent.min(indent);
                        }
                        at_line_start = false;
                    }
                }
            }
            _ => {
                if at_line_start {
                    min_indent = 0;
                }
                at_line_start = false;
            }
        }
    }
    if min_indent == 0 || min_indent == usize::MAX {
        return;
    }
    let mut at_line_start = true;
    for p in parts.iter_mut() {
        match p {
            TemplatePart::Literal(s) => {
                let mut out = String::with_capacity(s.len());
                for (i, line) in s.split('\n').enumerate() {
                    if i > 0 {
                        out.push('\n');
                        at_line_start = true;
                    }
                    if at_line_start {
                        out.push_str(skip_ws_chars(line, min_indent));
                    } else {
                        out.push_str(line);
                    }
                    at_line_start = false;
                }
                *s = out;
            }
            _ => at_line_start = false,
        }
    }
}

/// Leading whitespace in characters (HCL counts any Unicode space, one per character).
fn leading_ws_chars(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// `line` without up to `n` leading whitespace characters.
fn skip_ws_chars(line: &str, n: usize) -> &str {
    let mut rest = line;
    for _ in 0..n {
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if c.is_whitespace() => rest = chars.as_str(),
            _ => break,
        }
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes() {
        assert_eq!(
            decode_literal(r#"a\n\"b\\ \u00e9 $${x} %%{y} $5"#, true),
            "a\n\"b\\ é ${x} %{y} $5"
        );
        assert_eq!(decode_literal(r#"a\nb $${x}"#, false), "a\\nb ${x}");
    }

    #[test]
    fn dedents_flush_heredoc_by_smallest_indent() {
        let mut parts = vec![TemplatePart::Literal("    a\n      b\n\n    c\n".into())];
        dedent_flush_heredoc(&mut parts);
        assert_eq!(parts, vec![TemplatePart::Literal("a\n  b\n\nc\n".into())]);
    }
}
