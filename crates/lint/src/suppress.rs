//! Suppression comments.
//!
//! - `# orbis:ignore ORB-AWS-012 reason why` (or `//`): silences that rule. A reason is
//!   required; a suppression without one is not honoured and is reported (ORB-META-001).
//! - `#checkov:skip=CKV_AWS_20:reason` and `# tfsec:ignore:aws-s3-enable-bucket-encryption`:
//!   honoured for every rule that lists the id as related.
//!
//! A comment applies to a finding when it is inside the reported object's block, on the line of
//! the reported span, or on the line just above the object or the span.

use crate::finding::{Finding, Suppressed};
use crate::rule::RuleMeta;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tool {
    Orbis,
    Checkov,
    Tfsec,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub tool: Tool,
    /// Rule or check id as written (`ORB-AWS-012`, `CKV_AWS_20`, `aws-s3-...`, `AWS002`).
    pub id: String,
    pub reason: String,
    pub line: u32,
    /// 1-based column of the marker (for reporting reason-less suppressions).
    pub col: u32,
    pub byte: usize,
}

/// Find every directive in a file. Only text after a `#` or `//` counts, so a string that
/// happens to contain the marker in code is not mistaken for a comment.
pub fn scan(text: &str) -> Vec<Directive> {
    // Cheap pre-check: most files have no directive at all.
    if !(text.contains("orbis:ignore")
        || text.contains("checkov:skip")
        || text.contains("tfsec:ignore"))
    {
        return Vec::new();
    }
    // Jumps from one comment start to the next (`find(char)` is a fast byte search; the editor
    // lints a large buffer on every keystroke), reading only the lines that have one.
    let bytes = text.as_bytes();
    let find_from = |from: usize, c: char| text[from..].find(c).map(|i| from + i);
    let slashes_from = |mut from: usize| loop {
        match find_from(from, '/') {
            Some(i) if bytes.get(i + 1) == Some(&b'/') => break Some(i),
            Some(i) => from = i + 1,
            None => break None,
        }
    };
    let mut out = Vec::new();
    let (mut lineno, mut counted_to) = (1u32, 0usize);
    // The next `#` and the next `//` (kept while still ahead of `pos`).
    let (mut hash, mut slashes) = (find_from(0, '#'), slashes_from(0));
    let mut pos = 0;
    while pos < text.len() {
        if hash.is_some_and(|h| h < pos) {
            hash = find_from(pos, '#');
        }
        if slashes.is_some_and(|s| s < pos) {
            slashes = slashes_from(pos);
        }
        let Some(at) = hash.into_iter().chain(slashes).min() else {
            break;
        };
        // `pos` is a line start, so `at` is the first comment start of its line.
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let line_end = find_from(at, '\n').unwrap_or(text.len());
        lineno += bytes[counted_to..line_start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32;
        counted_to = line_start;
        parse_comment(
            &text[at..line_end],
            lineno,
            line_start,
            at - line_start,
            &mut out,
        );
        pos = line_end + 1;
    }
    out
}

fn parse_comment(
    comment: &str,
    line: u32,
    line_start: usize,
    cpos: usize,
    out: &mut Vec<Directive>,
) {
    let mk = |tool, id: &str, reason: &str, at: usize| Directive {
        tool,
        id: id.to_string(),
        reason: reason.trim().to_string(),
        line,
        col: (cpos + at + 1) as u32,
        byte: line_start + cpos + at,
    };
    if let Some(p) = comment.find("orbis:ignore") {
        let rest = comment[p + "orbis:ignore".len()..]
            .trim_start_matches(':')
            .trim();
        let (id, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if !id.is_empty() {
            out.push(mk(Tool::Orbis, id, reason, p));
        }
    }
    if let Some(p) = comment.find("checkov:skip=") {
        let rest = comment[p + "checkov:skip=".len()..].trim();
        let (id, reason) = rest.split_once(':').unwrap_or((rest, ""));
        let id = id.split_whitespace().next().unwrap_or("");
        if !id.is_empty() {
            out.push(mk(Tool::Checkov, id, reason, p));
        }
    }
    // tfsec allows several ignores on one line: `tfsec:ignore:a tfsec:ignore:b`.
    let mut search = 0;
    while let Some(p) = comment[search..].find("tfsec:ignore:") {
        let start = search + p + "tfsec:ignore:".len();
        let id: String = comment[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if !id.is_empty() {
            out.push(mk(Tool::Tfsec, &id, "", search + p));
        }
        search = start;
    }
}

/// Does directive `d` name the rule `meta`?
pub fn names_rule(d: &Directive, meta: &RuleMeta) -> bool {
    match d.tool {
        Tool::Orbis => d.id.eq_ignore_ascii_case(meta.id),
        Tool::Checkov => meta.checkov.iter().any(|c| c.eq_ignore_ascii_case(&d.id)),
        Tool::Tfsec => meta.tfsec.iter().any(|c| c.eq_ignore_ascii_case(&d.id)),
    }
}

/// Is the directive placed where it covers the finding?
pub fn covers(d: &Directive, f: &Finding) -> bool {
    let inside_object = d.line >= f.object_span.start_line && d.line <= f.object_span.end_line;
    let on_span = d.line == f.span.start_line;
    let above = d.line + 1 == f.object_span.start_line || d.line + 1 == f.span.start_line;
    inside_object || on_span || above
}

/// Mark findings silenced by a directive of their file. Orbis directives without a reason do
/// not count.
pub fn apply(
    findings: &mut [Finding],
    directives_of_file: &dyn Fn(usize) -> Vec<Directive>,
    meta_of: &dyn Fn(&str) -> Option<&'static RuleMeta>,
) {
    let mut cache: std::collections::HashMap<usize, Vec<Directive>> =
        std::collections::HashMap::new();
    for f in findings.iter_mut() {
        let ds = cache
            .entry(f.file)
            .or_insert_with(|| directives_of_file(f.file));
        if ds.is_empty() {
            continue;
        }
        let Some(meta) = meta_of(f.rule_id) else {
            continue;
        };
        if let Some(d) = ds.iter().find(|d| {
            names_rule(d, meta) && covers(d, f) && !(d.tool == Tool::Orbis && d.reason.is_empty())
        }) {
            let by = match d.tool {
                Tool::Orbis => "orbis:ignore",
                Tool::Checkov => "checkov:skip",
                Tool::Tfsec => "tfsec:ignore",
            };
            f.suppressed = Some(Suppressed {
                by: by.to_string(),
                reason: d.reason.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_all_three_forms() {
        let text = "resource \"a\" \"b\" {\n  # orbis:ignore ORB-AWS-001 served by CloudFront only\n  #checkov:skip=CKV_AWS_20:The bucket is public on purpose\n  acl = \"x\" # tfsec:ignore:aws-s3-no-public-access-with-acl tfsec:ignore:AWS001\n}\n";
        let ds = scan(text);
        assert_eq!(ds.len(), 4);
        assert_eq!(
            (
                ds[0].tool.clone(),
                ds[0].id.as_str(),
                ds[0].reason.as_str(),
                ds[0].line
            ),
            (Tool::Orbis, "ORB-AWS-001", "served by CloudFront only", 2)
        );
        assert_eq!(
            (ds[1].id.as_str(), ds[1].reason.as_str()),
            ("CKV_AWS_20", "The bucket is public on purpose")
        );
        assert_eq!(ds[2].id, "aws-s3-no-public-access-with-acl");
        assert_eq!((ds[3].id.as_str(), ds[3].line), ("AWS001", 4));
    }

    #[test]
    fn reasonless_and_non_comment_markers() {
        let ds = scan("// orbis:ignore ORB-X-1\nname = \"orbis:ignore ORB-X-2 not a comment\"\n");
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].reason, "");
        assert!(scan("resource \"a\" \"b\" {}\n").is_empty());
        // Lines, columns and bytes past other lines, CRLF and non-ASCII text included.
        let ds =
            scan("a = \"é\"\r\n\r\nb = 1 # x # orbis:ignore ORB-X-3 why\r\n# tfsec:ignore:t-1\n");
        assert_eq!(
            ds.iter()
                .map(|d| (d.id.as_str(), d.reason.as_str(), d.line, d.col, d.byte))
                .collect::<Vec<_>>(),
            [("ORB-X-3", "why", 3, 13, 24), ("t-1", "", 4, 3, 52)]
        );
    }
}
