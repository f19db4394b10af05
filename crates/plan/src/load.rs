//! Bytes → redacted `Plan`. One typed pass over the JSON (no intermediate `Value` of the
//! whole document), then redaction of just the trees that carry sensitive markers.

use crate::error::LoadError;
use crate::model::{Action, DeferredChange, DocumentKind, OutputChange, Plan, ResourceChange};
use crate::raw::{RawChange, RawDocument, RawResourceChange};
use crate::redact::{redact_raw, redact_whole, sensitive_mask, Secrets};
use crate::redact_document::{change_masks, redact_values, scrub_everything, MaskMap};
use crate::sensitive_changes::changed_sensitive_paths;
use crate::structure::{collect_state_addresses, module_tree, providers_of};
use crate::{config, decode, tfstate};
use std::path::Path;

/// Reads and loads a plan/state file. The label of the result is the path.
///
/// The file is read whole (parsing from a slice is ~3× faster than from a reader) and its
/// bytes are freed as soon as the typed document exists, before the model is built; only
/// the attribute trees' text is kept, once.
pub fn load_file(path: &Path) -> Result<Plan, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| {
        LoadError::new(
            "plan.io",
            format!("cannot read {}: {e}", path.display()),
            "check the path and its permissions",
        )
    })?;
    let doc = parse(&bytes)?;
    drop(bytes);
    build(doc, &path.display().to_string())
}

fn parse(bytes: &[u8]) -> Result<RawDocument, LoadError> {
    let text = decode::json_text(bytes)?;
    serde_json::from_slice(&text).map_err(|e| LoadError::from_json(&e, &text))
}

/// Loads a plan/state document from bytes (UTF-8, UTF-8 with BOM or UTF-16).
pub fn load_bytes(bytes: &[u8], source: &str) -> Result<Plan, LoadError> {
    build(parse(bytes)?, source)
}

fn kind_of(doc: &RawDocument) -> Option<DocumentKind> {
    if doc.plan_format_version.is_some() {
        Some(DocumentKind::RedactedRendererPlan)
    } else if doc.planned_values.is_some()
        || doc.resource_changes.is_some()
        || doc.prior_state.is_some()
        || doc.output_changes.is_some()
        || doc.configuration.is_some()
    {
        Some(DocumentKind::Plan)
    } else if doc.values.is_some() {
        Some(DocumentKind::StateJson)
    } else if doc.version.is_some() {
        Some(DocumentKind::RawState)
    } else if doc.format_version.is_some() {
        // `show -json` of an empty state or a plan without anything in it.
        Some(DocumentKind::StateJson)
    } else {
        None
    }
}

fn build(mut doc: RawDocument, source: &str) -> Result<Plan, LoadError> {
    let kind = kind_of(&doc).ok_or_else(|| {
        LoadError::new(
            "plan.unknown_document",
            "JSON object without any plan or state field (format_version, resource_changes, values, version…)",
            "give the output of `terraform show -json PLANFILE` (plan) or a state file",
        )
    })?;
    let mut redacted = 0;
    let mut secrets = Secrets::default();
    let s = &mut secrets;
    let facts = config::process(&mut doc.configuration, s);
    redacted += facts.redacted;
    if let Some(vars) = doc.variables.as_mut() {
        for name in &facts.sensitive_root_variables {
            if let Some(v) = vars.get_mut(name) {
                redacted += redact_whole(&mut v.value, s);
            }
        }
    }
    // Hand-made or old documents may lack `sensitive_values` in planned/prior values while
    // the matching change has masks: apply those too (after → planned, before → prior).
    let (before_masks, after_masks) =
        change_masks(doc.resource_changes.as_deref().unwrap_or_default());
    if let Some(v) = doc.planned_values.as_mut() {
        redacted += redact_values(v, &after_masks, s);
    }
    if let Some(v) = doc.prior_state.as_mut().and_then(|p| p.values.as_mut()) {
        redacted += redact_values(v, &before_masks, s);
    }
    if let Some(v) = doc.values.as_mut() {
        redacted += redact_values(v, &MaskMap::new(), s);
    }
    let mut state_resources = Vec::new();
    if kind == DocumentKind::RawState {
        let f = tfstate::process(&mut doc, s);
        redacted += f.redacted;
        state_resources = f.resources;
    }

    // Changes move out of the raw document into the model (redacted on the way).
    let mut resource_changes: Vec<ResourceChange> = doc
        .resource_changes
        .take()
        .unwrap_or_default()
        .into_iter()
        .map(|c| to_change(c, &mut redacted, s))
        .collect();
    let mut resource_drift: Vec<ResourceChange> = doc
        .resource_drift
        .take()
        .unwrap_or_default()
        .into_iter()
        .map(|c| to_change(c, &mut redacted, s))
        .collect();
    let mut deferred_changes: Vec<DeferredChange> = doc
        .deferred_changes
        .take()
        .unwrap_or_default()
        .into_iter()
        .map(|d| DeferredChange {
            reason: d.reason,
            change: to_change(d.resource_change, &mut redacted, s),
        })
        .collect();
    let mut output_changes: Vec<OutputChange> = doc
        .output_changes
        .take()
        .unwrap_or_default()
        .into_iter()
        .map(|(name, c)| to_output(name, c, &mut redacted, s))
        .collect();

    // Last: every value redacted above is now known; redact its unmarked copies anywhere.
    if !secrets.is_empty() {
        redacted += scrub_everything(
            &secrets,
            &mut doc,
            &mut resource_changes,
            &mut resource_drift,
            &mut deferred_changes,
            &mut output_changes,
        );
    }
    let providers = providers_of(&resource_changes, &facts.provider_names);
    let modules = module_tree(&resource_changes);
    if state_resources.is_empty() {
        if let Some(root) = doc.values.as_ref().and_then(|v| v.root_module.as_ref()) {
            collect_state_addresses(root, &mut state_resources, 0);
        }
    }
    Ok(Plan {
        source: source.to_owned(),
        kind,
        format_version: doc
            .format_version
            .clone()
            .or_else(|| doc.plan_format_version.clone()),
        terraform_version: doc.terraform_version.clone(),
        resource_changes,
        resource_drift,
        deferred_changes,
        output_changes,
        errored: doc.errored.unwrap_or(false),
        applyable: doc.applyable,
        complete: doc.complete,
        providers,
        modules,
        prevent_destroy: facts.prevent_destroy,
        sensitive_variables: facts.sensitive_root_variables,
        state_resources,
        redacted_values: redacted,
        document: doc,
    })
}

fn to_change(
    raw: RawResourceChange,
    redacted: &mut usize,
    secrets: &mut Secrets,
) -> ResourceChange {
    let RawResourceChange {
        address,
        previous_address,
        module_address,
        mode,
        type_,
        name,
        index,
        deposed,
        provider_name,
        change,
        action_reason,
    } = raw;
    let RawChange {
        actions,
        mut before,
        mut after,
        after_unknown,
        before_sensitive,
        after_sensitive,
        replace_paths,
        importing,
        ..
    } = change;
    let bmask = sensitive_mask(before_sensitive.as_ref());
    let amask = sensitive_mask(after_sensitive.as_ref());
    let mut sensitive_changed_paths = Vec::new();
    if bmask.is_some() || amask.is_some() {
        let parse = |r: &Option<crate::raw::Raw>| {
            r.as_ref()
                .and_then(|r| crate::redact::parse_raw(r))
                .unwrap_or_default()
        };
        let null = serde_json::Value::Null;
        sensitive_changed_paths = changed_sensitive_paths(
            &parse(&before),
            &parse(&after),
            bmask.as_ref().unwrap_or(&null),
            amask.as_ref().unwrap_or(&null),
        );
    }
    if let Some(m) = &bmask {
        *redacted += redact_raw(&mut before, m, secrets);
    }
    if let Some(m) = &amask {
        *redacted += redact_raw(&mut after, m, secrets);
    }
    ResourceChange {
        address,
        previous_address,
        module_address,
        mode,
        resource_type: type_,
        name,
        index,
        deposed,
        provider_name,
        action: Action::from_actions(&actions),
        actions,
        action_reason,
        importing: importing.map(|i| i.id.unwrap_or_default()),
        before,
        after,
        after_unknown,
        replace_paths,
        sensitive_changed_paths,
    }
}

fn to_output(
    name: String,
    c: RawChange,
    redacted: &mut usize,
    secrets: &mut Secrets,
) -> OutputChange {
    let RawChange {
        actions,
        mut before,
        mut after,
        after_unknown,
        before_sensitive,
        after_sensitive,
        ..
    } = c;
    let bmask = sensitive_mask(before_sensitive.as_ref());
    let amask = sensitive_mask(after_sensitive.as_ref());
    let sensitive = bmask.is_some() || amask.is_some();
    if let Some(m) = &bmask {
        *redacted += redact_raw(&mut before, m, secrets);
    }
    if let Some(m) = &amask {
        *redacted += redact_raw(&mut after, m, secrets);
    }
    let after_unknown = after_unknown.as_ref().is_some_and(|u| u.get() == "true");
    OutputChange {
        name,
        action: Action::from_actions(&actions),
        actions,
        sensitive,
        before,
        after,
        after_unknown,
    }
}
