//! Linting never panics and stays bounded on hostile or broken input: every rule runs on each
//! input below, and the results must still be well-formed.

use orbis_lint::{load, Config};
use std::time::{Duration, Instant};

fn lint(name: &str, text: &str) -> orbis_lint::LintResult {
    let ws = load::load_sources(&[(name, text)]);
    let config = Config {
        allowed_regions: vec!["eu-west-1".into()],
        ..Config::default()
    };
    orbis_lint::lint_workspace(ws, &config, orbis_lint::all_rules(), Instant::now())
}

#[test]
fn broken_and_hostile_inputs() {
    let deep = format!(
        "locals {{ x = {}1{} }}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let binary: String = (0..4096u32)
        .map(|i| char::from_u32((i * 7919) % 0xD7FF).unwrap_or('x'))
        .collect();
    let huge_count =
        "resource \"aws_s3_bucket\" \"b\" {\n  count = 1000000000\n  acl = \"public-read\"\n}\n";
    let many = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n".repeat(3000);
    let cases: Vec<(&str, String)> = vec![
        ("empty.tf", String::new()),
        ("unterminated.tf", "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"public-read\n".into()),
        ("junk.tf", "}}}{{{ = = = \"\"\" ${ %{ <<EOF\n".into()),
        ("deep.tf", deep),
        ("binary.tf", binary),
        ("huge_count.tf", huge_count.into()),
        ("many.tf", many),
        ("crlf.tf", "resource \"aws_kms_key\" \"k\" {\r\n  description = \"x\"\r\n}\r\n".into()),
        ("bad.yaml", "apiVersion: v1\nkind: Pod\nspec: [\n  - {\n".into()),
        ("alias.yaml", "apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: a\nspec:\n  containers:\n    - *m\n    - name: b\n      securityContext: *m\n".into()),
        ("scalar.yaml", "apiVersion: v1\nkind: Pod\nspec: 3\n".into()),
    ];
    for (name, text) in &cases {
        let started = Instant::now();
        let res = lint(name, text);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{name} took {:?}",
            started.elapsed()
        );
        for f in &res.findings {
            assert!(f.span.start_line >= 1, "{name}: {f:?}");
            assert!(
                f.span.start_byte <= text.len() && f.span.end_byte <= text.len(),
                "{name}: span out of range"
            );
            if let Some(fix) = &f.fix {
                assert!(
                    fix.edits
                        .iter()
                        .all(|e| e.start <= e.end && e.end <= text.len()),
                    "{name}: fix out of range"
                );
            }
        }
    }
    // A count too large to expand is linted once, not a billion times.
    let res = lint("huge_count.tf", huge_count);
    assert_eq!(
        res.findings
            .iter()
            .filter(|f| f.rule_id == "ORB-AWS-030")
            .count(),
        1
    );
    assert!(lint("bad.yaml", &cases[8].1).summary.parse_errors >= 1);
}
