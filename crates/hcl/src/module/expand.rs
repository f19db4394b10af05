//! `count` and `for_each` expansion into instance keys, when the values are knowable.

use crate::value::Value;

/// Largest number of instances expanded from one block; beyond it the expansion is unknown.
pub const MAX_INSTANCES: usize = 10_000;

#[derive(Debug, Clone, PartialEq)]
pub enum InstanceKey {
    /// No `count` or `for_each`.
    None,
    Index(usize),
    Key(String),
    /// `count`/`for_each` whose value is not knowable offline: one representative instance.
    Unknown,
}

impl InstanceKey {
    /// The address suffix: ``, `[0]`, `["a"]`, `[*]`.
    pub fn suffix(&self) -> String {
        match self {
            InstanceKey::None => String::new(),
            InstanceKey::Index(i) => format!("[{i}]"),
            InstanceKey::Key(k) => format!("[{k:?}]"),
            InstanceKey::Unknown => "[*]".to_string(),
        }
    }
}

/// One expanded instance: its key and the `count.index` / `each` values it binds.
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    pub key: InstanceKey,
    pub count_index: Option<Value>,
    pub each: Option<(Value, Value)>,
}

pub fn single() -> Vec<Expansion> {
    vec![Expansion {
        key: InstanceKey::None,
        count_index: None,
        each: None,
    }]
}

fn unknown(count: bool) -> Vec<Expansion> {
    vec![Expansion {
        key: InstanceKey::Unknown,
        count_index: count.then_some(Value::Unknown),
        each: (!count).then_some((Value::Unknown, Value::Unknown)),
    }]
}

pub fn from_count(v: &Value) -> Vec<Expansion> {
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && (n as usize) <= MAX_INSTANCES => (0..n as usize)
            .map(|i| Expansion {
                key: InstanceKey::Index(i),
                count_index: Some(Value::Number(i as f64)),
                each: None,
            })
            .collect(),
        _ => unknown(true),
    }
}

pub fn from_for_each(v: &Value) -> Vec<Expansion> {
    let each = |k: String, v: Value| Expansion {
        key: InstanceKey::Key(k.clone()),
        count_index: None,
        each: Some((Value::String(k), v)),
    };
    match v {
        Value::Map(m) if m.len() <= MAX_INSTANCES => {
            m.iter().map(|(k, v)| each(k.clone(), v.clone())).collect()
        }
        Value::List(items)
            if items.len() <= MAX_INSTANCES && items.iter().all(|i| i.as_str().is_some()) =>
        {
            let mut keys: Vec<String> = items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .map(|k| each(k.clone(), Value::String(k)))
                .collect()
        }
        _ => unknown(false),
    }
}
