//! Small helpers on spans, paths and names.

use orbis_hcl::ast::Label;
use orbis_hcl::{Pos, Span};
use std::path::{Component, Path, PathBuf};

/// The span of a label's value: without the quotes of a quoted label.
pub(crate) fn inner_label_span(l: &Label) -> Span {
    let s = l.span;
    if l.quoted && s.end >= s.start + 2 && s.start_pos.line == s.end_pos.line {
        Span {
            start: s.start + 1,
            end: s.end - 1,
            start_pos: Pos {
                line: s.start_pos.line,
                column: s.start_pos.column + 1,
            },
            end_pos: Pos {
                line: s.end_pos.line,
                column: s.end_pos.column - 1,
            },
        }
    } else {
        s
    }
}

/// Removes `.` and `..` components without touching the file system (as the module loader
/// of orbis-hcl does), so `examples/a/../../` and the workspace root compare equal.
pub(crate) fn normalize_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A Terraform identifier: a letter or underscore, then letters, digits, underscores and
/// dashes.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

pub(crate) fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The first line of a text, trimmed, at most `max` characters.
pub(crate) fn first_line(s: &str, max: usize) -> String {
    let line = s
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() > max {
        let cut: String = line.chars().take(max).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}
