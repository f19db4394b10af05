//! Resolvers that hold whole values answer `var.a.b` by following the `.a.b` steps
//! themselves (`follow_attrs`), so a reference never copies every variable. That shortcut
//! must give exactly what cloning the root and letting the evaluator apply the steps gives:
//! the same value, or the same error.

use orbis_hcl::ast::Step;
use orbis_hcl::eval::{EvalResult, Evaluator, MapResolver, Resolver};
use orbis_hcl::{parse_str, Value};
use std::collections::BTreeMap;

/// The reference behaviour: the whole root, no step consumed.
struct WholeRoot(BTreeMap<String, Value>);

impl Resolver for WholeRoot {
    fn resolve(&self, root: &str, _: &[Step], _: &mut Evaluator) -> Option<(Value, usize)> {
        self.0.get(root).map(|v| (v.clone(), 0))
    }
}

fn roots() -> BTreeMap<String, Value> {
    let json = serde_json::json!({
        "tags": {"Owner": "ops", "Env": "prod"},
        "nested": {"a": {"b": {"c": 42}}},
        "list": [{"name": "x"}, {"name": "y"}],
        "empty": null,
        "word": "hello",
    });
    let mut var = Value::from_json(&json);
    if let Value::Map(m) = &mut var {
        m.insert("later".into(), Value::Unknown);
    }
    BTreeMap::from([("var".to_string(), var)])
}

fn eval(expr: &str, resolver: &dyn Resolver) -> EvalResult {
    let f = parse_str(&format!("x = {expr}\n"), "case.tf");
    assert!(!f.has_errors(), "{expr} does not parse");
    let a = f.body.attribute("x").expect("attribute x");
    Evaluator::new(resolver).try_eval(&a.expr)
}

#[test]
fn following_attribute_steps_equals_applying_them_to_the_whole_root() {
    let shortcut = MapResolver(roots());
    let reference = WholeRoot(roots());
    let cases = [
        "var.tags",
        "var.tags.Owner",
        "var.nested.a.b.c",
        "var.nested.a.missing",
        "var.missing",
        "var.missing.deeper",
        "var.word.length",
        "var.empty.x",
        "var.later.anything.at.all",
        "var.list[1].name",
        "var.list[*].name",
        "var.list.0",
        "var.tags[\"Env\"]",
        "var",
        "length(var.tags)",
        "var.nested.a[\"b\"].c",
    ];
    for expr in cases {
        let a = eval(expr, &shortcut).map_err(|e| format!("{e:?}"));
        let b = eval(expr, &reference).map_err(|e| format!("{e:?}"));
        assert_eq!(a, b, "{expr}");
    }
    // The cases cover values and errors alike.
    assert_eq!(
        eval("var.nested.a.b.c", &shortcut).ok(),
        Some(Value::Number(42.0))
    );
    assert!(eval("var.missing", &shortcut).is_err());
}
