//! Moving parts of a model after an edit: a top-level block or attribute whose text did not
//! change, but which now starts `bytes` later and `lines` lower, keeps its model with every
//! span shifted (used by [`crate::Document`] to avoid re-converting unchanged blocks).

use crate::ast::{Attribute, Block, Body, Expr, ExprKind, Ident, Step, TemplatePart};
use crate::span::Span;

/// A shift of byte offsets and line numbers; columns stay (callers only shift items that
/// start on a line below the edit).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shift {
    pub bytes: i64,
    pub lines: i64,
}

impl Shift {
    pub fn is_zero(&self) -> bool {
        self.bytes == 0 && self.lines == 0
    }

    pub fn span(&self, s: &mut Span) {
        s.start = (s.start as i64 + self.bytes) as u32;
        s.end = (s.end as i64 + self.bytes) as u32;
        s.start_pos.line = (s.start_pos.line as i64 + self.lines) as u32;
        s.end_pos.line = (s.end_pos.line as i64 + self.lines) as u32;
    }

    /// Moves the end of a span that holds the edit (a block around a region).
    pub fn end(&self, s: &mut Span) {
        s.end = (s.end as i64 + self.bytes) as u32;
        s.end_pos.line = (s.end_pos.line as i64 + self.lines) as u32;
    }

    fn ident(&self, i: &mut Ident) {
        self.span(&mut i.span);
    }

    pub fn block(&self, b: &mut Block) {
        self.block_at(b, 0);
    }

    pub fn attribute(&self, a: &mut Attribute) {
        self.attribute_at(a, 0);
    }

    fn block_at(&self, b: &mut Block, depth: u32) {
        self.span(&mut b.span);
        self.ident(&mut b.kind);
        for l in &mut b.labels {
            self.span(&mut l.span);
        }
        self.body_at(&mut b.body, depth);
    }

    fn body_at(&self, b: &mut Body, depth: u32) {
        self.span(&mut b.span);
        for a in &mut b.attributes {
            self.attribute_at(a, depth);
        }
        for nb in &mut b.blocks {
            deeper(depth, || self.block_at(nb, depth + 1));
        }
    }

    fn attribute_at(&self, a: &mut Attribute, depth: u32) {
        self.span(&mut a.span);
        self.ident(&mut a.name);
        self.expr(&mut a.expr, depth);
    }

    fn expr(&self, e: &mut Expr, depth: u32) {
        deeper(depth, || self.expr_inner(e, depth + 1))
    }

    fn expr_inner(&self, e: &mut Expr, depth: u32) {
        self.span(&mut e.span);
        match &mut e.kind {
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Number(_)
            | ExprKind::String(_)
            | ExprKind::Invalid => {}
            ExprKind::Template(parts) => self.parts(parts, depth),
            ExprKind::Variable(id) => self.ident(id),
            ExprKind::Traversal { target, steps } => {
                self.expr(target, depth);
                self.steps(steps, depth);
            }
            ExprKind::Call { name, args, .. } => {
                self.ident(name);
                args.iter_mut().for_each(|a| self.expr(a, depth));
            }
            ExprKind::Unary { operand, .. } => self.expr(operand, depth),
            ExprKind::Binary { lhs, rhs, .. } => {
                self.expr(lhs, depth);
                self.expr(rhs, depth);
            }
            ExprKind::Conditional {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond, depth);
                self.expr(then, depth);
                self.expr(otherwise, depth);
            }
            ExprKind::Tuple(items) => items.iter_mut().for_each(|a| self.expr(a, depth)),
            ExprKind::Object(items) => items.iter_mut().for_each(|it| {
                self.expr(&mut it.key, depth);
                self.expr(&mut it.value, depth);
            }),
            ExprKind::For(fe) => {
                if let Some(k) = &mut fe.key_var {
                    self.ident(k);
                }
                self.ident(&mut fe.value_var);
                self.expr(&mut fe.collection, depth);
                if let Some(k) = &mut fe.key {
                    self.expr(k, depth);
                }
                self.expr(&mut fe.value, depth);
                if let Some(c) = &mut fe.cond {
                    self.expr(c, depth);
                }
            }
            ExprKind::Parens(inner) => self.expr(inner, depth),
        }
    }

    fn steps(&self, steps: &mut [Step], depth: u32) {
        for s in steps {
            match s {
                Step::Attr(id) => self.ident(id),
                Step::Index(e, span) => {
                    self.expr(e, depth);
                    self.span(span);
                }
                Step::Splat { steps, span, .. } => {
                    self.span(span);
                    deeper(depth, || self.steps(steps, depth + 1));
                }
            }
        }
    }

    fn parts(&self, parts: &mut [TemplatePart], depth: u32) {
        for p in parts {
            match p {
                TemplatePart::Literal(_) => {}
                TemplatePart::Interpolation(e) => self.expr(e, depth),
                TemplatePart::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    self.expr(cond, depth);
                    deeper(depth, || self.parts(then, depth + 1));
                    deeper(depth, || self.parts(otherwise, depth + 1));
                }
                TemplatePart::For {
                    key_var,
                    value_var,
                    collection,
                    body,
                } => {
                    if let Some(k) = key_var {
                        self.ident(k);
                    }
                    self.ident(value_var);
                    self.expr(collection, depth);
                    deeper(depth, || self.parts(body, depth + 1));
                }
            }
        }
    }
}

/// Runs `f` one level deeper: on a fresh stack segment when little stack is left, checked every
/// 16 levels (checking on every node was a third of the cost of shifting a large model).
#[inline]
fn deeper<R>(depth: u32, f: impl FnOnce() -> R) -> R {
    if depth % 16 == 15 {
        crate::stack::guard(f)
    } else {
        f()
    }
}
