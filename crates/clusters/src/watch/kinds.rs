//! The kinds the cluster views watch, each with its API, its summary and what is stripped
//! from objects before they are stored (managed fields everywhere; Secret values always —
//! they are read only on an explicit reveal).

use super::task::spawn_kind;
use super::{Delta, WatchOptions};
use crate::connect::Connection;
use crate::summary::{
    summarize_event, summarize_node, summarize_pod, ObjectSummary, Summary, Workloads,
};
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    ConfigMap, Event, Namespace, Node, PersistentVolumeClaim, Pod, Secret, Service,
};
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::ByteString;
use kube::{Api, Resource, ResourceExt};
use serde::Serialize;
use std::any::Any;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Namespace,
    Node,
    Pod,
    Deployment,
    ReplicaSet,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
    Service,
    Ingress,
    ConfigMap,
    Secret,
    PersistentVolumeClaim,
    Event,
}

impl Kind {
    pub const ALL: [Kind; 15] = [
        Kind::Namespace,
        Kind::Node,
        Kind::Pod,
        Kind::Deployment,
        Kind::ReplicaSet,
        Kind::StatefulSet,
        Kind::DaemonSet,
        Kind::Job,
        Kind::CronJob,
        Kind::Service,
        Kind::Ingress,
        Kind::ConfigMap,
        Kind::Secret,
        Kind::PersistentVolumeClaim,
        Kind::Event,
    ];

    /// The name in deltas (`pod`, `replica_set`, `persistent_volume_claim`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Namespace => "namespace",
            Kind::Node => "node",
            Kind::Pod => "pod",
            Kind::Deployment => "deployment",
            Kind::ReplicaSet => "replica_set",
            Kind::StatefulSet => "stateful_set",
            Kind::DaemonSet => "daemon_set",
            Kind::Job => "job",
            Kind::CronJob => "cron_job",
            Kind::Service => "service",
            Kind::Ingress => "ingress",
            Kind::ConfigMap => "config_map",
            Kind::Secret => "secret",
            Kind::PersistentVolumeClaim => "persistent_volume_claim",
            Kind::Event => "event",
        }
    }

    /// A kind from its delta name, kubectl's resource name or short name (`pods`, `po`,
    /// `deploy`, `rs`, `sts`, `ds`, `cj`, `svc`, `ing`, `cm`, `pvc`, `ev`, `ns`, `no`…).
    pub fn parse(name: &str) -> Option<Kind> {
        let n = name.trim().to_ascii_lowercase().replace(['-', '_'], "");
        Kind::ALL.into_iter().find(|k| {
            let plain = k.as_str().replace('_', "");
            let short: &[&str] = match k {
                Kind::Namespace => &["ns"],
                Kind::Node => &["no"],
                Kind::Pod => &["po"],
                Kind::Deployment => &["deploy"],
                Kind::ReplicaSet => &["rs"],
                Kind::StatefulSet => &["sts"],
                Kind::DaemonSet => &["ds"],
                Kind::Job => &[],
                Kind::CronJob => &["cj"],
                Kind::Service => &["svc"],
                Kind::Ingress => &["ing", "ingresses"],
                Kind::ConfigMap => &["cm"],
                Kind::Secret => &[],
                Kind::PersistentVolumeClaim => &["pvc"],
                Kind::Event => &["ev"],
            };
            n == plain || n == format!("{plain}s") || short.contains(&n.as_str())
        })
    }

    pub(super) fn spawn(
        self,
        conn: &Connection,
        options: &WatchOptions,
        tx: UnboundedSender<Vec<Delta>>,
    ) -> (JoinHandle<()>, Arc<dyn Any + Send + Sync>) {
        let c = conn.clone();
        let ns = options.namespace.as_deref();
        fn api<K>(c: &Connection, ns: Option<&str>) -> Api<K>
        where
            K: Resource<Scope = k8s_openapi::NamespaceResourceScope>,
            K::DynamicType: Default,
        {
            match ns {
                Some(ns) => Api::namespaced(c.client.clone(), ns),
                None => Api::all(c.client.clone()),
            }
        }
        let o = options;
        match self {
            Kind::Namespace => spawn_kind(
                self,
                Api::<Namespace>::all(c.client.clone()),
                &c,
                o,
                tx,
                |n| plain(n, None),
                strip,
            ),
            Kind::Node => spawn_kind(
                self,
                Api::<Node>::all(c.client.clone()),
                &c,
                o,
                tx,
                |n| Summary::Node(summarize_node(n)),
                strip,
            ),
            Kind::Pod => spawn_kind(
                self,
                api::<Pod>(&c, ns),
                &c,
                o,
                tx,
                |p| Summary::Pod(summarize_pod(p)),
                strip,
            ),
            Kind::Deployment => spawn_kind(
                self,
                api::<Deployment>(&c, ns),
                &c,
                o,
                tx,
                |d| Summary::Workload(Workloads::deployment(d)),
                strip,
            ),
            Kind::ReplicaSet => spawn_kind(
                self,
                api::<ReplicaSet>(&c, ns),
                &c,
                o,
                tx,
                |r| Summary::Workload(Workloads::replica_set(r)),
                strip,
            ),
            Kind::StatefulSet => spawn_kind(
                self,
                api::<StatefulSet>(&c, ns),
                &c,
                o,
                tx,
                |s| Summary::Workload(Workloads::stateful_set(s)),
                strip,
            ),
            Kind::DaemonSet => spawn_kind(
                self,
                api::<DaemonSet>(&c, ns),
                &c,
                o,
                tx,
                |d| Summary::Workload(Workloads::daemon_set(d)),
                strip,
            ),
            Kind::Job => spawn_kind(
                self,
                api::<Job>(&c, ns),
                &c,
                o,
                tx,
                |j| Summary::Workload(Workloads::job(j)),
                strip,
            ),
            Kind::CronJob => spawn_kind(
                self,
                api::<CronJob>(&c, ns),
                &c,
                o,
                tx,
                |j| Summary::Workload(Workloads::cron_job(j)),
                strip,
            ),
            Kind::Service => spawn_kind(
                self,
                api::<Service>(&c, ns),
                &c,
                o,
                tx,
                |s| plain(s, s.spec.as_ref().and_then(|s| s.type_.clone())),
                strip,
            ),
            Kind::Ingress => spawn_kind(
                self,
                api::<Ingress>(&c, ns),
                &c,
                o,
                tx,
                |i| {
                    let hosts: Vec<String> = i
                        .spec
                        .iter()
                        .flat_map(|s| s.rules.iter().flatten())
                        .filter_map(|r| r.host.clone())
                        .collect();
                    plain(i, (!hosts.is_empty()).then(|| hosts.join(", ")))
                },
                strip,
            ),
            Kind::ConfigMap => spawn_kind(
                self,
                api::<ConfigMap>(&c, ns),
                &c,
                o,
                tx,
                |m| {
                    let keys = m
                        .data
                        .iter()
                        .flat_map(|d| d.keys())
                        .chain(m.binary_data.iter().flat_map(|d| d.keys()))
                        .cloned()
                        .collect();
                    with_keys(m, None, keys)
                },
                strip,
            ),
            Kind::Secret => spawn_kind(
                self,
                api::<Secret>(&c, ns),
                &c,
                o,
                tx,
                |s| {
                    let keys = s.data.iter().flat_map(|d| d.keys()).cloned().collect();
                    with_keys(s, s.type_.clone(), keys)
                },
                strip_secret,
            ),
            Kind::PersistentVolumeClaim => spawn_kind(
                self,
                api::<PersistentVolumeClaim>(&c, ns),
                &c,
                o,
                tx,
                |p| plain(p, p.status.as_ref().and_then(|s| s.phase.clone())),
                strip,
            ),
            Kind::Event => spawn_kind(
                self,
                api::<Event>(&c, ns),
                &c,
                o,
                tx,
                |e| Summary::Event(summarize_event(e)),
                strip,
            ),
        }
    }
}

fn plain<K: ResourceExt>(o: &K, detail: Option<String>) -> Summary {
    with_keys(o, detail, Vec::new())
}

fn with_keys<K: ResourceExt>(o: &K, detail: Option<String>, mut keys: Vec<String>) -> Summary {
    keys.sort();
    Summary::Object(ObjectSummary {
        namespace: o.namespace(),
        name: o.name_any(),
        detail,
        keys,
    })
}

/// Managed fields and the last-applied annotation are most of an object's bytes and no view
/// shows them.
fn strip<K: ResourceExt>(o: &mut K) {
    o.managed_fields_mut().clear();
    o.annotations_mut()
        .remove("kubectl.kubernetes.io/last-applied-configuration");
}

/// Secrets keep their keys, never their values, in memory.
fn strip_secret(s: &mut Secret) {
    strip(s);
    if let Some(data) = &mut s.data {
        for v in data.values_mut() {
            *v = ByteString(Vec::new());
        }
    }
    if let Some(string_data) = s.string_data.take() {
        let data = s.data.get_or_insert_with(Default::default);
        for k in string_data.into_keys() {
            data.insert(k, ByteString(Vec::new()));
        }
    }
}
