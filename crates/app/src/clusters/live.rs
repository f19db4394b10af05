//! The live side, with `orbis-clusters`: contexts, the connection's watchers on a runtime of
//! their own, the forwarder that batches deltas for the UI, and the engine → DTO conversions.

use super::batch::DeltaBatch;
use super::dto::*;
use super::{fix_command, ClusterSink, PodLogSink, BATCH_INTERVAL, POD_LOG_TAIL};
use crate::error::{AppError, ErrorCode};
use orbis_clusters::health::Severity;
use orbis_clusters::summary::Summary;
use orbis_clusters::watch::{ClusterState, Delta, Kind, KindStatus, WatchOptions};
use orbis_clusters::{ClusterError, KubeEnv, Kubeconfigs};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::task::JoinHandle;

struct Connected {
    id: u32,
    conn: orbis_clusters::connect::Connection,
    state: ClusterState,
    forwarder: JoinHandle<()>,
}

impl Drop for Connected {
    fn drop(&mut self) {
        self.forwarder.abort();
    }
}

#[derive(Default)]
pub(super) struct Live {
    rt: OnceLock<Result<tokio::runtime::Runtime, String>>,
    current: Mutex<Option<Connected>>,
    next_id: Mutex<u32>,
    /// The open pod log's stream id and reader (one at a time).
    log: Mutex<Option<(u32, JoinHandle<()>)>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub(super) fn env_and_files(files: Option<&[PathBuf]>) -> (KubeEnv, Vec<PathBuf>, bool) {
    let env = KubeEnv::from_process();
    match files {
        Some(f) => (env, f.to_vec(), true),
        None => {
            let f = env.kubeconfig_files();
            (env, f, false)
        }
    }
}

pub(super) fn problem(e: &ClusterError) -> ClusterProblem {
    ClusterProblem {
        code: e.code.as_str().to_string(),
        message: e.message.clone(),
        hint: e.hint.clone(),
        fix_command: fix_command(&e.hint),
        file: e.file.as_ref().map(|f| f.display().to_string()),
    }
}

pub(super) fn list_contexts(files: Option<&[PathBuf]>) -> ClusterContexts {
    let (env, files, explicit) = env_and_files(files);
    let kcs = Kubeconfigs::load(&files, explicit);
    let list = orbis_clusters::contexts::summarize(&kcs, &env);
    let contexts = list
        .contexts
        .iter()
        .map(|c| ClusterContext {
            name: c.name.clone(),
            cluster: c.cluster.clone(),
            server: c.server.clone(),
            user: c.user.clone(),
            auth: c.auth.clone(),
            namespace: c.namespace.clone(),
            current: c.current,
            usable: c.usable,
            problems: list
                .errors
                .iter()
                .filter(|e| e.context.as_deref() == Some(c.name.as_str()))
                .map(problem)
                .collect(),
        })
        .collect();
    ClusterContexts {
        contexts,
        errors: list
            .errors
            .iter()
            .filter(|e| e.context.is_none())
            .map(problem)
            .collect(),
        files: list.files.iter().map(|f| f.display().to_string()).collect(),
        available: true,
    }
}

/// What an operation that needs a connected cluster says when none is.
pub(super) fn no_cluster() -> AppError {
    AppError::new(
        ErrorCode::NoCluster,
        "No cluster is connected",
        "Connect to a context in the Clusters view first.",
    )
}

/// A failed on-demand read of the connected cluster (Helm, GitOps, platform, metrics), with
/// the engine's message and fix.
pub(super) fn read_failed(e: ClusterError) -> AppError {
    AppError::new(ErrorCode::ClusterConnect, e.message, e.hint)
}

fn connect_error(e: ClusterError) -> AppError {
    AppError::new(
        ErrorCode::ClusterConnect,
        format!("Cannot connect: {}", e.message),
        e.hint,
    )
}

impl Live {
    fn rt(&self) -> Result<&tokio::runtime::Runtime, AppError> {
        self.rt
            .get_or_init(|| {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("orbis-clusters")
                    .enable_all()
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| {
                AppError::new(
                    ErrorCode::Internal,
                    format!("Cluster views are unavailable: cannot start their runtime ({e})"),
                    "This is a bug in TerraOrbis; please report it with Help → Open Log Folder.",
                )
            })
    }

    pub(super) fn connect(
        &self,
        files: Option<&[PathBuf]>,
        context: &str,
        sink: ClusterSink,
    ) -> Result<ClusterConnected, AppError> {
        // The previous connection's watchers stop first: one cluster is live at a time.
        self.disconnect();
        let rt = self.rt()?;
        let (_, files, explicit) = env_and_files(files);
        let kcs = Kubeconfigs::load(&files, explicit);
        let conn = rt
            .block_on(orbis_clusters::connect(&kcs, Some(context)))
            .map_err(connect_error)?;
        let id = {
            let mut n = lock(&self.next_id);
            *n += 1;
            *n
        };
        let _guard = rt.enter();
        let (state, rx) = ClusterState::start(&conn, &WatchOptions::default());
        let forwarder = rt.spawn(forward(id, rx, sink));
        let answer = ClusterConnected {
            connection: id,
            context: conn.context.clone(),
            server: conn.server.clone(),
            namespace: conn.default_namespace.clone(),
        };
        *lock(&self.current) = Some(Connected {
            id,
            conn,
            state,
            forwarder,
        });
        Ok(answer)
    }

    pub(super) fn disconnect(&self) {
        self.close_log(None);
        let old = lock(&self.current).take();
        // Dropping aborts the watcher tasks and the forwarder (inside the runtime's context,
        // as tokio wants for aborts of its tasks from outside).
        if let (Some(old), Some(Ok(rt))) = (old, self.rt.get()) {
            let _guard = rt.enter();
            drop(old);
        }
    }

    pub(super) fn object(
        &self,
        kind: ClusterKind,
        key: &str,
    ) -> Result<ClusterObjectDetail, AppError> {
        let current = lock(&self.current);
        let conn = current.as_ref().ok_or_else(no_cluster)?;
        let value = conn.state.object(engine_kind(kind), key).ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!(
                    "{} {key} is not in the cluster (any more)",
                    kind_label(kind)
                ),
                "It may have been deleted; the list shows what the cluster has now.",
            )
        })?;
        log::debug!("cluster object {kind:?} {key} from connection {}", conn.id);
        let containers = ["initContainers", "containers"]
            .iter()
            .flat_map(|field| value["spec"][field].as_array().into_iter().flatten())
            .filter_map(|c| c["name"].as_str().map(str::to_string))
            .collect();
        Ok(ClusterObjectDetail {
            containers,
            kind,
            key: key.to_string(),
            yaml: orbis_clusters::detail::to_yaml(&value),
            note: (kind == ClusterKind::Secret).then(|| {
                "Secret values are never loaded by the cluster views: only the keys are shown."
                    .to_string()
            }),
        })
    }
}

impl Live {
    /// For an action (`actions.rs`): the live connection's id and client, and the object as
    /// its watcher holds it now (`None` when not, or no longer, in the cluster).
    pub(super) fn for_action(
        &self,
        kind: ClusterKind,
        key: &str,
    ) -> Option<(
        u32,
        orbis_clusters::connect::Connection,
        Option<serde_json::Value>,
    )> {
        let current = lock(&self.current);
        let c = current.as_ref()?;
        Some((c.id, c.conn.clone(), c.state.object(engine_kind(kind), key)))
    }

    /// The ReplicaSets of `namespace` in the live connection's store (a rollback's revisions).
    pub(super) fn replica_sets(&self, namespace: &str) -> Vec<serde_json::Value> {
        lock(&self.current)
            .as_ref()
            .map(|c| c.state.replica_sets(namespace))
            .unwrap_or_default()
    }

    /// The live connection and its id (an apply is about a whole file, not one object).
    pub(super) fn connection(&self) -> Option<(u32, orbis_clusters::connect::Connection)> {
        let current = lock(&self.current);
        current.as_ref().map(|c| (c.id, c.conn.clone()))
    }

    /// The live connection, or [`no_cluster`].
    pub(super) fn connected(&self) -> Result<orbis_clusters::connect::Connection, AppError> {
        self.connection()
            .map(|(_, conn)| conn)
            .ok_or_else(no_cluster)
    }

    /// `f` of the live connection's watchers (their stores), if connected.
    pub(super) fn with_state<T>(
        &self,
        f: impl FnOnce(&orbis_clusters::ClusterState) -> T,
    ) -> Option<T> {
        let current = lock(&self.current);
        current.as_ref().map(|c| f(&c.state))
    }

    /// Runs `f` on the connection's runtime and waits for it (actions bound their own time).
    pub(super) fn block_on<F: std::future::Future>(&self, f: F) -> Result<F::Output, AppError> {
        Ok(self.rt()?.block_on(f))
    }
}

impl Live {
    pub(super) fn open_log(
        &self,
        request: &PodLogRequest,
        sink: PodLogSink,
    ) -> Result<u32, AppError> {
        self.close_log(None);
        let conn = self.connected()?;
        let (namespace, pod) = request.key.split_once('/').ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidRequest,
                format!("{:?} is not a pod key (namespace/name)", request.key),
                "This is a bug in TerraOrbis; please report it with Help → Open Log Folder.",
            )
        })?;
        let req = orbis_clusters::logs::LogRequest {
            namespace: namespace.to_string(),
            pod: pod.to_string(),
            container: Some(request.container.clone()),
            follow: request.follow,
            previous: request.previous,
            tail_lines: Some(POD_LOG_TAIL),
        };
        let stream = {
            let mut n = lock(&self.next_id);
            *n += 1;
            *n
        };
        let rt = self.rt()?;
        let handle = rt.spawn(async move {
            let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<String>();
            let reader = tokio::spawn(async move {
                orbis_clusters::logs::stream_logs(&conn, &req, |line| tx.send(line).is_ok()).await
            });
            forward_log(stream, rx, &sink).await;
            let error = match reader.await {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(AppError::new(
                    ErrorCode::ClusterConnect,
                    format!("Cannot read the log: {}", e.message),
                    e.hint,
                )),
                Err(_) => None,
            };
            sink(PodLogMessage {
                stream,
                lines: Vec::new(),
                ended: true,
                error,
            });
        });
        *lock(&self.log) = Some((stream, handle));
        Ok(stream)
    }

    /// Stops the open log; with `Some(stream)`, only if that is the open one (a late close
    /// from the UI must not stop the log opened after it).
    pub(super) fn close_log(&self, stream: Option<u32>) {
        let mut log = lock(&self.log);
        if stream.is_none() || log.as_ref().map(|(s, _)| *s) == stream {
            if let Some((_, h)) = log.take() {
                h.abort();
            }
        }
    }
}

/// Sends the log's lines in batches, at most one per `BATCH_INTERVAL` (a chatty container
/// writes thousands of lines a second), until the reader is done.
async fn forward_log(
    stream: u32,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<String>,
    sink: &PodLogSink,
) {
    let mut lines = Vec::new();
    let mut last_send = tokio::time::Instant::now() - BATCH_INTERVAL;
    loop {
        let due = last_send + BATCH_INTERVAL;
        tokio::select! {
            received = rx.recv() => match received {
                Some(line) => lines.push(line),
                None => break,
            },
            _ = tokio::time::sleep_until(due), if !lines.is_empty() => {}
        }
        while let Ok(more) = rx.try_recv() {
            lines.push(more);
        }
        if !lines.is_empty() && tokio::time::Instant::now() >= last_send + BATCH_INTERVAL {
            last_send = tokio::time::Instant::now();
            sink(PodLogMessage {
                stream,
                lines: std::mem::take(&mut lines),
                ended: false,
                error: None,
            });
        }
    }
    if !lines.is_empty() {
        sink(PodLogMessage {
            stream,
            lines,
            ended: false,
            error: None,
        });
    }
}

/// Receives the watchers' deltas, converts and coalesces them, and sends at most one batch per
/// `BATCH_INTERVAL`: at once when the last send is older than that (a quiet cluster's change
/// shows immediately), else when the interval is over.
async fn forward(id: u32, mut rx: UnboundedReceiver<Vec<Delta>>, sink: ClusterSink) {
    let mut batch = DeltaBatch::default();
    let mut last_send = tokio::time::Instant::now() - BATCH_INTERVAL;
    loop {
        let due = last_send + BATCH_INTERVAL;
        tokio::select! {
            received = rx.recv() => match received {
                Some(deltas) => batch.push_all(deltas.into_iter().map(to_dto)),
                None => break,
            },
            _ = tokio::time::sleep_until(due), if !batch.is_empty() => {}
        }
        // Take everything already queued before deciding (a burst becomes one batch).
        while let Ok(more) = rx.try_recv() {
            batch.push_all(more.into_iter().map(to_dto));
        }
        if !batch.is_empty() && tokio::time::Instant::now() >= last_send + BATCH_INTERVAL {
            let deltas = batch.take();
            last_send = tokio::time::Instant::now();
            sink(ClusterEventMessage {
                connection: id,
                deltas,
            });
        }
    }
    if !batch.is_empty() {
        sink(ClusterEventMessage {
            connection: id,
            deltas: batch.take(),
        });
    }
}

pub(super) fn engine_kind(k: ClusterKind) -> Kind {
    match k {
        ClusterKind::Namespace => Kind::Namespace,
        ClusterKind::Node => Kind::Node,
        ClusterKind::Pod => Kind::Pod,
        ClusterKind::Deployment => Kind::Deployment,
        ClusterKind::ReplicaSet => Kind::ReplicaSet,
        ClusterKind::StatefulSet => Kind::StatefulSet,
        ClusterKind::DaemonSet => Kind::DaemonSet,
        ClusterKind::Job => Kind::Job,
        ClusterKind::CronJob => Kind::CronJob,
        ClusterKind::Service => Kind::Service,
        ClusterKind::Ingress => Kind::Ingress,
        ClusterKind::ConfigMap => Kind::ConfigMap,
        ClusterKind::Secret => Kind::Secret,
        ClusterKind::PersistentVolumeClaim => Kind::PersistentVolumeClaim,
        ClusterKind::Event => Kind::Event,
    }
}

fn dto_kind(k: Kind) -> ClusterKind {
    match k {
        Kind::Namespace => ClusterKind::Namespace,
        Kind::Node => ClusterKind::Node,
        Kind::Pod => ClusterKind::Pod,
        Kind::Deployment => ClusterKind::Deployment,
        Kind::ReplicaSet => ClusterKind::ReplicaSet,
        Kind::StatefulSet => ClusterKind::StatefulSet,
        Kind::DaemonSet => ClusterKind::DaemonSet,
        Kind::Job => ClusterKind::Job,
        Kind::CronJob => ClusterKind::CronJob,
        Kind::Service => ClusterKind::Service,
        Kind::Ingress => ClusterKind::Ingress,
        Kind::ConfigMap => ClusterKind::ConfigMap,
        Kind::Secret => ClusterKind::Secret,
        Kind::PersistentVolumeClaim => ClusterKind::PersistentVolumeClaim,
        Kind::Event => ClusterKind::Event,
    }
}

fn kind_label(k: ClusterKind) -> &'static str {
    engine_kind(k).as_str()
}

fn severity(s: Severity) -> ClusterSeverity {
    match s {
        Severity::Ok => ClusterSeverity::Ok,
        Severity::Warning => ClusterSeverity::Warning,
        Severity::Error => ClusterSeverity::Error,
    }
}

fn row(s: Summary) -> ClusterRow {
    match s {
        Summary::Pod(p) => ClusterRow::Pod(ClusterPodRow {
            namespace: p.namespace,
            name: p.name,
            phase: p.phase,
            ready: p.ready,
            restarts: p.restarts,
            reason: p.reason,
            severity: severity(p.severity),
            message: p.message,
            node: p.node,
            created: p.created,
        }),
        Summary::Workload(w) => ClusterRow::Workload(ClusterWorkloadRow {
            namespace: w.namespace,
            name: w.name,
            ready: w.ready,
            desired: w.desired,
            up_to_date: w.up_to_date,
            reason: w.reason,
            severity: severity(w.severity),
        }),
        Summary::Node(n) => ClusterRow::Node(ClusterNodeRow {
            name: n.name,
            ready: n.ready,
            pressures: n.pressures,
            unschedulable: n.unschedulable,
            version: n.version,
            reason: n.reason,
            severity: severity(n.severity),
            message: n.message,
        }),
        Summary::Event(e) => ClusterRow::Event(ClusterEventRow {
            namespace: e.namespace,
            name: e.name,
            event_type: e.event_type,
            reason: e.reason,
            message: e.message,
            object: e.object,
            count: e.count,
            last_seen: e.last_seen,
        }),
        Summary::Object(o) => ClusterRow::Object(ClusterObjectRow {
            namespace: o.namespace,
            name: o.name,
            detail: o.detail,
            keys: o.keys,
        }),
    }
}

fn status(s: KindStatus) -> ClusterKindStatus {
    match s {
        KindStatus::Loading => ClusterKindStatus::Loading,
        KindStatus::Ready { count } => ClusterKindStatus::Ready {
            count: u32::try_from(count).unwrap_or(u32::MAX),
        },
        KindStatus::Recovering { message } => ClusterKindStatus::Recovering { message },
        KindStatus::NoAccess { message } => ClusterKindStatus::NoAccess { message },
        KindStatus::NotServed { message } => ClusterKindStatus::NotServed { message },
        KindStatus::Failed { message, hint } => ClusterKindStatus::Failed { message, hint },
    }
}

pub(super) fn to_dto(d: Delta) -> ClusterDelta {
    match d {
        Delta::Added { kind, key, summary } => ClusterDelta::Added {
            kind: dto_kind(kind),
            key,
            row: row(summary),
        },
        Delta::Modified { kind, key, summary } => ClusterDelta::Modified {
            kind: dto_kind(kind),
            key,
            row: row(summary),
        },
        Delta::Deleted { kind, key } => ClusterDelta::Deleted {
            kind: dto_kind(kind),
            key,
        },
        Delta::Status { kind, status: s } => ClusterDelta::Status {
            kind: dto_kind(kind),
            status: status(s),
        },
    }
}
