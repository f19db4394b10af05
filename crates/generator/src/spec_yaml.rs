//! YAML specs: read with the YAML parser TerraOrbis already uses (saphyr, through
//! `orbis_hcl::yaml`), turned into the same value tree as TOML, then checked by the same code
//! as a TOML spec, so both formats accept exactly the same fields and report the same errors.

use crate::spec::SpecError;
use orbis_hcl::yaml::{parse_yaml, YamlNode, YamlValue};

/// The YAML document as a TOML value (the form [`crate::spec`] deserializes).
pub fn to_toml(text: &str) -> Result<toml::Value, SpecError> {
    let file = parse_yaml(text, "spec.yaml");
    if let Some(d) = file.diagnostics.first() {
        return Err(SpecError {
            field: "(file)".into(),
            message: format!("line {}: {}", d.span.start_pos.line, d.message),
            allowed: Vec::new(),
        });
    }
    let [doc] = file.documents.as_slice() else {
        return Err(SpecError {
            field: "(file)".into(),
            message: format!(
                "a spec is one YAML document, found {}",
                file.documents.len()
            ),
            allowed: Vec::new(),
        });
    };
    match convert(&doc.root, "")? {
        Some(v @ toml::Value::Table(_)) => Ok(v),
        _ => Err(SpecError {
            field: "(file)".into(),
            message: "a spec is a mapping of fields (name, cloud, region...)".into(),
            allowed: Vec::new(),
        }),
    }
}

/// `None` for YAML null: TOML has no null, and an absent optional field means the same.
fn convert(node: &YamlNode, field: &str) -> Result<Option<toml::Value>, SpecError> {
    Ok(Some(match &node.value {
        YamlValue::Null => return Ok(None),
        YamlValue::Bool(b) => toml::Value::Boolean(*b),
        YamlValue::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
            toml::Value::Integer(*n as i64)
        }
        YamlValue::Number(n) => toml::Value::Float(*n),
        YamlValue::String(s) => toml::Value::String(s.clone()),
        YamlValue::List(items) => {
            let mut out = Vec::new();
            for i in items {
                out.extend(convert(i, field)?);
            }
            toml::Value::Array(out)
        }
        YamlValue::Map(entries) => {
            let mut t = toml::map::Map::new();
            for (k, v) in entries {
                let path = if field.is_empty() {
                    k.clone()
                } else {
                    format!("{field}.{k}")
                };
                if let Some(v) = convert(v, &path)? {
                    t.insert(k.clone(), v);
                }
            }
            toml::Value::Table(t)
        }
        YamlValue::Tagged(tag, _) => {
            return Err(SpecError {
                field: if field.is_empty() {
                    "(file)".into()
                } else {
                    field.to_string()
                },
                message: format!(
                    "YAML tags (!{tag}) are not part of a spec (line {})",
                    node.line
                ),
                allowed: Vec::new(),
            })
        }
    }))
}
