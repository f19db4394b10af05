//! The typed model built from real snippets: blocks, labels, attributes, expression shapes,
//! spans and comments.

use orbis_hcl::ast::{BinaryOp, ExprKind, RefPart, Step, TemplatePart};
use orbis_hcl::{eval_static, parse_str, Value};

const SRC: &str = r#"# orbis:ignore AWS001 public on purpose
resource "aws_s3_bucket" "b" {
  bucket = "logs-${var.env}"
  acl    = "private" // tfsec:ignore:aws-s3-no-public
  tags = {
    Name = "x"
    "Env" = var.env
  }
  count = var.n > 1 ? 2 : 1
  lifecycle_rule {
    enabled = true
  }
  dynamic "grant" {
    for_each = var.grants
    content {
      id = grant.value.id
    }
  }
}

locals {
  ids   = aws_instance.web[*].id
  names = [for k, v in var.m : upper(v) if k != "x"]
  first = aws_instance.web[0].tags["Name"]
  ops   = 1 + 2 * 3
  neg   = -5
}
"#;

#[test]
fn builds_blocks_attributes_and_labels() {
    let f = parse_str(SRC, "main.tf");
    assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics);
    let res = f.blocks_of("resource").next().expect("resource block");
    assert_eq!(res.label(0), Some("aws_s3_bucket"));
    assert_eq!(res.label(1), Some("b"));
    assert_eq!(res.span.line(), 2);
    let acl = res.body.attribute("acl").expect("acl");
    assert_eq!(eval_static(&acl.expr), Value::string("private"));
    assert_eq!(acl.span.line(), 4);
    assert_eq!(acl.span.start_pos.column, 3);
    assert_eq!(f.text(&acl.expr.span), "\"private\"");
    assert_eq!(res.body.blocks_of("lifecycle_rule").count(), 1);
    let dynamic = res
        .body
        .dynamic_blocks_of("grant")
        .next()
        .expect("dynamic grant");
    let content = dynamic.dynamic_content().expect("content");
    assert!(content.attribute("id").is_some());
}

#[test]
fn expressions_have_typed_shapes() {
    let f = parse_str(SRC, "main.tf");
    let res = f.blocks_of("resource").next().expect("resource");
    let bucket = &res.body.attribute("bucket").expect("bucket").expr;
    match &bucket.kind {
        ExprKind::Template(parts) => {
            assert_eq!(parts[0], TemplatePart::Literal("logs-".into()));
            assert!(matches!(parts[1], TemplatePart::Interpolation(_)));
        }
        other => panic!("expected a template, got {other:?}"),
    }
    let refs = bucket.references();
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].to_dotted(), "var.env");
    let count = &res.body.attribute("count").expect("count").expr;
    assert!(matches!(count.kind, ExprKind::Conditional { .. }));

    let locals = f.blocks_of("locals").next().expect("locals");
    let ids = &locals.body.attribute("ids").expect("ids").expr;
    match &ids.kind {
        ExprKind::Traversal { steps, .. } => {
            assert!(matches!(steps[0], Step::Attr(ref id) if id.name == "web"));
            assert!(matches!(steps[1], Step::Splat { full: true, .. }));
        }
        other => panic!("expected a traversal, got {other:?}"),
    }
    let first = locals
        .body
        .attribute("first")
        .expect("first")
        .expr
        .as_reference()
        .expect("static reference");
    assert_eq!(
        first.parts,
        vec![
            RefPart::Name("aws_instance".into()),
            RefPart::Name("web".into()),
            RefPart::Index(0),
            RefPart::Name("tags".into()),
            RefPart::Key("Name".into())
        ]
    );
    let names = &locals.body.attribute("names").expect("names").expr;
    let refs: Vec<String> = names.references().iter().map(|r| r.to_dotted()).collect();
    assert_eq!(
        refs,
        vec!["var.m"],
        "for-expression symbols are not references"
    );
    let ops = &locals.body.attribute("ops").expect("ops").expr;
    assert!(matches!(
        ops.kind,
        ExprKind::Binary {
            op: BinaryOp::Add,
            ..
        }
    ));
    assert_eq!(eval_static(ops), Value::Number(7.0));
    assert_eq!(
        eval_static(&locals.body.attribute("neg").expect("neg").expr),
        Value::Number(-5.0)
    );
}

#[test]
fn comments_are_kept_with_their_lines() {
    let f = parse_str(SRC, "main.tf");
    let lines: Vec<(u32, &str)> = f.comments.iter().map(|c| (c.line(), c.content())).collect();
    assert_eq!(
        lines,
        vec![
            (1, "orbis:ignore AWS001 public on purpose"),
            (4, "tfsec:ignore:aws-s3-no-public")
        ]
    );
    assert_eq!(f.comments_on_line(4).count(), 1);
}

#[test]
fn heredocs_and_escapes_decode_like_terraform() {
    let src = "a = <<-EOT\n    hello\n      world\n    EOT\nb = <<EOT\nx $${y}\nEOT\nc = \"q\\\"\\n\\u00e9\"\nd = \"%{ if true ~} yes %{~ endif }\"\n";
    let f = parse_str(src, "t.tf");
    assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics);
    let v = |n: &str| eval_static(&f.body.attribute(n).expect(n).expr);
    assert_eq!(v("a"), Value::string("hello\n  world\n"));
    assert_eq!(v("b"), Value::string("x ${y}\n"));
    assert_eq!(v("c"), Value::string("q\"\né"));
    assert_eq!(v("d"), Value::string("yes"));
}

#[test]
fn references_make_unknown_values_not_guesses() {
    let f = parse_str(
        "a = var.x\nb = \"p-${var.x}\"\nc = length([var.x, 1])\nd = var.x + 1\n",
        "t.tf",
    );
    let v = |n: &str| eval_static(&f.body.attribute(n).expect(n).expr);
    assert_eq!(v("a"), Value::Unknown);
    assert_eq!(v("b"), Value::Unknown);
    assert_eq!(v("c"), Value::Number(2.0));
    assert_eq!(v("d"), Value::Unknown);
}

/// The grammar (1.1.0) attaches postfix steps to a preceding operation (`!var.bar` as
/// `(!var).bar`); the model must associate them with the operand, as Terraform does.
#[test]
fn postfix_steps_bind_tighter_than_operators() {
    let f = parse_str(
        "a = !var.bar\nb = local.bar == local.baz\nc = a.foo != \"\" && b.foo == \"\" ? 1 : 0\nd = -x.y[0]\ne = (p + q).r\n",
        "t.tf",
    );
    assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics);
    let e = |n: &str| f.body.attribute(n).expect(n).expr.clone();
    let dotted = |x: &orbis_hcl::Expr| x.as_reference().map(|r| r.to_dotted());
    match e("a").kind {
        ExprKind::Unary { operand, .. } => assert_eq!(dotted(&operand).as_deref(), Some("var.bar")),
        other => panic!("a: {other:?}"),
    }
    match e("b").kind {
        ExprKind::Binary {
            op: BinaryOp::Eq,
            lhs,
            rhs,
        } => {
            assert_eq!(dotted(&lhs).as_deref(), Some("local.bar"));
            assert_eq!(dotted(&rhs).as_deref(), Some("local.baz"));
        }
        other => panic!("b: {other:?}"),
    }
    match e("c").kind {
        ExprKind::Conditional { cond, .. } => match cond.kind {
            ExprKind::Binary {
                op: BinaryOp::And,
                lhs,
                rhs,
            } => {
                assert!(matches!(
                    lhs.kind,
                    ExprKind::Binary {
                        op: BinaryOp::Ne,
                        ..
                    }
                ));
                match rhs.kind {
                    ExprKind::Binary {
                        op: BinaryOp::Eq,
                        lhs,
                        ..
                    } => assert_eq!(dotted(&lhs).as_deref(), Some("b.foo")),
                    other => panic!("c rhs: {other:?}"),
                }
            }
            other => panic!("c cond: {other:?}"),
        },
        other => panic!("c: {other:?}"),
    }
    match e("d").kind {
        ExprKind::Unary { operand, .. } => assert_eq!(dotted(&operand).as_deref(), Some("x.y[0]")),
        other => panic!("d: {other:?}"),
    }
    match e("e").kind {
        ExprKind::Traversal { target, .. } => assert!(matches!(target.kind, ExprKind::Parens(_))),
        other => panic!("e: {other:?}"),
    }
    let refs: Vec<String> = e("c").references().iter().map(|r| r.to_dotted()).collect();
    assert_eq!(refs, vec!["a.foo", "b.foo"]);
}

#[test]
fn which_functions_the_evaluator_computes_offline() {
    use orbis_hcl::eval::functions::is_computed;
    for f in [
        "merge",
        "lookup",
        "cidrsubnet",
        "jsonencode",
        "try",
        "can",
        "basename",
    ] {
        assert!(is_computed(f), "{f}");
    }
    for f in [
        "timestamp",
        "file",
        "uuid",
        "md5",
        "provider::aws::arn_parse",
        "nope",
    ] {
        assert!(!is_computed(f), "{f}");
    }
}
