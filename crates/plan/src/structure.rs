//! The plan's structure for navigation: providers, the module tree, state resource addresses.

use crate::model::{ModuleNode, Provider, ResourceChange};
use crate::raw::RawModule;
use std::collections::BTreeMap;

pub fn collect_state_addresses(module: &RawModule, out: &mut Vec<String>, depth: usize) {
    out.extend(module.resources.iter().map(|r| r.address.clone()));
    if depth < 64 {
        for c in &module.child_modules {
            collect_state_addresses(c, out, depth + 1);
        }
    }
}

pub fn providers_of(changes: &[ResourceChange], configured: &[String]) -> Vec<Provider> {
    let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in changes.iter().filter(|c| !c.provider_name.is_empty()) {
        *by_name.entry(c.provider_name.as_str()).or_default() += 1;
    }
    let mut counts: BTreeMap<String, usize> = by_name
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    // Configured providers without changes are listed too, unless a change already names
    // them in full (`aws` ↔ `registry.terraform.io/hashicorp/aws`).
    for name in configured {
        let short = name.rsplit('/').next().unwrap_or(name);
        let known = counts
            .keys()
            .any(|k| k == name || k.rsplit('/').next() == Some(short));
        if !known {
            counts.insert(name.clone(), 0);
        }
    }
    counts
        .into_iter()
        .map(|(name, resources)| Provider { name, resources })
        .collect()
}

/// Builds the module tree from `module_address` (`module.a.module.b["x"]`). Children are
/// found through a map: plans with thousands of module instances stay linear.
pub fn module_tree(changes: &[ResourceChange]) -> ModuleNode {
    #[derive(Default)]
    struct Node {
        changes: usize,
        children: std::collections::HashMap<String, Node>,
    }
    fn finish(address: String, node: Node) -> ModuleNode {
        let mut children: Vec<ModuleNode> = node
            .children
            .into_iter()
            .map(|(a, n)| finish(a, n))
            .collect();
        children.sort_by(|a, b| a.address.cmp(&b.address));
        ModuleNode {
            address,
            changes: node.changes,
            children,
        }
    }
    let mut root = Node::default();
    for c in changes {
        let mut node = &mut root;
        node.changes += 1;
        if let Some(addr) = c.module_address.as_deref() {
            for part in split_module_address(addr) {
                // `part` is a slice of `addr`: the node's address is `addr` up to its end.
                let end = part.as_ptr() as usize - addr.as_ptr() as usize + part.len();
                let prefix = &addr[..end];
                if !node.children.contains_key(prefix) {
                    node.children.insert(prefix.to_owned(), Node::default());
                }
                node = node.children.get_mut(prefix).expect("inserted above");
                node.changes += 1;
            }
        }
    }
    finish(String::new(), root)
}

/// `module.a.module.b["x.y"]` → [`module.a`, `module.b["x.y"]`]; dots inside brackets stay.
fn split_module_address(addr: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut depth, mut dots) = (0, 0i32, 0);
    for (i, ch) in addr.char_indices() {
        match ch {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => {
                dots += 1;
                if dots % 2 == 0 {
                    parts.push(&addr[start..i]);
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if start < addr.len() {
        parts.push(&addr[start..]);
    }
    parts
}
