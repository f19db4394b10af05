//! Pod specs wherever they are declared: Kubernetes manifests (Pod, Deployment, StatefulSet,
//! DaemonSet, ReplicaSet, Job, CronJob...) and the Terraform kubernetes provider's
//! `kubernetes_*` resources. The YAML loader already uses the provider's key spelling, so a
//! [`PodRule`] checks both with one function.

use crate::finding::Finding;
use crate::model::{Block, K8sObject, Resource, Value};
use crate::rule::{Ctx, Rule, RuleMeta, Sink};

pub const TF_WORKLOADS: &[&str] = &[
    "kubernetes_pod",
    "kubernetes_pod_v1",
    "kubernetes_deployment",
    "kubernetes_deployment_v1",
    "kubernetes_stateful_set",
    "kubernetes_stateful_set_v1",
    "kubernetes_daemonset",
    "kubernetes_daemon_set_v1",
    "kubernetes_replication_controller",
    "kubernetes_replication_controller_v1",
    "kubernetes_job",
    "kubernetes_job_v1",
    "kubernetes_cron_job",
    "kubernetes_cron_job_v1",
];

pub const K8S_WORKLOADS: &[&str] = &[
    "Pod",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
    "CronJob",
    "PodTemplate",
];

/// The pod spec inside a workload body (`spec`, `spec.template.spec`, or a CronJob's
/// `spec.job_template.spec.template.spec`).
pub fn pod_spec(body: &Block) -> Option<&Block> {
    let spec = body
        .block("spec")
        .or_else(|| body.block("template").and_then(|t| t.block("spec")))?;
    if let Some(jt) = spec.block("job_template") {
        return jt.path(&["spec", "template", "spec"]);
    }
    if let Some(t) = spec.block("template") {
        return t.block("spec");
    }
    Some(spec)
}

/// Regular and init containers of a pod spec.
pub fn containers(spec: &Block) -> impl Iterator<Item = &Block> {
    spec.blocks.iter().filter(|b| {
        matches!(
            b.kind.as_str(),
            "container" | "init_container" | "ephemeral_container"
        )
    })
}

/// A value under a container's (or pod's) `security_context`.
pub fn sc_value<'a>(b: &'a Block, key: &str) -> Option<&'a Value> {
    b.block("security_context").and_then(|sc| sc.value(key))
}

/// Capabilities listed in `security_context.capabilities.<list>` (`add`/`drop`).
pub fn capabilities<'a>(c: &'a Block, list: &str) -> Vec<&'a str> {
    c.path(&["security_context", "capabilities"])
        .and_then(|cap| cap.value(list))
        .map(|v| v.strings())
        .unwrap_or_default()
}

/// Keys of `resources.<which>` (`limits`/`requests`), whether written as a map attribute
/// (manifests, provider v2) or as a nested block (older provider).
pub fn resource_keys(c: &Block, which: &str) -> Option<Vec<String>> {
    let res = c.block("resources")?;
    if let Some(v) = res.value(which) {
        return match v {
            Value::Map(m) => Some(
                m.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, _)| k.clone())
                    .collect(),
            ),
            _ => None,
        };
    }
    res.block(which)
        .map(|b| b.attrs.iter().map(|a| a.name.clone()).collect())
        .or(Some(Vec::new()))
}

/// A rule over pod specs; `check` gets the pod spec and reports through the sink.
pub struct PodRule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Block, &mut Sink),
    /// Report workloads that declare no pod spec at all (rules about something every container
    /// must declare: nothing declared means it is missing).
    pub missing_spec_is_finding: bool,
}

impl Rule for PodRule {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }
    fn resource_types(&self) -> &'static [&'static str] {
        TF_WORKLOADS
    }
    fn k8s_kinds(&self) -> &'static [&'static str] {
        K8S_WORKLOADS
    }
    fn check_resource(&self, r: &Resource, _cx: &Ctx, out: &mut Sink) {
        match pod_spec(&r.body) {
            Some(spec) if !spec.dynamic => (self.check)(spec, out),
            Some(_) => {}
            None if self.missing_spec_is_finding && !r.body.blocks.iter().any(|b| b.dynamic) => out
                .report_object(
                    "workload declares no pod spec (no containers with limits)",
                    None,
                ),
            None => {}
        }
    }
    fn check_k8s(&self, o: &K8sObject, _cx: &Ctx, out: &mut Sink) {
        if let Some(spec) = pod_spec(&o.body) {
            (self.check)(spec, out);
        }
    }
    fn check_workspace(&self, _cx: &Ctx, _out: &mut Vec<Finding>) {}
}
