//! Templates: quoted strings with interpolation and heredocs, including `%{if}`/`%{for}`
//! directives and `~` strip markers. Literal text is taken from the gaps between the
//! markers and the interpolations/directives, not from the grammar's literal tokens, which
//! leave out surrounding whitespace.

use super::kind::NodeKind;
use super::strings::{decode_literal, dedent_flush_heredoc};
use super::Converter;
use crate::ast::{Expr, ExprKind, TemplatePart};
use crate::span::Span;
use tree_sitter::Node;

/// Strip markers seen on a template element: `~` after the opening (`left`, strips the
/// whitespace before the element) and before the closing (`right`, strips after it).
#[derive(Default, Clone, Copy)]
struct Strip {
    left: bool,
    right: bool,
}

/// All children including comments (inside templates a `#` is text, not a comment).
fn raw_children<'t>(node: &Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

fn is_element(n: &Node) -> bool {
    matches!(
        n.kind_str(),
        "template_interpolation" | "template_directive"
    )
}

impl<'s> Converter<'s> {
    pub(crate) fn template_expr(&mut self, node: &Node, span: Span) -> Expr {
        let quoted = node.kind_str() == "quoted_template";
        let children = raw_children(node);
        let flush = children
            .first()
            .is_some_and(|c| c.kind_str() == "heredoc_start" && self.text(c) == "<<-");
        let (mut start, mut end) = (node.start_byte(), node.end_byte());
        if quoted {
            if let Some(c) = children
                .iter()
                .find(|c| c.kind_str() == "quoted_template_start")
            {
                start = c.end_byte();
            }
            if let Some(c) = children
                .iter()
                .rev()
                .find(|c| c.kind_str() == "quoted_template_end" && !c.is_missing())
            {
                end = c.start_byte();
            }
        } else {
            let ids: Vec<&Node> = children
                .iter()
                .filter(|c| c.kind_str() == "heredoc_identifier")
                .collect();
            if let Some(open) = ids.first() {
                // Content starts on the line after the opening marker.
                let after = open.end_byte();
                start = self
                    .src
                    .get(after..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(after, |i| after + i + 1);
            }
            if ids.len() >= 2 {
                let close = ids[ids.len() - 1];
                // The closing marker's indentation is not content.
                let line_start = self
                    .src
                    .get(..close.start_byte())
                    .and_then(|b| b.rfind('\n'))
                    .map_or(start, |i| i + 1);
                end = line_start.max(start);
            }
        }
        let elements: Vec<Node> = children.into_iter().filter(is_element).collect();
        let mut strip_next = false;
        let mut parts = Vec::new();
        self.content(&mut parts, start, end, &elements, quoted, &mut strip_next);
        if flush {
            dedent_flush_heredoc(&mut parts);
        }
        match parts.as_slice() {
            [] => Expr {
                kind: ExprKind::String(String::new()),
                span,
            },
            [TemplatePart::Literal(_)] => match parts.pop() {
                Some(TemplatePart::Literal(s)) => Expr {
                    kind: ExprKind::String(s),
                    span,
                },
                _ => Expr::invalid(span),
            },
            _ => Expr {
                kind: ExprKind::Template(parts),
                span,
            },
        }
    }

    /// Builds parts for the byte range `start..end` containing `elements` in order.
    fn content(
        &mut self,
        parts: &mut Vec<TemplatePart>,
        start: usize,
        end: usize,
        elements: &[Node],
        quoted: bool,
        strip_next: &mut bool,
    ) {
        let mut at = start;
        for el in elements {
            if el.start_byte() < at || el.end_byte() > end {
                continue;
            }
            self.push_literal(parts, at, el.start_byte(), quoted, strip_next);
            self.template_element(el, parts, quoted, strip_next);
            at = el.end_byte();
        }
        self.push_literal(parts, at, end, quoted, strip_next);
    }

    fn push_literal(
        &mut self,
        parts: &mut Vec<TemplatePart>,
        from: usize,
        to: usize,
        quoted: bool,
        strip_next: &mut bool,
    ) {
        let raw = self.src.get(from..to).unwrap_or("");
        let mut text = decode_literal(raw, quoted);
        if std::mem::take(strip_next) {
            text = text.trim_start().to_string();
        }
        if text.is_empty() {
            return;
        }
        if let Some(TemplatePart::Literal(prev)) = parts.last_mut() {
            prev.push_str(&text);
        } else {
            parts.push(TemplatePart::Literal(text));
        }
    }

    /// An interpolation or directive; parts are appended to `parts`.
    fn template_element(
        &mut self,
        node: &Node,
        parts: &mut Vec<TemplatePart>,
        quoted: bool,
        strip_next: &mut bool,
    ) {
        if !self.enter(node) {
            return;
        }
        crate::stack::guard(|| self.template_element_inner(node, parts, quoted, strip_next));
        self.leave();
    }

    fn template_element_inner(
        &mut self,
        node: &Node,
        parts: &mut Vec<TemplatePart>,
        quoted: bool,
        strip_next: &mut bool,
    ) {
        match node.kind_str() {
            "template_interpolation" => {
                let children = self.children(node);
                let strip = strip_of(&children);
                apply_left_strip(parts, strip);
                let e = match children.iter().find(|c| c.kind_str() == "expression") {
                    Some(e) => self.expr_node(e),
                    None => Expr::invalid(Span::from_node(node)),
                };
                parts.push(TemplatePart::Interpolation(e));
                *strip_next = strip.right;
            }
            "template_directive" => {
                if let Some(d) = self.children(node).into_iter().next() {
                    match d.kind_str() {
                        "template_if" => self.template_if(&d, parts, quoted, strip_next),
                        "template_for" => self.template_for(&d, parts, quoted, strip_next),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn template_if(
        &mut self,
        node: &Node,
        parts: &mut Vec<TemplatePart>,
        quoted: bool,
        strip_next: &mut bool,
    ) {
        let children = raw_children(node);
        let Some(intro) = children
            .iter()
            .find(|c| c.kind_str() == "template_if_intro")
        else {
            return;
        };
        let intro_children = self.children(intro);
        let strip = strip_of(&intro_children);
        apply_left_strip(parts, strip);
        let cond = match intro_children.iter().find(|c| c.kind_str() == "expression") {
            Some(e) => self.expr_node(e),
            None => Expr::invalid(Span::from_node(intro)),
        };
        *strip_next = strip.right;
        let else_node = children
            .iter()
            .find(|c| c.kind_str() == "template_else_intro");
        let end_node = children.iter().find(|c| c.kind_str() == "template_if_end");
        let elements: Vec<Node> = children.iter().copied().filter(is_element).collect();
        let body_end = end_node.map_or(node.end_byte(), |e| e.start_byte());
        let then_end = else_node.map_or(body_end, |e| e.start_byte());
        let mut then = Vec::new();
        self.content(
            &mut then,
            intro.end_byte(),
            then_end,
            &elements,
            quoted,
            strip_next,
        );
        let mut otherwise = Vec::new();
        if let Some(e) = else_node {
            let s = strip_of(&self.children(e));
            apply_left_strip(&mut then, s);
            *strip_next = s.right;
            self.content(
                &mut otherwise,
                e.end_byte(),
                body_end,
                &elements,
                quoted,
                strip_next,
            );
        }
        if let Some(end) = end_node {
            let s = strip_of(&self.children(end));
            apply_left_strip(
                if else_node.is_some() {
                    &mut otherwise
                } else {
                    &mut then
                },
                s,
            );
            *strip_next = s.right;
        }
        parts.push(TemplatePart::If {
            cond,
            then,
            otherwise,
        });
    }

    fn template_for(
        &mut self,
        node: &Node,
        parts: &mut Vec<TemplatePart>,
        quoted: bool,
        strip_next: &mut bool,
    ) {
        let children = raw_children(node);
        let Some(start) = children
            .iter()
            .find(|c| c.kind_str() == "template_for_start")
        else {
            return;
        };
        let start_children = self.children(start);
        let strip = strip_of(&start_children);
        apply_left_strip(parts, strip);
        let idents: Vec<&Node> = start_children
            .iter()
            .filter(|c| c.kind_str() == "identifier")
            .collect();
        let (key_var, value_var) = match idents.as_slice() {
            [v] => (None, self.ident(v)),
            [k, v] => (Some(self.ident(k)), self.ident(v)),
            _ => return,
        };
        let collection = match start_children.iter().find(|c| c.kind_str() == "expression") {
            Some(e) => self.expr_node(e),
            None => return,
        };
        *strip_next = strip.right;
        let end_node = children.iter().find(|c| c.kind_str() == "template_for_end");
        let elements: Vec<Node> = children.iter().copied().filter(is_element).collect();
        let mut body = Vec::new();
        self.content(
            &mut body,
            start.end_byte(),
            end_node.map_or(node.end_byte(), |e| e.start_byte()),
            &elements,
            quoted,
            strip_next,
        );
        if let Some(end) = end_node {
            let s = strip_of(&self.children(end));
            apply_left_strip(&mut body, s);
            *strip_next = s.right;
        }
        parts.push(TemplatePart::For {
            key_var,
            value_var,
            collection,
            body,
        });
    }
}

fn strip_of(children: &[Node]) -> Strip {
    let n = children.len();
    let at = |i: usize| {
        children
            .get(i)
            .is_some_and(|c| c.kind_str() == "strip_marker")
    };
    Strip {
        left: at(1),
        right: n > 2 && at(n - 2),
    }
}

fn apply_left_strip(parts: &mut [TemplatePart], strip: Strip) {
    if strip.left {
        if let Some(TemplatePart::Literal(prev)) = parts.last_mut() {
            let trimmed = prev.trim_end().len();
            prev.truncate(trimmed);
        }
    }
}
