//! Human output: one block per finding with a code frame, like a compiler diagnostic.
//!
//! ```text
//! high[ORB-AWS-012]: S3 bucket ACL grants public read
//!   --> main.tf:7:3 (aws_s3_bucket.logs)
//!    |
//!  7 |   acl = "public-read"
//!    |   ^^^^^^^^^^^^^^^^^^^
//!    = fix: use a private ACL and serve objects through CloudFront
//! ```

use super::LintResult;
use crate::finding::{Finding, Severity};
use std::fmt::Write;

struct Palette {
    on: bool,
}

impl Palette {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Critical => "1;35",
            Severity::High => "1;31",
            Severity::Medium => "1;33",
            Severity::Low => "1;36",
            Severity::Info => "1;34",
        };
        self.paint(code, s.as_str())
    }
}

fn frame(out: &mut String, p: &Palette, text: &str, f: &Finding) {
    let line_no = f.span.start_line as usize;
    let Some(line) = text.split('\n').nth(line_no.saturating_sub(1)) else {
        return;
    };
    let line = line.trim_end_matches('\r');
    let width = line_no.to_string().len();
    let bar = p.paint("1;34", "|");
    let _ = writeln!(out, "{:width$} {bar}", "");
    let _ = writeln!(
        out,
        "{} {bar} {}",
        p.paint("1;34", &line_no.to_string()),
        line
    );
    let start = (f.span.start_col as usize)
        .saturating_sub(1)
        .min(line.len());
    // Multi-line spans and empty spans (a resource header for a missing attribute) underline
    // the rest of the first line.
    let end = if f.span.end_line == f.span.start_line && f.span.end_byte > f.span.start_byte {
        (f.span.end_col as usize).saturating_sub(1)
    } else {
        line.trim_end().len()
    };
    let len = end.saturating_sub(start).max(1);
    let _ = writeln!(
        out,
        "{:width$} {bar} {}{}",
        "",
        " ".repeat(start),
        p.paint("1;31", &"^".repeat(len))
    );
}

pub fn render(result: &LintResult, color: bool) -> String {
    let p = Palette { on: color };
    let mut out = String::new();
    for f in result.active() {
        let title = result.rule(f.rule_id).map(|r| r.meta().title).unwrap_or("");
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            p.severity(f.severity),
            f.rule_id,
            p.paint("1", &f.message)
        );
        let _ = writeln!(
            out,
            "  {} {}:{}:{} ({})",
            p.paint("1;34", "-->"),
            result.path(f),
            f.span.start_line,
            f.span.start_col,
            f.resource
        );
        frame(&mut out, &p, &result.files[f.file].text, f);
        if let Some(r) = result.rule(f.rule_id) {
            let hint = r.meta().fix_hint;
            if !hint.is_empty() {
                let _ = writeln!(out, "   = {}: {}", p.paint("1", "fix"), hint);
            }
        }
        if f.fix.is_some() {
            let _ = writeln!(
                out,
                "   = {}",
                p.paint(
                    "32",
                    "an automatic fix is available (--format json shows it)"
                )
            );
        }
        let _ = writeln!(out, "   = {title}\n");
    }
    let s = &result.summary;
    let _ = writeln!(
        out,
        "{} finding(s), {} suppressed, in {} file(s), {} resource(s), {} parse error(s), {} ms",
        s.findings, s.suppressed, s.files, s.resources, s.parse_errors, s.duration_ms
    );
    out
}
