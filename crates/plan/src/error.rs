//! Load errors that reach a person: a stable code, a message, where (byte offset, line,
//! column) and a hint of what to do.

use std::fmt;

/// Why a document could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// Stable machine-readable code, e.g. `plan.truncated`.
    pub code: &'static str,
    pub message: String,
    /// Byte offset into the (decoded UTF-8) text, when the error has a position.
    pub offset: Option<usize>,
    /// 1-based line and column, when the error has a position.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub hint: &'static str,
}

impl LoadError {
    pub(crate) fn new(code: &'static str, message: impl Into<String>, hint: &'static str) -> Self {
        LoadError {
            code,
            message: message.into(),
            offset: None,
            line: None,
            column: None,
            hint,
        }
    }

    /// Turns a serde_json error into a positioned error with a hint suited to its category.
    pub(crate) fn from_json(err: &serde_json::Error, text: &[u8]) -> Self {
        use serde_json::error::Category;
        let (line, column) = (err.line(), err.column());
        let offset = (line > 0).then(|| byte_offset(text, line, column));
        let (code, hint) = match err.classify() {
            Category::Eof => (
                "plan.truncated",
                "the file ends in the middle of the JSON document: it was probably cut short \
                 (interrupted `terraform show -json`, full disk or partial download); regenerate it",
            ),
            Category::Syntax => (
                "plan.invalid_json",
                "this is not valid JSON at that position; produce the file with \
                 `terraform show -json PLANFILE > plan.json` and do not edit it by hand",
            ),
            Category::Data => (
                "plan.unexpected_shape",
                "valid JSON but not a Terraform plan/state document of a known shape; \
                 check that it is `terraform show -json` output",
            ),
            Category::Io => ("plan.io", "the file could not be read"),
        };
        LoadError {
            code,
            // serde_json appends "at line L column C"; Display prints byte/line/column itself.
            message: strip_position(&err.to_string()),
            offset,
            line: Some(line),
            column: Some(column),
            hint,
        }
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_string(),
        _ => message.to_string(),
    }
}

/// serde_json reports line/column; people and editors also want the byte offset.
fn byte_offset(text: &[u8], line: usize, column: usize) -> usize {
    let mut current_line = 1;
    let mut line_start = 0;
    if line > 1 {
        for (i, b) in text.iter().enumerate() {
            if *b == b'\n' {
                current_line += 1;
                if current_line == line {
                    line_start = i + 1;
                    break;
                }
            }
        }
    }
    (line_start + column.saturating_sub(1)).min(text.len())
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)?;
        if let (Some(off), Some(l), Some(c)) = (self.offset, self.line, self.column) {
            write!(f, " (byte {off}, line {l}, column {c})")?;
        }
        write!(f, "\nhint: {}", self.hint)
    }
}

impl std::error::Error for LoadError {}
