//! JSON values as HCL literals. Strings are escaped so nothing in an observed value can
//! become an interpolation (`${`/`%{` are doubled) or break out of the quotes.

use serde_json::Value;

/// An HCL expression for `v`, at `indent` levels of two spaces (for multi-line objects).
pub fn render_value(v: &Value, indent: usize) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quote(s),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|x| render_value(x, indent + 1)).collect();
            let one_line = format!("[{}]", parts.join(", "));
            if one_line.len() <= 80 && !one_line.contains('\n') {
                one_line
            } else {
                let pad = "  ".repeat(indent + 1);
                format!(
                    "[\n{}\n{}]",
                    parts
                        .iter()
                        .map(|p| format!("{pad}{p},"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    "  ".repeat(indent)
                )
            }
        }
        Value::Object(m) if m.is_empty() => "{}".into(),
        Value::Object(m) => {
            let pad = "  ".repeat(indent + 1);
            let lines: Vec<String> = m
                .iter()
                .map(|(k, x)| format!("{pad}{} = {}", key(k), render_value(x, indent + 1)))
                .collect();
            format!("{{\n{}\n{}}}", lines.join("\n"), "  ".repeat(indent))
        }
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Object keys: bare when an identifier, quoted otherwise (`"kubernetes.io/role"`).
fn key(k: &str) -> String {
    if is_identifier(k) {
        k.to_string()
    } else {
        quote(k)
    }
}

pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A resource name from an id: lower-case, `[a-z0-9_]`, starting with a letter or `_`.
pub fn identifier(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while s.contains("__") {
        s = s.replace("__", "_");
    }
    let s = s.trim_matches('_').to_string();
    let s = if s.len() > 60 {
        s[..60].trim_end_matches('_').to_string()
    } else {
        s
    };
    match s.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => s,
        Some(_) => format!("r_{s}"),
        None => "imported".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_cannot_interpolate_or_escape() {
        assert_eq!(
            render_value(&json!("a\"b${x}%{y}\\"), 0),
            r#""a\"b$${x}%%{y}\\""#
        );
        assert_eq!(
            render_value(&json!({"kubernetes.io/role": "x", "Name": 1}), 0),
            "{\n  Name = 1\n  \"kubernetes.io/role\" = \"x\"\n}"
        );
        assert_eq!(identifier("i-0d3650a23f4e45dc0"), "i_0d3650a23f4e45dc0");
        assert_eq!(identifier("123/abc"), "r_123_abc");
        assert_eq!(identifier("--"), "imported");
    }
}
