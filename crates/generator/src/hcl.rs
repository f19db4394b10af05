//! Small helpers to write HCL text. Alignment is left to `orbis_hcl::format` (the
//! `terraform fmt` layout), so the writers only care about content.

/// A quoted HCL string. Spec values are checked for quotes, `$`, `%` and backslashes
/// beforehand; escaping here keeps the output valid even if a caller forgets.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '$' => out.push_str("$$"),
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `["a", "b"]`.
pub fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// A multi-line object of already-rendered values: `{\n  k = v\n}`.
pub fn object(entries: &[(String, String)]) -> String {
    if entries.is_empty() {
        return "{}".to_string();
    }
    let mut s = String::from("{\n");
    for (k, v) in entries {
        let key = if k
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && k.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            k.clone()
        } else {
            q(k)
        };
        s.push_str(&format!("{key} = {v}\n"));
    }
    s.push('}');
    s
}

/// A `module` block calling a vendored catalog module; `args` are rendered values.
pub fn module(name: &str, catalog_path: &str, comment: &str, args: &[(&str, String)]) -> String {
    let mut s = String::new();
    for line in comment.lines() {
        s.push_str(&format!("# {line}\n"));
    }
    s.push_str(&format!(
        "module \"{name}\" {{\n  source = \"./modules/{catalog_path}\"\n\n"
    ));
    for (k, v) in args {
        s.push_str(&format!("  {k} = {v}\n"));
    }
    s.push_str("}\n");
    s
}
