//! The token scanner of the formatter: the same token stream as the HCL native syntax scanner
//! (hclsyntax) produces, because `terraform fmt` formats that stream. Works on bytes, never
//! fails: bytes it cannot place become `Invalid`/`BadUtf8` tokens, which the parser reports.
//!
//! Modes follow the language: expressions (`Main`), quoted templates (`Str`) and heredoc
//! templates (`Heredoc`); `${`/`%{` enter `Main` and the matching `}` returns. Adjacent literal
//! pieces of one template are emitted as one token: the formatter never puts space between
//! literal tokens, so the output does not depend on how a literal run is split.

use super::ident_tables::{ID_CONTINUE, ID_START};

/// Token kinds; the names follow the native syntax's token types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum K {
    OBrace,
    CBrace,
    OBrack,
    CBrack,
    OParen,
    CParen,
    OQuote,
    CQuote,
    OHeredoc,
    CHeredoc,
    Star,
    Slash,
    Plus,
    Minus,
    Percent,
    Equal,
    EqualOp,
    NotEqual,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Bang,
    Dot,
    Comma,
    DoubleColon,
    Ellipsis,
    FatArrow,
    Question,
    Colon,
    TInterp,
    TControl,
    TSeqEnd,
    QuotedLit,
    StringLit,
    Number,
    Ident,
    Comment,
    Newline,
    Eof,
    // Recognised only to be reported.
    BitAnd,
    BitOr,
    BitNot,
    BitXor,
    Apostrophe,
    Backtick,
    Semicolon,
    Invalid,
    BadUtf8,
    QuotedNewline,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: K,
    pub start: u32,
    pub end: u32,
}

impl Tok {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Main,
    Str,
    Heredoc,
}

struct Heredoc {
    marker: (usize, usize),
    start_of_line: bool,
}

/// Scans `src` (BOM already removed) into tokens, ending with one `Eof` token.
pub(crate) fn scan(src: &[u8]) -> Vec<Tok> {
    let mut lx = Lexer {
        src,
        p: 0,
        toks: Vec::with_capacity(src.len() / 4 + 8),
        mode: Mode::Main,
        stack: Vec::new(),
        braces: 0,
        ret_braces: Vec::new(),
        heredocs: Vec::new(),
        no_comment_close_after: usize::MAX,
    };
    lx.run();
    let n = src.len() as u32;
    lx.toks.push(Tok {
        kind: K::Eof,
        start: n,
        end: n,
    });
    lx.toks
}

struct Lexer<'a> {
    src: &'a [u8],
    p: usize,
    toks: Vec<Tok>,
    mode: Mode,
    stack: Vec<Mode>,
    braces: i64,
    ret_braces: Vec<i64>,
    heredocs: Vec<Heredoc>,
    no_comment_close_after: usize,
}

impl Lexer<'_> {
    fn at(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    fn emit(&mut self, kind: K, start: usize, end: usize) {
        self.toks.push(Tok {
            kind,
            start: start as u32,
            end: end as u32,
        });
        self.p = end;
    }

    /// The rest of the input as one invalid token (the native scanner's behaviour when no
    /// pattern matches at all).
    fn bail(&mut self, start: usize) {
        let n = self.src.len();
        self.emit(K::Invalid, start, n);
    }

    fn run(&mut self) {
        while self.p < self.src.len() {
            match self.mode {
                Mode::Main => self.main(),
                Mode::Str => self.string(),
                Mode::Heredoc => self.heredoc(),
            }
        }
    }

    fn ret(&mut self) {
        self.mode = self.stack.pop().unwrap_or(Mode::Main);
    }

    fn begin_template_seq(&mut self, kind: K, start: usize) {
        let len = if self.at(start + 2) == b'~' { 3 } else { 2 };
        self.emit(kind, start, start + len);
        self.braces += 1;
        self.ret_braces.push(self.braces);
        if let Some(h) = self.heredocs.last_mut() {
            h.start_of_line = false;
        }
        self.stack.push(self.mode);
        self.mode = Mode::Main;
    }

    fn main(&mut self) {
        let s = self.p;
        let c = self.src[s];
        let next = self.at(s + 1);
        match c {
            b' ' | b'\t' => {
                let mut i = s + 1;
                while matches!(self.at(i), b' ' | b'\t') && i < self.src.len() {
                    i += 1;
                }
                self.p = i;
            }
            b'0'..=b'9' => {
                let end = number_end(self.src, s);
                self.emit(K::Number, s, end);
            }
            b'#' => self.line_comment(s),
            b'/' if next == b'/' => self.line_comment(s),
            b'/' if next == b'*' => match self.block_comment_end(s) {
                Some(e) => self.emit(K::Comment, s, e),
                None => self.emit(K::Slash, s, s + 1),
            },
            b'\n' => self.emit(K::Newline, s, s + 1),
            b'\r' if next == b'\n' => self.emit(K::Newline, s, s + 2),
            b'=' if next == b'=' => self.emit(K::EqualOp, s, s + 2),
            b'=' if next == b'>' => self.emit(K::FatArrow, s, s + 2),
            b'!' if next == b'=' => self.emit(K::NotEqual, s, s + 2),
            b'>' if next == b'=' => self.emit(K::Ge, s, s + 2),
            b'<' if next == b'<' && self.heredoc_intro(s) => {}
            b'<' if next == b'=' => self.emit(K::Le, s, s + 2),
            b'&' if next == b'&' => self.emit(K::And, s, s + 2),
            b'|' if next == b'|' => self.emit(K::Or, s, s + 2),
            b':' if next == b':' => self.emit(K::DoubleColon, s, s + 2),
            b'.' if next == b'.' && self.at(s + 2) == b'.' => self.emit(K::Ellipsis, s, s + 3),
            b'{' => {
                self.emit(K::OBrace, s, s + 1);
                self.braces += 1;
            }
            b'}' => {
                if self.ret_braces.last() == Some(&self.braces) {
                    self.emit(K::TSeqEnd, s, s + 1);
                    self.braces -= 1;
                    self.ret_braces.pop();
                    self.ret();
                } else {
                    self.emit(K::CBrace, s, s + 1);
                    self.braces -= 1;
                }
            }
            b'~' if next == b'}' => {
                self.emit(K::TSeqEnd, s, s + 2);
                if self.ret_braces.last() == Some(&self.braces) {
                    self.braces -= 1;
                    self.ret_braces.pop();
                    self.ret();
                } else {
                    self.braces -= 1;
                }
            }
            b'"' => {
                self.emit(K::OQuote, s, s + 1);
                self.stack.push(Mode::Main);
                self.mode = Mode::Str;
            }
            _ => {
                if let Some(kind) = self_token(c) {
                    self.emit(kind, s, s + 1);
                } else if let Some(end) = ident_end(self.src, s) {
                    self.emit(K::Ident, s, end);
                } else {
                    match utf8_char(self.src, s) {
                        Some((len, _)) => self.emit(K::Invalid, s, s + len),
                        None => self.emit(K::BadUtf8, s, s + 1),
                    }
                }
            }
        }
    }

    /// End of a `/* ... */` comment starting at `s`. Once a search fails, every later one
    /// would too: remembered, so many unterminated openers stay linear.
    fn block_comment_end(&mut self, s: usize) -> Option<usize> {
        if s >= self.no_comment_close_after {
            return None;
        }
        match find(self.src, s + 2, b"*/") {
            Some(e) => Some(e + 2),
            None => {
                self.no_comment_close_after = s;
                None
            }
        }
    }

    fn line_comment(&mut self, s: usize) {
        let end = match memchr_nl(self.src, s) {
            Some(i) => i + 1,
            None => self.src.len(),
        };
        self.emit(K::Comment, s, end);
    }

    /// `<<` `-`? identifier newline: a heredoc introducer. Emits it and enters heredoc mode.
    fn heredoc_intro(&mut self, s: usize) -> bool {
        let mut i = s + 2;
        if self.at(i) == b'-' {
            i += 1;
        }
        let Some(id_end) = ident_end(self.src, i) else {
            return false;
        };
        let nl_end = match (self.at(id_end), self.at(id_end + 1)) {
            (b'\n', _) => id_end + 1,
            (b'\r', b'\n') => id_end + 2,
            _ => return false,
        };
        self.emit(K::OHeredoc, s, nl_end);
        self.heredocs.push(Heredoc {
            marker: (i, id_end),
            start_of_line: true,
        });
        self.stack.push(Mode::Main);
        self.mode = Mode::Heredoc;
        true
    }

    fn string(&mut self) {
        let s = self.p;
        let c = self.src[s];
        let next = self.at(s + 1);
        match c {
            b'$' if next == b'{' => self.begin_template_seq(K::TInterp, s),
            b'%' if next == b'{' => self.begin_template_seq(K::TControl, s),
            b'"' => {
                self.emit(K::CQuote, s, s + 1);
                self.ret();
            }
            b'\r' | b'\n' => {
                let mut i = s + 1;
                while matches!(self.at(i), b'\r' | b'\n') && i < self.src.len() {
                    i += 1;
                }
                self.emit(K::QuotedNewline, s, i);
            }
            _ => {
                let end = self.quoted_literal_end(s);
                if end > s {
                    self.emit(K::QuotedLit, s, end);
                } else if c == b'$' || c == b'%' {
                    // A lone `$`/`%` at the end of the input.
                    self.bail(s);
                } else {
                    match utf8_char(self.src, s) {
                        Some((len, _)) => self.emit(K::Invalid, s, s + len),
                        None => self.emit(K::BadUtf8, s, s + 1),
                    }
                }
            }
        }
    }

    /// End of the literal run starting at `s` in a quoted template: characters, backslash
    /// pairs, `$`/`%` not starting a sequence, and the `$${`/`%%{` escapes.
    fn quoted_literal_end(&self, s: usize) -> usize {
        let src = self.src;
        let mut i = s;
        while i < src.len() {
            let c = src[i];
            match c {
                b'"' | b'\r' | b'\n' => break,
                b'$' | b'%' => match template_escape_len(src, i) {
                    Some(0) => break,
                    Some(n) => i += n,
                    None => break,
                },
                b'\\' => match utf8_char(src, i + 1) {
                    Some((_, b'\r' | b'\n')) | None => break,
                    Some((len, _)) => i += 1 + len,
                },
                _ => match utf8_char(src, i) {
                    Some((len, _)) => i += len,
                    None => break,
                },
            }
        }
        i
    }

    fn heredoc(&mut self) {
        let s = self.p;
        let c = self.src[s];
        let next = self.at(s + 1);
        if c == b'$' && next == b'{' {
            return self.begin_template_seq(K::TInterp, s);
        }
        if c == b'%' && next == b'{' {
            return self.begin_template_seq(K::TControl, s);
        }
        let src = self.src;
        let mut i = s;
        let mut eol = None;
        while i < src.len() {
            let c = src[i];
            match c {
                b'\n' => {
                    eol = Some(i);
                    i += 1;
                    break;
                }
                b'\r' if self.at(i + 1) == b'\n' => {
                    eol = Some(i);
                    i += 2;
                    break;
                }
                // A lone carriage return matches no heredoc pattern.
                b'\r' => return self.bail(s),
                b'$' | b'%' => match template_escape_len(src, i) {
                    Some(0) => break,
                    Some(n) => i += n,
                    None => return self.bail(s),
                },
                _ => match utf8_char(src, i) {
                    Some((len, _)) => i += len,
                    None => break,
                },
            }
        }
        if i == s {
            // Broken UTF-8 at the start of a piece.
            return self.emit(K::BadUtf8, s, s + 1);
        }
        let Some(nl) = eol else {
            if let Some(h) = self.heredocs.last_mut() {
                h.start_of_line = false;
            }
            return self.emit(K::StringLit, s, i);
        };
        let (start_of_line, marker) = match self.heredocs.last() {
            Some(h) => (h.start_of_line, h.marker),
            None => (false, (0, 0)),
        };
        if start_of_line && trim_space(&src[s..i]) == &src[marker.0..marker.1] {
            self.emit(K::CHeredoc, s, nl);
            self.emit(K::Newline, nl, i);
            self.heredocs.pop();
            self.ret();
            return;
        }
        if let Some(h) = self.heredocs.last_mut() {
            h.start_of_line = true;
        }
        self.emit(K::StringLit, s, i);
    }
}

/// At a `$` or `%` in a template: `Some(0)` when it opens a sequence (`${`, `%{`), `Some(n)`
/// for a literal piece of `n` bytes (`$${`/`%%{` escapes or the lone character), `None` when
/// the input ends right after it.
fn template_escape_len(src: &[u8], i: usize) -> Option<usize> {
    let c = src[i];
    match (src.get(i + 1), src.get(i + 2)) {
        (Some(b'{'), _) => Some(0),
        (Some(&n), Some(b'{')) if n == c => {
            let tilde = src.get(i + 3) == Some(&b'~');
            Some(if tilde { 4 } else { 3 })
        }
        (Some(_), _) => Some(1),
        (None, _) => None,
    }
}

fn self_token(c: u8) -> Option<K> {
    Some(match c {
        b'[' => K::OBrack,
        b']' => K::CBrack,
        b'(' => K::OParen,
        b')' => K::CParen,
        b'.' => K::Dot,
        b',' => K::Comma,
        b'*' => K::Star,
        b'/' => K::Slash,
        b'%' => K::Percent,
        b'+' => K::Plus,
        b'-' => K::Minus,
        b'=' => K::Equal,
        b'<' => K::Lt,
        b'>' => K::Gt,
        b'!' => K::Bang,
        b'?' => K::Question,
        b':' => K::Colon,
        b'&' => K::BitAnd,
        b'|' => K::BitOr,
        b'~' => K::BitNot,
        b'^' => K::BitXor,
        b';' => K::Semicolon,
        b'`' => K::Backtick,
        b'\'' => K::Apostrophe,
        _ => return None,
    })
}

/// Number literal: a digit, then digits, dots and exponents (`e`, optional sign, digit); it
/// never ends with a dot.
fn number_end(src: &[u8], s: usize) -> usize {
    let mut i = s + 1;
    let mut end = i;
    loop {
        match src.get(i) {
            Some(b'0'..=b'9') => {
                i += 1;
                end = i;
            }
            Some(b'.') => i += 1,
            Some(b'e' | b'E') => {
                let mut j = i + 1;
                if matches!(src.get(j), Some(b'+' | b'-')) {
                    j += 1;
                }
                if matches!(src.get(j), Some(b'0'..=b'9')) {
                    i = j + 1;
                    end = i;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    end
}

/// Identifier at `s`: (`ID_Start` | `_`) (`ID_Continue` | `-`)*.
pub(crate) fn ident_end(src: &[u8], s: usize) -> Option<usize> {
    let (len, cp) = utf8_scalar(src, s)?;
    if !(cp == '_' as u32 || is_id_start(cp)) {
        return None;
    }
    let mut i = s + len;
    while let Some((len, cp)) = utf8_scalar(src, i) {
        if cp == '-' as u32 || is_id_continue(cp) {
            i += len;
        } else {
            break;
        }
    }
    Some(i)
}

fn is_id_start(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic();
    }
    in_table(ID_START, cp)
}

fn is_id_continue(cp: u32) -> bool {
    if cp < 0x80 {
        let c = cp as u8;
        return c.is_ascii_alphanumeric() || c == b'_';
    }
    in_table(ID_CONTINUE, cp)
}

fn in_table(table: &[(u32, u32)], cp: u32) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// One character as the native scanner sees one (`AnyUTF8`: a lead byte and the right number
/// of continuation bytes, without checking for overlong forms): `(length, first byte)`, or
/// `None` for a byte that starts no such sequence (or the end of input).
pub(crate) fn utf8_char(src: &[u8], i: usize) -> Option<(usize, u8)> {
    let b = *src.get(i)?;
    let len = match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    for k in 1..len {
        if !matches!(src.get(i + k), Some(0x80..=0xBF)) {
            return None;
        }
    }
    Some((len, b))
}

/// A well-formed UTF-8 scalar value at `i`: `(length, code point)`.
fn utf8_scalar(src: &[u8], i: usize) -> Option<(usize, u32)> {
    let b = *src.get(i)?;
    if b < 0x80 {
        return Some((1, b as u32));
    }
    let end = (i + 4).min(src.len());
    let chunk = match std::str::from_utf8(&src[i..end]) {
        Ok(s) => s,
        Err(e) if e.valid_up_to() > 0 => std::str::from_utf8(&src[i..i + e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    let ch = chunk.chars().next()?;
    Some((ch.len_utf8(), ch as u32))
}

fn memchr_nl(src: &[u8], from: usize) -> Option<usize> {
    src.get(from..)?
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| i + from)
}

fn find(src: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = src.get(from..)?;
    hay.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `bytes.TrimSpace`: strips leading and trailing Unicode white space.
pub(crate) fn trim_space(b: &[u8]) -> &[u8] {
    let mut s = 0;
    while s < b.len() {
        match space_len_at(b, s) {
            Some(n) => s += n,
            None => break,
        }
    }
    let mut e = b.len();
    while e > s {
        match space_len_before(b, e) {
            Some(n) => e -= n,
            None => break,
        }
    }
    &b[s..e]
}

fn space_len_at(b: &[u8], i: usize) -> Option<usize> {
    let (len, cp) = utf8_scalar(b, i)?;
    char::from_u32(cp)
        .filter(|c| c.is_whitespace())
        .map(|_| len)
}

fn space_len_before(b: &[u8], e: usize) -> Option<usize> {
    for len in 1..=4.min(e) {
        let s = e - len;
        if let Some((l, cp)) = utf8_scalar(b, s) {
            if l == len {
                return char::from_u32(cp)
                    .filter(|c| c.is_whitespace())
                    .map(|_| len);
            }
        }
        // Continue only through continuation bytes.
        if b[s] & 0xC0 != 0x80 {
            return None;
        }
    }
    None
}
