//! Reports render hostile plan text safely and keep the documented JSON shape.

use orbis_plan::report::{render, Format};
use orbis_plan::{load_bytes, PolicyFinding, PolicyResult, Review};
use serde_json::{json, Value};

fn review() -> Review {
    let doc = json!({"format_version": "1.2", "resource_changes": [{
        "address": "aws_instance.x[\"<script>alert(1)</script>|`\"]", "mode": "managed", "type": "aws_instance", "name": "x",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {"actions": ["delete", "create"], "before": {"ami": "a"}, "after": {"ami": "b"}, "after_unknown": {}}}]});
    let finding = PolicyFinding {
        policy: "p".into(),
        result: PolicyResult::Warn,
        message: "<b>|x".into(),
        address: None,
    };
    Review::new(vec![
        load_bytes(doc.to_string().as_bytes(), "hostile").unwrap()
    ])
    .with_policy(vec![finding])
}

#[test]
fn html_escapes_plan_text_and_is_self_contained() {
    let html = render(&review(), Format::Html);
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    assert!(!html.contains("<b>|x") && !html.contains("src=") && !html.contains("href="));
}

#[test]
fn markdown_tables_survive_pipes_in_text() {
    let md = render(&review(), Format::Markdown);
    let row = md
        .lines()
        .find(|l| l.starts_with("| warn"))
        .expect("policy row");
    assert_eq!(row.matches(" | ").count(), 3, "{row}");
}

#[test]
fn json_report_shape() {
    let report: Value = serde_json::from_str(&render(&review(), Format::Json)).unwrap();
    assert_eq!(report["summary"]["replace"], 1);
    assert_eq!(
        report["summary"]["create"], 0,
        "a replace is not also a create"
    );
    let change = &report["changes"][0];
    assert_eq!(change["action"], "replace");
    assert_eq!(change["risk"]["level"], "medium");
    assert_eq!(
        change["diff"],
        json!([{"path": "ami", "change": "changed", "before": "\"a\"", "after": "\"b\""}])
    );
    assert_eq!(report["policy"][0]["result"], "warn");
    assert_eq!(report["verdict"], "review");
}
