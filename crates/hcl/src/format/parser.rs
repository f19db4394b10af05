//! A validating parser over the formatter's tokens. It accepts exactly what the HCL native
//! syntax parser accepts (terraform fmt refuses a file with any syntax error), stops at the
//! first error, and records what the rewrites need: every attribute's expression tokens and
//! every block's label tokens. It builds no expression tree.

use super::lexer::{Tok, K};
use std::collections::HashSet;

/// Nesting beyond this depth is refused (the formatter's own bound; the native parser has
/// none but a file this deep is not configuration).
pub const MAX_DEPTH: u32 = 4_000;

#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub message: String,
    /// Byte offset in the scanned source.
    pub at: usize,
    pub too_deep: bool,
}

type PResult<T> = Result<T, SyntaxError>;

/// An attribute of some body: its expression is `toks[first..=last]`.
pub(crate) struct AttrInfo {
    pub first: usize,
    pub last: usize,
    /// `type` of a top-level `variable` block: type-expression rewrites instead of value ones.
    pub variable_type: bool,
}

/// A block's labels: each label's token range (inclusive). Tokens between the type name and
/// the last label can only be comments; terraform drops them.
pub(crate) struct LabelsInfo {
    pub type_name: usize,
    pub labels: Vec<(usize, usize)>,
}

#[derive(Default)]
pub(crate) struct Structure {
    pub attrs: Vec<AttrInfo>,
    pub labels: Vec<LabelsInfo>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyCtx {
    Top,
    TopVariable,
    Nested,
}

pub(crate) fn parse(src: &[u8], toks: &[Tok]) -> PResult<Structure> {
    check_invalid_tokens(src, toks)?;
    let mut p = Parser {
        src,
        toks,
        next: 0,
        newlines: true,
        depth: 0,
        out: Structure::default(),
    };
    p.body(K::Eof, BodyCtx::Top)?;
    Ok(p.out)
}

fn err(at: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        at,
        too_deep: false,
    }
}

/// Tokens that are never valid (reported by the native lexer before parsing).
fn check_invalid_tokens(src: &[u8], toks: &[Tok]) -> PResult<()> {
    for t in toks {
        let at = t.start as usize;
        let msg = match t.kind {
            K::BitAnd => {
                "Unsupported operator: bitwise operators are not \
                    supported; did you mean boolean AND (\"&&\")?"
            }
            K::BitOr => {
                "Unsupported operator: bitwise operators are not \
                    supported; did you mean boolean OR (\"||\")?"
            }
            K::BitNot => {
                "Unsupported operator: bitwise operators are not \
                    supported; did you mean boolean NOT (\"!\")?"
            }
            K::BitXor => "Unsupported operator: bitwise operators are not supported",
            K::Backtick => {
                "Invalid character: the \"`\" character is not valid; to \
                    create a multi-line string, use the heredoc syntax \
                    (<<EOT)"
            }
            K::Apostrophe => {
                "Invalid character: single quotes are not valid; use \
                    double quotes (\") to enclose strings"
            }
            K::Semicolon => {
                "Invalid character: the \";\" character is not valid; \
                    use newlines to separate arguments and blocks, and \
                    commas to separate items in collection values"
            }
            K::BadUtf8 => "Invalid character encoding: all input files must be UTF-8 encoded",
            K::QuotedNewline => {
                "Invalid multi-line string: quoted strings may not be \
                    split over multiple lines; use the \\n escape or a \
                    heredoc"
            }
            K::Invalid => {
                let b = &src[t.range()];
                if b == "“".as_bytes() || b == "”".as_bytes() {
                    "Invalid character: \"curly quotes\" are not valid here; \
                        replace them with straight quotes"
                } else {
                    "Invalid character: this character is not used within the language"
                }
            }
            _ => continue,
        };
        return Err(err(at, msg));
    }
    Ok(())
}

struct Parser<'a> {
    src: &'a [u8],
    toks: &'a [Tok],
    /// Index of the next unread token (comments and, when ignored, newlines are skipped on
    /// the fly).
    next: usize,
    /// Whether newlines are significant in the current context.
    newlines: bool,
    depth: u32,
    out: Structure,
}

/// The next significant token: its kind (a line comment reads as a newline where newlines
/// count) and its index.
#[derive(Clone, Copy)]
struct Peeked {
    kind: K,
    idx: usize,
    after: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Peeked {
        let mut i = self.next;
        while i < self.toks.len() {
            let t = self.toks[i];
            match t.kind {
                K::Comment => {
                    if self.newlines && self.src[t.end as usize - 1] == b'\n' {
                        return Peeked {
                            kind: K::Newline,
                            idx: i,
                            after: i + 1,
                        };
                    }
                }
                K::Newline if !self.newlines => {}
                kind => {
                    return Peeked {
                        kind,
                        idx: i,
                        after: i + 1,
                    }
                }
            }
            i += 1;
        }
        let last = self.toks.len() - 1;
        Peeked {
            kind: K::Eof,
            idx: last,
            after: self.toks.len(),
        }
    }

    fn read(&mut self) -> Peeked {
        let p = self.peek();
        self.next = p.after;
        p
    }

    fn at(&self, p: Peeked) -> usize {
        self.toks[p.idx].start as usize
    }

    fn bytes(&self, idx: usize) -> &'a [u8] {
        &self.src[self.toks[idx].range()]
    }

    fn is_keyword(&self, p: Peeked, kw: &[u8]) -> bool {
        p.kind == K::Ident && self.bytes(p.idx) == kw
    }

    /// Index of the last token read (the end of the construct just parsed).
    fn prev(&self) -> usize {
        self.next.saturating_sub(1)
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let at = self.at(self.peek());
            return Err(SyntaxError {
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
                at,
                too_deep: true,
            });
        }
        Ok(())
    }

    fn with_newlines<T>(
        &mut self,
        on: bool,
        f: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        let saved = self.newlines;
        self.newlines = on;
        let r = f(self);
        self.newlines = saved;
        r
    }

    // ---- bodies ------------------------------------------------------------------------

    fn body(&mut self, end: K, ctx: BodyCtx) -> PResult<()> {
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.body_items(end, ctx));
        self.depth -= 1;
        r
    }

    fn body_items(&mut self, end: K, ctx: BodyCtx) -> PResult<()> {
        let mut names: HashSet<&'a [u8]> = HashSet::new();
        loop {
            let next = self.peek();
            if next.kind == end {
                self.read();
                break;
            }
            match next.kind {
                K::Newline => {
                    self.read();
                }
                K::Ident => {
                    if let Some(name) = self.body_item(ctx)? {
                        if !names.insert(name) {
                            return Err(err(
                                self.at(next),
                                format!(
                                    "Attribute redefined: the argument \"{}\" was already \
                                        set; each argument may be set only once",
                                    String::from_utf8_lossy(name)
                                ),
                            ));
                        }
                    }
                }
                K::OQuote => {
                    return Err(err(
                        self.at(next),
                        "Invalid argument name: argument names must not be quoted",
                    ))
                }
                K::Eof => {
                    return Err(err(
                        self.at(next),
                        if end == K::CBrace {
                            "Unclosed configuration block: there is no closing brace \
                                for this block before the end of the file"
                        } else {
                            "Unclosed configuration body"
                        },
                    ))
                }
                _ => {
                    return Err(err(
                        self.at(next),
                        "Argument or block definition required: an argument or \
                            block definition is required here",
                    ))
                }
            }
        }
        Ok(())
    }

    /// An attribute (returns its name) or a block.
    fn body_item(&mut self, ctx: BodyCtx) -> PResult<Option<&'a [u8]>> {
        let ident = self.read();
        let next = self.peek();
        match next.kind {
            K::Equal => {
                let variable_type = ctx == BodyCtx::TopVariable && self.bytes(ident.idx) == b"type";
                self.attribute(variable_type, false)?;
                Ok(Some(self.bytes(ident.idx)))
            }
            K::OQuote | K::OBrace | K::Ident => {
                self.block(ident, ctx)?;
                Ok(None)
            }
            _ => Err(err(
                self.at(ident),
                "Argument or block definition required: to set an \
                    argument, use the equals sign \"=\" to introduce the \
                    argument value",
            )),
        }
    }

    fn attribute(&mut self, variable_type: bool, single_line: bool) -> PResult<()> {
        self.read(); // `=`
        let first = self.peek().idx;
        self.expression()?;
        let last = self.prev();
        self.out.attrs.push(AttrInfo {
            first,
            last,
            variable_type,
        });
        if !single_line {
            let end = self.peek();
            match end.kind {
                K::Newline => {
                    self.read();
                }
                K::Eof => {}
                K::Comma => {
                    return Err(err(
                        self.at(end),
                        "Unexpected comma after argument: argument definitions \
                            must be separated by newlines, not commas",
                    ))
                }
                _ => {
                    return Err(err(
                        self.at(end),
                        "Missing newline after argument: an argument definition \
                            must end with a newline",
                    ))
                }
            }
        }
        Ok(())
    }

    fn block(&mut self, ident: Peeked, ctx: BodyCtx) -> PResult<()> {
        let mut labels = Vec::new();
        loop {
            let tok = self.peek();
            match tok.kind {
                K::OBrace => {
                    self.read();
                    break;
                }
                K::OQuote => {
                    let first = tok.idx;
                    self.quoted_label()?;
                    labels.push((first, self.prev()));
                }
                K::Ident => {
                    self.read();
                    labels.push((tok.idx, tok.idx));
                }
                K::Equal => {
                    return Err(err(
                        self.at(tok),
                        "Invalid block definition: the equals sign \"=\" \
                            indicates an argument definition, and must not be used \
                            when defining a block",
                    ))
                }
                K::Newline => {
                    return Err(err(
                        self.at(tok),
                        "Invalid block definition: a block definition must have \
                            block content delimited by \"{\" and \"}\", starting on \
                            the same line as the block header",
                    ))
                }
                _ => {
                    return Err(err(
                        self.at(tok),
                        "Invalid block definition: either a quoted string block \
                            label or an opening brace (\"{\") is expected here",
                    ))
                }
            }
        }
        if !labels.is_empty() {
            self.out.labels.push(LabelsInfo {
                type_name: ident.idx,
                labels,
            });
        }
        let child = if ctx == BodyCtx::Top && self.bytes(ident.idx) == b"variable" {
            BodyCtx::TopVariable
        } else {
            BodyCtx::Nested
        };
        match self.peek().kind {
            K::Newline | K::Eof | K::CBrace => self.body(K::CBrace, child)?,
            _ => {
                // Single-line block: exactly one attribute, then the closing brace.
                let ident = self.read();
                if ident.kind != K::Ident {
                    return Err(err(
                        self.at(ident),
                        "Argument or block definition required: an argument or \
                            block definition is required here",
                    ));
                }
                let next = self.peek();
                match next.kind {
                    K::Equal => {
                        let variable_type =
                            child == BodyCtx::TopVariable && self.bytes(ident.idx) == b"type";
                        self.attribute(variable_type, true)?;
                    }
                    K::OQuote | K::OBrace | K::Ident => {
                        return Err(err(
                            self.at(ident),
                            "Argument definition required: a single-line block \
                                definition can contain only a single argument",
                        ))
                    }
                    _ => {
                        return Err(err(
                            self.at(ident),
                            "Argument or block definition required: to set an \
                                argument, use the equals sign \"=\" to introduce the \
                                argument value",
                        ))
                    }
                }
                let close = self.peek();
                match close.kind {
                    K::CBrace => {
                        self.read();
                    }
                    K::Comma => {
                        return Err(err(
                            self.at(close),
                            "Invalid single-argument block definition: single-line \
                                block syntax can include only one argument definition",
                        ))
                    }
                    K::Newline => {
                        return Err(err(
                            self.at(close),
                            "Invalid single-argument block definition: a single-line \
                                block definition must be closed on the same line",
                        ))
                    }
                    K::Eof => {
                        return Err(err(
                            self.at(close),
                            "Unclosed configuration block: there is no closing brace \
                                for this block before the end of the file",
                        ))
                    }
                    _ => {
                        return Err(err(
                            self.at(close),
                            "Invalid single-argument block definition: a single-line \
                                block definition must end with a closing brace \
                                immediately after its single argument definition",
                        ))
                    }
                }
            }
        }
        let eol = self.peek();
        match eol.kind {
            K::Newline | K::Eof => {
                self.read();
                Ok(())
            }
            _ => Err(err(
                self.at(eol),
                "Missing newline after block definition: a block \
                    definition must end with a newline",
            )),
        }
    }

    /// A quoted string without template sequences (a block label).
    fn quoted_label(&mut self) -> PResult<()> {
        self.read(); // opening quote
        loop {
            let tok = self.read();
            match tok.kind {
                K::CQuote => return Ok(()),
                K::QuotedLit => check_escapes(self.bytes(tok.idx), self.at(tok))?,
                K::TInterp | K::TControl => {
                    return Err(err(
                        self.at(tok),
                        "Invalid string literal: template sequences are not \
                            allowed in this string; to include a literal \"$\" or \
                            \"%\", double it",
                    ))
                }
                K::Eof => {
                    return Err(err(
                        self.at(tok),
                        "Unterminated string literal: unable to find the closing \
                            quote mark before the end of the file",
                    ))
                }
                _ => {
                    return Err(err(
                        self.at(tok),
                        "Invalid string literal: this item is not valid in a \
                            string literal",
                    ))
                }
            }
        }
    }

    // ---- expressions -------------------------------------------------------------------

    fn expression(&mut self) -> PResult<()> {
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.conditional());
        self.depth -= 1;
        r
    }

    fn conditional(&mut self) -> PResult<()> {
        self.binary()?;
        if self.peek().kind != K::Question {
            return Ok(());
        }
        self.read();
        self.expression()?;
        let colon = self.peek();
        if colon.kind != K::Colon {
            return Err(err(
                self.at(colon),
                "Missing false expression in conditional: the \
                    conditional operator (...?...:...) requires a false \
                    expression, delimited by a colon",
            ));
        }
        self.read();
        self.expression()
    }

    /// Operands separated by binary operators (precedence does not change what is accepted).
    fn binary(&mut self) -> PResult<()> {
        loop {
            self.term_with_traversals()?;
            match self.peek().kind {
                K::Or
                | K::And
                | K::EqualOp
                | K::NotEqual
                | K::Gt
                | K::Ge
                | K::Lt
                | K::Le
                | K::Plus
                | K::Minus
                | K::Star
                | K::Slash
                | K::Percent => {
                    self.read();
                }
                _ => return Ok(()),
            }
        }
    }

    fn term_with_traversals(&mut self) -> PResult<()> {
        self.term()?;
        self.traversals()
    }

    fn traversals(&mut self) -> PResult<()> {
        loop {
            let next = self.peek();
            match next.kind {
                K::Dot => {
                    self.read();
                    let attr = self.peek();
                    match attr.kind {
                        K::Ident => {
                            self.read();
                        }
                        K::Number => {
                            self.read();
                            self.legacy_index(attr)?;
                        }
                        K::Star => {
                            self.read();
                            while self.peek().kind == K::Dot {
                                self.read();
                                let step = self.peek();
                                match step.kind {
                                    K::Number => {
                                        self.read();
                                        self.legacy_index(step)?;
                                    }
                                    K::Ident => {
                                        self.read();
                                    }
                                    K::Star => return Err(err(
                                        self.at(step),
                                        "Nested splat expression not allowed: a splat expression \
                                            (*) cannot be used inside another attribute-only splat \
                                            expression",
                                    )),
                                    _ => return Err(err(
                                        self.at(step),
                                        "Invalid attribute name: an attribute name is required \
                                            after a dot",
                                    )),
                                }
                            }
                        }
                        _ => {
                            return Err(err(
                                self.at(attr),
                                "Invalid attribute name: an attribute name is required after a dot",
                            ))
                        }
                    }
                }
                K::OBrack => {
                    self.read();
                    if self.peek().kind == K::Star {
                        self.read();
                        let close = self.read();
                        if close.kind != K::CBrack {
                            return Err(err(
                                self.at(close),
                                "Missing close bracket on splat index: the star for a \
                                    full splat operator must be immediately followed by a \
                                    closing bracket (\"]\")",
                            ));
                        }
                    } else {
                        self.with_newlines(false, |p| {
                            p.expression()?;
                            let close = p.read();
                            if close.kind != K::CBrack {
                                return Err(err(
                                    p.at(close),
                                    "Missing close bracket on index: the index operator must \
                                        end with a closing bracket (\"]\")",
                                ));
                            }
                            Ok(())
                        })?;
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// `foo.0`: a number after a dot; `foo.0.1` (one number token `0.1`) is refused.
    fn legacy_index(&self, tok: Peeked) -> PResult<()> {
        let b = self.bytes(tok.idx);
        if b.contains(&b'.') {
            return Err(err(
                self.at(tok),
                "Invalid legacy index syntax: chaining two indexes \
                    together is not permitted; use the proper index syntax \
                    instead, like [0][1]",
            ));
        }
        check_number(b, self.at(tok))
    }

    fn term(&mut self) -> PResult<()> {
        let start = self.peek();
        match start.kind {
            K::OParen => {
                self.read();
                self.with_newlines(false, |p| {
                    p.expression()?;
                    let close = p.peek();
                    if close.kind != K::CParen {
                        return Err(err(
                            p.at(close),
                            "Unbalanced parentheses: expected a closing parenthesis \
                                to terminate the expression",
                        ));
                    }
                    p.read();
                    Ok(())
                })
            }
            K::Number => {
                self.read();
                check_number(self.bytes(start.idx), self.at(start))
            }
            K::Ident => {
                self.read();
                match self.peek().kind {
                    K::OParen | K::DoubleColon => self.function_call(start),
                    _ => Ok(()),
                }
            }
            K::OQuote => {
                self.read();
                self.template(K::CQuote)
            }
            K::OHeredoc => {
                self.read();
                self.template(K::CHeredoc)
            }
            K::Minus | K::Bang => {
                self.read();
                self.enter()?;
                let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.term_with_traversals());
                self.depth -= 1;
                r
            }
            K::OBrack => self.tuple(),
            K::OBrace => self.object(),
            K::Eof => Err(err(
                self.at(start),
                "Missing expression: expected the start of an \
                    expression, but found the end of the file",
            )),
            _ => Err(err(
                self.at(start),
                "Invalid expression: expected the start of an \
                    expression, but found an invalid expression token",
            )),
        }
    }

    fn function_call(&mut self, name: Peeked) -> PResult<()> {
        let mut open = self.read();
        while open.kind == K::DoubleColon {
            let next = self.read();
            if next.kind != K::Ident {
                return Err(err(
                    self.at(next),
                    "Missing function name: function scope resolution symbol \
                        :: must be followed by a function name in this scope",
                ));
            }
            open = self.read();
        }
        if open.kind != K::OParen {
            return Err(err(
                self.at(open),
                "Missing open parenthesis: function selector must be \
                    followed by an open parenthesis to begin the function \
                    call",
            ));
        }
        self.with_newlines(false, |p| loop {
            if p.peek().kind == K::CParen {
                p.read();
                return Ok(());
            }
            p.expression()?;
            let sep = p.read();
            match sep.kind {
                K::CParen => return Ok(()),
                K::Ellipsis => {
                    let close = p.peek();
                    if close.kind != K::CParen {
                        return Err(err(
                            p.at(close),
                            "Missing closing parenthesis: an expanded function \
                                argument (with ...) must be immediately followed by \
                                closing parentheses",
                        ));
                    }
                    p.read();
                    return Ok(());
                }
                K::Comma => {
                    if p.peek().kind == K::CParen {
                        p.read();
                        return Ok(());
                    }
                }
                K::Eof => {
                    return Err(err(
                        p.at(name),
                        "Unterminated function call: there is no closing \
                            parenthesis for this function call before the end of \
                            the file",
                    ))
                }
                _ => {
                    return Err(err(
                        p.at(sep),
                        "Missing argument separator: a comma is required to \
                            separate each function argument from the next",
                    ))
                }
            }
        })
    }

    fn tuple(&mut self) -> PResult<()> {
        let open = self.read();
        self.with_newlines(false, |p| {
            if p.is_keyword(p.peek(), b"for") {
                return p.for_expr(K::CBrack);
            }
            loop {
                if p.peek().kind == K::CBrack {
                    p.read();
                    return Ok(());
                }
                p.expression()?;
                let next = p.peek();
                match next.kind {
                    K::CBrack => {
                        p.read();
                        return Ok(());
                    }
                    K::Comma => {
                        p.read();
                    }
                    K::Eof => {
                        return Err(err(
                            p.at(open),
                            "Unterminated tuple constructor expression: there is no \
                                corresponding closing bracket before the end of the \
                                file",
                        ))
                    }
                    _ => {
                        return Err(err(
                            p.at(next),
                            "Missing item separator: expected a comma to mark the \
                                beginning of the next item",
                        ))
                    }
                }
            }
        })
    }

    fn object(&mut self) -> PResult<()> {
        let open = self.read();
        let is_for = self.with_newlines(false, |p| Ok(p.is_keyword(p.peek(), b"for")))?;
        if is_for {
            return self.with_newlines(false, |p| p.for_expr(K::CBrace));
        }
        self.with_newlines(true, |p| loop {
            let next = p.peek();
            match next.kind {
                K::Newline => {
                    p.read();
                    continue;
                }
                K::CBrace => {
                    p.read();
                    return Ok(());
                }
                _ => {}
            }
            p.expression()?;
            let sep = p.peek();
            match sep.kind {
                K::Equal | K::Colon => {
                    p.read();
                }
                K::Newline | K::Comma => {
                    return Err(err(
                        p.at(sep),
                        "Missing attribute value: expected an attribute value, \
                            introduced by an equals sign (\"=\")",
                    ))
                }
                K::Ident => {
                    return Err(err(
                        p.at(sep),
                        "Missing key/value separator: expected an equals sign \
                            (\"=\") to mark the beginning of the attribute value; \
                            write an attribute name containing periods or spaces in \
                            quotes",
                    ))
                }
                K::Eof => {
                    return Err(err(
                        p.at(open),
                        "Unterminated object constructor expression: there is no \
                            corresponding closing brace before the end of the file",
                    ))
                }
                _ => {
                    return Err(err(
                        p.at(sep),
                        "Missing key/value separator: expected an equals sign \
                            (\"=\") to mark the beginning of the attribute value",
                    ))
                }
            }
            p.expression()?;
            let next = p.peek();
            match next.kind {
                K::CBrace => {
                    p.read();
                    return Ok(());
                }
                K::Comma | K::Newline => {
                    p.read();
                }
                K::Eof => {
                    return Err(err(
                        p.at(open),
                        "Unterminated object constructor expression: there is no \
                            corresponding closing brace before the end of the file",
                    ))
                }
                _ => {
                    return Err(err(
                        p.at(next),
                        "Missing attribute separator: expected a newline or \
                            comma to mark the beginning of the next attribute",
                    ))
                }
            }
        })
    }

    /// After `[` or `{`, at the `for` keyword.
    fn for_expr(&mut self, close: K) -> PResult<()> {
        let bad = |p: &Self, t: Peeked, what: &str| {
            err(p.at(t), format!("Invalid 'for' expression: {what}"))
        };
        self.read(); // for
        let name = self.peek();
        if name.kind != K::Ident {
            return Err(bad(
                self,
                name,
                "for expression requires variable name after 'for'",
            ));
        }
        self.read();
        if self.peek().kind == K::Comma {
            self.read();
            let name = self.peek();
            if name.kind != K::Ident {
                return Err(bad(
                    self,
                    name,
                    "for expression requires value variable name after comma",
                ));
            }
            self.read();
        }
        let kw = self.peek();
        if !self.is_keyword(kw, b"in") {
            return Err(bad(
                self,
                kw,
                "for expression requires the 'in' keyword after its name declarations",
            ));
        }
        self.read();
        self.expression()?;
        let colon = self.peek();
        if colon.kind != K::Colon {
            return Err(bad(
                self,
                colon,
                "for expression requires a colon after the collection expression",
            ));
        }
        self.read();
        let first = self.peek();
        self.expression()?;
        let mut has_key = false;
        if self.peek().kind == K::FatArrow {
            self.read();
            has_key = true;
            self.expression()?;
        }
        let mut group = None;
        if self.peek().kind == K::Ellipsis {
            group = Some(self.read());
        }
        if self.is_keyword(self.peek(), b"if") {
            self.read();
            self.expression()?;
        }
        let end = self.peek();
        if end.kind != close {
            return Err(bad(
                self,
                end,
                "extra characters after the end of the 'for' expression",
            ));
        }
        self.read();
        if close == K::CBrack {
            if has_key {
                return Err(bad(
                    self,
                    first,
                    "key expression is not valid when building a tuple",
                ));
            }
            if let Some(g) = group {
                return Err(bad(
                    self,
                    g,
                    "grouping ellipsis (...) cannot be used when building a tuple",
                ));
            }
        } else if !has_key {
            return Err(bad(
                self,
                first,
                "key expression is required when building an object",
            ));
        }
        Ok(())
    }

    // ---- templates ---------------------------------------------------------------------

    /// After an opening quote or heredoc introducer: literals, `${...}` and `%{...}` up to
    /// `end`; directives must balance.
    fn template(&mut self, end: K) -> PResult<()> {
        // Open directives: true = `if` (with `else` seen or not tracked separately below).
        let mut open: Vec<(bool, bool, usize)> = Vec::new(); // (is_if, seen_else, at)
        loop {
            let next = self.read();
            if next.kind == end {
                break;
            }
            match next.kind {
                K::QuotedLit => check_escapes(self.bytes(next.idx), self.at(next))?,
                K::StringLit => {}
                K::TInterp => {
                    self.with_newlines(false, |p| {
                        p.expression()?;
                        let close = p.peek();
                        if close.kind != K::TSeqEnd {
                            return Err(err(
                                p.at(close),
                                match close.kind {
                                    K::Eof => {
                                        "Unclosed template interpolation sequence: there is no \
                                            closing brace for this interpolation sequence before \
                                            the end of the file"
                                    }
                                    K::Colon => {
                                        "Extra characters after interpolation expression: \
                                            template interpolation doesn't expect a colon here; to \
                                            write a literal \"${\", escape it as \"$${\""
                                    }
                                    K::CQuote | K::OQuote if end == K::CQuote => {
                                        "Unclosed template interpolation sequence: there is no \
                                            closing brace for this interpolation sequence before \
                                            the end of the quoted template"
                                    }
                                    _ => {
                                        "Extra characters after interpolation expression: \
                                            expected a closing brace to end the interpolation \
                                            expression; to write a literal \"${\", escape it as \
                                            \"$${\""
                                    }
                                },
                            ));
                        }
                        p.read();
                        Ok(())
                    })?;
                }
                K::TControl => {
                    let at = self.at(next);
                    self.with_newlines(false, |p| p.directive(&mut open, at))?;
                }
                _ => {
                    return Err(err(
                        self.at(next),
                        "Unterminated template string: no closing marker was found for the string",
                    ))
                }
            }
        }
        if let Some(&(is_if, _, at)) = open.last() {
            return Err(err(
                at,
                if is_if {
                    "Unexpected end of template: the if directive is missing \
                        its corresponding endif directive"
                } else {
                    "Unexpected end of template: the for directive is \
                        missing its corresponding endfor directive"
                },
            ));
        }
        Ok(())
    }

    /// `%{ if x }`, `%{ else }`, `%{ endif }`, `%{ for a, b in x }`, `%{ endfor }`.
    fn directive(&mut self, open: &mut Vec<(bool, bool, usize)>, at: usize) -> PResult<()> {
        let kw = self.peek();
        if kw.kind != K::Ident {
            return Err(err(
                self.at(kw),
                "Invalid template directive: a template directive \
                    keyword (\"if\", \"for\", etc) is expected at the \
                    beginning of a %{ sequence",
            ));
        }
        self.read();
        let unexpected = |p: &Self, what: &str| {
            err(
                p.at(kw),
                format!(
                    "Unexpected {what} directive: the control directives \
                        within this template are unbalanced"
                ),
            )
        };
        match self.bytes(kw.idx) {
            b"if" => {
                self.expression()?;
                open.push((true, false, at));
            }
            b"else" => match open.last_mut() {
                Some((true, seen_else @ false, _)) => *seen_else = true,
                _ => return Err(unexpected(self, "else")),
            },
            b"endif" => match open.last() {
                Some((true, _, _)) => {
                    open.pop();
                }
                _ => return Err(unexpected(self, "endif")),
            },
            b"for" => {
                let bad = |p: &Self, t: Peeked, what: &str| {
                    err(p.at(t), format!("Invalid 'for' directive: {what}"))
                };
                let name = self.peek();
                if name.kind != K::Ident {
                    return Err(bad(
                        self,
                        name,
                        "for directive requires variable name after 'for'",
                    ));
                }
                self.read();
                if self.peek().kind == K::Comma {
                    self.read();
                    let name = self.peek();
                    if name.kind != K::Ident {
                        return Err(bad(
                            self,
                            name,
                            "for directive requires value variable name after comma",
                        ));
                    }
                    self.read();
                }
                let kw = self.peek();
                if !self.is_keyword(kw, b"in") {
                    return Err(bad(
                        self,
                        kw,
                        "for directive requires 'in' keyword after names",
                    ));
                }
                self.read();
                self.expression()?;
                open.push((false, false, at));
            }
            b"endfor" => match open.last() {
                Some((false, _, _)) => {
                    open.pop();
                }
                _ => return Err(unexpected(self, "endfor")),
            },
            other => {
                return Err(err(
                    self.at(kw),
                    format!(
                        "Invalid template control keyword: \"{}\" is not a valid \
                            template control keyword",
                        String::from_utf8_lossy(other)
                    ),
                ))
            }
        }
        let close = self.peek();
        if close.kind != K::TSeqEnd {
            return Err(err(
                self.at(close),
                format!(
                    "Extra characters in {} marker: expected a closing brace to end the sequence",
                    String::from_utf8_lossy(self.bytes(kw.idx))
                ),
            ));
        }
        self.read();
        Ok(())
    }
}

/// Escape sequences of a quoted literal: `\n \r \t \" \\ \uXXXX \UXXXXXXXX`.
pub(crate) fn check_escapes(b: &[u8], at: usize) -> PResult<()> {
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some(b'n' | b'r' | b't' | b'"' | b'\\') => i += 2,
            Some(&u @ (b'u' | b'U')) => {
                let want = if u == b'u' { 4 } else { 8 };
                let digits = b[i + 2..]
                    .iter()
                    .take(want)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .count();
                if digits != want {
                    return Err(err(
                        at + i,
                        format!(
                            "Invalid escape sequence: the \\{} escape sequence must \
                                be followed by {} hexadecimal digits",
                            u as char,
                            if want == 4 { "four" } else { "eight" }
                        ),
                    ));
                }
                let hex = std::str::from_utf8(&b[i + 2..i + 2 + want]).unwrap_or("0");
                let v = u32::from_str_radix(hex, 16).unwrap_or(0);
                if char::from_u32(v).is_none() {
                    return Err(err(
                        at + i,
                        format!(
                            "Invalid escape sequence: cannot encode character \
                                U+{v:04x} in UTF-8"
                        ),
                    ));
                }
                i += 2 + want;
            }
            _ => {
                return Err(err(
                    at + i,
                    "Invalid escape sequence: the symbol after the backslash \
                        is not a valid escape sequence selector",
                ))
            }
        }
    }
    Ok(())
}

/// A number literal must be a decimal number (`cty.ParseNumberVal`, Go's `big.ParseFloat`):
/// one optional fraction, one optional exponent, in that order. The exponent must fit an
/// int64 and, unless the value is zero, the binary exponent Go derives from it (the
/// mantissa's bit length, less the fraction digits, plus the decimal exponent) an int32.
pub(crate) fn check_number(b: &[u8], at: usize) -> PResult<()> {
    let bad = || {
        err(
            at,
            "Invalid number literal: failed to recognize the value of this number literal",
        )
    };
    let mut i = 0;
    // Significant digits of the mantissa read as one integer (leading zeros skipped).
    let mut significant = 0i128;
    let mut seen_nonzero = false;
    while i < b.len() && b[i].is_ascii_digit() {
        seen_nonzero |= b[i] != b'0';
        significant += i128::from(seen_nonzero);
        i += 1;
    }
    let mut frac_digits = 0i128;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            seen_nonzero |= b[i] != b'0';
            significant += i128::from(seen_nonzero);
            frac_digits += 1;
            i += 1;
        }
    }
    let mut exp: i64 = 0;
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        let neg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let digits = i;
        while i < b.len() && b[i].is_ascii_digit() {
            exp = exp
                .checked_mul(10)
                .and_then(|e| e.checked_add((b[i] - b'0') as i64))
                .ok_or_else(bad)?;
            i += 1;
        }
        if i == digits {
            return Err(bad());
        }
        if neg {
            exp = -exp;
        }
    }
    if i != b.len() {
        return Err(bad());
    }
    if !seen_nonzero {
        return Ok(());
    }
    let bits = (significant as f64 * std::f64::consts::LOG2_10).ceil() as i128;
    let exp2 = bits - frac_digits + i128::from(exp);
    if exp2 < i128::from(i32::MIN) || exp2 > i128::from(i32::MAX) {
        return Err(bad());
    }
    Ok(())
}
