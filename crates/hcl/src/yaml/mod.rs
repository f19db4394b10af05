//! YAML (and JSON) infrastructure documents for the linter: a small positioned tree built
//! with `saphyr`, plus views of Kubernetes objects and CloudFormation templates. Like HCL
//! parsing, loading never fails: errors become diagnostics and nesting depth is bounded.

pub mod cloudformation;
pub mod kubernetes;

use crate::diagnostic::{codes, Diagnostic};
use crate::span::{Pos, Span};
use crate::value::Value;
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Deepest nesting converted; deeper nodes become null with a diagnostic.
const MAX_DEPTH: usize = 256;

/// A YAML node with its 1-based line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlNode {
    pub value: YamlValue,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum YamlValue {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<YamlNode>),
    /// Entries in document order; keys as strings.
    Map(Vec<(String, YamlNode)>),
    /// A tagged node such as CloudFormation's `!Ref x` (tag without `!`).
    Tagged(String, Box<YamlNode>),
}

impl YamlNode {
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        match &self.value {
            YamlValue::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follows a path of map keys.
    pub fn path(&self, keys: &[&str]) -> Option<&YamlNode> {
        keys.iter().try_fold(self, |n, k| n.get(k))
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            YamlValue::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[YamlNode]> {
        match &self.value {
            YamlValue::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(String, YamlNode)] {
        match &self.value {
            YamlValue::Map(entries) => entries,
            _ => &[],
        }
    }

    /// As an engine [`Value`] (positions dropped; tags become `{"!Tag": value}`).
    pub fn to_value(&self) -> Value {
        match &self.value {
            YamlValue::Null => Value::Null,
            YamlValue::Bool(b) => Value::Bool(*b),
            YamlValue::Number(n) => Value::Number(*n),
            YamlValue::String(s) => Value::String(s.clone()),
            YamlValue::List(items) => Value::List(items.iter().map(YamlNode::to_value).collect()),
            YamlValue::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect::<BTreeMap<_, _>>(),
            ),
            YamlValue::Tagged(tag, inner) => {
                Value::Map(BTreeMap::from([(format!("!{tag}"), inner.to_value())]))
            }
        }
    }
}

/// One document of a (possibly multi-document) YAML stream.
#[derive(Debug, Clone)]
pub struct YamlDocument {
    pub index: usize,
    pub root: YamlNode,
}

#[derive(Debug, Clone)]
pub struct YamlFile {
    pub path: PathBuf,
    pub documents: Vec<YamlDocument>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn parse_yaml_file(path: &Path) -> YamlFile {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let mut f = parse_yaml(&text, path);
            if std::str::from_utf8(&bytes).is_err() {
                f.diagnostics.push(Diagnostic::error(
                    codes::INVALID_UTF8,
                    "file is not valid UTF-8; invalid bytes were replaced",
                    Span::default(),
                ));
            }
            f
        }
        Err(e) => YamlFile {
            path: path.to_path_buf(),
            documents: Vec::new(),
            diagnostics: vec![Diagnostic::error(
                codes::READ,
                format!("cannot read {}: {e}", path.display()),
                Span::default(),
            )],
        },
    }
}

/// Parses a YAML or JSON stream. A syntax error yields no documents and a diagnostic.
pub fn parse_yaml(text: &str, path: impl Into<PathBuf>) -> YamlFile {
    let path = path.into();
    let mut diagnostics = Vec::new();
    let docs = match MarkedYaml::load_from_str(text) {
        Ok(docs) => docs,
        Err(e) => {
            let m = e.marker();
            let pos = Pos {
                line: m.line() as u32,
                column: m.col() as u32 + 1,
            };
            let span = Span {
                start: 0,
                end: 0,
                start_pos: pos,
                end_pos: pos,
            };
            diagnostics.push(Diagnostic::error(
                codes::YAML,
                format!("YAML syntax error: {}", e.info()),
                span,
            ));
            Vec::new()
        }
    };
    let mut too_deep = false;
    let documents = docs
        .iter()
        .enumerate()
        .map(|(index, d)| YamlDocument {
            index,
            root: convert(d, 0, &mut too_deep),
        })
        .collect();
    if too_deep {
        diagnostics.push(Diagnostic::error(
            codes::TOO_DEEP,
            format!("YAML nested deeper than {MAX_DEPTH} levels; the inner part is ignored"),
            Span::default(),
        ));
    }
    YamlFile {
        path,
        documents,
        diagnostics,
    }
}

fn convert(node: &MarkedYaml, depth: usize, too_deep: &mut bool) -> YamlNode {
    let (line, column) = (
        node.span.start.line() as u32,
        node.span.start.col() as u32 + 1,
    );
    if depth > MAX_DEPTH {
        *too_deep = true;
        return YamlNode {
            value: YamlValue::Null,
            line,
            column,
        };
    }
    let value = crate::stack::guard(|| match &node.data {
        YamlData::Value(s) => scalar(s),
        YamlData::Representation(raw, _, _) => YamlValue::String(raw.to_string()),
        YamlData::Sequence(items) => YamlValue::List(
            items
                .iter()
                .map(|n| convert(n, depth + 1, too_deep))
                .collect(),
        ),
        YamlData::Mapping(map) => YamlValue::Map(
            map.iter()
                .map(|(k, v)| (key_string(k), convert(v, depth + 1, too_deep)))
                .collect(),
        ),
        YamlData::Tagged(tag, inner) => YamlValue::Tagged(
            tag.suffix.clone(),
            Box::new(convert(inner, depth + 1, too_deep)),
        ),
        YamlData::Alias(_) | YamlData::BadValue => YamlValue::Null,
    });
    YamlNode {
        value,
        line,
        column,
    }
}

fn scalar(s: &Scalar) -> YamlValue {
    match s {
        Scalar::Null => YamlValue::Null,
        Scalar::Boolean(b) => YamlValue::Bool(*b),
        Scalar::Integer(i) => YamlValue::Number(*i as f64),
        Scalar::FloatingPoint(f) => YamlValue::Number(f.into_inner()),
        Scalar::String(s) => YamlValue::String(s.to_string()),
    }
}

fn key_string(k: &MarkedYaml) -> String {
    match &k.data {
        YamlData::Value(Scalar::String(s)) => s.to_string(),
        YamlData::Value(Scalar::Integer(i)) => i.to_string(),
        YamlData::Value(Scalar::Boolean(b)) => b.to_string(),
        YamlData::Value(Scalar::FloatingPoint(f)) => f.into_inner().to_string(),
        YamlData::Value(Scalar::Null) => "null".to_string(),
        YamlData::Representation(raw, _, _) => raw.to_string(),
        _ => String::new(),
    }
}
