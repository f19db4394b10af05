//! Conversion of a tree-sitter tree into the typed model ([`crate::ast`]). The converter
//! never panics on odd trees: unexpected shapes become `ExprKind::Invalid`, and nesting
//! deeper than [`MAX_DEPTH`] nodes is cut off with a diagnostic (a stack-overflow guard).

mod expr;
pub(crate) mod kind;
pub(crate) mod reuse;
pub(crate) mod strings;
mod template;

use crate::ast::{Attribute, Block, Body, Comment, Ident, Label};
use crate::diagnostic::{codes, Diagnostic};
use crate::span::Span;
use kind::NodeKind;
use tree_sitter::Node;

/// Deepest tree-sitter node nesting converted. Real configurations stay far below 100.
pub const MAX_DEPTH: usize = 256;
/// At most this many syntax diagnostics per file (a binary file would give thousands).
const MAX_SYNTAX_DIAGNOSTICS: usize = 50;

pub(crate) struct Converter<'s> {
    pub src: &'s str,
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
    depth: usize,
    too_deep_reported: bool,
}

impl<'s> Converter<'s> {
    pub fn new(src: &'s str) -> Self {
        Converter {
            src,
            comments: Vec::new(),
            diagnostics: Vec::new(),
            depth: 0,
            too_deep_reported: false,
        }
    }

    /// A converter for items nested `depth` levels deep (a part of a block's body converted
    /// alone), so the depth limit cuts where a whole-file conversion would.
    pub fn at_depth(mut self, depth: usize) -> Self {
        self.depth = depth;
        self
    }

    pub fn text(&self, node: &Node) -> &'s str {
        self.src.get(node.byte_range()).unwrap_or("")
    }

    pub fn ident(&self, node: &Node) -> Ident {
        Ident {
            name: self.text(node).to_string(),
            span: Span::from_node(node),
        }
    }

    /// Children of `node` except comments, which are collected on the way.
    pub fn children<'t>(&mut self, node: &Node<'t>) -> Vec<Node<'t>> {
        let mut cursor = node.walk();
        let mut out = Vec::with_capacity(node.child_count());
        for child in node.children(&mut cursor) {
            if child.kind_str() == "comment" {
                self.comments.push(Comment {
                    text: self.text(&child).to_string(),
                    span: Span::from_node(&child),
                });
            } else {
                out.push(child);
            }
        }
        out
    }

    /// Enters one nesting level; false (and a diagnostic, once) when too deep.
    pub fn enter(&mut self, node: &Node) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep_reported {
                self.too_deep_reported = true;
                self.diagnostics.push(Diagnostic::error(
                    codes::TOO_DEEP,
                    format!("nesting deeper than {MAX_DEPTH} levels; the inner part is ignored"),
                    Span::from_node(node),
                ));
            }
            return false;
        }
        self.depth += 1;
        true
    }

    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    pub fn config_file(&mut self, root: &Node) -> Body {
        let mut body = Body {
            span: Span::from_node(root),
            ..Body::default()
        };
        for child in self.children(root) {
            match child.kind_str() {
                "body" => self.fill_body(&child, &mut body),
                // A bare object at top level (JSON-like .tfvars): its static keys become attributes.
                "object" => {
                    let obj = self.expr_node(&child);
                    if let crate::ast::ExprKind::Object(items) = obj.kind {
                        for it in items {
                            if let Some(name) = it.key_name().map(str::to_string) {
                                let span = it.key.span.to(&it.value.span);
                                body.attributes.push(Attribute {
                                    name: Ident {
                                        name,
                                        span: it.key.span,
                                    },
                                    expr: it.value,
                                    span,
                                });
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        body
    }

    fn body(&mut self, node: &Node, span: Span) -> Body {
        let mut body = Body {
            span,
            ..Body::default()
        };
        self.fill_body(node, &mut body);
        body
    }

    fn fill_body(&mut self, node: &Node, body: &mut Body) {
        for child in self.children(node) {
            match child.kind_str() {
                "attribute" => {
                    if let Some(a) = self.attribute(&child) {
                        body.attributes.push(a);
                    }
                }
                "block" if self.enter(&child) => {
                    if let Some(b) = crate::stack::guard(|| self.block(&child)) {
                        body.blocks.push(b);
                    }
                    self.leave();
                }
                _ => {}
            }
        }
    }

    fn attribute(&mut self, node: &Node) -> Option<Attribute> {
        let children = self.children(node);
        let name = self.ident(children.first()?);
        let expr = match children.iter().find(|c| c.kind_str() == "expression") {
            Some(e) => self.expr_node(e),
            None => crate::ast::Expr::invalid(Span::from_node(node)),
        };
        Some(Attribute {
            name,
            expr,
            span: Span::from_node(node),
        })
    }

    fn block(&mut self, node: &Node) -> Option<Block> {
        let children = self.children(node);
        let kind = self.ident(children.first()?);
        let mut labels = Vec::new();
        let mut body_node = None;
        let mut body_span = None;
        for child in &children[1..] {
            match child.kind_str() {
                "identifier" => labels.push(Label {
                    value: self.text(child).to_string(),
                    quoted: false,
                    span: Span::from_node(child),
                }),
                "string_lit" => {
                    let raw = self.string_lit_content(child);
                    labels.push(Label {
                        value: strings::decode_literal(raw, true),
                        quoted: true,
                        span: Span::from_node(child),
                    })
                }
                "block_start" => body_span = Some(Span::from_node(child)),
                "body" => body_node = Some(*child),
                "block_end" => {
                    let end = Span::from_node(child);
                    body_span = Some(body_span.map_or(end, |s| s.to(&end)));
                }
                _ => {}
            }
        }
        let span = body_span.unwrap_or_else(|| Span::from_node(node));
        let body = match body_node {
            Some(b) => self.body(&b, span),
            None => Body {
                span,
                ..Body::default()
            },
        };
        Some(Block {
            kind,
            labels,
            body,
            span: Span::from_node(node),
        })
    }

    /// The raw text between the quotes of a `string_lit`. Taken from the markers' offsets:
    /// the grammar's literal tokens leave out leading and trailing whitespace.
    pub fn string_lit_content(&self, node: &Node) -> &'s str {
        let mut cursor = node.walk();
        let mut start = node.start_byte();
        let mut end = node.end_byte();
        for child in node.children(&mut cursor) {
            match child.kind_str() {
                "quoted_template_start" => start = child.end_byte(),
                "quoted_template_end" if !child.is_missing() => end = child.start_byte(),
                _ => {}
            }
        }
        self.src.get(start..end.max(start)).unwrap_or("")
    }

    /// Reports the outermost ERROR and every MISSING node (bounded), collecting comments
    /// inside error regions too. Iterative: safe on any depth.
    pub fn report_syntax_errors(&mut self, root: &Node) {
        if !root.has_error() {
            return;
        }
        let mut cursor = root.walk();
        let mut reported = 0;
        'walk: loop {
            let node = cursor.node();
            let mut descend = node.has_error();
            if node.is_error() || node.is_missing() {
                if reported < MAX_SYNTAX_DIAGNOSTICS {
                    let span = Span::from_node(&node);
                    let d = if node.is_missing() {
                        Diagnostic::error(
                            codes::MISSING,
                            format!("syntax error: missing {}", node.kind_str()),
                            span,
                        )
                    } else {
                        Diagnostic::error(
                            codes::SYNTAX,
                            syntax_message(self.src, &node),
                            error_span(&node),
                        )
                    };
                    self.diagnostics.push(d);
                }
                reported += 1;
                descend = node.is_error();
            }
            if node.kind_str() == "comment" && node.parent().is_some_and(|p| p.is_error()) {
                self.comments.push(Comment {
                    text: self.text(&node).to_string(),
                    span: Span::from_node(&node),
                });
            }
            if descend && cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    continue 'walk;
                }
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        if reported > MAX_SYNTAX_DIAGNOSTICS {
            self.diagnostics.push(Diagnostic::error(
                codes::SYNTAX,
                format!(
                    "{} more syntax errors not shown",
                    reported - MAX_SYNTAX_DIAGNOSTICS
                ),
                Span::from_node(root),
            ));
        }
    }
}

/// Where to point at an ERROR node: all of it when it is on one line, else its first token.
/// After a stray `}` the grammar's recovery may wrap the whole rest of the file in one ERROR
/// node; underlining hundreds of lines would hide where the problem is.
fn error_span(node: &Node) -> Span {
    if node.start_position().row == node.end_position().row {
        return Span::from_node(node);
    }
    let mut first = *node;
    while let Some(child) = first.child(0) {
        first = child;
    }
    if first.end_byte() > first.start_byte()
        && first.start_position().row == first.end_position().row
    {
        Span::from_node(&first)
    } else {
        Span::from_node(node)
    }
}

fn syntax_message(src: &str, node: &Node) -> String {
    let text = src.get(node.byte_range()).unwrap_or("");
    let first: String = text
        .chars()
        .take(40)
        .collect::<String>()
        .replace('\n', "\\n");
    if first.is_empty() {
        "syntax error".to_string()
    } else {
        format!("syntax error near `{first}`")
    }
}
