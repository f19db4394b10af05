//! Runs rules over a loaded workspace. Resources are indexed by type once; each rule only
//! visits the types it declares, so adding rules costs little. Rules run in parallel (rayon).

use crate::config::Config;
use crate::finding::Finding;
use crate::model::Workspace;
use crate::rule::{Ctx, Rule, RuleMeta, Sink};
use crate::suppress;
use rayon::prelude::*;
use std::collections::HashMap;

pub type TypeIndex = HashMap<String, Vec<usize>>;

/// Managed resources by type; data sources under `data.<type>` so resource rules never see
/// them unless they ask (`data.aws_iam_policy_document`).
pub fn index_by_type(ws: &Workspace) -> TypeIndex {
    let mut index: TypeIndex = HashMap::new();
    for (i, r) in ws.resources.iter().enumerate() {
        let key = if r.is_data {
            format!("data.{}", r.rtype)
        } else {
            r.rtype.clone()
        };
        index.entry(key).or_default().push(i);
    }
    index
}

/// Run `rules` (already filtered by the config) and return their findings, with severity
/// overrides applied and suppressed findings marked (not removed), sorted by file and line.
pub fn run(ws: &Workspace, config: &Config, rules: &[&'static dyn Rule]) -> Vec<Finding> {
    run_rules(ws, config, rules, true)
}

/// [`run`] on the calling thread only: for the editor's keystrokes, where the rules of one
/// module take about a millisecond and handing them to the thread pool costs more at the tail
/// (its threads must wake, and wait behind Problems or indexing work already on the pool).
pub fn run_on_caller(ws: &Workspace, config: &Config, rules: &[&'static dyn Rule]) -> Vec<Finding> {
    run_rules(ws, config, rules, false)
}

fn run_rules(
    ws: &Workspace,
    config: &Config,
    rules: &[&'static dyn Rule],
    parallel: bool,
) -> Vec<Finding> {
    let index = index_by_type(ws);
    let k8s_index = {
        let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, o) in ws.k8s.iter().enumerate() {
            m.entry(o.kind.as_str()).or_default().push(i);
        }
        m
    };
    let cx = Ctx {
        ws,
        config,
        index: &index,
    };
    let check = |rule: &&'static dyn Rule| {
        let mut out = Vec::new();
        let meta = rule.meta();
        for t in rule.resource_types() {
            for &i in index.get(*t).into_iter().flatten() {
                let r = &ws.resources[i];
                let mut sink = Sink::new(meta, r.file, r.address.clone(), r.body.span, &mut out);
                rule.check_resource(r, &cx, &mut sink);
            }
        }
        for kind in rule.k8s_kinds() {
            for &i in k8s_index.get(*kind).into_iter().flatten() {
                let o = &ws.k8s[i];
                let addr = format!("{}.{}", o.kind, o.name);
                let mut sink = Sink::new(meta, o.file, addr, o.body.span, &mut out);
                rule.check_k8s(o, &cx, &mut sink);
            }
        }
        rule.check_workspace(&cx, &mut out);
        out
    };
    let mut findings: Vec<Finding> = if parallel {
        rules.par_iter().map(check).flatten().collect()
    } else {
        rules.iter().map(check).flatten().collect()
    };

    for f in &mut findings {
        f.severity = config.severity_of(f.rule_id, f.severity);
    }
    let metas: HashMap<&str, &'static RuleMeta> =
        rules.iter().map(|r| (r.meta().id, r.meta())).collect();
    suppress::apply(
        &mut findings,
        &|file| suppress::scan(&ws.files[file].text),
        &|id| metas.get(id).copied(),
    );
    findings.sort_by(|a, b| {
        (
            a.file,
            a.span.start_line,
            a.span.start_col,
            a.rule_id,
            &a.resource,
        )
            .cmp(&(
                b.file,
                b.span.start_line,
                b.span.start_col,
                b.rule_id,
                &b.resource,
            ))
    });
    findings
}
