//! Kubernetes manifests (YAML, multi-document, `kind: List`) into the linter's block model,
//! with positions. Keys are converted to the Terraform kubernetes provider's spelling
//! (`securityContext` → `security_context`, `containers` → repeated `container` blocks) so one
//! rule checks both manifests and `kubernetes_*` resources.

use crate::model::{Attribute, Block, Span, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

#[derive(Debug)]
enum Node {
    Scalar(String, bool, Marker),
    Seq(Vec<Node>, Marker, Marker),
    Map(Vec<(String, Marker, Node)>, Marker, Marker),
}

#[derive(Default)]
struct Builder {
    docs: Vec<Node>,
    stack: Vec<Frame>,
    depth_overflow: bool,
}

enum Frame {
    Seq(Vec<Node>, Marker),
    /// Entries so far and a pending key.
    Map(
        Vec<(String, Marker, Node)>,
        Option<(String, Marker)>,
        Marker,
    ),
}

const MAX_DEPTH: usize = 128;

impl Builder {
    fn push_node(&mut self, n: Node) {
        match self.stack.last_mut() {
            None => self.docs.push(n),
            Some(Frame::Seq(items, _)) => items.push(n),
            Some(Frame::Map(entries, pending, _)) => match pending.take() {
                None => {
                    // A key: only scalars make sense as keys in manifests.
                    let (k, m) = match n {
                        Node::Scalar(s, _, m) => (s, m),
                        Node::Seq(_, m, _) | Node::Map(_, m, _) => (String::new(), m),
                    };
                    *pending = Some((k, m));
                }
                Some((k, m)) => entries.push((k, m, n)),
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(s, style, _, _) => {
                let plain = style == TScalarStyle::Plain;
                self.push_node(Node::Scalar(s, plain, mark));
            }
            Event::SequenceStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.depth_overflow = true;
                }
                self.stack.push(Frame::Seq(Vec::new(), mark));
            }
            Event::MappingStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.depth_overflow = true;
                }
                self.stack.push(Frame::Map(Vec::new(), None, mark));
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq(items, start)) = self.stack.pop() {
                    self.push_node(Node::Seq(items, start, mark));
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map(entries, _, start)) = self.stack.pop() {
                    self.push_node(Node::Map(entries, start, mark));
                }
            }
            Event::Alias(_) => self.push_node(Node::Scalar(String::new(), false, mark)),
            _ => {}
        }
    }
}

/// Line starts for converting byte offsets to positions.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut v = vec![0];
        v.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines(v)
    }
    fn span(&self, start: usize, end: usize) -> Span {
        let pos = |b: usize| {
            let line = self.0.partition_point(|&s| s <= b).saturating_sub(1);
            (line as u32 + 1, (b - self.0[line]) as u32 + 1)
        };
        let (sl, sc) = pos(start);
        let (el, ec) = pos(end.max(start));
        Span {
            start_byte: start,
            end_byte: end.max(start),
            start_line: sl,
            start_col: sc,
            end_line: el,
            end_col: ec,
        }
    }
}

/// `securityContext` → `security_context`, `hostPID` → `host_pid`.
pub fn snake(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = if i > 0 { Some(chars[i - 1]) } else { None };
            let next = chars.get(i + 1).copied();
            let boundary = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(|p| p.is_ascii_uppercase())
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Plural list keys whose Terraform counterpart is a repeated singular block.
fn block_kind(snake_key: &str) -> &str {
    match snake_key {
        "containers" => "container",
        "init_containers" => "init_container",
        "ephemeral_containers" => "ephemeral_container",
        "volumes" => "volume",
        "volume_mounts" => "volume_mount",
        "ports" => "port",
        "rules" => "rule",
        "subjects" => "subject",
        "items" => "item",
        other => other,
    }
}

fn scalar_value(s: &str, plain: bool) -> Value {
    if !plain {
        return Value::Str(s.to_string());
    }
    match s {
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        _ => match s.parse::<f64>() {
            Ok(n) if !s.starts_with('+') && !s.contains('_') => Value::Number(n),
            _ => Value::Str(s.to_string()),
        },
    }
}

fn node_value(n: &Node) -> Value {
    match n {
        Node::Scalar(s, plain, _) => scalar_value(s, *plain),
        Node::Seq(items, _, _) => Value::List(items.iter().map(node_value).collect()),
        Node::Map(entries, _, _) => Value::Map(
            entries
                .iter()
                .map(|(k, _, v)| (k.clone(), node_value(v)))
                .collect(),
        ),
    }
}

fn node_end(n: &Node) -> usize {
    match n {
        Node::Scalar(s, _, m) => m.index() + s.len(),
        Node::Seq(_, _, e) | Node::Map(_, _, e) => e.index(),
    }
}

/// Labels/annotations and other free-form maps stay attributes (their keys are data, not
/// schema); everything else that is a mapping becomes a block.
fn is_data_map(key: &str) -> bool {
    matches!(
        key,
        "labels"
            | "annotations"
            | "data"
            | "string_data"
            | "node_selector"
            | "limits"
            | "requests"
            | "match_labels"
            | "selector"
    )
}

fn to_block(
    kind: &str,
    entries: &[(String, Marker, Node)],
    start: usize,
    end: usize,
    lines: &Lines,
) -> Block {
    let mut b = Block {
        kind: kind.to_string(),
        span: lines.span(start, end),
        ..Block::default()
    };
    for (k, km, v) in entries {
        let key = snake(k);
        let vend = node_end(v);
        let whole = lines.span(km.index(), vend);
        match v {
            Node::Map(inner, s, e) if !is_data_map(&key) => b.blocks.push(to_block(
                &key,
                inner,
                s.index().min(km.index()),
                e.index(),
                lines,
            )),
            Node::Seq(items, _, _)
                if !items.is_empty() && items.iter().all(|i| matches!(i, Node::Map(..))) =>
            {
                let bk = block_kind(&key).to_string();
                for it in items {
                    if let Node::Map(inner, s, e) = it {
                        b.blocks
                            .push(to_block(&bk, inner, s.index(), e.index(), lines));
                    }
                }
            }
            _ => {
                let vstart = match v {
                    Node::Scalar(_, _, m) | Node::Seq(_, m, _) | Node::Map(_, m, _) => m.index(),
                };
                b.attrs.push(Attribute {
                    name: key,
                    value: node_value(v),
                    span: whole,
                    value_span: lines.span(vstart, vend),
                    refs: Vec::new(),
                });
            }
        }
    }
    b
}

/// Kubernetes objects of a YAML text: `(kind, metadata.name, body)`, plus the number of
/// documents that failed to parse (0 or 1: the parser stops at the first error).
pub fn objects(text: &str) -> (Vec<(String, String, Block)>, usize) {
    // Cheap filter: manifests always have both keys.
    if !(text.contains("apiVersion") && text.contains("kind")) {
        return (Vec::new(), 0);
    }
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let errors = usize::from(parser.load(&mut builder, true).is_err());
    if builder.depth_overflow {
        return (Vec::new(), 1);
    }
    let lines = Lines::new(text);
    let mut out = Vec::new();
    let mut docs: Vec<Node> = builder.docs;
    // `kind: List` documents hold their objects under `items`.
    let mut expanded = Vec::new();
    for d in docs.drain(..) {
        if let Node::Map(entries, _, _) = &d {
            let is_list = entries.iter().any(|(k, _, v)| {
                k == "kind" && matches!(v, Node::Scalar(s, _, _) if s.ends_with("List"))
            });
            if is_list {
                if let Some(pos) = entries.iter().position(|(k, _, _)| k == "items") {
                    if let Node::Map(mut entries, _, _) = d {
                        if let (_, _, Node::Seq(items, _, _)) = entries.swap_remove(pos) {
                            expanded.extend(items);
                        }
                    }
                    continue;
                }
            }
        }
        expanded.push(d);
    }
    for d in expanded {
        let Node::Map(entries, s, e) = &d else {
            continue;
        };
        let get = |key: &str| entries.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| v);
        let (Some(Node::Scalar(kind, _, _)), Some(Node::Scalar(_, _, _))) =
            (get("kind"), get("apiVersion"))
        else {
            continue;
        };
        let name = match get("metadata") {
            Some(Node::Map(m, _, _)) => m
                .iter()
                .find(|(k, _, _)| k == "name" || k == "generateName")
                .and_then(|(_, _, v)| {
                    if let Node::Scalar(s, _, _) = v {
                        Some(s.clone())
                    } else {
                        None
                    }
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        // A document's mapping starts at its first key; the span covers the whole object.
        let start = entries
            .first()
            .map(|(_, m, _)| m.index())
            .unwrap_or(s.index());
        out.push((
            kind.clone(),
            name,
            to_block(kind, entries, start, e.index(), &lines),
        ));
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keys() {
        assert_eq!(snake("securityContext"), "security_context");
        assert_eq!(snake("hostPID"), "host_pid");
        assert_eq!(snake("runAsNonRoot"), "run_as_non_root");
        assert_eq!(snake("readOnlyRootFilesystem"), "read_only_root_filesystem");
    }

    #[test]
    fn manifests_become_blocks_with_lines() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: true\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: svc\n";
        let (objs, errors) = objects(text);
        assert_eq!(errors, 0);
        assert_eq!(objs.len(), 2);
        let (kind, name, body) = &objs[0];
        assert_eq!((kind.as_str(), name.as_str()), ("Pod", "web"));
        let c = body
            .path(&["spec", "container", "security_context"])
            .unwrap();
        let a = c.attr("privileged").unwrap();
        assert_eq!(a.value, Value::Bool(true));
        assert_eq!(a.span.start_line, 10);
        assert_eq!((objs[1].0.as_str(), objs[1].1.as_str()), ("Service", "svc"));
        assert!(objects("a: b\n").0.is_empty());
        assert_eq!(objects("apiVersion: v1\nkind: [\n").1, 1);
    }
}
