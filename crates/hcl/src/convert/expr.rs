//! Expressions. The grammar flattens postfix operations into their parent: `a.b[0]` is an
//! `expression` node with children `variable_expr get_attr index`, and a binary operation
//! holds the pieces of both operands around its operator token. `term` rebuilds the tree
//! from such a child sequence.

use super::kind::NodeKind;
use super::Converter;
use crate::ast::{BinaryOp, Expr, ExprKind, ForExpr, ObjectItem, Step, UnaryOp};
use crate::span::Span;
use tree_sitter::Node;

impl<'s> Converter<'s> {
    /// Converts an `expression` node or any expression-like node.
    pub(crate) fn expr_node(&mut self, node: &Node) -> Expr {
        let span = Span::from_node(node);
        if node.is_error() || node.is_missing() || !self.enter(node) {
            return Expr::invalid(span);
        }
        let e = crate::stack::guard(|| self.expr_inner(node, span));
        self.leave();
        e
    }

    fn expr_inner(&mut self, node: &Node, span: Span) -> Expr {
        match node.kind_str() {
            "expression" => {
                let children = self.children(node);
                self.term(&children, span)
            }
            "conditional" => {
                let children = self.children(node);
                let exprs: Vec<&Node> = children
                    .iter()
                    .filter(|c| c.kind_str() == "expression")
                    .collect();
                if exprs.len() != 3 {
                    return Expr::invalid(span);
                }
                let cond = Box::new(self.expr_node(exprs[0]));
                let then = Box::new(self.expr_node(exprs[1]));
                let otherwise = Box::new(self.expr_node(exprs[2]));
                Expr {
                    kind: ExprKind::Conditional {
                        cond,
                        then,
                        otherwise,
                    },
                    span,
                }
            }
            "literal_value" => self.literal(node, span),
            "template_expr" => match self.children(node).first() {
                Some(t) => self.template_expr(t, span),
                None => Expr::invalid(span),
            },
            "collection_value" => match self.children(node).first() {
                Some(c) => self.expr_node(c),
                None => Expr::invalid(span),
            },
            "tuple" => {
                let items = self
                    .children(node)
                    .iter()
                    .filter(|c| c.kind_str() == "expression")
                    .map(|c| self.expr_node(c))
                    .collect();
                Expr {
                    kind: ExprKind::Tuple(items),
                    span,
                }
            }
            "object" => {
                let mut items = Vec::new();
                for elem in self
                    .children(node)
                    .iter()
                    .filter(|c| c.kind_str() == "object_elem")
                {
                    let parts = self.children(elem);
                    let mut exprs = parts.iter().filter(|c| c.kind_str() == "expression");
                    if let (Some(k), Some(v)) = (exprs.next(), exprs.next()) {
                        let key = self.expr_node(k);
                        let value = self.expr_node(v);
                        items.push(ObjectItem { key, value });
                    }
                }
                Expr {
                    kind: ExprKind::Object(items),
                    span,
                }
            }
            "variable_expr" => match self.children(node).first() {
                Some(id) => Expr {
                    kind: ExprKind::Variable(self.ident(id)),
                    span,
                },
                None => Expr::invalid(span),
            },
            "function_call" => self.call(node, span),
            "for_expr" => match self.children(node).first() {
                Some(f) => self.for_expr(f, span),
                None => Expr::invalid(span),
            },
            "operation" => match self.children(node).first() {
                Some(op) => self.expr_node(op),
                None => Expr::invalid(span),
            },
            "unary_operation" => {
                let children = self.children(node);
                let op = match children.first().map(|c| c.kind_str()) {
                    Some("-") => UnaryOp::Neg,
                    Some("!") => UnaryOp::Not,
                    _ => return Expr::invalid(span),
                };
                let operand = self.term(&children[1..], span);
                Expr {
                    kind: ExprKind::Unary {
                        op,
                        operand: Box::new(operand),
                    },
                    span,
                }
            }
            "binary_operation" => {
                let children = self.children(node);
                let Some(op_at) = operator_position(&children) else {
                    return Expr::invalid(span);
                };
                let Some(op) = binary_op(children[op_at].kind_str()) else {
                    return Expr::invalid(span);
                };
                let lhs = self.term(&children[..op_at], span);
                let rhs = self.term(&children[op_at + 1..], span);
                binary(op, lhs, rhs, span)
            }
            _ => Expr::invalid(span),
        }
    }

    /// A primary expression followed by postfix steps, from a flattened child sequence.
    fn term(&mut self, children: &[Node], whole: Span) -> Expr {
        let Some(first) = children.first() else {
            return Expr::invalid(whole);
        };
        let (primary, mut rest) = if first.kind_str() == "(" {
            let close = children
                .iter()
                .position(|c| c.kind_str() == ")")
                .unwrap_or(children.len());
            let inner = children[1..close]
                .iter()
                .find(|c| c.kind_str() == "expression");
            let end = children.get(close).unwrap_or(first);
            let span = Span::from_node(first).to(&Span::from_node(end));
            let inner = match inner {
                Some(e) => self.expr_node(e),
                None => Expr::invalid(span),
            };
            (
                Expr {
                    kind: ExprKind::Parens(Box::new(inner)),
                    span,
                },
                (close + 1).min(children.len()),
            )
        } else {
            (self.expr_node(first), 1)
        };
        let mut steps = Vec::new();
        let mut span = primary.span;
        while let Some(node) = children.get(rest) {
            rest += 1;
            if let Some(step) = self.step(node) {
                span = span.to(&Span::from_node(node));
                steps.push(step);
            }
        }
        if steps.is_empty() {
            primary
        } else {
            attach_steps(primary, steps, span)
        }
    }

    fn step(&mut self, node: &Node) -> Option<Step> {
        let span = Span::from_node(node);
        match node.kind_str() {
            "get_attr" => {
                let id = self
                    .children(node)
                    .into_iter()
                    .find(|c| c.kind_str() == "identifier")?;
                Some(Step::Attr(self.ident(&id)))
            }
            "index" => {
                let inner = self.children(node).into_iter().next()?;
                match inner.kind_str() {
                    "new_index" => {
                        let e = self
                            .children(&inner)
                            .into_iter()
                            .find(|c| c.kind_str() == "expression")?;
                        Some(Step::Index(self.expr_node(&e), span))
                    }
                    "legacy_index" => {
                        let digits = self.text(&inner).trim_start_matches('.');
                        let n = digits.parse::<f64>().ok()?;
                        Some(Step::Index(
                            Expr {
                                kind: ExprKind::Number(n),
                                span,
                            },
                            span,
                        ))
                    }
                    _ => None,
                }
            }
            "splat" => {
                let inner = self.children(node).into_iter().next()?;
                let full = inner.kind_str() == "full_splat";
                if !self.enter(&inner) {
                    return None;
                }
                let mut steps = Vec::new();
                for c in self.children(&inner) {
                    if let Some(s) = self.step(&c) {
                        steps.push(s);
                    }
                }
                self.leave();
                Some(Step::Splat { full, steps, span })
            }
            _ => None,
        }
    }

    fn literal(&mut self, node: &Node, span: Span) -> Expr {
        let Some(inner) = self.children(node).into_iter().next() else {
            return Expr::invalid(span);
        };
        let kind = match inner.kind_str() {
            "numeric_lit" => {
                let t = self.text(&inner);
                let n = match t.strip_prefix("0x") {
                    Some(hex) => u64::from_str_radix(hex, 16).ok().map(|v| v as f64),
                    None => t.parse::<f64>().ok(),
                };
                match n {
                    Some(n) => ExprKind::Number(n),
                    None => ExprKind::Invalid,
                }
            }
            "bool_lit" => ExprKind::Bool(self.text(&inner) == "true"),
            "null_lit" => ExprKind::Null,
            "string_lit" => ExprKind::String(super::strings::decode_literal(
                self.string_lit_content(&inner),
                true,
            )),
            _ => ExprKind::Invalid,
        };
        Expr { kind, span }
    }

    fn call(&mut self, node: &Node, span: Span) -> Expr {
        let children = self.children(node);
        let Some(name) = children.first().map(|n| self.ident(n)) else {
            return Expr::invalid(span);
        };
        let mut args = Vec::new();
        let mut expand_final = false;
        if let Some(a) = children
            .iter()
            .find(|c| c.kind_str() == "function_arguments")
        {
            for c in self.children(a) {
                match c.kind_str() {
                    "expression" => args.push(self.expr_node(&c)),
                    "ellipsis" => expand_final = true,
                    _ => {}
                }
            }
        }
        Expr {
            kind: ExprKind::Call {
                name,
                args,
                expand_final,
            },
            span,
        }
    }

    fn for_expr(&mut self, node: &Node, span: Span) -> Expr {
        let children = self.children(node);
        let Some(intro) = children.iter().find(|c| c.kind_str() == "for_intro") else {
            return Expr::invalid(span);
        };
        let intro_children = self.children(intro);
        let idents: Vec<&Node> = intro_children
            .iter()
            .filter(|c| c.kind_str() == "identifier")
            .collect();
        let (key_var, value_var) = match idents.as_slice() {
            [v] => (None, self.ident(v)),
            [k, v] => (Some(self.ident(k)), self.ident(v)),
            _ => return Expr::invalid(span),
        };
        let collection = match intro_children.iter().find(|c| c.kind_str() == "expression") {
            Some(c) => self.expr_node(c),
            None => return Expr::invalid(span),
        };
        let exprs: Vec<&Node> = children
            .iter()
            .filter(|c| c.kind_str() == "expression")
            .collect();
        let is_object = node.kind_str() == "for_object_expr";
        let (key, value) = match (is_object, exprs.as_slice()) {
            (true, [k, v]) => (Some(self.expr_node(k)), self.expr_node(v)),
            (false, [v]) => (None, self.expr_node(v)),
            _ => return Expr::invalid(span),
        };
        let group = children.iter().any(|c| c.kind_str() == "ellipsis");
        let cond = match children.iter().find(|c| c.kind_str() == "for_cond") {
            Some(fc) => {
                let e = self
                    .children(fc)
                    .into_iter()
                    .find(|c| c.kind_str() == "expression");
                e.map(|e| self.expr_node(&e))
            }
            None => None,
        };
        let fe = ForExpr {
            key_var,
            value_var,
            collection,
            key,
            value,
            group,
            cond,
        };
        Expr {
            kind: ExprKind::For(Box::new(fe)),
            span,
        }
    }
}

/// Applies postfix steps to an expression. The grammar (1.1.0) lets `a && b.c` parse as
/// `(a && b).c`, since an operation is itself a term that can take postfix steps; postfix
/// binds tighter than any operator, so the steps belong to the rightmost operand.
fn attach_steps(primary: Expr, steps: Vec<Step>, span: Span) -> Expr {
    match primary.kind {
        ExprKind::Binary { op, lhs, rhs } => {
            let rhs_span = rhs.span.to(&span);
            let rhs = attach_steps(*rhs, steps, rhs_span);
            Expr {
                kind: ExprKind::Binary {
                    op,
                    lhs,
                    rhs: Box::new(rhs),
                },
                span: primary.span.to(&span),
            }
        }
        ExprKind::Unary { op, operand } => {
            let operand_span = operand.span.to(&span);
            let operand = attach_steps(*operand, steps, operand_span);
            Expr {
                kind: ExprKind::Unary {
                    op,
                    operand: Box::new(operand),
                },
                span: primary.span.to(&span),
            }
        }
        ExprKind::Traversal {
            target,
            steps: mut first,
        } => {
            first.extend(steps);
            Expr {
                kind: ExprKind::Traversal {
                    target,
                    steps: first,
                },
                span,
            }
        }
        kind => Expr {
            kind: ExprKind::Traversal {
                target: Box::new(Expr {
                    kind,
                    span: primary.span,
                }),
                steps,
            },
            span,
        },
    }
}

/// Builds `lhs op rhs`, restoring precedence where the grammar's postfix quirk (see
/// [`attach_steps`]) left a looser-binding unparenthesised operation as the left operand:
/// `(a && b.c) == d` becomes `a && (b.c == d)`. Correct trees never have that shape.
fn binary(op: BinaryOp, lhs: Expr, rhs: Expr, span: Span) -> Expr {
    match lhs.kind {
        ExprKind::Binary {
            op: inner,
            lhs: a,
            rhs: b,
        } if precedence(inner) < precedence(op) => {
            let right_span = b.span.to(&rhs.span);
            let right = binary(op, *b, rhs, right_span);
            Expr {
                kind: ExprKind::Binary {
                    op: inner,
                    lhs: a,
                    rhs: Box::new(right),
                },
                span,
            }
        }
        kind => Expr {
            kind: ExprKind::Binary {
                op,
                lhs: Box::new(Expr {
                    kind,
                    span: lhs.span,
                }),
                rhs: Box::new(rhs),
            },
            span,
        },
    }
}

fn precedence(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 6,
        BinaryOp::Add | BinaryOp::Sub => 5,
        BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => 4,
        BinaryOp::Eq | BinaryOp::Ne => 3,
        BinaryOp::And => 2,
        BinaryOp::Or => 1,
    }
}

/// Index of the operator token among a binary operation's flattened children: the first
/// anonymous token after the left operand (a primary, possibly parenthesised, plus postfix steps).
fn operator_position(children: &[Node]) -> Option<usize> {
    let mut i = 0;
    if children.first()?.kind_str() == "(" {
        i = children.iter().position(|c| c.kind_str() == ")")? + 1;
    } else {
        i += 1;
    }
    while let Some(c) = children.get(i) {
        if !c.is_named() {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn binary_op(token: &str) -> Option<BinaryOp> {
    Some(match token {
        "*" => BinaryOp::Mul,
        "/" => BinaryOp::Div,
        "%" => BinaryOp::Mod,
        "+" => BinaryOp::Add,
        "-" => BinaryOp::Sub,
        "<" => BinaryOp::Lt,
        "<=" => BinaryOp::Le,
        ">" => BinaryOp::Gt,
        ">=" => BinaryOp::Ge,
        "==" => BinaryOp::Eq,
        "!=" => BinaryOp::Ne,
        "&&" => BinaryOp::And,
        "||" => BinaryOp::Or,
        _ => return None,
    })
}
