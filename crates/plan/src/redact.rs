//! Sensitive-value redaction, applied while loading so that no later stage (model, diff,
//! risk, policy input, reports, logs) can ever see a sensitive value.
//!
//! Terraform describes sensitivity with *masks* that mirror the value's shape: `true` where
//! the value (or the whole subtree) is sensitive, objects/arrays to descend. A value with a
//! mask that contains no `true` is left untouched (and not even parsed: that is the common
//! case and keeps loading fast).

use crate::raw::Raw;
use serde_json::value::RawValue;
use serde_json::Value;

pub use crate::scrub::Secrets;

/// What replaces every sensitive value.
pub const REDACTED: &str = "(sensitive value)";

/// Does the mask mark anything as sensitive?
pub fn mask_has_sensitive(mask: &Value) -> bool {
    match mask {
        Value::Bool(b) => *b,
        Value::Array(items) => items.iter().any(mask_has_sensitive),
        Value::Object(map) => map.values().any(mask_has_sensitive),
        _ => false,
    }
}

/// Replaces a sensitive value by the marker, remembering its text for the scrub pass.
pub fn conceal(value: &mut Value, secrets: &mut Secrets) -> usize {
    secrets.learn(value);
    *value = Value::String(REDACTED.to_owned());
    1
}

/// Replaces the parts of `value` marked by `mask`; returns how many values were redacted.
pub fn apply_mask(value: &mut Value, mask: &Value, secrets: &mut Secrets) -> usize {
    match (mask, value) {
        (Value::Bool(true), v) => conceal(v, secrets),
        (Value::Object(m), Value::Object(v)) => m
            .iter()
            .map(|(k, sub)| v.get_mut(k).map_or(0, |val| apply_mask(val, sub, secrets)))
            .sum(),
        (Value::Array(m), Value::Array(v)) => m
            .iter()
            .zip(v.iter_mut())
            .map(|(sub, val)| apply_mask(val, sub, secrets))
            .sum(),
        // A list-shaped mask over a set/map, or any other mismatch: the safe reading is that
        // every element may be sensitive when the mask marks any.
        (m, v) if mask_has_sensitive(m) && !v.is_null() => conceal(v, secrets),
        _ => 0,
    }
}

pub fn parse_raw(raw: &RawValue) -> Option<Value> {
    serde_json::from_str(raw.get()).ok()
}

pub fn to_raw(value: &Value) -> Raw {
    // Serializing a Value we just built cannot fail; the fallback keeps "never panic".
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| redacted_raw())
}

pub fn redacted_raw() -> Raw {
    to_raw_str(&format!("\"{REDACTED}\""))
}

fn to_raw_str(s: &str) -> Raw {
    RawValue::from_string(s.to_owned())
        .unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"))
}

/// Parses an optional mask; `None` when absent or not sensitive anywhere.
pub fn sensitive_mask(mask: Option<&Raw>) -> Option<Value> {
    let mask = mask?;
    // Most masks are `{}`/`false`/all-false: no `true` in the text, nothing to parse.
    if !mask.get().contains("true") {
        return None;
    }
    let mask = parse_raw(mask)?;
    mask_has_sensitive(&mask).then_some(mask)
}

/// Redacts `value` in place by `mask`. A value that cannot be parsed is replaced whole.
pub fn redact_raw(value: &mut Option<Raw>, mask: &Value, secrets: &mut Secrets) -> usize {
    let Some(raw) = value.as_ref() else { return 0 };
    match parse_raw(raw) {
        Some(mut v) => {
            let n = apply_mask(&mut v, mask, secrets);
            if n > 0 {
                *value = Some(to_raw(&v));
            }
            n
        }
        None => {
            *value = Some(redacted_raw());
            1
        }
    }
}

/// Replaces a whole value (sensitive outputs and variables).
pub fn redact_whole(value: &mut Option<Raw>, secrets: &mut Secrets) -> usize {
    match value {
        Some(v) if v.get() != "null" => {
            if let Some(parsed) = parse_raw(v) {
                secrets.learn(&parsed);
            }
            *value = Some(redacted_raw());
            1
        }
        _ => 0,
    }
}
