//! The typed syntax model of an HCL file: bodies of attributes and blocks, and expressions as
//! a tree. Every node carries a [`Span`]. The model is built from a tree-sitter tree by
//! the `convert` module; it never borrows from the source, so a `File` can outlive it.

use crate::span::Span;

/// A name as written in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A body: the attributes and blocks of a file or of a block, each in source order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
    pub span: Span,
}

impl Body {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name.name == name)
    }

    /// Nested blocks of one type, e.g. `body.blocks_of("ingress")`.
    pub fn blocks_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.kind.name == kind)
    }

    pub fn block(&self, kind: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.kind.name == kind)
    }

    /// `dynamic "<kind>"` blocks generating nested blocks of `kind`.
    pub fn dynamic_blocks_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| {
            b.kind.name == "dynamic" && b.labels.first().is_some_and(|l| l.value == kind)
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: Ident,
    pub expr: Expr,
    pub span: Span,
}

/// A block such as `resource "aws_s3_bucket" "b" { ... }`: `kind` is `resource`, labels are
/// `aws_s3_bucket` and `b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: Ident,
    pub labels: Vec<Label>,
    pub body: Body,
    pub span: Span,
}

impl Block {
    pub fn label(&self, i: usize) -> Option<&str> {
        self.labels.get(i).map(|l| l.value.as_str())
    }

    /// For a `dynamic "x"` block: its `content` body.
    pub fn dynamic_content(&self) -> Option<&Body> {
        (self.kind.name == "dynamic")
            .then(|| self.body.block("content").map(|b| &b.body))
            .flatten()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub value: String,
    pub quoted: bool,
    pub span: Span,
}

/// A comment, with the text as written (including `#`, `//` or `/* */`).
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

impl Comment {
    /// The comment text without its markers, trimmed.
    pub fn content(&self) -> &str {
        let t = self.text.as_str();
        let t = if let Some(rest) = t.strip_prefix("/*") {
            rest.strip_suffix("*/").unwrap_or(rest)
        } else {
            t
        };
        let t = t
            .strip_prefix('#')
            .or_else(|| t.strip_prefix("//"))
            .unwrap_or(t);
        t.trim()
    }

    pub fn line(&self) -> u32 {
        self.span.line()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(f64),
    /// A string with no interpolation or directive, escapes already decoded.
    String(String),
    /// A quoted string or heredoc with interpolations/directives.
    Template(Vec<TemplatePart>),
    /// A bare name: `var`, `local`, `aws_s3_bucket`, `each`, a for-expression symbol...
    Variable(Ident),
    /// Attribute access, indexing and splats applied to an expression, in order:
    /// `var.a.b[0]` is `Traversal { target: Variable(var), steps: [Attr a, Attr b, Index 0] }`.
    Traversal {
        target: Box<Expr>,
        steps: Vec<Step>,
    },
    Call {
        name: Ident,
        args: Vec<Expr>,
        expand_final: bool,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Conditional {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    Tuple(Vec<Expr>),
    Object(Vec<ObjectItem>),
    For(Box<ForExpr>),
    Parens(Box<Expr>),
    /// Unparseable input, or a subtree deeper than the nesting bound.
    Invalid,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Attr(Ident),
    Index(Expr, Span),
    /// `.*` (`full: false`) or `[*]` (`full: true`); `steps` are applied to each element.
    Splat {
        full: bool,
        steps: Vec<Step>,
        span: Span,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectItem {
    pub key: Expr,
    pub value: Expr,
}

impl ObjectItem {
    /// The key as a static name: a bare identifier (`a = 1`) or a literal string.
    pub fn key_name(&self) -> Option<&str> {
        match &self.key.kind {
            ExprKind::Variable(id) => Some(&id.name),
            ExprKind::String(s) => Some(s),
            ExprKind::Parens(inner) => match &inner.kind {
                ExprKind::String(s) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForExpr {
    pub key_var: Option<Ident>,
    pub value_var: Ident,
    pub collection: Expr,
    /// `Some` for `{ for ... : k => v }`, `None` for `[ for ... : v ]`.
    pub key: Option<Expr>,
    pub value: Expr,
    pub group: bool,
    pub cond: Option<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Literal(String),
    Interpolation(Expr),
    If {
        cond: Expr,
        then: Vec<TemplatePart>,
        otherwise: Vec<TemplatePart>,
    },
    For {
        key_var: Option<Ident>,
        value_var: Ident,
        collection: Expr,
        body: Vec<TemplatePart>,
    },
}

/// A static reference path such as `aws_s3_bucket.b.arn` or `var.tags["env"]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Names and literal keys, from the root: `["aws_s3_bucket", "b", "arn"]`.
    pub parts: Vec<RefPart>,
    /// The span of each part (same length as `parts`).
    pub spans: Vec<Span>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RefPart {
    Name(String),
    Key(String),
    Index(i64),
}

impl RefPart {
    pub fn as_name(&self) -> Option<&str> {
        match self {
            RefPart::Name(s) => Some(s),
            _ => None,
        }
    }
}

impl Reference {
    pub fn root(&self) -> &str {
        self.parts.first().and_then(RefPart::as_name).unwrap_or("")
    }

    /// The name at position `i` if it is an attribute name.
    pub fn name(&self, i: usize) -> Option<&str> {
        self.parts.get(i).and_then(RefPart::as_name)
    }

    /// The span from the root through part `i` (e.g. `var.name` in `var.name.x`).
    pub fn span_through(&self, i: usize) -> Span {
        match (self.spans.first(), self.spans.get(i).or(self.spans.last())) {
            (Some(a), Some(b)) => a.to(b),
            _ => self.span,
        }
    }

    /// Dotted form, e.g. `aws_s3_bucket.b.arn` or `var.m["k"]`.
    pub fn to_dotted(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.parts.iter().enumerate() {
            match p {
                RefPart::Name(n) => {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(n);
                }
                RefPart::Key(k) => {
                    out.push_str("[\"");
                    out.push_str(k);
                    out.push_str("\"]");
                }
                RefPart::Index(n) => out.push_str(&format!("[{n}]")),
            }
        }
        out
    }
}

impl Expr {
    pub fn invalid(span: Span) -> Self {
        Expr {
            kind: ExprKind::Invalid,
            span,
        }
    }

    /// The static reference this expression is, if it is one (`var.x`, `a.b[0].c`).
    pub fn as_reference(&self) -> Option<Reference> {
        match &self.kind {
            ExprKind::Variable(id) => Some(Reference {
                parts: vec![RefPart::Name(id.name.clone())],
                spans: vec![id.span],
                span: self.span,
            }),
            ExprKind::Traversal { target, steps } => {
                let mut r = target.as_reference()?;
                for s in steps {
                    r.parts.push(static_step(s)?);
                    r.spans.push(step_span(s));
                }
                r.span = self.span;
                Some(r)
            }
            _ => None,
        }
    }

    /// Every reference inside this expression, longest static prefix of each traversal
    /// (so `aws_s3_bucket.b[count.index].id` yields `aws_s3_bucket.b` and `count.index`).
    /// Names bound by for-expressions and template `for`s are not reported.
    pub fn references(&self) -> Vec<Reference> {
        let mut out = Vec::new();
        crate::visit::collect_references(self, &mut Vec::new(), &mut out);
        out
    }

    /// The literal string if this is one (no interpolation).
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::String(s) => Some(s),
            ExprKind::Template(parts) if parts.is_empty() => Some(""),
            _ => None,
        }
    }

    /// Walk this expression and every sub-expression, depth first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        crate::visit::walk_expr(self, f, 0)
    }
}

pub(crate) fn step_span(s: &Step) -> Span {
    match s {
        Step::Attr(id) => id.span,
        Step::Index(_, sp) => *sp,
        Step::Splat { span, .. } => *span,
    }
}

pub(crate) fn static_step(s: &Step) -> Option<RefPart> {
    match s {
        Step::Attr(id) => Some(RefPart::Name(id.name.clone())),
        Step::Index(e, _) => match &e.kind {
            ExprKind::String(k) => Some(RefPart::Key(k.clone())),
            ExprKind::Number(n) if n.fract() == 0.0 => Some(RefPart::Index(*n as i64)),
            _ => None,
        },
        Step::Splat { .. } => None,
    }
}
