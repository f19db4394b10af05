//! What declarations say about themselves (description, type, default), for hover and
//! completion details, read from the parsed block of a definition.

use crate::index::Def;
use crate::schema::{AttributeSchema, BlockSchema, NestedBlockSchema};
use crate::text::first_line;
use crate::workspace::LangWorkspace;
use orbis_hcl::ast::Block;
use orbis_hcl::{File, SymbolKind};

/// The facts a declaration states.
#[derive(Debug, Clone, Default)]
pub(crate) struct DeclInfo {
    pub description: Option<String>,
    /// Source text of `type = ...` (variables) or the local's value.
    pub type_text: Option<String>,
    /// Source text of `default = ...`.
    pub default_text: Option<String>,
    pub has_default: bool,
    pub sensitive: bool,
    /// `source = ...` of a module call.
    pub source: Option<String>,
    /// First line of the declaration as written.
    pub first_line: String,
}

pub(crate) fn block_with_span<'f>(file: &'f File, d: &Def) -> Option<&'f Block> {
    file.body.blocks.iter().find(|b| b.span == d.span)
}

impl LangWorkspace {
    pub(crate) fn decl_info(&self, d: &Def) -> DeclInfo {
        let Some(file) = self.file(&d.file) else {
            return DeclInfo::default();
        };
        let mut info = DeclInfo {
            first_line: first_line(file.text(&d.span), 160),
            ..DeclInfo::default()
        };
        let text = |e: &orbis_hcl::Expr| first_line(file.text(&e.span), 120);
        if d.kind == SymbolKind::Local {
            if let Some(a) = file
                .body
                .blocks_of("locals")
                .flat_map(|b| &b.body.attributes)
                .find(|a| a.span == d.span)
            {
                info.type_text = Some(text(&a.expr));
            }
            return info;
        }
        let Some(b) = block_with_span(file, d) else {
            return info;
        };
        info.description = b
            .body
            .attribute("description")
            .and_then(|a| a.expr.as_str())
            .map(str::to_string);
        info.type_text = b.body.attribute("type").map(|a| text(&a.expr));
        if let Some(a) = b.body.attribute("default") {
            info.has_default = true;
            info.default_text = Some(text(&a.expr));
        }
        info.sensitive = b
            .body
            .attribute("sensitive")
            .is_some_and(|a| matches!(a.expr.kind, orbis_hcl::ExprKind::Bool(true)));
        info.source = b
            .body
            .attribute("source")
            .and_then(|a| a.expr.as_str())
            .map(str::to_string);
        info
    }
}

/// `string · required`, `list(string) · optional · deprecated`…
pub(crate) fn attribute_detail(a: &AttributeSchema) -> String {
    let mut parts = vec![a.type_name.clone()];
    parts.push(
        if a.required {
            "required"
        } else if a.optional {
            "optional"
        } else {
            "computed"
        }
        .to_string(),
    );
    if a.optional && a.computed {
        parts.push("computed if unset".into());
    }
    if a.sensitive {
        parts.push("sensitive".into());
    }
    if a.deprecated {
        parts.push("deprecated".into());
    }
    parts.join(" · ")
}

pub(crate) fn block_detail(b: &NestedBlockSchema) -> String {
    let mut s = format!("block ({}", b.nesting.as_str());
    match (b.min_items, b.max_items) {
        (0, Some(1)) => s.push_str(", at most 1"),
        (min, Some(max)) if min > 0 => s.push_str(&format!(", {min} to {max}")),
        (min, None) if min > 0 => s.push_str(&format!(", at least {min}")),
        _ => {}
    }
    s.push(')');
    if b.is_required() {
        s.push_str(" · required");
    }
    if b.block.deprecated {
        s.push_str(" · deprecated");
    }
    s
}

/// Markdown for a schema attribute.
pub(crate) fn attribute_markdown(owner: &str, a: &AttributeSchema) -> String {
    let mut md = format!("**{owner}.{}** `{}`", a.name, attribute_detail(a));
    if let Some(d) = &a.description {
        md.push_str("\n\n");
        md.push_str(d);
    }
    md
}

pub(crate) fn schema_block_markdown(title: &str, b: &BlockSchema) -> String {
    let mut md = format!("**{title}**");
    if b.deprecated {
        md.push_str(" (deprecated)");
    }
    if let Some(d) = &b.description {
        md.push_str("\n\n");
        md.push_str(d);
    }
    let required: Vec<&str> = b
        .attributes
        .iter()
        .filter(|a| a.required)
        .map(|a| a.name.as_str())
        .chain(
            b.blocks
                .iter()
                .filter(|x| x.is_required())
                .map(|x| x.name.as_str()),
        )
        .collect();
    if !required.is_empty() {
        md.push_str(&format!("\n\nRequired: `{}`", required.join("`, `")));
    }
    md
}
