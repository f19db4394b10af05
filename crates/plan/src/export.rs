//! The redacted plan document: the policy input and the "export redacted plan" content.
//! Changes were moved out of the raw document into the model at load; they are written back
//! here in the `show -json` shape (without the sensitivity masks, whose values are gone).

use crate::model::{DocumentKind, OutputChange, Plan, ResourceChange};
use crate::raw::{Raw, RawDocument};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct DocumentView<'a> {
    #[serde(flatten)]
    doc: &'a RawDocument,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_changes: Option<Vec<ChangeView<'a>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    resource_drift: Vec<ChangeView<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deferred_changes: Vec<DeferredView<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    output_changes: BTreeMap<&'a str, ChangeBody<'a>>,
}

#[derive(Serialize)]
struct DeferredView<'a> {
    reason: &'a str,
    resource_change: ChangeView<'a>,
}

#[derive(Serialize)]
struct ChangeView<'a> {
    address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    module_address: Option<&'a str>,
    mode: &'a str,
    #[serde(rename = "type")]
    type_: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<&'a Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deposed: Option<&'a str>,
    provider_name: &'a str,
    change: ChangeBody<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action_reason: Option<&'a str>,
}

#[derive(Serialize)]
struct ChangeBody<'a> {
    actions: &'a [String],
    before: Option<&'a Raw>,
    after: Option<&'a Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after_unknown: Option<&'a Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replace_paths: Option<&'a Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    importing: Option<Importing<'a>>,
}

#[derive(Serialize)]
struct Importing<'a> {
    id: &'a str,
}

fn change_view(c: &ResourceChange) -> ChangeView<'_> {
    ChangeView {
        address: &c.address,
        previous_address: c.previous_address.as_deref(),
        module_address: c.module_address.as_deref(),
        mode: &c.mode,
        type_: &c.resource_type,
        name: &c.name,
        index: c.index.as_ref(),
        deposed: c.deposed.as_deref(),
        provider_name: &c.provider_name,
        change: ChangeBody {
            actions: &c.actions,
            before: c.before.as_ref(),
            after: c.after.as_ref(),
            after_unknown: c.after_unknown.as_ref(),
            replace_paths: c.replace_paths.as_ref(),
            importing: c.importing.as_deref().map(|id| Importing { id }),
        },
        action_reason: c.action_reason.as_deref(),
    }
}

fn output_view(o: &OutputChange) -> ChangeBody<'_> {
    ChangeBody {
        actions: &o.actions,
        before: o.before.as_ref(),
        after: o.after.as_ref(),
        after_unknown: None,
        replace_paths: None,
        importing: None,
    }
}

pub fn redacted_document_json(plan: &Plan) -> String {
    let is_plan = matches!(
        plan.kind,
        DocumentKind::Plan | DocumentKind::RedactedRendererPlan
    );
    let view = DocumentView {
        doc: &plan.document,
        resource_changes: is_plan.then(|| plan.resource_changes.iter().map(change_view).collect()),
        resource_drift: plan.resource_drift.iter().map(change_view).collect(),
        deferred_changes: plan
            .deferred_changes
            .iter()
            .map(|d| DeferredView {
                reason: &d.reason,
                resource_change: change_view(&d.change),
            })
            .collect(),
        output_changes: plan
            .output_changes
            .iter()
            .map(|o| (o.name.as_str(), output_view(o)))
            .collect(),
    };
    serde_json::to_string(&view).unwrap_or_else(|_| "{}".to_owned())
}
