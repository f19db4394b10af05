//! Encoding functions. `jsonencode` follows Go's encoder, as Terraform does: compact output,
//! sorted keys, and `<`, `>`, `&` escaped as `\u003c` etc.

use super::super::{err, EvalResult};
use super::Args;
use crate::value::{format_number, Value};
use base64::Engine;

const NAMES: &[&str] = &[
    "jsonencode",
    "jsondecode",
    "base64encode",
    "base64decode",
    "urlencode",
];

pub(super) fn handles(name: &str) -> bool {
    NAMES.contains(&name)
}

pub(super) fn call(name: &str, a: Args) -> EvalResult {
    a.expect(1, 1)?;
    match name {
        "jsonencode" => Ok(Value::String(json_encode(a.get(0)?))),
        "jsondecode" => {
            let s = a.str(0)?;
            match serde_json::from_str::<serde_json::Value>(&s) {
                Ok(j) => Ok(Value::from_json(&j)),
                Err(e) => a.fail(format!("invalid JSON: {e}")),
            }
        }
        "base64encode" => Ok(Value::String(
            base64::engine::general_purpose::STANDARD.encode(a.str(0)?),
        )),
        "base64decode" => {
            let bytes = match base64::engine::general_purpose::STANDARD.decode(a.str(0)?) {
                Ok(b) => b,
                Err(e) => return a.fail(format!("failed to decode base64 data: {e}")),
            };
            match String::from_utf8(bytes) {
                Ok(s) => Ok(Value::String(s)),
                Err(_) => a.fail("the result of decoding the provided string is not valid UTF-8"),
            }
        }
        "urlencode" => Ok(Value::String(url_encode(&a.str(0)?))),
        _ => err(format!("unknown function {name}")),
    }
}

/// Go `url.QueryEscape`: unreserved bytes kept, space as `+`, the rest `%XX`.
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub(crate) fn json_encode(v: &Value) -> String {
    let mut out = String::new();
    write_json(v, &mut out, 0);
    out
}

fn write_json(v: &Value, out: &mut String, depth: usize) {
    if depth > 256 {
        out.push_str("null");
        return;
    }
    match v {
        Value::Null | Value::Unknown => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format_number(*n)),
        Value::String(s) => write_json_string(s, out),
        Value::List(items) => {
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(it, out, depth + 1);
            }
            out.push(']');
        }
        Value::Map(m) => {
            out.push('{');
            for (i, (k, it)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(k, out);
                out.push(':');
                write_json(it, out, depth + 1);
            }
            out.push('}');
        }
    }
}

fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
