//! Expression evaluation. Bounded: expression depth, total work and the size of values built
//! (see [`Limits`]) so no input can hang or exhaust memory. References are answered by a
//! [`Resolver`] (the module model supplies one); whatever it cannot answer is `Unknown`.

mod convert;
mod ops;
mod traverse;

pub mod functions;

use crate::ast::{Expr, ExprKind, ForExpr, Step, TemplatePart};
use crate::value::Value;
use std::collections::BTreeMap;

pub use convert::{to_bool, to_number, to_string_value};

/// An evaluation error. Public evaluation turns errors into `Unknown`; `try`/`can` observe them.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError(pub String);

pub type EvalResult = Result<Value, EvalError>;

pub(crate) fn err<T>(msg: impl Into<String>) -> Result<T, EvalError> {
    Err(EvalError(msg.into()))
}

/// Bounds of one evaluation.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    /// Abstract work units (one per expression node or produced element).
    pub max_work: u64,
    /// Largest list/string/map any single operation may build.
    pub max_collection: usize,
    pub max_string_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 200,
            max_work: 5_000_000,
            max_collection: 100_000,
            max_string_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Answers the root names of references (`var`, `local`, `aws_s3_bucket`...).
pub trait Resolver {
    /// Resolves `root` followed by `steps`. Returns the value and how many of the steps it
    /// consumed (the evaluator applies the rest), or `None` if the name is unknown here.
    fn resolve(&self, root: &str, steps: &[Step], ev: &mut Evaluator) -> Option<(Value, usize)>;
}

/// A resolver that knows nothing: every reference is `Unknown`.
pub struct NoReferences;

impl Resolver for NoReferences {
    fn resolve(&self, _: &str, _: &[Step], _: &mut Evaluator) -> Option<(Value, usize)> {
        None
    }
}

/// For resolvers that hold whole values: follows the leading `.name` steps through maps that
/// have the key and clones only what they lead to (`var.tags` must not copy every variable),
/// returning it with the number of steps followed. Stops where the evaluator's own step
/// would do something else (a missing key, an index, a splat, not a map), so the result is
/// the same as cloning the root and applying the steps.
pub fn follow_attrs(root: &Value, steps: &[Step]) -> (Value, usize) {
    let mut v = root;
    let mut used = 0;
    for step in steps {
        let (Step::Attr(id), Value::Map(m)) = (step, v) else {
            break;
        };
        let Some(next) = m.get(&id.name) else { break };
        v = next;
        used += 1;
    }
    (v.clone(), used)
}

/// A resolver from a fixed map of root names to values (`{"var": {...}, "local": {...}}`).
pub struct MapResolver(pub BTreeMap<String, Value>);

impl Resolver for MapResolver {
    fn resolve(&self, root: &str, steps: &[Step], _: &mut Evaluator) -> Option<(Value, usize)> {
        self.0.get(root).map(|v| follow_attrs(v, steps))
    }
}

pub struct Evaluator<'r> {
    resolver: &'r dyn Resolver,
    /// Names bound by for-expressions and template `for`s, innermost last.
    bindings: Vec<(String, Value)>,
    depth: usize,
    work: u64,
    pub limits: Limits,
}

/// Evaluates an expression with no references available (literals, functions, operators).
pub fn eval_static(expr: &Expr) -> Value {
    Evaluator::new(&NoReferences).eval(expr)
}

impl<'r> Evaluator<'r> {
    pub fn new(resolver: &'r dyn Resolver) -> Self {
        Evaluator {
            resolver,
            bindings: Vec::new(),
            depth: 0,
            work: 0,
            limits: Limits::default(),
        }
    }

    /// Evaluates; errors become `Unknown`.
    pub fn eval(&mut self, expr: &Expr) -> Value {
        self.try_eval(expr).unwrap_or(Value::Unknown)
    }

    pub fn try_eval(&mut self, expr: &Expr) -> EvalResult {
        if self.depth >= self.limits.max_depth {
            return err("expression nested too deeply");
        }
        self.charge(1)?;
        self.depth += 1;
        let r = crate::stack::guard(|| self.eval_kind(expr));
        self.depth -= 1;
        r
    }

    /// Accounts for `units` of work; fails once the budget is spent.
    pub(crate) fn charge(&mut self, units: u64) -> Result<(), EvalError> {
        self.work = self.work.saturating_add(units);
        if self.work > self.limits.max_work {
            return err("evaluation budget exhausted");
        }
        Ok(())
    }

    pub fn bind(&mut self, name: &str, v: Value) {
        self.bindings.push((name.to_string(), v));
    }

    fn eval_kind(&mut self, expr: &Expr) -> EvalResult {
        match &expr.kind {
            ExprKind::Null => Ok(Value::Null),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Number(n) => Ok(Value::Number(*n)),
            ExprKind::String(s) => Ok(Value::String(s.clone())),
            ExprKind::Template(parts) => self.template(parts),
            ExprKind::Variable(id) => self.traverse_root(&id.name, &[]),
            ExprKind::Traversal { target, steps } => match &target.kind {
                ExprKind::Variable(id) => self.traverse_root(&id.name, steps),
                _ => {
                    let base = self.try_eval(target)?;
                    self.apply_steps(base, steps)
                }
            },
            ExprKind::Call {
                name,
                args,
                expand_final,
            } => self.call(&name.name, args, *expand_final),
            ExprKind::Unary { op, operand } => {
                let v = self.try_eval(operand)?;
                ops::unary(*op, v)
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let l = self.try_eval(lhs)?;
                // `&&`/`||` short-circuit on known values.
                match (op, &l) {
                    (crate::ast::BinaryOp::And, Value::Bool(false)) => {
                        return Ok(Value::Bool(false))
                    }
                    (crate::ast::BinaryOp::Or, Value::Bool(true)) => return Ok(Value::Bool(true)),
                    _ => {}
                }
                let r = self.try_eval(rhs)?;
                ops::binary(*op, l, r)
            }
            ExprKind::Conditional {
                cond,
                then,
                otherwise,
            } => {
                let c = self.try_eval(cond)?;
                match c {
                    Value::Unknown => Ok(Value::Unknown),
                    Value::Null => err("condition is null"),
                    c => match to_bool(&c) {
                        Some(true) => self.try_eval(then),
                        Some(false) => self.try_eval(otherwise),
                        None => err(format!("condition must be bool, not {}", c.type_name())),
                    },
                }
            }
            ExprKind::Tuple(items) => {
                let mut out = Vec::with_capacity(items.len());
                for e in items {
                    out.push(self.try_eval(e)?);
                }
                Ok(Value::List(out))
            }
            ExprKind::Object(items) => {
                let mut out = BTreeMap::new();
                for it in items {
                    let key = match &it.key.kind {
                        ExprKind::Variable(id) => Value::String(id.name.clone()),
                        _ => self.try_eval(&it.key)?,
                    };
                    let value = self.try_eval(&it.value)?;
                    match key {
                        Value::Unknown => return Ok(Value::Unknown),
                        k => match to_string_value(&k) {
                            Some(k) => {
                                out.insert(k, value);
                            }
                            None => {
                                return err(format!(
                                    "object key must be a string, not {}",
                                    k.type_name()
                                ))
                            }
                        },
                    }
                }
                Ok(Value::Map(out))
            }
            ExprKind::For(fe) => self.for_expr(fe),
            ExprKind::Parens(inner) => self.try_eval(inner),
            ExprKind::Invalid => Ok(Value::Unknown),
        }
    }

    fn traverse_root(&mut self, root: &str, steps: &[Step]) -> EvalResult {
        if let Some(i) = self.bindings.iter().rposition(|(n, _)| n == root) {
            let base = self.bindings[i].1.clone();
            return self.apply_steps(base, steps);
        }
        let resolver = self.resolver;
        match resolver.resolve(root, steps, self) {
            Some((v, used)) => self.apply_steps(v, steps.get(used..).unwrap_or(&[])),
            None => Ok(Value::Unknown),
        }
    }

    fn template(&mut self, parts: &[TemplatePart]) -> EvalResult {
        // `"${x}"` alone is `x` itself, keeping its type.
        if let [TemplatePart::Interpolation(e)] = parts {
            return self.try_eval(e);
        }
        let mut out = String::new();
        if !self.template_into(parts, &mut out)? {
            return Ok(Value::Unknown);
        }
        Ok(Value::String(out))
    }

    /// Appends the rendering of `parts`; `Ok(false)` when something is unknown.
    fn template_into(
        &mut self,
        parts: &[TemplatePart],
        out: &mut String,
    ) -> Result<bool, EvalError> {
        for p in parts {
            match p {
                TemplatePart::Literal(s) => out.push_str(s),
                TemplatePart::Interpolation(e) => match self.try_eval(e)? {
                    Value::Unknown => return Ok(false),
                    Value::Null => return err("cannot include a null value in a string template"),
                    v => match v.to_template_string() {
                        Some(s) => out.push_str(&s),
                        None => {
                            return err(format!(
                                "cannot include a {} in a string template",
                                v.type_name()
                            ))
                        }
                    },
                },
                TemplatePart::If {
                    cond,
                    then,
                    otherwise,
                } => match self.try_eval(cond)? {
                    Value::Unknown => return Ok(false),
                    c => match to_bool(&c) {
                        Some(true) => {
                            if !self.template_into(then, out)? {
                                return Ok(false);
                            }
                        }
                        Some(false) => {
                            if !self.template_into(otherwise, out)? {
                                return Ok(false);
                            }
                        }
                        None => return err("template condition must be bool"),
                    },
                },
                TemplatePart::For {
                    key_var,
                    value_var,
                    collection,
                    body,
                } => {
                    let coll = self.try_eval(collection)?;
                    let Some(pairs) = self.iteration_pairs(coll)? else {
                        return Ok(false);
                    };
                    for (k, v) in pairs {
                        let mark = self.bindings.len();
                        if let Some(kv) = key_var {
                            self.bind(&kv.name, k);
                        }
                        self.bind(&value_var.name, v);
                        let ok = self.template_into(body, out);
                        self.bindings.truncate(mark);
                        if !ok? {
                            return Ok(false);
                        }
                    }
                }
            }
            if out.len() > self.limits.max_string_bytes {
                return err("template result too large");
            }
        }
        Ok(true)
    }

    /// Key/value pairs of a collection for `for`; `None` if unknown.
    fn iteration_pairs(&mut self, coll: Value) -> Result<Option<Vec<(Value, Value)>>, EvalError> {
        let pairs: Vec<(Value, Value)> = match coll {
            Value::Unknown => return Ok(None),
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v))
                .collect(),
            Value::Map(m) => m.into_iter().map(|(k, v)| (Value::String(k), v)).collect(),
            Value::Null => return err("cannot iterate over null"),
            v => return err(format!("cannot iterate over a {}", v.type_name())),
        };
        self.charge(pairs.len() as u64)?;
        Ok(Some(pairs))
    }

    fn for_expr(&mut self, fe: &ForExpr) -> EvalResult {
        let coll = self.try_eval(&fe.collection)?;
        let Some(pairs) = self.iteration_pairs(coll)? else {
            return Ok(Value::Unknown);
        };
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for (k, v) in pairs {
            let mark = self.bindings.len();
            if let Some(kv) = &fe.key_var {
                self.bind(&kv.name, k);
            }
            self.bind(&fe.value_var.name, v);
            let r = self.for_element(fe, &mut list, &mut map, &mut groups);
            self.bindings.truncate(mark);
            if !r? {
                return Ok(Value::Unknown);
            }
        }
        Ok(match fe.key {
            None => Value::List(list),
            Some(_) if fe.group => Value::Map(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, Value::List(v)))
                    .collect(),
            ),
            Some(_) => Value::Map(map),
        })
    }

    /// One iteration of a for-expression; `Ok(false)` when the result becomes unknown.
    fn for_element(
        &mut self,
        fe: &ForExpr,
        list: &mut Vec<Value>,
        map: &mut BTreeMap<String, Value>,
        groups: &mut BTreeMap<String, Vec<Value>>,
    ) -> Result<bool, EvalError> {
        if let Some(c) = &fe.cond {
            match self.try_eval(c)? {
                Value::Unknown => return Ok(false),
                c => match to_bool(&c) {
                    Some(true) => {}
                    Some(false) => return Ok(true),
                    None => return err("for condition must be bool"),
                },
            }
        }
        let value = self.try_eval(&fe.value)?;
        match &fe.key {
            None => list.push(value),
            Some(ke) => {
                let key = match self.try_eval(ke)? {
                    Value::Unknown => return Ok(false),
                    k => match to_string_value(&k) {
                        Some(s) => s,
                        None => return err("for-expression key must be a string"),
                    },
                };
                if fe.group {
                    groups.entry(key).or_default().push(value);
                } else {
                    match map.entry(key) {
                        std::collections::btree_map::Entry::Occupied(e) => {
                            return err(format!("duplicate key {:?} in for expression", e.key()));
                        }
                        std::collections::btree_map::Entry::Vacant(e) => {
                            e.insert(value);
                        }
                    }
                }
            }
        }
        if list.len() + map.len() + groups.len() > self.limits.max_collection {
            return err("for-expression result too large");
        }
        Ok(true)
    }

    fn call(&mut self, name: &str, args: &[Expr], expand_final: bool) -> EvalResult {
        // `try` and `can` look at evaluation errors, so they take their arguments unevaluated.
        match name {
            "try" => {
                for a in args {
                    match self.try_eval(a) {
                        Ok(Value::Unknown) => return Ok(Value::Unknown),
                        Ok(v) if v.is_known() => return Ok(v),
                        Ok(_) => return Ok(Value::Unknown),
                        Err(_) => continue,
                    }
                }
                return err("no expression given to try succeeded");
            }
            "can" => {
                let [a] = args else {
                    return err("can takes one argument");
                };
                return match self.try_eval(a) {
                    Ok(v) if !v.is_known() => Ok(Value::Unknown),
                    Ok(_) => Ok(Value::Bool(true)),
                    Err(_) => Ok(Value::Bool(false)),
                };
            }
            _ => {}
        }
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.try_eval(a)?);
        }
        if expand_final {
            match values.pop() {
                Some(Value::List(items)) => values.extend(items),
                Some(Value::Unknown) => return Ok(Value::Unknown),
                Some(_) => return err("the final argument before ... must be a list"),
                None => {}
            }
        }
        functions::call(self, name, values)
    }

    fn apply_steps(&mut self, base: Value, steps: &[Step]) -> EvalResult {
        traverse::apply_steps(self, base, steps)
    }
}
