//! CloudFormation templates (YAML or JSON): resources with logical id, type, properties and
//! line numbers. Short-form intrinsics (`!Ref x`) are kept as tagged nodes.

use super::{YamlFile, YamlNode, YamlValue};

#[derive(Debug, Clone)]
pub struct CfnResource<'a> {
    pub logical_id: &'a str,
    pub type_name: &'a str,
    pub properties: Option<&'a YamlNode>,
    /// The resource's node (also `Condition`, `DependsOn`, `Metadata`...).
    pub node: &'a YamlNode,
    pub line: u32,
}

/// True if the document looks like a CloudFormation template: a `Resources` map whose
/// entries have a `Type` such as `AWS::S3::Bucket`, or a format version.
pub fn is_template(root: &YamlNode) -> bool {
    root.get("AWSTemplateFormatVersion").is_some()
        || root.get("Resources").is_some_and(|r| {
            let entries = r.entries();
            !entries.is_empty()
                && entries.iter().all(|(_, v)| {
                    v.get("Type")
                        .and_then(YamlNode::as_str)
                        .is_some_and(|t| t.contains("::"))
                })
        })
}

/// The resources of every template document in the file.
pub fn resources(file: &YamlFile) -> Vec<CfnResource<'_>> {
    let mut out = Vec::new();
    for d in file.documents.iter().filter(|d| is_template(&d.root)) {
        let Some(res) = d.root.get("Resources") else {
            continue;
        };
        for (id, node) in res.entries() {
            let Some(type_name) = node.get("Type").and_then(YamlNode::as_str) else {
                continue;
            };
            out.push(CfnResource {
                logical_id: id,
                type_name,
                properties: node.get("Properties"),
                node,
                line: node.line,
            });
        }
    }
    out
}

/// The literal string of a property, if it is one (not an intrinsic function).
pub fn literal_str(node: &YamlNode) -> Option<&str> {
    match &node.value {
        YamlValue::String(s) => Some(s),
        _ => None,
    }
}
