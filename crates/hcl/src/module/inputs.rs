//! Input variable values: `.tfvars`, `.tfvars.json`, `-var name=value`, and the files
//! Terraform loads automatically (`terraform.tfvars[.json]`, `*.auto.tfvars[.json]`).

use crate::diagnostic::{codes, Diagnostic};
use crate::eval::eval_static;
use crate::span::Span;
use crate::value::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Reads one variables file (HCL or JSON by extension) into `out`; problems become diagnostics.
pub fn read_var_file(path: &Path, out: &mut BTreeMap<String, Value>, diags: &mut Vec<Diagnostic>) {
    let is_json = path.extension().is_some_and(|e| e == "json");
    if !is_json {
        let file = crate::parse::parse_file(path);
        diags.extend(file.diagnostics.iter().cloned());
        for a in &file.body.attributes {
            out.insert(a.name.name.clone(), eval_static(&a.expr));
        }
        return;
    }
    let text = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                codes::READ,
                format!("cannot read {}: {e}", path.display()),
                Span::default(),
            ));
            return;
        }
    };
    match serde_json::from_slice::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(o)) => {
            for (k, v) in o {
                out.insert(k, Value::from_json(&v));
            }
        }
        Ok(_) => diags.push(Diagnostic::error(
            codes::JSON,
            format!("{}: expected a JSON object", path.display()),
            Span::default(),
        )),
        Err(e) => diags.push(Diagnostic::error(
            codes::JSON,
            format!("{}: {e}", path.display()),
            Span::default(),
        )),
    }
}

/// The value of a `-var name=value` argument: an HCL expression if it evaluates to a known
/// value (`["a"]`, `{x = 1}`, `5`), else the raw string, as Terraform does for strings.
pub fn parse_cli_value(raw: &str) -> Value {
    let file = crate::parse::parse_str(&format!("v = {raw}\n"), "<cli>");
    if !file.diagnostics.is_empty() {
        return Value::String(raw.to_string());
    }
    match file.body.attribute("v").map(|a| eval_static(&a.expr)) {
        Some(v) if v.is_known() && !matches!(v, Value::Null) => v,
        _ => Value::String(raw.to_string()),
    }
}

/// The files Terraform reads by itself in a root module, in its order.
pub fn auto_var_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for name in ["terraform.tfvars", "terraform.tfvars.json"] {
        let p = dir.join(name);
        if p.is_file() {
            out.push(p);
        }
    }
    let mut autos: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json")
                })
                .collect()
        })
        .unwrap_or_default();
    autos.sort();
    out.extend(autos);
    out
}

/// Converts an input to a variable's declared primitive type, as Terraform does on input.
pub fn convert_to_type(v: Value, type_expr: Option<&crate::ast::Expr>) -> Value {
    let Some(t) = type_expr else { return v };
    let crate::ast::ExprKind::Variable(id) = &t.kind else {
        return v;
    };
    match id.name.as_str() {
        "number" => v.as_f64().map(Value::Number).unwrap_or(v),
        "bool" => v.as_bool().map(Value::Bool).unwrap_or(v),
        "string" => crate::eval::to_string_value(&v)
            .map(Value::String)
            .unwrap_or(v),
        _ => v,
    }
}
