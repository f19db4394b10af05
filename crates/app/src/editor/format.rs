//! Format Document: the buffer formatted like `terraform fmt` (`orbis_hcl::format`), returned
//! as the few changes that turn the buffer into the formatted text (the UI applies them as an
//! edit, so the cursor and undo history stay meaningful).
//!
//! The formatter never adds or removes line breaks, so the changes are found line by line
//! (each differing line reduced to its differing middle); should the line counts ever differ,
//! one change covers the differing middle of the whole text.

use super::document::is_hcl;
use super::dto::TextChange;
use super::{key_of, not_open, utf16, Editor};
use crate::error::{AppError, ErrorCode};
use crate::workspace::Workspace;

impl Editor {
    pub fn format_document(&self, ws: &Workspace, rel: &str) -> Result<Vec<TextChange>, AppError> {
        let (key, _) = key_of(ws, rel)?;
        let text = {
            let inner = self.inner();
            let doc = inner.docs.get(&key).ok_or_else(|| not_open(rel))?;
            if !is_hcl(doc.language) {
                return Err(AppError::new(
                    ErrorCode::InvalidRequest,
                    format!("{rel} is not a Terraform or HCL file"),
                    "Format Document works on Terraform (.tf), variable (.tfvars) and HCL files.",
                ));
            }
            doc.text().to_string()
        };
        // Formatted outside the lock: edits keep flowing meanwhile (the UI maps the changes
        // over edits made while it waited).
        match orbis_hcl::format::format_source(&text) {
            Ok(f) if !f.changed => Ok(Vec::new()),
            Ok(f) => Ok(minimal_changes(&text, &f.text)),
            Err(d) => Err(AppError::new(
                ErrorCode::FormatSyntaxError,
                format!(
                    "{rel} was not formatted: line {}, column {}: {}",
                    d.span.start_pos.line, d.span.start_pos.column, d.message
                ),
                "Fix the syntax errors shown in Problems, then format again.",
            )),
        }
    }
}

/// Byte lengths of the common prefix and suffix of `a` and `b` (on character boundaries,
/// not overlapping).
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix: usize = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (prefix, suffix)
}

/// The change turning `old` into `new` where they differ, with `old` starting at UTF-16
/// offset `base`.
fn middle_change(old: &str, new: &str, base: u32) -> TextChange {
    let (prefix, suffix) = common_ends(old, new);
    let from = base + utf16::len(&old[..prefix]);
    TextChange {
        from,
        to: from + utf16::len(&old[prefix..old.len() - suffix]),
        insert: new[prefix..new.len() - suffix].to_string(),
    }
}

/// Sorted, non-overlapping changes (UTF-16 offsets into `old`) that turn `old` into `new`.
pub(crate) fn minimal_changes(old: &str, new: &str) -> Vec<TextChange> {
    if old == new {
        return Vec::new();
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    if old_lines.len() != new_lines.len() {
        return vec![middle_change(old, new, 0)];
    }
    let mut out = Vec::new();
    let mut base = 0u32;
    for (o, n) in old_lines.iter().zip(&new_lines) {
        if o != n {
            out.push(middle_change(o, n, base));
        }
        base += utf16::len(o);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, changes: &[TextChange]) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut out: Vec<u16> = Vec::new();
        let mut at = 0usize;
        for c in changes {
            out.extend_from_slice(&units[at..c.from as usize]);
            out.extend(c.insert.encode_utf16());
            at = c.to as usize;
        }
        out.extend_from_slice(&units[at..]);
        String::from_utf16(&out).unwrap()
    }

    #[test]
    fn changes_are_per_line_and_utf16() {
        let old = "# é😀\na=1\nbb  = 2\n\nc = \"ü\"\n";
        let new = "# é😀\na  = 1\nbb = 2\n\nc = \"ü\"\n";
        let changes = minimal_changes(old, new);
        assert_eq!(changes.len(), 2);
        // "# é😀\n" is 6 UTF-16 units.
        assert_eq!((changes[0].from, changes[0].to), (7, 8));
        assert_eq!(changes[0].insert, "  = ");
        assert_eq!(apply(old, &changes), new);
        assert!(minimal_changes(new, new).is_empty());
    }

    #[test]
    fn different_line_counts_give_one_middle_change() {
        let old = "\u{feff}a = 1\r\nb = é\n";
        let new = "a = 1\r\nb = é\nc\n";
        let changes = minimal_changes(old, new);
        assert_eq!(apply(old, &changes), new);
        let same_len = minimal_changes("xéy", "xüy");
        assert_eq!(same_len.len(), 1);
        assert_eq!((same_len[0].from, same_len[0].to), (1, 2));
    }
}
