//! The INI dialect of the AWS config/credentials files and gcloud configurations: `[section]`
//! headers, `key = value` lines, `#`/`;` comments, and indented continuation lines (AWS
//! nested settings such as `s3 =\n  max_concurrent_requests = 10`, kept as the raw text).
//! Lenient: a line it does not understand is skipped, never an error.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Section {
    pub name: String,
    pub entries: Vec<(String, String)>,
}

impl Section {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

pub(crate) fn parse(text: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for raw in text.lines() {
        let indented = raw.starts_with([' ', '\t']);
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if !indented && line.starts_with('[') {
            if let Some(end) = line.find(']') {
                sections.push(Section {
                    name: line[1..end].trim().to_string(),
                    entries: Vec::new(),
                });
            }
            continue;
        }
        let Some(section) = sections.last_mut() else {
            continue;
        };
        if indented {
            // A nested sub-setting: part of the previous key's value, never a key of its own.
            if let Some((_, v)) = section.entries.last_mut() {
                v.push('\n');
                v.push_str(line);
            }
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            section
                .entries
                .push((k.trim().to_string(), strip_inline_comment(v.trim())));
        }
    }
    sections
}

/// `value # comment` → `value` (a `#` glued to the value is part of it, as in the AWS CLI).
fn strip_inline_comment(v: &str) -> String {
    for marker in [" #", "\t#", " ;", "\t;"] {
        if let Some(i) = v.find(marker) {
            return v[..i].trim_end().to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_keys_comments_and_nested_values() {
        let s = parse(
            "\u{feff}# top\n[default]\nregion = eu-west-1 # inline\nfoo=bar#baz\n\n[profile dev]\ns3 =\n  max_concurrent_requests = 10\nrole_arn = arn\n; c\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "default");
        assert_eq!(s[0].get("region"), Some("eu-west-1"));
        assert_eq!(s[0].get("foo"), Some("bar#baz"));
        assert_eq!(s[1].name, "profile dev");
        assert_eq!(s[1].get("s3"), Some("\nmax_concurrent_requests = 10"));
        assert_eq!(s[1].get("max_concurrent_requests"), None);
        assert_eq!(s[1].get("ROLE_ARN"), Some("arn"));
    }

    #[test]
    fn garbage_is_skipped() {
        let s = parse("key before section\n[ok]\nno equals sign\n[unclosed\nk = v\n\0\u{1}");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].get("k"), Some("v"));
    }
}
