//! Attribute paths as people read them: `ingress[0].cidr_blocks[1]`, `tags["Name"]`.

pub fn child_key(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    match (parent.is_empty(), plain) {
        (true, true) => key.to_owned(),
        (false, true) => format!("{parent}.{key}"),
        (_, false) => format!("{parent}[{}]", serde_json::Value::String(key.to_owned())),
    }
}

pub fn child_index(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}
