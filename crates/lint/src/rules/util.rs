//! Small helpers shared by rules: the common "attribute must be X" checks with their fixes,
//! network ranges and ports, tags.

use crate::finding::{Fix, TextEdit};
use crate::model::{Block, Resource};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

impl FnRule {
    pub const fn new(
        meta: &'static RuleMeta,
        types: &'static [&'static str],
        check: fn(&Resource, &Ctx, &mut Sink),
    ) -> FnRule {
        FnRule { meta, types, check }
    }
}

/// Indentation for a new attribute in `block`: that of its first attribute or nested block,
/// else the block's own indentation plus two spaces.
fn child_indent(text: &str, block: &Block) -> String {
    let first = block
        .attrs
        .iter()
        .map(|a| a.span)
        .chain(block.blocks.iter().map(|b| b.span))
        .min_by_key(|s| s.start_byte);
    match first {
        Some(s) => " ".repeat(s.start_col.saturating_sub(1) as usize),
        None => {
            let line_start = text[..block.span.start_byte.min(text.len())]
                .rfind('\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            let indent: String = text[line_start..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            format!("{indent}  ")
        }
    }
}

/// An edit that adds `line` (e.g. `enable_key_rotation = true`) as the last entry of `block`.
pub fn insert_line(text: &str, block: &Block, line: &str) -> TextEdit {
    let close = block.insert_offset().min(text.len());
    let indent = child_indent(text, block);
    // When the closing brace sits on its own line, insert before that line's indentation.
    let line_start = text[..close].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let only_ws_before_brace = text[line_start..close]
        .chars()
        .all(|c| c == ' ' || c == '\t');
    if only_ws_before_brace && line_start > 0 {
        TextEdit {
            start: line_start,
            end: line_start,
            replacement: format!("{indent}{line}\n"),
        }
    } else {
        TextEdit {
            start: close,
            end: close,
            replacement: format!("\n{indent}{line}\n"),
        }
    }
}

/// Fix setting `name = literal` in `block`: replace the value when present, else add it.
pub fn fix_set(text: &str, block: &Block, name: &str, literal: &str) -> Fix {
    let edit = match block.attr(name) {
        Some(a) => TextEdit {
            start: a.value_span.start_byte,
            end: a.value_span.end_byte,
            replacement: literal.to_string(),
        },
        None => insert_line(text, block, &format!("{name} = {literal}")),
    };
    Fix {
        description: format!("set {name} = {literal}"),
        edits: vec![edit],
    }
}

pub fn text_of<'a>(cx: &Ctx<'a>, r: &Resource) -> &'a str {
    &cx.ws.files[r.file].text
}

/// The common "boolean must be `want`" check. `default` is the provider's default when the
/// attribute is absent; an unknown value is never reported. Reports with a fix.
// The arguments are the rule's whole question; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub fn expect_bool(
    r: &Resource,
    block: &Block,
    cx: &Ctx,
    out: &mut Sink,
    name: &str,
    want: bool,
    default: bool,
    msg: &str,
) {
    let lit = if want { "true" } else { "false" };
    match block.attr(name) {
        None if default != want => {
            out.report_object(msg, Some(fix_set(text_of(cx, r), block, name, lit)))
        }
        None => {}
        Some(a) => {
            if let Some(b) = a.value.as_bool() {
                if b != want {
                    out.report_fix(a.span, msg, Some(fix_set(text_of(cx, r), block, name, lit)));
                }
            }
        }
    }
}

/// Report when a block is missing or an attribute is absent/null/empty (an "absence" rule).
pub fn expect_present(block: &Block, out: &mut Sink, name: &str, msg: &str) {
    match block.attr(name) {
        None => out.report_object(msg, None),
        Some(a) if a.value.is_null() => out.report(a.span, msg),
        Some(a) if a.value.as_str() == Some("") => out.report(a.span, msg),
        _ => {}
    }
}

/// A CIDR that means "anyone on the internet".
pub fn is_open_cidr(s: &str) -> bool {
    matches!(
        s.trim(),
        "0.0.0.0/0" | "::/0" | "0.0.0.0" | "*" | "Internet" | "any" | "Any" | "internet" | "0/0"
    )
}

/// Resources of `rtype` that point at `target` through attribute `link` (a reference such as
/// `aws_s3_bucket.b.id`, or the same literal name as the target's `name_attr`).
pub fn linked<'a>(
    cx: &Ctx<'a>,
    target: &Resource,
    rtype: &str,
    link: &str,
    name_attr: &str,
) -> Vec<&'a Resource> {
    let name = target.str(name_attr);
    cx.resources_of(rtype)
        .filter(|r| {
            r.attr(link).is_some_and(|a| {
                a.references(&target.rtype, &target.name)
                    || (name.is_some() && a.value.as_str() == name)
            })
        })
        .collect()
}

/// True when a block list contains a block (static or dynamic) of `kind`.
pub fn has_block(b: &Block, kind: &str) -> bool {
    b.block(kind).is_some()
}
