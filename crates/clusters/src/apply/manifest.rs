//! A multi-document YAML file → the Kubernetes objects in it, checked before anything is sent:
//! each document needs `apiVersion`, `kind` and `metadata.name` (as `kubectl apply` does).
//! Empty documents (a trailing `---`) are skipped. Parsed with serde-saphyr, the YAML library
//! this crate already writes kubeconfigs with.

use crate::error::{ClusterError, ErrorCode};
use serde_json::Value;

/// One object of the file, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// 1-based position among the file's non-empty documents, for messages.
    pub document: usize,
    pub api_version: String,
    pub kind: String,
    pub name: String,
    /// As written; a namespaced kind without one goes to the context's namespace.
    pub namespace: Option<String>,
    /// The whole document, sent as the apply patch.
    pub body: Value,
}

impl Manifest {
    /// "Deployment web", how messages name it before its namespace is known.
    pub fn describe(&self) -> String {
        format!("{} {}", self.kind, self.name)
    }

    /// (group, version) of `apiVersion`: `apps/v1` → ("apps", "v1"), `v1` → ("", "v1").
    pub fn group_version(&self) -> (&str, &str) {
        match self.api_version.split_once('/') {
            Some((g, v)) => (g, v),
            None => ("", self.api_version.as_str()),
        }
    }
}

fn invalid(message: String, hint: &str) -> ClusterError {
    ClusterError::new(ErrorCode::ManifestInvalid, message, hint)
}

/// Parses `text` (the file `source`, for messages) into its objects. A file without any
/// object, a YAML error, or a document that is not a Kubernetes object is an error naming
/// the document; a `kind: List` is refused (its items are applied one by one by kubectl,
/// which this does not imitate).
pub fn parse(source: &str, text: &str) -> Result<Vec<Manifest>, ClusterError> {
    let docs: Vec<Value> = serde_saphyr::from_multiple(text).map_err(|e| {
        let detail = e.to_string();
        let first = detail.lines().next().unwrap_or("").trim().to_string();
        invalid(
            format!("{source} is not valid YAML: {first}"),
            "Fix the YAML at the position shown (indentation, tabs, a missing colon) and apply again.",
        )
    })?;
    let mut out = Vec::new();
    for (i, doc) in docs.into_iter().enumerate() {
        let document = i + 1;
        if doc.is_null() {
            continue;
        }
        let Some(map) = doc.as_object() else {
            return Err(invalid(
                format!(
                    "Document {document} of {source} is not a Kubernetes object (not a mapping)."
                ),
                "Each document needs apiVersion, kind and metadata.name.",
            ));
        };
        let field = |name: &str| map.get(name).and_then(Value::as_str).map(str::to_string);
        let (Some(api_version), Some(kind)) = (field("apiVersion"), field("kind")) else {
            return Err(invalid(
                format!("Document {document} of {source} has no apiVersion or kind."),
                "Each document needs apiVersion (e.g. apps/v1), kind (e.g. Deployment) and metadata.name.",
            ));
        };
        if kind.ends_with("List") {
            return Err(invalid(
                format!("Document {document} of {source} is a {kind}, not a single object."),
                "Write its items as separate documents separated by ---.",
            ));
        }
        let meta = &map.get("metadata").cloned().unwrap_or(Value::Null);
        let Some(name) = meta["name"].as_str().filter(|n| !n.is_empty()) else {
            let hint = if meta.get("generateName").is_some() {
                "Server-side apply needs a fixed metadata.name (generateName only works with create)."
            } else {
                "Give the object a metadata.name."
            };
            return Err(invalid(
                format!("Document {document} of {source} ({kind}) has no metadata.name."),
                hint,
            ));
        };
        let namespace = meta["namespace"]
            .as_str()
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        out.push(Manifest {
            document,
            api_version,
            kind,
            name: name.to_string(),
            namespace,
            body: doc.clone(),
        });
    }
    if out.is_empty() {
        return Err(invalid(
            format!("{source} holds no Kubernetes object."),
            "Open a YAML file with at least one object (apiVersion, kind, metadata.name).",
        ));
    }
    Ok(out)
}
