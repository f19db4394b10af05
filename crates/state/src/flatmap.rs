//! Terraform 0.11's flat-map attributes (`tags.%`, `list.#`, `list.0`, set hashes) turned back
//! into a tree, so v3 states compare and display like v4 ones. Values stay strings: v3 stored
//! every scalar as a string, and the drift comparison treats "600" and 600 as equal.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

enum Node {
    Leaf(Value),
    Branch(BTreeMap<String, Node>),
}

pub fn unflatten(flat: &Map<String, Value>) -> Value {
    let mut root: BTreeMap<String, Node> = BTreeMap::new();
    for (key, value) in flat {
        insert(
            &mut root,
            key.split('.').collect::<Vec<_>>().as_slice(),
            value.clone(),
        );
    }
    build(root)
}

fn insert(into: &mut BTreeMap<String, Node>, parts: &[&str], value: Value) {
    let Some((first, rest)) = parts.split_first() else {
        return;
    };
    if rest.is_empty() {
        // A prefix that is also a branch keeps the branch (the count key is in it).
        into.entry(first.to_string()).or_insert(Node::Leaf(value));
        return;
    }
    let node = into
        .entry(first.to_string())
        .or_insert_with(|| Node::Branch(BTreeMap::new()));
    if let Node::Leaf(_) = node {
        *node = Node::Branch(BTreeMap::new());
    }
    if let Node::Branch(children) = node {
        insert(children, rest, value);
    }
}

fn build(mut children: BTreeMap<String, Node>) -> Value {
    if children.remove("#").is_some() {
        // A list, or a set keyed by element hashes: order numerically where keys are numbers.
        let mut items: Vec<(String, Node)> = children.into_iter().collect();
        items.sort_by_key(|(k, _)| (k.parse::<u64>().unwrap_or(u64::MAX), k.clone()));
        return Value::Array(items.into_iter().map(|(_, n)| node(n)).collect());
    }
    children.remove("%");
    Value::Object(children.into_iter().map(|(k, n)| (k, node(n))).collect())
}

fn node(n: Node) -> Value {
    match n {
        Node::Leaf(v) => v,
        Node::Branch(c) => build(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_maps_and_sets_come_back() {
        let flat = json!({
            "id": "123", "tags.%": "1", "tags.Name": "web",
            "subnets.#": "2", "subnets.1359096304": "subnet-a", "subnets.3529352084": "subnet-b",
            "ingress.#": "1", "ingress.0.from_port": "80", "ingress.0.cidr_blocks.#": "1",
            "ingress.0.cidr_blocks.0": "0.0.0.0/0"
        });
        let v = unflatten(flat.as_object().unwrap());
        assert_eq!(v["tags"], json!({"Name": "web"}));
        assert_eq!(v["subnets"], json!(["subnet-a", "subnet-b"]));
        assert_eq!(v["ingress"][0]["cidr_blocks"], json!(["0.0.0.0/0"]));
        assert_eq!(v["id"], "123");
    }
}
