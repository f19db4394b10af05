//! The compact schema format: one line per item, nesting by indentation (two spaces), so a
//! schema is small, diffable and writable by hand. `cargo xtask schemas compact` turns
//! `terraform providers schema -json` output into it.
//!
//! ```text
//! # comment
//! orbis-schema 1
//! provider aws registry.terraform.io/hashicorp/aws 5.60.0
//! config
//!   region o string | AWS region where the provider will operate.
//! resource aws_s3_bucket | Provides a S3 bucket resource.
//!   bucket oc string | Name of the bucket.
//!   arn c string
//!   @versioning list 0 1 d | Versioning state of the bucket.
//!     enabled o bool
//!   rule o list(object)
//!     name r string
//! data aws_region
//!   name oc string
//! ```
//!
//! - `provider <local-name> <source> [<version>]` starts a provider; `config`, `resource
//!   <type>` and `data <type>` lines belong to the last provider.
//! - An attribute is `<name> <flags> <type>`: flags are letters of `r` required, `o` optional,
//!   `c` computed, `s` sensitive, `d` deprecated; the type is a type constraint without
//!   spaces. Lines indented under an attribute are the attributes of its nested type (the
//!   type is then `object`, `list(object)`, `set(object)` or `map(object)`).
//! - A nested block is `@<name> <nesting> <min-items> <max-items or *> [d]`, its content
//!   indented under it.
//! - `resource`/`data` lines take an optional `d` (deprecated) after the type.
//! - ` | ` starts a description, to the end of the line.

use super::{
    short_description, AttributeSchema, BlockSchema, NestedAttributes, NestedBlockSchema, Nesting,
    ProviderSchema, ProviderSchemas, SchemaError,
};
use std::fmt::Write as _;
use std::sync::Arc;

pub const HEADER: &str = "orbis-schema 1";

/// How much of the descriptions to keep when writing.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Descriptions are cut to their first sentence and at most this many characters;
    /// 0 drops them.
    pub description_chars: usize,
    /// Comment lines written at the top (without `# `).
    pub comment: Vec<String>,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            description_chars: 160,
            comment: Vec::new(),
        }
    }
}

struct Line<'a> {
    no: usize,
    indent: usize,
    text: &'a str,
}

fn err(line: usize, message: impl Into<String>) -> SchemaError {
    SchemaError::Compact {
        line,
        message: message.into(),
    }
}

/// Splits ` | description` off a line.
fn split_description(text: &str) -> (&str, Option<String>) {
    match text.find(" | ") {
        Some(i) => {
            let d = text[i + 3..].trim();
            (&text[..i], (!d.is_empty()).then(|| d.to_string()))
        }
        None => (text.strip_suffix(" |").unwrap_or(text), None),
    }
}

pub fn parse(text: &str) -> Result<ProviderSchemas, SchemaError> {
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let trimmed = l.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                return None;
            }
            Some(Line {
                no: i + 1,
                indent: l.len() - trimmed.len(),
                text: trimmed.trim_end(),
            })
        })
        .collect();
    let Some(first) = lines.first() else {
        return Err(err(1, format!("empty; expected `{HEADER}`")));
    };
    if first.text != HEADER {
        return Err(err(first.no, format!("expected `{HEADER}`")));
    }
    let mut out = ProviderSchemas::default();
    let mut current: Option<ProviderSchema> = None;
    let mut i = 1;
    while i < lines.len() {
        let line = &lines[i];
        if line.indent != 0 {
            return Err(err(line.no, "unexpected indentation"));
        }
        let (head, description) = split_description(line.text);
        let words: Vec<&str> = head.split_whitespace().collect();
        i += 1;
        match words.as_slice() {
            ["provider", name, source, rest @ ..] => {
                if let Some(p) = current.take() {
                    out.merge(single(p));
                }
                current = Some(ProviderSchema {
                    name: name.to_string(),
                    source: source.to_string(),
                    version: rest.first().map(|v| v.to_string()),
                    ..ProviderSchema::default()
                });
            }
            [kind @ ("config" | "resource" | "data"), rest @ ..] => {
                let Some(p) = current.as_mut() else {
                    return Err(err(line.no, "`provider` line expected first"));
                };
                let mut body = block_body(&lines, &mut i, 2)?;
                body.description = description;
                body.deprecated = rest.get(1) == Some(&"d");
                let body = Arc::new(body);
                match (*kind, rest.first()) {
                    ("config", _) => p.provider = Some(body),
                    ("resource", Some(t)) => {
                        p.resources.insert(t.to_string(), body);
                    }
                    ("data", Some(t)) => {
                        p.data_sources.insert(t.to_string(), body);
                    }
                    _ => return Err(err(line.no, format!("`{kind}` needs a type name"))),
                }
            }
            _ => return Err(err(line.no, format!("unexpected line `{head}`"))),
        }
    }
    if let Some(p) = current.take() {
        out.merge(single(p));
    }
    Ok(out)
}

fn single(p: ProviderSchema) -> ProviderSchemas {
    ProviderSchemas {
        providers: [(p.name.clone(), p)].into(),
    }
}

/// The attributes and blocks at `indent`, starting at line `*i`.
fn block_body(lines: &[Line], i: &mut usize, indent: usize) -> Result<BlockSchema, SchemaError> {
    let mut b = BlockSchema::default();
    while let Some(line) = lines.get(*i) {
        if line.indent < indent {
            break;
        }
        if line.indent > indent {
            return Err(err(line.no, "unexpected indentation"));
        }
        *i += 1;
        let (head, description) = split_description(line.text);
        let words: Vec<&str> = head.split_whitespace().collect();
        if let Some(name) = words.first().and_then(|w| w.strip_prefix('@')) {
            let [_, nesting, min, max, rest @ ..] = words.as_slice() else {
                return Err(err(line.no, "block: `@name nesting min max` expected"));
            };
            let nesting =
                Nesting::parse(nesting).ok_or_else(|| err(line.no, "unknown nesting mode"))?;
            let min_items = min
                .parse()
                .map_err(|_| err(line.no, "min items: a number expected"))?;
            let max_items = match *max {
                "*" => None,
                m => Some(
                    m.parse()
                        .map_err(|_| err(line.no, "max items: a number or * expected"))?,
                ),
            };
            let mut block = block_body(lines, i, indent + 2)?;
            block.description = description;
            block.deprecated = rest.first() == Some(&"d");
            b.blocks.push(NestedBlockSchema {
                name: name.to_string(),
                nesting,
                min_items,
                max_items,
                block,
            });
        } else {
            let [name, flags, type_name] = words.as_slice() else {
                return Err(err(line.no, "attribute: `name flags type` expected"));
            };
            if !flags.chars().all(|c| "rocsd".contains(c))
                || !flags.chars().any(|c| "roc".contains(c))
            {
                return Err(err(line.no, format!("bad attribute flags `{flags}`")));
            }
            let has = |c| flags.contains(c);
            let nested = match lines.get(*i) {
                Some(next) if next.indent > indent => {
                    let inner = block_body(lines, i, indent + 2)?;
                    if !inner.blocks.is_empty() {
                        return Err(err(next.no, "a nested attribute type holds no blocks"));
                    }
                    let nesting = match type_name.split('(').next() {
                        Some("list") => Nesting::List,
                        Some("set") => Nesting::Set,
                        Some("map") => Nesting::Map,
                        _ => Nesting::Single,
                    };
                    Some(NestedAttributes {
                        nesting,
                        attributes: inner.attributes,
                    })
                }
                _ => None,
            };
            b.attributes.push(AttributeSchema {
                name: name.to_string(),
                type_name: type_name.to_string(),
                required: has('r'),
                optional: has('o'),
                computed: has('c'),
                sensitive: has('s'),
                deprecated: has('d'),
                description,
                nested,
            });
        }
    }
    Ok(b)
}

pub fn write(s: &ProviderSchemas, o: &WriteOptions) -> String {
    let mut out = String::new();
    for c in &o.comment {
        let _ = writeln!(out, "# {c}");
    }
    out.push_str(HEADER);
    out.push('\n');
    for p in s.providers.values() {
        let _ = write!(out, "provider {} {}", p.name, p.source);
        if let Some(v) = &p.version {
            let _ = write!(out, " {v}");
        }
        out.push('\n');
        if let Some(c) = &p.provider {
            out.push_str("config");
            desc(&mut out, c.description.as_deref(), o);
            write_body(&mut out, c, 2, o);
        }
        for (kind, map) in [("resource", &p.resources), ("data", &p.data_sources)] {
            for (t, b) in map {
                let _ = write!(out, "{kind} {t}");
                if b.deprecated {
                    out.push_str(" d");
                }
                desc(&mut out, b.description.as_deref(), o);
                write_body(&mut out, b, 2, o);
            }
        }
    }
    out
}

fn desc(out: &mut String, d: Option<&str>, o: &WriteOptions) {
    if let Some(d) = d.filter(|_| o.description_chars > 0) {
        let d = short_description(d, o.description_chars);
        if !d.is_empty() {
            out.push_str(" | ");
            out.push_str(&d);
        }
    }
    out.push('\n');
}

fn write_attrs(out: &mut String, attrs: &[AttributeSchema], indent: usize, o: &WriteOptions) {
    for a in attrs {
        let flags: String = [
            (a.required, 'r'),
            (a.optional, 'o'),
            (a.computed, 'c'),
            (a.sensitive, 's'),
            (a.deprecated, 'd'),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, c)| *c)
        .collect();
        // Every attribute has one of r/o/c in real schemas; keep the line parseable anyway.
        let flags = if flags.chars().any(|c| "roc".contains(c)) {
            flags
        } else {
            format!("o{flags}")
        };
        let _ = write!(
            out,
            "{:indent$}{} {} {}",
            "",
            a.name,
            flags,
            a.type_name.replace(' ', "")
        );
        desc(out, a.description.as_deref(), o);
        if let Some(n) = &a.nested {
            write_attrs(out, &n.attributes, indent + 2, o);
        }
    }
}

fn write_body(out: &mut String, b: &BlockSchema, indent: usize, o: &WriteOptions) {
    write_attrs(out, &b.attributes, indent, o);
    for nb in &b.blocks {
        let max = nb.max_items.map_or("*".to_string(), |m| m.to_string());
        let _ = write!(
            out,
            "{:indent$}@{} {} {} {}",
            "",
            nb.name,
            nb.nesting.as_str(),
            nb.min_items,
            max
        );
        if nb.block.deprecated {
            out.push_str(" d");
        }
        desc(out, nb.block.description.as_deref(), o);
        write_body(out, &nb.block, indent + 2, o);
    }
}
