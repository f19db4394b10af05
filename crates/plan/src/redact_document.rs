//! Redaction of the document's value trees (planned values, prior state, state values) and
//! the by-value scrub pass over everything. Per-change redaction is in `load.rs`.

use crate::model::{DeferredChange, OutputChange, ResourceChange};
use crate::raw::{RawDocument, RawModule, RawResourceChange, RawValues};
use crate::redact::{redact_raw, redact_whole, sensitive_mask, Secrets};
use std::collections::BTreeMap;

/// The by-value pass over every attribute tree of the document (see `scrub.rs`).
pub fn scrub_everything(
    secrets: &Secrets,
    doc: &mut RawDocument,
    changes: &mut [ResourceChange],
    drift: &mut [ResourceChange],
    deferred: &mut [DeferredChange],
    outputs: &mut [OutputChange],
) -> usize {
    let mut n = 0;
    for c in changes
        .iter_mut()
        .chain(drift.iter_mut())
        .chain(deferred.iter_mut().map(|d| &mut d.change))
    {
        n += secrets.scrub_raw(&mut c.before) + secrets.scrub_raw(&mut c.after);
    }
    for o in outputs {
        n += secrets.scrub_raw(&mut o.before) + secrets.scrub_raw(&mut o.after);
    }
    for v in doc.variables.iter_mut().flat_map(|m| m.values_mut()) {
        n += secrets.scrub_raw(&mut v.value);
    }
    for raw in [
        &mut doc.configuration,
        &mut doc.resources,
        &mut doc.modules,
        &mut doc.outputs,
        &mut doc.checks,
    ] {
        n += secrets.scrub_raw(raw);
    }
    let values = [
        doc.planned_values.as_mut(),
        doc.values.as_mut(),
        doc.prior_state.as_mut().and_then(|p| p.values.as_mut()),
    ];
    for v in values.into_iter().flatten() {
        for o in v.outputs.iter_mut().flat_map(|m| m.values_mut()) {
            n += secrets.scrub_raw(&mut o.value);
        }
        if let Some(root) = v.root_module.as_mut() {
            n += scrub_module(secrets, root, 0);
        }
    }
    n
}

fn scrub_module(secrets: &Secrets, module: &mut RawModule, depth: usize) -> usize {
    let mut n: usize = module
        .resources
        .iter_mut()
        .map(|r| secrets.scrub_raw(&mut r.values))
        .sum();
    if depth < 64 {
        n += module
            .child_modules
            .iter_mut()
            .map(|c| scrub_module(secrets, c, depth + 1))
            .sum::<usize>();
    }
    n
}

pub type MaskMap = BTreeMap<String, serde_json::Value>;

/// Sensitivity masks of the changes, by address (only changes that mark something).
pub fn change_masks(changes: &[RawResourceChange]) -> (MaskMap, MaskMap) {
    let (mut before, mut after) = (MaskMap::new(), MaskMap::new());
    for c in changes {
        if let Some(m) = sensitive_mask(c.change.before_sensitive.as_ref()) {
            before.insert(c.address.clone(), m);
        }
        if let Some(m) = sensitive_mask(c.change.after_sensitive.as_ref()) {
            after.insert(c.address.clone(), m);
        }
    }
    (before, after)
}

pub fn redact_values(values: &mut RawValues, masks: &MaskMap, secrets: &mut Secrets) -> usize {
    let mut n = 0;
    for o in values.outputs.iter_mut().flat_map(|m| m.values_mut()) {
        if o.sensitive {
            n += redact_whole(&mut o.value, secrets);
        }
    }
    if let Some(root) = values.root_module.as_mut() {
        n += redact_module(root, masks, secrets, 0);
    }
    n
}

fn redact_module(
    module: &mut RawModule,
    masks: &MaskMap,
    secrets: &mut Secrets,
    depth: usize,
) -> usize {
    let mut n = 0;
    for r in &mut module.resources {
        if let Some(mask) = sensitive_mask(r.sensitive_values.as_ref()) {
            n += redact_raw(&mut r.values, &mask, secrets);
        }
        if let Some(mask) = masks.get(&r.address) {
            n += redact_raw(&mut r.values, mask, secrets);
        }
    }
    if depth < 64 {
        for child in &mut module.child_modules {
            n += redact_module(child, masks, secrets, depth + 1);
        }
    }
    n
}
