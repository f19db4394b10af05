use crate::health::Severity;
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use serde::Serialize;

/// Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs: ready/desired and
/// the plain reason when they are not where they should be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkloadSummary {
    pub namespace: String,
    pub name: String,
    /// Ready pods (Jobs: succeeded completions; CronJobs: active jobs).
    pub ready: i32,
    /// Desired pods (Jobs: completions; CronJobs: 0).
    pub desired: i32,
    /// Pods already on the newest template (rollouts).
    pub up_to_date: Option<i32>,
    pub reason: Option<String>,
    pub severity: Severity,
}

/// The summary of each workload kind.
pub struct Workloads;

fn base(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> (String, String) {
    (
        meta.namespace.clone().unwrap_or_default(),
        meta.name.clone().unwrap_or_default(),
    )
}

fn judge(ready: i32, desired: i32, reason: Option<String>) -> (Option<String>, Severity) {
    match reason {
        Some(r) => (Some(r), Severity::Error),
        None if ready < desired => (Some("Progressing".into()), Severity::Warning),
        None => (None, Severity::Ok),
    }
}

impl Workloads {
    pub fn deployment(d: &Deployment) -> WorkloadSummary {
        let (namespace, name) = base(&d.metadata);
        let desired = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let st = d.status.as_ref();
        let ready = st.and_then(|s| s.ready_replicas).unwrap_or(0);
        let up_to_date = st.and_then(|s| s.updated_replicas).unwrap_or(0);
        let conditions = st.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
        // ProgressDeadlineExceeded (stuck rollout) and Available=False explain a gap in words.
        let stuck = conditions
            .iter()
            .find(|c| c.type_ == "Progressing" && c.status == "False")
            .and_then(|c| c.reason.clone());
        let unavailable = conditions
            .iter()
            .find(|c| c.type_ == "Available" && c.status == "False")
            .map(|c| c.reason.clone().unwrap_or_else(|| "Unavailable".into()));
        let observed = st.and_then(|s| s.observed_generation).unwrap_or(0);
        // The first that applies explains the deployment best.
        let (reason, severity) = if let Some(r) = stuck.or(unavailable) {
            (Some(r), Severity::Error)
        } else if d.metadata.generation.unwrap_or(0) > observed {
            (Some("RolloutPending".to_string()), Severity::Warning)
        } else if up_to_date < desired {
            (Some("RollingOut".to_string()), Severity::Warning)
        } else if ready < desired {
            (Some("Progressing".to_string()), Severity::Warning)
        } else if desired == 0 {
            (Some("ScaledToZero".to_string()), Severity::Ok)
        } else {
            (None, Severity::Ok)
        };
        WorkloadSummary {
            namespace,
            name,
            ready,
            desired,
            up_to_date: Some(up_to_date),
            reason,
            severity,
        }
    }

    pub fn stateful_set(s: &StatefulSet) -> WorkloadSummary {
        let (namespace, name) = base(&s.metadata);
        let desired = s.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let st = s.status.as_ref();
        let ready = st.and_then(|s| s.ready_replicas).unwrap_or(0);
        let (reason, severity) = judge(ready, desired, None);
        WorkloadSummary {
            namespace,
            name,
            ready,
            desired,
            up_to_date: st.and_then(|s| s.updated_replicas),
            reason,
            severity,
        }
    }

    pub fn daemon_set(d: &DaemonSet) -> WorkloadSummary {
        let (namespace, name) = base(&d.metadata);
        let st = d.status.as_ref();
        let desired = st.map(|s| s.desired_number_scheduled).unwrap_or(0);
        let ready = st.map(|s| s.number_ready).unwrap_or(0);
        let (reason, severity) = judge(ready, desired, None);
        WorkloadSummary {
            namespace,
            name,
            ready,
            desired,
            up_to_date: st.and_then(|s| s.updated_number_scheduled),
            reason,
            severity,
        }
    }

    pub fn replica_set(r: &ReplicaSet) -> WorkloadSummary {
        let (namespace, name) = base(&r.metadata);
        let desired = r.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let ready = r
            .status
            .as_ref()
            .and_then(|s| s.ready_replicas)
            .unwrap_or(0);
        let (reason, severity) = judge(ready, desired, None);
        WorkloadSummary {
            namespace,
            name,
            ready,
            desired,
            up_to_date: None,
            reason,
            severity,
        }
    }

    pub fn job(j: &Job) -> WorkloadSummary {
        let (namespace, name) = base(&j.metadata);
        let desired = j.spec.as_ref().and_then(|s| s.completions).unwrap_or(1);
        let st = j.status.as_ref();
        let ready = st.and_then(|s| s.succeeded).unwrap_or(0);
        let failed = st
            .and_then(|s| s.conditions.as_deref())
            .unwrap_or(&[])
            .iter()
            .find(|c| c.type_ == "Failed" && c.status == "True")
            .map(|c| c.reason.clone().unwrap_or_else(|| "Failed".into()));
        let (reason, severity) = match failed {
            Some(r) => (Some(r), Severity::Error),
            None if ready >= desired => (Some("Complete".into()), Severity::Ok),
            None if st.and_then(|s| s.active).unwrap_or(0) > 0 => {
                (Some("Running".into()), Severity::Ok)
            }
            None => (None, Severity::Ok),
        };
        WorkloadSummary {
            namespace,
            name,
            ready,
            desired,
            up_to_date: None,
            reason,
            severity,
        }
    }

    pub fn cron_job(c: &CronJob) -> WorkloadSummary {
        let (namespace, name) = base(&c.metadata);
        let active = c
            .status
            .as_ref()
            .and_then(|s| s.active.as_ref())
            .map(|a| a.len() as i32)
            .unwrap_or(0);
        let suspended = c.spec.as_ref().and_then(|s| s.suspend).unwrap_or(false);
        WorkloadSummary {
            namespace,
            name,
            ready: active,
            desired: 0,
            up_to_date: None,
            reason: suspended.then(|| "Suspended".into()),
            severity: Severity::Ok,
        }
    }
}
