//! Reference resolution inside a module: `var`, `local`, `count`, `each`, `path`,
//! `terraform`, `module.<call>.<output>`, `data.*` and resources. Resource attributes set in
//! the configuration evaluate to their configured value; anything a provider computes is
//! `Unknown`. Nested resolutions share a budget of hops so reference cycles end.

use super::expand::{Expansion, InstanceKey};
use super::Module;
use crate::ast::Step;
use crate::eval::{Evaluator, Resolver};
use crate::value::Value;
use std::cell::Cell;

/// How many nested reference resolutions one top-level evaluation may perform.
pub const MAX_HOPS: u32 = 20_000;
/// How deep references may chain (resource -> local -> resource ...).
const MAX_CHAIN: u32 = 32;

/// The context an expression is evaluated in: a module, and the `count.index`/`each` of the
/// instance being evaluated, plus extra names (dynamic block iterators).
pub struct Scope<'m> {
    pub(crate) module: &'m Module,
    pub(crate) expansion: Option<&'m Expansion>,
    pub(crate) owned_expansion: Option<Expansion>,
    pub(crate) bindings: Vec<(String, Value)>,
    pub(crate) budget: &'m Cell<u32>,
    pub(crate) chain: u32,
}

impl<'m> Scope<'m> {
    fn expansion(&self) -> Option<&Expansion> {
        self.owned_expansion.as_ref().or(self.expansion)
    }

    /// Evaluates `expr` in this scope; failures are `Unknown`.
    pub fn eval(&self, expr: &crate::ast::Expr) -> Value {
        let mut ev = Evaluator::new(self);
        for (n, v) in &self.bindings {
            ev.bind(n, v.clone());
        }
        ev.eval(expr)
    }

    fn spend(&self) -> bool {
        let left = self.budget.get();
        if left == 0 || self.chain >= MAX_CHAIN {
            return false;
        }
        self.budget.set(left - 1);
        true
    }

    /// A scope for evaluating something else in `module` with `expansion`.
    pub(crate) fn nested<'a>(
        &'a self,
        module: &'a Module,
        expansion: Option<Expansion>,
    ) -> Scope<'a> {
        Scope {
            module,
            expansion: None,
            owned_expansion: expansion,
            bindings: Vec::new(),
            budget: self.budget,
            chain: self.chain + 1,
        }
    }
}

fn attr_name(step: Option<&Step>) -> Option<&str> {
    match step {
        Some(Step::Attr(id)) => Some(&id.name),
        _ => None,
    }
}

impl Resolver for Scope<'_> {
    fn resolve(&self, root: &str, steps: &[Step], ev: &mut Evaluator) -> Option<(Value, usize)> {
        let m = self.module;
        match root {
            "var" => match attr_name(steps.first()) {
                Some(n) => Some((m.variables.get(n).cloned().unwrap_or(Value::Unknown), 1)),
                None => Some((Value::Map(m.variables.clone()), 0)),
            },
            "local" => match attr_name(steps.first()) {
                Some(n) => {
                    let v = if self.spend() {
                        m.local_value(n, self)
                    } else {
                        Value::Unknown
                    };
                    Some((v, 1))
                }
                None => Some((Value::Unknown, 0)),
            },
            "count" => match (
                attr_name(steps.first()),
                self.expansion().and_then(|e| e.count_index.clone()),
            ) {
                (Some("index"), Some(i)) => Some((i, 1)),
                _ => Some((Value::Unknown, steps.len())),
            },
            "each" => {
                let each = self.expansion().and_then(|e| e.each.clone());
                match (attr_name(steps.first()), each) {
                    (Some("key"), Some((k, _))) => Some((k, 1)),
                    (Some("value"), Some((_, v))) => Some((v, 1)),
                    _ => Some((Value::Unknown, steps.len())),
                }
            }
            "path" => match attr_name(steps.first()) {
                Some("module") => Some((Value::String(m.path_module.clone()), 1)),
                Some("root") => Some((Value::String(m.path_root.clone()), 1)),
                Some("cwd") => Some((Value::String(m.path_root.clone()), 1)),
                _ => Some((Value::Unknown, steps.len())),
            },
            "terraform" => match attr_name(steps.first()) {
                Some("workspace") => Some((Value::string("default"), 1)),
                _ => Some((Value::Unknown, steps.len())),
            },
            "module" => {
                let Some(name) = attr_name(steps.first()) else {
                    return Some((Value::Unknown, steps.len()));
                };
                if !self.spend() {
                    return Some((Value::Unknown, steps.len()));
                }
                Some(m.module_call_value(name, &steps[1..], self, ev))
            }
            "data" | "self" | "resource" | "ephemeral" => Some((Value::Unknown, steps.len())),
            _ => {
                let name = attr_name(steps.first())?;
                let decl = m.managed_index.get(&(root.to_string(), name.to_string()))?;
                if !self.spend() {
                    return Some((Value::Unknown, steps.len()));
                }
                Some(resource_reference(self, *decl, &steps[1..], ev))
            }
        }
    }
}

/// `TYPE.NAME[key].attr`: the configured value of `attr` on that instance, else unknown.
fn resource_reference(
    scope: &Scope,
    decl: usize,
    rest: &[Step],
    ev: &mut Evaluator,
) -> (Value, usize) {
    let m = scope.module;
    let Some(r) = m.resource_decls.get(decl) else {
        return (Value::Unknown, rest.len() + 1);
    };
    let all = 1 + rest.len();
    let (expansion, after) = if r.expanded {
        let Some(Step::Index(key_expr, _)) = rest.first() else {
            return (Value::Unknown, all);
        };
        let key = match ev.try_eval(key_expr) {
            Ok(k) => k,
            Err(_) => return (Value::Unknown, all),
        };
        let found = r.expansions.iter().find(|e| match (&e.key, &key) {
            (InstanceKey::Index(i), k) => k.as_f64() == Some(*i as f64),
            (InstanceKey::Key(s), Value::String(k)) => s == k,
            _ => false,
        });
        match found {
            Some(e) => (Some(e.clone()), 1),
            None => return (Value::Unknown, all),
        }
    } else {
        (None, 0)
    };
    let Some(attr) = attr_name(rest.get(after)) else {
        return (Value::Unknown, all);
    };
    let body = &m.block_of(r).body;
    match body.attribute(attr) {
        Some(a) => {
            let expansion = expansion.or_else(|| r.expansions.first().cloned());
            let key = expansion
                .as_ref()
                .map_or(InstanceKey::None, |e| e.key.clone());
            let v = m.resource_attr_value(decl, &key, attr, || {
                scope.nested(m, expansion).eval(&a.expr)
            });
            (v, 1 + after + 1)
        }
        None => (Value::Unknown, all),
    }
}
