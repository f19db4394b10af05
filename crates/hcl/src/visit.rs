//! Walking expression trees. Depth is bounded even though the converter already bounds it,
//! so a hand-built tree cannot overflow the stack either.

use crate::ast::{static_step, step_span, Expr, ExprKind, Reference, Step, TemplatePart};

const MAX_WALK_DEPTH: usize = 512;

pub(crate) fn walk_expr<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr), depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    crate::stack::guard(|| walk_children(e, f, depth))
}

fn walk_children<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr), depth: usize) {
    f(e);
    let d = depth + 1;
    match &e.kind {
        ExprKind::Template(parts) => walk_parts(parts, f, d),
        ExprKind::Traversal { target, steps } => {
            walk_expr(target, f, d);
            walk_steps(steps, f, d);
        }
        ExprKind::Call { args, .. } => args.iter().for_each(|a| walk_expr(a, f, d)),
        ExprKind::Unary { operand, .. } => walk_expr(operand, f, d),
        ExprKind::Binary { lhs, rhs, .. } => {
            walk_expr(lhs, f, d);
            walk_expr(rhs, f, d);
        }
        ExprKind::Conditional {
            cond,
            then,
            otherwise,
        } => {
            walk_expr(cond, f, d);
            walk_expr(then, f, d);
            walk_expr(otherwise, f, d);
        }
        ExprKind::Tuple(items) => items.iter().for_each(|a| walk_expr(a, f, d)),
        ExprKind::Object(items) => items.iter().for_each(|it| {
            walk_expr(&it.key, f, d);
            walk_expr(&it.value, f, d);
        }),
        ExprKind::For(fe) => {
            walk_expr(&fe.collection, f, d);
            if let Some(k) = &fe.key {
                walk_expr(k, f, d);
            }
            walk_expr(&fe.value, f, d);
            if let Some(c) = &fe.cond {
                walk_expr(c, f, d);
            }
        }
        ExprKind::Parens(inner) => walk_expr(inner, f, d),
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Number(_)
        | ExprKind::String(_)
        | ExprKind::Variable(_)
        | ExprKind::Invalid => {}
    }
}

fn walk_steps<'a>(steps: &'a [Step], f: &mut dyn FnMut(&'a Expr), depth: usize) {
    for s in steps {
        match s {
            Step::Attr(_) => {}
            Step::Index(e, _) => walk_expr(e, f, depth),
            Step::Splat { steps, .. } => walk_steps(steps, f, depth + 1),
        }
    }
}

fn walk_parts<'a>(parts: &'a [TemplatePart], f: &mut dyn FnMut(&'a Expr), depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    for p in parts {
        match p {
            TemplatePart::Literal(_) => {}
            TemplatePart::Interpolation(e) => walk_expr(e, f, depth),
            TemplatePart::If {
                cond,
                then,
                otherwise,
            } => {
                walk_expr(cond, f, depth);
                walk_parts(then, f, depth + 1);
                walk_parts(otherwise, f, depth + 1);
            }
            TemplatePart::For {
                collection, body, ..
            } => {
                walk_expr(collection, f, depth);
                walk_parts(body, f, depth + 1);
            }
        }
    }
}

/// Collects references, skipping names bound by enclosing for-expressions (`bound`).
pub(crate) fn collect_references(e: &Expr, bound: &mut Vec<String>, out: &mut Vec<Reference>) {
    collect(e, bound, out, 0)
}

fn collect(e: &Expr, bound: &mut Vec<String>, out: &mut Vec<Reference>, depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    crate::stack::guard(|| collect_inner(e, bound, out, depth))
}

fn collect_inner(e: &Expr, bound: &mut Vec<String>, out: &mut Vec<Reference>, depth: usize) {
    let d = depth + 1;
    match &e.kind {
        ExprKind::Variable(id) => {
            if !bound.contains(&id.name) {
                out.push(Reference {
                    parts: vec![crate::ast::RefPart::Name(id.name.clone())],
                    spans: vec![id.span],
                    span: e.span,
                });
            }
        }
        ExprKind::Traversal { target, steps } => {
            // The longest static prefix is the reference; dynamic index expressions inside
            // are references of their own.
            if let ExprKind::Variable(id) = &target.kind {
                if !bound.contains(&id.name) {
                    let mut r = Reference {
                        parts: vec![crate::ast::RefPart::Name(id.name.clone())],
                        spans: vec![id.span],
                        span: target.span,
                    };
                    for s in steps {
                        match static_step(s) {
                            Some(p) => {
                                r.parts.push(p);
                                r.spans.push(step_span(s));
                                r.span = r.span.to(&step_span(s));
                            }
                            None => break,
                        }
                    }
                    out.push(r);
                }
            } else {
                collect(target, bound, out, d);
            }
            collect_steps(steps, bound, out, d);
        }
        ExprKind::For(fe) => {
            collect(&fe.collection, bound, out, d);
            let n = bound.len();
            bound.push(fe.value_var.name.clone());
            if let Some(k) = &fe.key_var {
                bound.push(k.name.clone());
            }
            if let Some(k) = &fe.key {
                collect(k, bound, out, d);
            }
            collect(&fe.value, bound, out, d);
            if let Some(c) = &fe.cond {
                collect(c, bound, out, d);
            }
            bound.truncate(n);
        }
        ExprKind::Template(parts) => collect_parts(parts, bound, out, d),
        _ => {
            // Other nodes: recurse into direct children only.
            let mut children: Vec<&Expr> = Vec::new();
            match &e.kind {
                ExprKind::Call { args, .. } => children.extend(args.iter()),
                ExprKind::Unary { operand, .. } => children.push(operand),
                ExprKind::Binary { lhs, rhs, .. } => children.extend([&**lhs, &**rhs]),
                ExprKind::Conditional {
                    cond,
                    then,
                    otherwise,
                } => children.extend([&**cond, &**then, &**otherwise]),
                ExprKind::Tuple(items) => children.extend(items.iter()),
                ExprKind::Object(items) => {
                    for it in items {
                        // A bare identifier key is a name, not a reference.
                        if !matches!(it.key.kind, ExprKind::Variable(_)) {
                            children.push(&it.key);
                        }
                        children.push(&it.value);
                    }
                }
                ExprKind::Parens(inner) => children.push(inner),
                _ => {}
            }
            for c in children {
                collect(c, bound, out, d);
            }
        }
    }
}

fn collect_steps(steps: &[Step], bound: &mut Vec<String>, out: &mut Vec<Reference>, depth: usize) {
    for s in steps {
        match s {
            Step::Attr(_) => {}
            Step::Index(e, _) => {
                if static_step(s).is_none() {
                    collect(e, bound, out, depth)
                }
            }
            Step::Splat { steps, .. } => collect_steps(steps, bound, out, depth + 1),
        }
    }
}

fn collect_parts(
    parts: &[TemplatePart],
    bound: &mut Vec<String>,
    out: &mut Vec<Reference>,
    depth: usize,
) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    for p in parts {
        match p {
            TemplatePart::Literal(_) => {}
            TemplatePart::Interpolation(e) => collect(e, bound, out, depth),
            TemplatePart::If {
                cond,
                then,
                otherwise,
            } => {
                collect(cond, bound, out, depth);
                collect_parts(then, bound, out, depth + 1);
                collect_parts(otherwise, bound, out, depth + 1);
            }
            TemplatePart::For {
                key_var,
                value_var,
                collection,
                body,
            } => {
                collect(collection, bound, out, depth);
                let n = bound.len();
                bound.push(value_var.name.clone());
                if let Some(k) = key_var {
                    bound.push(k.name.clone());
                }
                collect_parts(body, bound, out, depth + 1);
                bound.truncate(n);
            }
        }
    }
}
