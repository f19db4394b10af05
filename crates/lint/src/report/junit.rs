//! JUnit XML: one test suite per rule that ran, one test case per (rule, resource) finding,
//! plus a passing case for rules without findings, so CI dashboards show what was checked.

use super::LintResult;
use std::fmt::Write;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render(result: &LintResult) -> String {
    let mut body = String::new();
    let mut total_tests = 0usize;
    let mut total_failures = 0usize;
    for rule in &result.rules {
        let m = rule.meta();
        let mine: Vec<_> = result.active().filter(|f| f.rule_id == m.id).collect();
        let tests = mine.len().max(1);
        total_tests += tests;
        total_failures += mine.len();
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            escape(m.id),
            tests,
            mine.len()
        );
        if mine.is_empty() {
            let _ = writeln!(
                body,
                "    <testcase classname=\"{}\" name=\"{}\"/>",
                escape(m.id),
                escape(m.title)
            );
        }
        for f in mine {
            let path = result.path(f);
            let _ = writeln!(
                body,
                "    <testcase classname=\"{}\" name=\"{} {}:{}\" file=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}:{}:{} {} [{}]</failure>\n    </testcase>",
                escape(m.id),
                escape(&f.resource),
                escape(path),
                f.span.start_line,
                escape(path),
                escape(&f.message),
                f.severity,
                escape(path),
                f.span.start_line,
                f.span.start_col,
                escape(&f.message),
                escape(m.title),
            );
        }
        body.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"orbis lint\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"0\" time=\"{:.3}\">\n{body}</testsuites>\n",
        result.summary.duration_ms as f64 / 1000.0
    )
}
