//! What a rule is: static metadata plus check functions called by the engine. A rule looks at
//! the resources of the types it declares (the engine indexes resources by type once), at the
//! whole workspace (governance rules), or at Kubernetes objects.

use crate::config::Config;
use crate::finding::{Finding, Fix, Severity};
use crate::model::{K8sObject, Resource, Span, Workspace};

/// Static description of a rule. `checkov`/`kics`/`tfsec` list the ids of other tools' checks
/// that test the same thing: they are used to honour those tools' skip comments and to measure
/// accuracy on their fixtures.
pub struct RuleMeta {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// Markdown rationale: why it matters, what to do.
    pub doc: &'static str,
    pub fix_hint: &'static str,
    pub checkov: &'static [&'static str],
    pub kics: &'static [&'static str],
    pub tfsec: &'static [&'static str],
}

/// What a check can read besides the object it checks.
pub struct Ctx<'a> {
    pub ws: &'a Workspace,
    pub config: &'a Config,
    pub(crate) index: &'a crate::engine::TypeIndex,
}

impl<'a> Ctx<'a> {
    /// All resources of a type (used by rules that relate resources, e.g. a bucket and its
    /// separate encryption configuration resource).
    pub fn resources_of(&self, rtype: &str) -> impl Iterator<Item = &'a Resource> + 'a {
        let ws = self.ws;
        self.index
            .get(rtype)
            .into_iter()
            .flatten()
            .map(move |&i| &ws.resources[i])
    }
    pub fn file_path(&self, file: usize) -> &'a str {
        &self.ws.files[file].path
    }
}

/// Collects one rule's findings for one object; knows the rule and the object so that each
/// report is one line in the rule.
pub struct Sink<'a> {
    pub(crate) meta: &'static RuleMeta,
    pub(crate) file: usize,
    pub(crate) resource: String,
    pub(crate) object_span: Span,
    pub(crate) out: &'a mut Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(
        meta: &'static RuleMeta,
        file: usize,
        resource: String,
        object_span: Span,
        out: &'a mut Vec<Finding>,
    ) -> Self {
        Sink {
            meta,
            file,
            resource,
            object_span,
            out,
        }
    }
    /// Report at `span` (an attribute, a nested block or the object itself).
    pub fn report(&mut self, span: Span, message: impl Into<String>) {
        self.report_fix(span, message, None);
    }
    pub fn report_fix(&mut self, span: Span, message: impl Into<String>, fix: Option<Fix>) {
        self.out.push(Finding {
            rule_id: self.meta.id,
            severity: self.meta.severity,
            file: self.file,
            span,
            object_span: self.object_span,
            resource: self.resource.clone(),
            message: message.into(),
            fix,
            suppressed: None,
        });
    }
    /// Report at the header line of the object being checked (for missing attributes).
    pub fn report_object(&mut self, message: impl Into<String>, fix: Option<Fix>) {
        let s = self.object_span;
        let header = Span {
            end_byte: s.start_byte,
            end_line: s.start_line,
            end_col: s.start_col,
            ..s
        };
        self.report_fix(header, message, fix);
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Resource types `check_resource` is called for.
    fn resource_types(&self) -> &'static [&'static str] {
        &[]
    }
    fn check_resource(&self, _r: &Resource, _cx: &Ctx, _out: &mut Sink) {}
    /// Called once per workspace, for rules on providers, modules or across resources.
    fn check_workspace(&self, _cx: &Ctx, _out: &mut Vec<Finding>) {}
    /// Kubernetes kinds `check_k8s` is called for (`Pod`, `Deployment`...).
    fn k8s_kinds(&self) -> &'static [&'static str] {
        &[]
    }
    fn check_k8s(&self, _o: &K8sObject, _cx: &Ctx, _out: &mut Sink) {}
}

/// A resource rule defined by a function: the shape of most rules, one file each.
pub struct FnRule {
    pub meta: &'static RuleMeta,
    pub types: &'static [&'static str],
    pub check: fn(&Resource, &Ctx, &mut Sink),
}

impl Rule for FnRule {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }
    fn resource_types(&self) -> &'static [&'static str] {
        self.types
    }
    fn check_resource(&self, r: &Resource, cx: &Ctx, out: &mut Sink) {
        (self.check)(r, cx, out)
    }
}
