//! Node kinds by table lookup. `tree_sitter::Node::kind` turns the grammar's C string into a
//! `&str` on every call (a `strlen` plus UTF-8 validation); the converter asks for kinds of
//! every node it visits, which was ~2% of linting a large corpus. The names are the grammar's
//! own, read once.

use std::sync::OnceLock;
use tree_sitter::Node;

pub(crate) trait NodeKind {
    /// The same string as [`Node::kind`].
    fn kind_str(&self) -> &'static str;
}

fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let language: tree_sitter::Language = tree_sitter_hcl::LANGUAGE.into();
        (0..language.node_kind_count() as u16)
            .map(|id| language.node_kind_for_id(id).unwrap_or(""))
            .collect()
    })
}

impl NodeKind for Node<'_> {
    fn kind_str(&self) -> &'static str {
        // Built-in symbols (ERROR = u16::MAX) are past the table: ask tree-sitter.
        match names().get(usize::from(self.kind_id())) {
            Some(name) if !name.is_empty() => name,
            _ => self.kind(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NodeKind;

    /// Every node of clean and broken inputs (ERROR and MISSING nodes included) gets the name
    /// tree-sitter itself gives.
    #[test]
    fn table_names_equal_tree_sitter_names() {
        let texts = [
            "resource \"a\" \"b\" {\n  x = [for k, v in var.m : \"${k}=${v}\" if v != null]\n  y = a.b[*].c\n}\n",
            "locals {\n  t = <<EOT\nhi ${var.x}\nEOT\n  u = !true ? -1 : 2 % 3\n}\n",
            "resource \"a\" {\n  x = \n}\n}}} -+-*a(//",
            "variable \"v\" { default = { a = 1, \"b\" = [1, 2,] } }\nblock {",
        ];
        let mut seen_error = false;
        for text in texts {
            // Through the crate's parser: tree-sitter's allocator is set once for all parsers.
            let tree = crate::parse::parse_tree(text, Default::default()).unwrap();
            let mut stack = vec![tree.root_node()];
            while let Some(node) = stack.pop() {
                assert_eq!(node.kind_str(), node.kind(), "in {text:?}");
                seen_error |= node.is_error() || node.is_missing();
                let mut cursor = node.walk();
                stack.extend(node.children(&mut cursor));
            }
        }
        assert!(
            seen_error,
            "the broken inputs must give ERROR/MISSING nodes"
        );
    }
}
