//! Differential test against the real `terraform` binary (`terraform console`): every
//! supported function and expression form is evaluated by both, results compared as JSON
//! (numbers within 1e-9 relative: Terraform computes with arbitrary precision, this engine
//! with f64). Errors must be errors in both. Skipped, with a message, without the binary.

use orbis_hcl::eval::Evaluator;
use orbis_hcl::{parse_str, Value};
use std::io::Write;
use std::process::{Command, Stdio};

/// Expressions exercising every function and expression form the engine supports.
const CASES: &[&str] = &[
    // literals, operators, conditionals
    "1 + 2 * 3",
    "(1 + 2) * 3",
    "10 / 4",
    "7 % 3",
    "-5 % 3",
    "5.5 % 2",
    "-(3)",
    "!true",
    "1 == 1",
    "1 == \"1\"",
    "\"a\" != \"b\"",
    "[1, 2] == [1, 2]",
    "{a = 1} == {a = 1}",
    "1 < 2",
    "2 <= 1",
    "3 > 2",
    "3 >= 3",
    "true && false",
    "true || false",
    "false || !false",
    "\"5\" + 1",
    "\"3\" * \"4\"",
    "1 / 0",
    "\"x\" + 1",
    "true ? \"y\" : \"n\"",
    "false ? 1 : 2",
    "1 > 2 ? \"a\" : \"b\"",
    "null",
    "true",
    "1.5e3",
    "0.1 + 0.2",
    "1 / 3",
    "2 - 5 - 1",
    "2 * 3 % 4",
    "1 + 2 == 3 && 2 * 2 == 4",
    "!(1 > 2) || false",
    "\"true\" ? 1 : 2",
    "null == null",
    // templates
    "\"a-${1 + 1}-b\"",
    "\"${true}\"",
    "\"x${\"y\"}z\"",
    "\"%{ if true }yes%{ else }no%{ endif }\"",
    "\"%{ for x in [1, 2, 3] }${x},%{ endfor }\"",
    "\"%{ for k, v in {a = 1, b = 2} }${k}=${v};%{ endfor }\"",
    "\"a ${\"b\"} %{~ if false } c %{ endif ~} d\"",
    "\"$${literal}\"",
    "\"tab\\there\\n\"",
    "\"\\u00e9\"",
    "\"${[1]}\"",
    "\"${null}\"",
    // collections, index, splat, for
    "[1, \"a\", true]",
    "{a = 1, \"b\" = 2}",
    "[1, 2, 3][1]",
    "{a = {b = 5}}.a.b",
    "{a = [1, 2]}[\"a\"][0]",
    "[{a = 1}, {a = 2}][*].a",
    "[{a = 1}, {a = 2}].*.a",
    "[1, 2][5]",
    "{a = 1}.b",
    "[for x in [1, 2, 3] : x * 2]",
    "[for i, x in [\"a\", \"b\"] : \"${i}${x}\"]",
    "{for x in [\"a\", \"b\"] : x => upper(x)}",
    "[for x in [1, 2, 3, 4] : x if x % 2 == 0]",
    "{for k, v in {a = 1, b = 2} : v => k}",
    "{for x in [\"a\", \"ab\", \"b\"] : substr(x, 0, 1) => x...}",
    "{for x in [\"a\", \"a\"] : x => 1}",
    "[for k, v in {b = 2, a = 1} : k]",
    "[for x in \"str\" : x]",
    // strings
    "format(\"%s-%d\", \"a\", 5)",
    "format(\"%5.2f|%-4d|%q\", 3.14159, 7, \"x\")",
    "format(\"%v\", [1, \"a\"])",
    "format(\"%e\", 12345.678)",
    "format(\"%x %X %o %b\", 255, 255, 8, 5)",
    "format(\"%05d\", 42)",
    "format(\"%+d\", 3)",
    "format(\"%t\", true)",
    "format(\"%%\")",
    "format(\"%s\")",
    "format(\"%d\", 1.5)",
    "format(\"%[2]s %[1]s\", \"a\", \"b\")",
    "format(\"%.3s\", \"abcdef\")",
    "format(\"%8.3f\", -3.14159)",
    "format(\"%s\", 1.5)",
    "format(\"%v\", {a = 1})",
    "formatlist(\"%s=%s\", [\"a\", \"b\"], [\"1\", \"2\"])",
    "formatlist(\"x-%s\", [\"a\", \"b\"])",
    "join(\",\", [\"a\", \"b\", \"c\"])",
    "join(\"-\", [\"a\"], [\"b\", \"c\"])",
    "join(\",\", [])",
    "split(\",\", \"a,b,,c\")",
    "split(\",\", \"\")",
    "lower(\"HeLLo\")",
    "upper(\"straße\")",
    "title(\"hello world-foo\")",
    "replace(\"a-b-c\", \"-\", \"_\")",
    "replace(\"hello world\", \"/o(.)/\", \"0$1\")",
    "substr(\"hello\", 1, 3)",
    "substr(\"hello\", -3, -1)",
    "substr(\"hello\", 10, 2)",
    "substr(\"héllo\", 1, 2)",
    "trimspace(\"  a b \\n\")",
    "trim(\"?!hello?!\", \"!?\")",
    "trimprefix(\"helloworld\", \"hello\")",
    "trimsuffix(\"helloworld\", \"world\")",
    "startswith(\"hello\", \"he\")",
    "endswith(\"hello\", \"lo\")",
    "strrev(\"abc\")",
    "chomp(\"a\\n\\n\")",
    "indent(2, \"a\\nb\\nc\")",
    "regex(\"[a-z]+\", \"123abc456\")",
    "regex(\"(\\\\d+)-(\\\\d+)\", \"10-20\")",
    "regex(\"(?P<k>[a-z]+)=(?P<v>\\\\d+)\", \"x=1\")",
    "regexall(\"\\\\d\", \"a1b2c3\")",
    "regex(\"z\", \"abc\")",
    "strcontains(\"hello\", \"ell\")",
    "length(\"héllo\")",
    // collections
    "length([1, 2, 3])",
    "length({a = 1})",
    "length(null)",
    "element([\"a\", \"b\", \"c\"], 4)",
    "element([], 0)",
    "concat([1], [2, 3], [])",
    "merge({a = 1}, {b = 2}, {a = 3})",
    "merge({a = 1}, null)",
    "lookup({a = 1}, \"a\", 0)",
    "lookup({a = 1}, \"b\", 0)",
    "lookup({a = 1}, \"b\")",
    "contains([\"a\", \"b\"], \"b\")",
    "contains([1, 2], \"1\")",
    "keys({b = 1, a = 2})",
    "values({b = 1, a = 2})",
    "flatten([[1, [2]], 3, []])",
    "distinct([1, 2, 1, 3, 2])",
    "compact([\"a\", \"\", null, \"b\"])",
    "zipmap([\"a\", \"b\"], [1, 2])",
    "zipmap([\"a\"], [1, 2])",
    "range(3)",
    "range(1, 4)",
    "range(0, 10, 3)",
    "range(5, 1)",
    "range(1, 2, 0.5)",
    "range(0, 1, -1)",
    "slice([1, 2, 3, 4], 1, 3)",
    "slice([1], 0, 5)",
    "reverse([1, 2, 3])",
    "sort([\"c\", \"a\", \"b\"])",
    "sort([\"10\", \"9\"])",
    "index([\"a\", \"b\"], \"b\")",
    "index([\"a\"], \"z\")",
    "coalesce(\"\", null, \"x\")",
    "coalesce(null, 2)",
    "coalesce(\"\", \"\")",
    "coalescelist([], [1], [2])",
    "one([])",
    "one([5])",
    "one([1, 2])",
    "chunklist([1, 2, 3, 4, 5], 2)",
    "chunklist([1, 2], 0)",
    "transpose({a = [\"1\", \"2\"], b = [\"2\"]})",
    "matchkeys([\"a\", \"b\", \"c\"], [1, 2, 3], [1, 3])",
    "alltrue([true, \"true\"])",
    "alltrue([])",
    "anytrue([false, true])",
    "anytrue([])",
    "sum([1, 2.5, 3])",
    "sum([])",
    "setunion([\"b\", \"a\"], [\"c\", \"a\"])",
    "setintersection([\"a\", \"b\"], [\"b\", \"c\"])",
    "setsubtract([\"a\", \"b\"], [\"b\"])",
    "setproduct([\"a\", \"b\"], [1, 2])",
    "element([1, 2, 3], 1)",
    "keys({})",
    // type conversion
    "tolist([\"a\", 1, true])",
    "toset([\"b\", \"a\", \"b\"])",
    "toset([3, 1, 2, 1])",
    "tomap({a = 1, b = \"x\"})",
    "tonumber(\"42\")",
    "tonumber(\"4.5e1\")",
    "tonumber(\"x\")",
    "tonumber(null)",
    "tostring(5)",
    "tostring(true)",
    "tostring([1])",
    "tobool(\"true\")",
    "tobool(\"yes\")",
    "tobool(null)",
    "length(toset([\"a\", \"a\"]))",
    // numeric
    "min(3, 1, 2)",
    "max(3, 1, 2)",
    "max()",
    "abs(-4.5)",
    "ceil(1.2)",
    "floor(-1.2)",
    "pow(2, 10)",
    "signum(-3)",
    "log(8, 2)",
    "parseint(\"ff\", 16)",
    "parseint(\"-101\", 2)",
    "parseint(\"zz\", 36)",
    "parseint(\"12\", 1)",
    "min(\"3\", 2)",
    "ceil(5)",
    // encoding
    "jsonencode({a = [1, \"x<y>&\", null, true], b = 1.5})",
    "jsonencode(\"line\\nbreak\")",
    "jsondecode(\"{\\\"a\\\": [1, 2]}\")",
    "jsondecode(\"[1, true, null, \\\"s\\\"]\")",
    "jsondecode(\"nope\")",
    "base64encode(\"hello\")",
    "base64decode(\"aGVsbG8=\")",
    "base64decode(\"!!\")",
    "urlencode(\"a b&c=d/é\")",
    // network
    "cidrsubnet(\"10.0.0.0/16\", 8, 3)",
    "cidrsubnet(\"10.0.0.0/16\", 8, 300)",
    "cidrsubnet(\"fd00::/56\", 8, 5)",
    "cidrhost(\"10.0.0.0/24\", 5)",
    "cidrhost(\"10.0.0.0/24\", -1)",
    "cidrhost(\"10.0.0.0/30\", 9)",
    "cidrnetmask(\"10.0.0.0/12\")",
    "cidrsubnets(\"10.0.0.0/16\", 4, 4, 8, 4)",
    "cidrsubnets(\"10.1.0.0/16\", 8, 8)",
    "cidrsubnet(\"10.0.0.0/33\", 1, 1)",
    // try / can
    "try(1 / 0, \"fallback\")",
    "try([1][3], [2][0])",
    "can([1][3])",
    "can(tonumber(\"5\"))",
    "try(tonumber(\"x\"), tonumber(\"y\"))",
    // more forms: null splats, nested for, numbers in strings, conversions in operators
    "null[*]",
    "[null][*]",
    "{a = 1}[*]",
    "\"${1.5e3}\"",
    "\"${0.5}\"",
    "\"${-0}\"",
    "1e3 == 1000",
    "[for x in [[1, 2], [3]] : [for y in x : y * 10]]",
    "{for k, v in {a = [1], b = [2, 3]} : k => length(v)}",
    "[for x in range(10) : x if x > 7]",
    "length([for x in {} : x])",
    "\"${\"a\"}${1}${true}\"",
    "tolist(toset([\"b\", \"a\"]))[0]",
    "keys(tomap({b = 1, a = 2}))",
    "merge([{a = 1}, {b = 2}]...)",
    "flatten([for k, v in {x = [1, 2], y = [3]} : [for i in v : \"${k}${i}\"]])",
    "lookup({}, \"k\", null)",
    "jsonencode([1, 2.5, -3, 1e20])",
    "jsondecode(jsonencode({a = {b = [true, null]}}))",
    "try(tonumber(\"x\"), null)",
    "format(\"%-6s|\", \"ab\")",
    "format(\"%6.2f|\", 3.14159)",
    "format(\"%d\", \"12\")",
    "split(\"\", \"abc\")",
    "replace(\"aaa\", \"a\", \"bb\")",
    "substr(\"abc\", 0, 0)",
    "element([\"a\"], 0)",
    "abs(-0)",
    "-1 * 0",
    "upper(\"ǆ\")",
    "title(\"ǆx\")",
    "lower(\"ΑΣ\")",
    "trimspace(\"\\u00a0x\\u00a0\")",
    "cidrsubnet(\"10.0.0.0/8\", 0, 0)",
    "cidrhost(\"fd00::/120\", 10)",
    "cidrsubnets(\"fd00::/48\", 16, 16)",
    "coalesce(1, \"a\")",
    "concat([1], [\"a\"])",
    "distinct([\"1\", 1])",
    "contains([[1]], [1])",
    // function expansion
    "min([5, 2, 8]...)",
    "concat([[1], [2]]...)",
    "format(\"%s %s\", [\"a\", \"b\"]...)",
];

/// This engine's answer: the JSON of the value, or "!ERR".
fn ours(expr: &str) -> String {
    let f = parse_str(&format!("x = {expr}\n"), "case.tf");
    if f.has_errors() {
        return "!ERR".into();
    }
    let Some(a) = f.body.attribute("x") else {
        return "!ERR".into();
    };
    let resolver = orbis_hcl::eval::NoReferences;
    match Evaluator::new(&resolver).try_eval(&a.expr) {
        Ok(v) if v.is_known() => v.to_json().to_string(),
        Ok(_) => "!UNKNOWN".into(),
        Err(_) => "!ERR".into(),
    }
}

/// Runs one console process for a batch; `None` if the batch as a whole failed. It runs in
/// an empty directory of its own: `terraform console` loads the configuration of its working
/// directory, so any stray `.tf` file in a shared temp folder would fail every batch.
fn console_batch(exprs: &[&str]) -> Option<Vec<String>> {
    let empty = tempfile::tempdir().ok()?;
    console_batch_in(exprs, empty.path())
}

/// Runs one console process in `dir` (a module whose variables and locals are in scope).
fn console_batch_in(exprs: &[&str], dir: &std::path::Path) -> Option<Vec<String>> {
    let items: Vec<String> = exprs
        .iter()
        .map(|e| format!("try(jsonencode({e}), \"!ERR\")"))
        .collect();
    let input = format!("jsonencode([{}])\n", items.join(", "));
    let mut child = Command::new("terraform")
        .arg("console")
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .env("CHECKPOINT_DISABLE", "1")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(input.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().rev().find(|l| l.starts_with('"'))?;
    // The console prints an HCL string literal holding our JSON array of JSON strings.
    let outer: String =
        serde_json::from_str(&line.replace("${", "$${").replace("$${", "${")).ok()?;
    serde_json::from_str::<Vec<String>>(&outer).ok()
}

/// Terraform's answers, bisecting batches that fail statically (unknown function, arity).
fn terraform(exprs: &[&str], out: &mut Vec<String>) {
    if exprs.is_empty() {
        return;
    }
    if let Some(results) = console_batch(exprs) {
        if results.len() == exprs.len() {
            out.extend(results);
            return;
        }
    }
    if exprs.len() == 1 {
        out.push("!ERR".into());
        return;
    }
    let mid = exprs.len() / 2;
    terraform(&exprs[..mid], out);
    terraform(&exprs[mid..], out);
}

fn json_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs())
        }
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

fn agree(ours: &str, theirs: &str) -> bool {
    if ours.starts_with('!') || theirs.starts_with('!') {
        return ours == theirs;
    }
    match (
        serde_json::from_str::<serde_json::Value>(ours),
        serde_json::from_str::<serde_json::Value>(theirs),
    ) {
        (Ok(a), Ok(b)) => json_equal(&a, &b),
        _ => false,
    }
}

#[test]
fn agrees_with_terraform_console() {
    let available = Command::new("terraform")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        println!("SKIPPED: differential test needs `terraform` on PATH (not found)");
        return;
    }
    let mut theirs = Vec::new();
    for batch in CASES.chunks(60) {
        terraform(batch, &mut theirs);
    }
    assert_eq!(theirs.len(), CASES.len());
    let mut agreed = 0;
    let mut report = Vec::new();
    for (expr, t) in CASES.iter().zip(&theirs) {
        let o = ours(expr);
        if agree(&o, t) {
            agreed += 1;
        } else {
            report.push(format!(
                "  {expr}\n      terraform: {t}\n      orbis:     {o}"
            ));
        }
    }
    let rate = agreed as f64 / CASES.len() as f64;
    println!(
        "differential vs terraform console: {agreed}/{} agree ({:.1}%)",
        CASES.len(),
        rate * 100.0
    );
    for r in &report {
        println!("{r}");
    }
    let errors_in_both = CASES
        .iter()
        .zip(&theirs)
        .filter(|(e, t)| t.as_str() == "!ERR" && ours(e) == "!ERR")
        .count();
    println!("  ({errors_in_both} of the agreeing cases are errors in both)");
    // Known differences (see README): `try` catching a division by zero, exponent literals
    // without a fraction (`1e3`, not in the tree-sitter-hcl 1.1.0 grammar: a syntax error
    // here), and Unicode title case (`title("ǆ")`).
    assert!(rate >= 0.98, "agreement {:.1}% below 98%", rate * 100.0);
}

#[test]
fn value_json_round_trip_is_stable() {
    let v = Value::from_json(&serde_json::json!({"a": [1, 2.5, "x", null, true]}));
    assert_eq!(Value::from_json(&v.to_json()), v);
}

/// A module with variables (defaults, `terraform.tfvars`, type conversion) and locals that
/// use them: each local is evaluated by `terraform console` in that directory and by `Module`.
const MODULE: &str = r#"
variable "env" { default = "dev" }
variable "n" { type = number }
variable "zones" { default = ["a", "b", "c"] }
variable "tags" {
  default = { team = "core" }
}
variable "enabled" { type = bool }
locals {
  name     = "${var.env}-app"
  double   = var.n * 2
  tags     = merge(var.tags, { env = var.env, name = local.name })
  subnets  = [for i, z in var.zones : cidrsubnet("10.0.0.0/16", 8, i)]
  by_zone  = { for i, z in var.zones : z => local.subnets[i] }
  flag     = var.enabled ? "on" : "off"
  first    = element(var.zones, var.n)
  joined   = join(",", [for k, v in local.tags : "${k}=${v}"])
  maybe    = try(var.tags.missing, "default")
  count_of = length(local.by_zone) + var.n
  upper    = { for k, v in local.tags : upper(k) => v if k != "team" }
  nested   = { a = { b = [local.double, local.flag] } }
  n_str    = tostring(var.n)
  env_up   = upper(var.env)
}
"#;

const LOCALS: &[&str] = &[
    "name", "double", "tags", "subnets", "by_zone", "flag", "first", "joined", "maybe", "count_of",
    "upper", "nested", "n_str", "env_up",
];

#[test]
fn module_locals_agree_with_terraform_console() {
    let available = Command::new("terraform")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        println!("SKIPPED: module differential test needs `terraform` on PATH (not found)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("main.tf"), MODULE).expect("write");
    std::fs::write(
        tmp.path().join("terraform.tfvars"),
        "n = \"4\"\nenabled = \"true\"\nenv = \"prod\"\n",
    )
    .expect("write");
    let exprs: Vec<String> = LOCALS.iter().map(|l| format!("local.{l}")).collect();
    let refs: Vec<&str> = exprs.iter().map(String::as_str).collect();
    let theirs = console_batch_in(&refs, tmp.path()).expect("terraform console answered");
    let m = orbis_hcl::Module::load(tmp.path(), &orbis_hcl::ModuleOptions::default());
    let mut agreed = 0;
    for (name, t) in LOCALS.iter().zip(&theirs) {
        let v = m.local(name);
        let ours = if v.is_known() {
            v.to_json().to_string()
        } else {
            "!UNKNOWN".to_string()
        };
        if agree(&ours, t) {
            agreed += 1;
        } else {
            println!("  local.{name}\n      terraform: {t}\n      orbis:     {ours}");
        }
    }
    println!(
        "module locals vs terraform console: {agreed}/{} agree",
        LOCALS.len()
    );
    assert_eq!(agreed, LOCALS.len());
}
