//! Kubernetes objects: documents with `apiVersion`/`kind`/`metadata`, and the items of
//! `kind: List` documents.

use super::{YamlFile, YamlNode};

#[derive(Debug, Clone)]
pub struct K8sObject<'a> {
    pub api_version: &'a str,
    pub kind: &'a str,
    pub name: Option<&'a str>,
    pub namespace: Option<&'a str>,
    pub document: usize,
    /// The object's node: `node.get("spec")`, `node.path(&["spec", "template", "spec"])`.
    pub node: &'a YamlNode,
}

impl<'a> K8sObject<'a> {
    pub fn line(&self) -> u32 {
        self.node.line
    }

    pub fn spec(&self) -> Option<&'a YamlNode> {
        self.node.get("spec")
    }

    /// The pod spec of workloads (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob...).
    pub fn pod_spec(&self) -> Option<&'a YamlNode> {
        match self.kind {
            "Pod" => self.node.get("spec"),
            "CronJob" => self
                .node
                .path(&["spec", "jobTemplate", "spec", "template", "spec"]),
            _ => self.node.path(&["spec", "template", "spec"]),
        }
    }
}

fn object(node: &YamlNode, document: usize) -> Option<K8sObject<'_>> {
    let api_version = node.get("apiVersion")?.as_str()?;
    let kind = node.get("kind")?.as_str()?;
    let meta = node.get("metadata");
    Some(K8sObject {
        api_version,
        kind,
        name: meta.and_then(|m| m.get("name")).and_then(YamlNode::as_str),
        namespace: meta
            .and_then(|m| m.get("namespace"))
            .and_then(YamlNode::as_str),
        document,
        node,
    })
}

/// Every Kubernetes object in the file (`List` documents are expanded into their items).
pub fn objects(file: &YamlFile) -> Vec<K8sObject<'_>> {
    let mut out = Vec::new();
    for d in &file.documents {
        let Some(o) = object(&d.root, d.index) else {
            continue;
        };
        if o.kind == "List" || o.kind.ends_with("List") {
            if let Some(items) = d.root.get("items").and_then(YamlNode::as_list) {
                out.extend(items.iter().filter_map(|i| object(i, d.index)));
                continue;
            }
        }
        out.push(o);
    }
    out
}
