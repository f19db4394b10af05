//! Terraform's built-in functions. Each file holds one family. Arguments arrive evaluated;
//! unknown arguments make the result unknown (except in functions that only look at the
//! shape of a collection, which handle nested unknowns themselves). Results are bounded by
//! the evaluator's [`super::Limits`].

mod args;
mod collections;
mod encoding;
mod network;
mod numeric;
mod sets;
mod strings;
mod typeconv;

use super::{err, EvalResult, Evaluator};
use crate::value::Value;

pub(crate) use args::Args;

/// Functions that keep working when an argument contains (but is not) an unknown value.
const SHAPE_ONLY: &[&str] = &[
    "length", "concat", "merge", "tolist", "tomap", "lookup", "element", "keys", "values",
    "flatten", "coalesce", "slice", "reverse", "one", "compact", "zipmap",
];

/// Functions Terraform has that this engine does not compute offline (hashes, files, time,
/// randomness, provider functions): they evaluate to unknown rather than to a guess.
const NOT_COMPUTED: &[&str] = &[
    "file",
    "fileexists",
    "fileset",
    "filebase64",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "filebase64sha256",
    "filebase64sha512",
    "templatefile",
    "timestamp",
    "plantimestamp",
    "uuid",
    "uuidv5",
    "bcrypt",
    "md5",
    "sha1",
    "sha256",
    "sha512",
    "base64sha256",
    "base64sha512",
    "rsadecrypt",
    "abspath",
    "pathexpand",
    "dirname",
    "basename",
    "yamlencode",
    "yamldecode",
    "csvdecode",
    "textencodebase64",
    "textdecodebase64",
    "timeadd",
    "timecmp",
    "formatdate",
    "base64gzip",
    "sensitive",
    "nonsensitive",
    "issensitive",
    "ephemeralasnull",
    "templatestring",
    "type",
];

/// True when the evaluator computes Terraform's function `name` offline. False for unknown
/// names, provider functions (`provider::…`) and the functions that evaluate to unknown here
/// (files, hashes, time, randomness; see `NOT_COMPUTED`). `try` and `can` are computed.
pub fn is_computed(name: &str) -> bool {
    if name.contains("::") {
        return false;
    }
    if NOT_COMPUTED.contains(&name) {
        return matches!(name, "dirname" | "basename" | "sensitive" | "nonsensitive");
    }
    matches!(name, "try" | "can")
        || strings::handles(name)
        || collections::handles(name)
        || sets::handles(name)
        || numeric::handles(name)
        || typeconv::handles(name)
        || encoding::handles(name)
        || network::handles(name)
}

pub(crate) fn call(ev: &mut Evaluator, name: &str, args: Vec<Value>) -> EvalResult {
    if name.contains("::") || NOT_COMPUTED.contains(&name) {
        return match name {
            // These two are pure and cheap to get right.
            "dirname" | "basename" => paths(name, &args),
            "sensitive" | "nonsensitive" if args.len() == 1 => {
                Ok(args.into_iter().next().unwrap_or(Value::Unknown))
            }
            _ => Ok(Value::Unknown),
        };
    }
    let shape_only = SHAPE_ONLY.contains(&name);
    if args.iter().any(|a| {
        if shape_only {
            a.is_unknown()
        } else {
            !a.is_known()
        }
    }) {
        return Ok(Value::Unknown);
    }
    let a = Args::new(name, args);
    let limits = ev.limits;
    ev.charge(a.work())?;
    let result = match name {
        n if strings::handles(n) => strings::call(n, a, &limits),
        n if collections::handles(n) => collections::call(n, a, &limits),
        n if sets::handles(n) => sets::call(n, a),
        n if numeric::handles(n) => numeric::call(n, a),
        n if typeconv::handles(n) => typeconv::call(n, a),
        n if encoding::handles(n) => encoding::call(n, a),
        n if network::handles(n) => network::call(n, a),
        _ => err(format!("call to unknown function {name:?}")),
    }?;
    ev.charge(result_size(&result))?;
    Ok(result)
}

fn result_size(v: &Value) -> u64 {
    match v {
        Value::List(items) => items.len() as u64,
        Value::Map(m) => m.len() as u64,
        Value::String(s) => (s.len() / 64) as u64,
        _ => 0,
    }
}

fn paths(name: &str, args: &[Value]) -> EvalResult {
    let Some(Value::String(p)) = args.first() else {
        return Ok(Value::Unknown);
    };
    let trimmed = p.trim_end_matches('/');
    let (dir, base) = match trimmed.rfind('/') {
        Some(0) => ("/", &trimmed[1..]),
        Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
        None => (".", trimmed),
    };
    Ok(Value::String(
        if name == "dirname" { dir } else { base }.to_string(),
    ))
}
