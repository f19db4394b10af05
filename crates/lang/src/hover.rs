//! Hover: what a reference points at (the declaration's first line, description, type and
//! default), and for resource arguments and types, the provider schema's description.

use crate::docs::{attribute_markdown, schema_block_markdown};
use crate::navigate::{hit_at, Hit};
use crate::rename::kind_word;
use crate::schema::BlockSchema;
use crate::text::inner_label_span;
use crate::workspace::LangWorkspace;
use orbis_hcl::ast::Body;
use orbis_hcl::{File, Span, SymbolKey, SymbolKind};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Hover {
    /// What the hover is about (to highlight).
    pub span: Span,
    pub markdown: String,
}

impl LangWorkspace {
    /// Hover information at `byte` of `path`.
    pub fn hover(&self, path: &Path, byte: usize) -> Option<Hover> {
        let path = self.normalize(path);
        let file = self.file(&path)?;
        let idx = self.index_of_file(&path)?;
        if let Some(hit) = hit_at(idx, &path, byte) {
            let (key, span, attr_steps) = match hit {
                Hit::Def(d) => (
                    SymbolKey {
                        module_dir: idx.dir.clone(),
                        kind: d.kind,
                        name: d.name.clone(),
                    },
                    d.name_span,
                    Vec::new(),
                ),
                Hit::Ref(r) => {
                    let key = self.resolve(idx, &r.target)?;
                    if byte >= r.span.end as usize && r.full_span.end > r.span.end {
                        // On an attribute after the symbol: `aws_s3_bucket.b.arn`.
                        let rest = file
                            .source
                            .get(r.span.end as usize..r.full_span.end as usize)?;
                        let steps: Vec<String> = rest
                            .split('.')
                            .map(|s| s.split('[').next().unwrap_or("").trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect();
                        (key, r.full_span, steps)
                    } else {
                        (key, r.span, Vec::new())
                    }
                }
            };
            return Some(Hover {
                span,
                markdown: self.symbol_markdown(&key, &attr_steps)?,
            });
        }
        self.schema_hover(file, byte)
    }

    fn symbol_markdown(&self, key: &SymbolKey, attr_steps: &[String]) -> Option<String> {
        let defs = self.definitions_of(key);
        let word = kind_word(key.kind);
        let schema = match key.kind {
            SymbolKind::Resource => key
                .name
                .split_once('.')
                .and_then(|(t, _)| self.schemas().resource(t)),
            SymbolKind::DataSource => key
                .name
                .split_once('.')
                .and_then(|(t, _)| self.schemas().data_source(t)),
            _ => None,
        };
        if let (Some(s), false) = (schema, attr_steps.is_empty()) {
            let mut b: &BlockSchema = s;
            let (last, path) = attr_steps.split_last()?;
            for step in path {
                b = &b.block(step)?.block;
            }
            let owner = key.name.split_once('.').map_or("", |x| x.0);
            if let Some(a) = b.attribute(last) {
                return Some(attribute_markdown(owner, a));
            }
            if let Some(nb) = b.block(last) {
                return Some(schema_block_markdown(&format!("{owner}.{last}"), &nb.block));
            }
            return None;
        }
        let Some(d) = defs.first() else {
            return Some(format!("**{word} `{}`** (not declared)", key.name));
        };
        let info = {
            let idx = self.index(&key.module_dir)?;
            let def = idx.defs_named(key.kind, &key.name).next()?;
            self.decl_info(def)
        };
        let mut md = format!("**{word} `{}`**", key.name);
        if let Some(t) = &info.type_text {
            if key.kind == SymbolKind::Local {
                md.push_str(&format!(" = `{t}`"));
            } else {
                md.push_str(&format!(" `{t}`"));
            }
        }
        if info.sensitive {
            md.push_str(" (sensitive)");
        }
        if let Some(desc) = &info.description {
            md.push_str("\n\n");
            md.push_str(desc);
        }
        if let Some(def) = &info.default_text {
            md.push_str(&format!("\n\nDefault: `{def}`"));
        } else if key.kind == SymbolKind::Variable {
            md.push_str("\n\nRequired (no default).");
        }
        if let Some(src) = &info.source {
            md.push_str(&format!("\n\nSource: `{src}`"));
        }
        if let Some(s) = schema {
            if let Some(desc) = &s.description {
                md.push_str("\n\n");
                md.push_str(desc);
            }
        }
        md.push_str(&format!(
            "\n\n`{}` — {}",
            info.first_line,
            self.describe_place(&d.path, &d.name_span)
        ));
        Some(md)
    }

    /// On a resource type label, an argument name or a nested block type inside a resource,
    /// data source or provider block: the schema's description.
    fn schema_hover(&self, file: &File, byte: usize) -> Option<Hover> {
        let b = file.body.blocks.iter().find(|b| b.span.contains(byte))?;
        let label = b.label(0).unwrap_or("");
        let schema = match b.kind.name.as_str() {
            "resource" => self.schemas().resource(label),
            "data" => self.schemas().data_source(label),
            "provider" => self.schemas().provider_config(label),
            _ => None,
        }?;
        if let Some(l) = b.labels.first() {
            if l.span.contains(byte) {
                return Some(Hover {
                    span: inner_label_span(l),
                    markdown: schema_block_markdown(label, schema),
                });
            }
        }
        body_hover(&b.body, schema, label, byte, 0)
    }
}

fn body_hover(
    body: &Body,
    schema: &BlockSchema,
    owner: &str,
    byte: usize,
    depth: usize,
) -> Option<Hover> {
    if depth > 32 {
        return None;
    }
    for a in &body.attributes {
        if a.name.span.contains(byte) {
            let s = schema.attribute(&a.name.name)?;
            return Some(Hover {
                span: a.name.span,
                markdown: attribute_markdown(owner, s),
            });
        }
    }
    for nb in &body.blocks {
        if !nb.span.contains(byte) {
            continue;
        }
        let (name, inner) = if nb.kind.name == "dynamic" {
            let target = nb.label(0)?;
            let content = nb.body.block("content").map(|c| &c.body);
            (target, content)
        } else {
            (nb.kind.name.as_str(), Some(&nb.body))
        };
        let s = schema.block(name)?;
        let title = format!("{owner}.{name}");
        if nb.kind.span.contains(byte) || nb.labels.iter().any(|l| l.span.contains(byte)) {
            return Some(Hover {
                span: nb.kind.span,
                markdown: schema_block_markdown(&title, &s.block),
            });
        }
        return body_hover(inner?, &s.block, &title, byte, depth + 1);
    }
    None
}
