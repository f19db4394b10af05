//! `.driftignore` rules, in driftctl's syntax:
//! - one rule per line; blank lines and `#` comments are skipped;
//! - `TYPE.ID` ignores a resource, `TYPE.ID.path.to.field` ignores drift on that attribute
//!   (a prefix of the changed path, compared case-insensitively; `*` may also stand for part
//!   of a field name, e.g. `public_*`, a superset of driftctl's whole-segment wildcard);
//! - `TYPE` alone ignores every resource of the type (`*` alone: everything);
//! - `*` is a wildcard (runs of `*` count as one) inside any part;
//! - `\.` is a literal dot inside a part (ids with dots) and `\\` a literal backslash;
//! - `!RULE` un-ignores what an earlier rule ignored (the last matching rule wins);
//! - lines with an empty type or id (`.id`, `type.`, `.`) are invalid: reported, never applied.

#[derive(Debug, Clone, Default)]
pub struct DriftIgnore {
    rules: Vec<Rule>,
    /// `(line number, text)` of lines that are not rules.
    pub invalid: Vec<(usize, String)>,
}

#[derive(Debug, Clone)]
struct Rule {
    negate: bool,
    /// type, id, then the attribute path (empty for a whole-resource rule).
    parts: Vec<String>,
}

impl DriftIgnore {
    pub fn parse(text: &str) -> Self {
        let mut out = DriftIgnore::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (negate, body) = match line.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let parts = split(body);
            let valid = parts.iter().take(2).all(|p| !p.is_empty());
            if !valid {
                out.invalid.push((n + 1, line.to_string()));
                continue;
            }
            let parts = if parts.len() == 1 {
                vec![parts[0].clone(), "*".into()]
            } else {
                parts
            };
            out.rules.push(Rule { negate, parts });
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Is the whole resource ignored?
    pub fn ignores_resource(&self, rtype: &str, id: &str) -> bool {
        let mut ignored = false;
        for r in self.rules.iter().filter(|r| r.parts.len() == 2) {
            if glob(&r.parts[0], rtype) && glob(&r.parts[1], id) {
                ignored = !r.negate;
            }
        }
        ignored
    }

    /// Is drift on `path` (attribute names, e.g. `["tags", "Name"]`) of this resource ignored?
    pub fn ignores_field(&self, rtype: &str, id: &str, path: &[&str]) -> bool {
        let mut ignored = false;
        for r in self.rules.iter().filter(|r| r.parts.len() > 2) {
            let field = &r.parts[2..];
            if glob(&r.parts[0], rtype)
                && glob(&r.parts[1], id)
                && field.len() <= path.len()
                && field
                    .iter()
                    .zip(path)
                    .all(|(p, c)| glob(&p.to_ascii_lowercase(), &c.to_ascii_lowercase()))
            {
                ignored = !r.negate;
            }
        }
        ignored
    }
}

/// Splits on unescaped dots, unescaping `\.` and `\\`, and collapsing `**` runs.
fn split(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some('.') | Some('\\') => cur.push(chars.next().unwrap_or('\\')),
                _ => cur.push('\\'),
            },
            '.' => parts.push(std::mem::take(&mut cur)),
            '*' if cur.ends_with('*') => {}
            c => cur.push(c),
        }
    }
    parts.push(cur);
    parts
}

/// `*` matches any run of characters (iterative, linear in practice: no backtracking blowup).
fn glob(pattern: &str, s: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = s.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_wildcards() {
        assert_eq!(
            split(r"resource_type.id\.with\.dots"),
            ["resource_type", "id.with.dots"]
        );
        assert_eq!(
            split(r"resource_type.idwith\\"),
            ["resource_type", r"idwith\"]
        );
        assert_eq!(split("a.b.c.d"), ["a", "b", "c", "d"]);
        assert!(glob("*2*", "type2"));
        assert!(glob("type3", "type3"));
        assert!(!glob("type3", "type30"));
        assert!(glob("id1*0", "id1230"));
        assert!(glob("*", ""));
    }
}
