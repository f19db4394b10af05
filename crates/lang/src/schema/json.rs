//! `terraform providers schema -json` (format_version 1.x, and the identical 0.x shape of
//! Terraform 0.12–0.15): provider_schemas → provider / resource_schemas /
//! data_source_schemas → block → attributes (with `type` or `nested_type`) / block_types.

use super::{
    provider_local_name, AttributeSchema, BlockSchema, NestedAttributes, NestedBlockSchema,
    Nesting, ProviderSchema, ProviderSchemas, SchemaError,
};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Deserialize)]
struct Doc {
    format_version: Option<String>,
    #[serde(default)]
    provider_schemas: BTreeMap<String, JProvider>,
}

#[derive(Deserialize)]
struct JProvider {
    provider: Option<JSchema>,
    #[serde(default)]
    resource_schemas: BTreeMap<String, JSchema>,
    #[serde(default)]
    data_source_schemas: BTreeMap<String, JSchema>,
}

#[derive(Deserialize)]
struct JSchema {
    #[serde(default)]
    block: JBlock,
}

#[derive(Deserialize, Default)]
struct JBlock {
    #[serde(default)]
    attributes: BTreeMap<String, JAttr>,
    #[serde(default)]
    block_types: BTreeMap<String, JBlockType>,
    description: Option<String>,
    #[serde(default)]
    deprecated: bool,
}

#[derive(Deserialize)]
struct JAttr {
    #[serde(rename = "type")]
    type_: Option<Value>,
    nested_type: Option<JNested>,
    description: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    computed: bool,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    deprecated: bool,
}

#[derive(Deserialize)]
struct JNested {
    #[serde(default)]
    attributes: BTreeMap<String, JAttr>,
    nesting_mode: Option<String>,
}

#[derive(Deserialize)]
struct JBlockType {
    nesting_mode: Option<String>,
    #[serde(default)]
    block: JBlock,
    #[serde(default)]
    min_items: u32,
    #[serde(default)]
    max_items: u32,
}

pub(super) fn parse(bytes: &[u8]) -> Result<ProviderSchemas, SchemaError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc: Doc = serde_json::from_slice(bytes).map_err(|e| SchemaError::Json(e.to_string()))?;
    match doc.format_version.as_deref() {
        Some(v) if v.starts_with("1.") || v.starts_with("0.") => {}
        Some(v) => return Err(SchemaError::FormatVersion(v.to_string())),
        None => return Err(SchemaError::Json("no format_version".into())),
    }
    let mut out = ProviderSchemas::default();
    for (source, p) in doc.provider_schemas {
        let name = provider_local_name(&source).to_string();
        let convert = |m: BTreeMap<String, JSchema>| {
            m.into_iter()
                .map(|(t, s)| (t, Arc::new(block(s.block))))
                .collect()
        };
        out.merge(ProviderSchemas {
            providers: [(
                name.clone(),
                ProviderSchema {
                    name,
                    source,
                    version: None,
                    provider: p.provider.map(|s| Arc::new(block(s.block))),
                    resources: convert(p.resource_schemas),
                    data_sources: convert(p.data_source_schemas),
                },
            )]
            .into(),
        });
    }
    Ok(out)
}

fn block(b: JBlock) -> BlockSchema {
    BlockSchema {
        description: b.description.filter(|d| !d.trim().is_empty()),
        deprecated: b.deprecated,
        attributes: b
            .attributes
            .into_iter()
            .map(|(n, a)| attribute(n, a))
            .collect(),
        blocks: b
            .block_types
            .into_iter()
            .map(|(name, bt)| NestedBlockSchema {
                name,
                nesting: nesting(bt.nesting_mode.as_deref()),
                min_items: bt.min_items,
                max_items: (bt.max_items > 0).then_some(bt.max_items),
                block: block(bt.block),
            })
            .collect(),
    }
}

fn attribute(name: String, a: JAttr) -> AttributeSchema {
    let nested = a.nested_type.map(|n| NestedAttributes {
        nesting: nesting(n.nesting_mode.as_deref()),
        attributes: n
            .attributes
            .into_iter()
            .map(|(n, a)| attribute(n, a))
            .collect(),
    });
    let type_name = match (&a.type_, &nested) {
        (Some(t), _) => type_string(t),
        (None, Some(n)) => match n.nesting {
            Nesting::Single | Nesting::Group => "object".to_string(),
            other => format!("{}(object)", other.as_str()),
        },
        (None, None) => "dynamic".to_string(),
    };
    AttributeSchema {
        name,
        type_name,
        required: a.required,
        optional: a.optional,
        computed: a.computed,
        sensitive: a.sensitive,
        deprecated: a.deprecated,
        description: a.description.filter(|d| !d.trim().is_empty()),
        nested,
    }
}

fn nesting(s: Option<&str>) -> Nesting {
    s.and_then(Nesting::parse).unwrap_or(Nesting::Single)
}

/// A cty type in JSON (`"string"`, `["list","string"]`, `["object",{"a":"string"}]`) as a
/// type constraint without spaces.
pub(crate) fn type_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => match (items.first().and_then(Value::as_str), items.get(1)) {
            (Some(k @ ("list" | "set" | "map")), Some(elem)) => {
                format!("{k}({})", type_string(elem))
            }
            (Some("object"), Some(Value::Object(attrs))) => {
                let fields: Vec<String> = attrs
                    .iter()
                    .map(|(k, t)| format!("{k}={}", type_string(t)))
                    .collect();
                format!("object({{{}}})", fields.join(","))
            }
            (Some("tuple"), Some(Value::Array(elems))) => {
                let e: Vec<String> = elems.iter().map(type_string).collect();
                format!("tuple([{}])", e.join(","))
            }
            _ => "dynamic".to_string(),
        },
        _ => "dynamic".to_string(),
    }
}
