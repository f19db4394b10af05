//! A loopback Kubernetes API server for tests: it serves the corpus's recorded discovery
//! documents, object lists and watch streams (../shared/corpora/k8s) over plain HTTP/1.1 on
//! 127.0.0.1, so kube-rs clients run unchanged against real recorded bytes.
//!
//! Written on tokio alone (no HTTP framework) for two reasons: the CLI's tests include this
//! file without pulling a web stack into the light default build, and failures must be
//! byte-exact — a watch stream cut mid-JSON and a connection dropped without the final
//! chunk, the way a real load balancer drops long watches.
//!
//! Per resource path (`/api/v1/pods`), a script gives the list body, a queue of watch
//! replies (each served once, in order; when the queue is empty a watch stays open and
//! silent, like a quiet cluster), or a status (403 for RBAC). Namespaced paths
//! (`/api/v1/namespaces/NS/pods`) are served from the same list, filtered by namespace.
//! Every request is logged so tests can check that clients re-listed or resumed. It also
//! answers as an HTTP proxy (CONNECT tunnel or absolute-form requests) for `proxy-url` tests.
//!
//! PATCH (merge and strategic merge, on an object or its `scale` subresource) and DELETE
//! change the served objects, as an API server would for the patches the cluster actions
//! send, and every open quiet or live watch of that kind gets the MODIFIED/DELETED event; the
//! request (method, content type, body) is logged. `forbid_verb` answers 403 to one method on
//! one kind while reads still work, as RBAC does.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

static CORPUS: OnceLock<PathBuf> = OnceLock::new();

/// Where the corpus is read from (the replay program's `--corpus`): a binary built in another
/// checkout sharing the target dir must not read that checkout's corpus path.
pub fn set_corpus(dir: PathBuf) {
    let _ = CORPUS.set(dir);
}

/// The k8s corpus: `set_corpus`, else `$ORBIS_K8S_CORPUS`, else `../shared/corpora/k8s` next to
/// the checkout this file was compiled in (tests run from the checkout that built them).
pub fn corpus() -> PathBuf {
    if let Some(dir) = CORPUS.get() {
        return dir.clone();
    }
    if let Some(dir) = std::env::var_os("ORBIS_K8S_CORPUS").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/k8s")
}

pub enum WatchReply {
    /// A JSON-lines file of the corpus, sent event by event, then the response ends cleanly.
    Stream(PathBuf),
    /// A file sent as is, then the connection is dropped without ending the chunked body.
    Cut(PathBuf),
    /// Lines pushed by the test while the watch is open (benchmarks, ordering tests).
    Live(mpsc::UnboundedReceiver<Vec<u8>>),
}

/// A list response, parsed once: served whole, by namespace, or in pages (`limit` +
/// `continue`, as the API server pages; the continue token is the offset).
#[derive(Clone)]
struct ListBody {
    head: serde_json::Value,
    items: Vec<serde_json::Value>,
    /// A body that is not a JSON list is served as is (tests of broken servers).
    raw: Option<Vec<u8>>,
}

impl ListBody {
    fn parse(body: &[u8]) -> Self {
        let Ok(mut head) = serde_json::from_slice::<serde_json::Value>(body) else {
            return ListBody {
                head: serde_json::Value::Null,
                items: Vec::new(),
                raw: Some(body.to_vec()),
            };
        };
        let items = match head.get_mut("items").map(serde_json::Value::take) {
            Some(serde_json::Value::Array(items)) => items,
            _ => Vec::new(),
        };
        ListBody {
            head,
            items,
            raw: None,
        }
    }

    /// One object by name (a GET of `/api/v1/namespaces/NS/secrets/NAME`).
    fn get(&self, namespace: Option<&str>, name: &str) -> Option<Vec<u8>> {
        let item = &self.items[self.position(namespace, name)?];
        serde_json::to_vec(&self.whole(item)).ok()
    }

    fn position(&self, namespace: Option<&str>, name: &str) -> Option<usize> {
        self.items.iter().position(|o| {
            o["metadata"]["name"].as_str() == Some(name)
                && namespace.is_none_or(|ns| o["metadata"]["namespace"].as_str() == Some(ns))
        })
    }

    /// List items carry no kind/apiVersion; a single object (and a watch event's) does.
    fn whole(&self, item: &serde_json::Value) -> serde_json::Value {
        let mut item = item.clone();
        if let Some(kind) = self.head["kind"]
            .as_str()
            .and_then(|k| k.strip_suffix("List"))
        {
            item["kind"] = kind.into();
            item["apiVersion"] = self.head["apiVersion"].clone();
        }
        item
    }

    fn render(&self, namespace: Option<&str>, query: &str) -> Vec<u8> {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
                .map(str::to_string)
        };
        let items: Vec<&serde_json::Value> = self
            .items
            .iter()
            .filter(|o| namespace.is_none_or(|ns| o["metadata"]["namespace"].as_str() == Some(ns)))
            .collect();
        let start: usize = param("continue").and_then(|c| c.parse().ok()).unwrap_or(0);
        let limit: usize = param("limit")
            .and_then(|l| l.parse().ok())
            .filter(|l| *l > 0)
            .unwrap_or(usize::MAX);
        let end = start.saturating_add(limit).min(items.len());
        let mut out = self.head.clone();
        out["items"] = serde_json::Value::Array(
            items[start.min(end)..end]
                .iter()
                .map(|v| (*v).clone())
                .collect(),
        );
        if end < items.len() {
            out["metadata"]["continue"] = end.to_string().into();
            out["metadata"]["remainingItemCount"] = (items.len() - end).into();
        }
        serde_json::to_vec(&out).unwrap()
    }
}

#[derive(Default)]
struct Route {
    list: Option<Arc<ListBody>>,
    watches: VecDeque<WatchReply>,
    /// (HTTP status, body file) for every request of this path.
    status: Option<(u16, PathBuf)>,
}

/// A container's log (`/api/v1/namespaces/NS/pods/NAME/log?container=C`): `text` is what the
/// log holds; a follow request gets it, then every line pushed on `live`, and stays open.
struct LogReply {
    text: Vec<u8>,
    live: Option<mpsc::UnboundedReceiver<Vec<u8>>>,
}

#[derive(Default)]
pub struct Script {
    routes: HashMap<String, Route>,
    /// `NS/POD/CONTAINER` → its log.
    logs: HashMap<String, LogReply>,
    /// When set, requests without `Authorization: Bearer <token>` get the recorded 401.
    token: Option<String>,
    /// (METHOD, route path) answered with the recorded 403.
    forbidden: HashSet<(String, String)>,
    /// Routes whose objects "change" between a client's read and its PUT (another writer
    /// bumps the resourceVersion first), so the PUT gets the API server's 409.
    raced: HashSet<String>,
    /// Route path → the open watches that receive the events of PATCH/DELETE requests.
    subscribers: HashMap<String, Vec<mpsc::UnboundedSender<Vec<u8>>>>,
    /// Route path → the events of past changes with their resourceVersion: a watch that
    /// starts after a change (from an older version) gets them first, as from an API server.
    history: HashMap<String, Vec<(u64, Vec<u8>)>>,
    /// The resourceVersion the next change gets.
    next_version: u64,
    /// Serve the corpus's metrics.k8s.io lists (metrics-server installed); otherwise that
    /// API answers the corpus's recorded-shape 404, as on a cluster without metrics-server.
    metrics: bool,
    /// Path → a document served as is for GET (discovery documents of extra API groups, a
    /// replaced `/apis`), checked before the corpus's discovery.
    documents: HashMap<String, Vec<u8>>,
}

impl Script {
    /// The standard discovery documents and every constructed list of the corpus.
    pub fn corpus() -> Self {
        let mut s = Script::default();
        let lists = corpus().join("objects/constructed/lists");
        for (path, file) in [
            ("/api/v1/namespaces", "NamespaceList.json"),
            ("/api/v1/nodes", "NodeList.json"),
            ("/api/v1/pods", "PodList.json"),
            ("/api/v1/services", "ServiceList.json"),
            ("/api/v1/configmaps", "ConfigMapList.json"),
            ("/api/v1/secrets", "SecretList.json"),
            (
                "/api/v1/persistentvolumeclaims",
                "PersistentVolumeClaimList.json",
            ),
            ("/api/v1/events", "EventList.json"),
            ("/apis/apps/v1/deployments", "DeploymentList.json"),
            ("/apis/apps/v1/replicasets", "ReplicaSetList.json"),
            ("/apis/apps/v1/statefulsets", "StatefulSetList.json"),
            ("/apis/apps/v1/daemonsets", "DaemonSetList.json"),
            ("/apis/batch/v1/jobs", "JobList.json"),
            ("/apis/batch/v1/cronjobs", "CronJobList.json"),
            ("/apis/networking.k8s.io/v1/ingresses", "IngressList.json"),
        ] {
            s = s.list_file(path, lists.join(file));
        }
        s
    }

    pub fn list_file(self, path: &str, file: PathBuf) -> Self {
        let body = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        self.list_body(path, body)
    }

    pub fn list_body(mut self, path: &str, body: Vec<u8>) -> Self {
        self.routes.entry(path.to_string()).or_default().list =
            Some(Arc::new(ListBody::parse(&body)));
        self
    }

    pub fn watch(mut self, path: &str, reply: WatchReply) -> Self {
        self.routes
            .entry(path.to_string())
            .or_default()
            .watches
            .push_back(reply);
        self
    }

    pub fn status(mut self, path: &str, code: u16, file: PathBuf) -> Self {
        self.routes.entry(path.to_string()).or_default().status = Some((code, file));
        self
    }

    /// The log of `container` in pod `namespace/pod`; lines sent on `live` reach followers.
    pub fn log(
        mut self,
        namespace: &str,
        pod: &str,
        container: &str,
        text: &str,
        live: Option<mpsc::UnboundedReceiver<Vec<u8>>>,
    ) -> Self {
        self.logs.insert(
            format!("{namespace}/{pod}/{container}"),
            LogReply {
                text: text.as_bytes().to_vec(),
                live,
            },
        );
        self
    }

    /// Serves `body` for GET `path` (a discovery document), before the corpus's own.
    pub fn document(mut self, path: &str, body: Vec<u8>) -> Self {
        self.documents.insert(path.to_string(), body);
        self
    }

    pub fn require_token(mut self, token: &str) -> Self {
        self.token = Some(token.to_string());
        self
    }

    /// The corpus's deployment `web` at revision 2, with the two ReplicaSets a deployment
    /// controller would keep: revision 2 (its template now) and revision 1 (an older image).
    pub fn with_rollout_history(self) -> Self {
        let lists = corpus().join("objects/constructed/lists");
        let mut deployments: serde_json::Value =
            serde_json::from_slice(&std::fs::read(lists.join("DeploymentList.json")).unwrap())
                .unwrap();
        let web = deployments["items"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|d| d["metadata"]["name"] == "web")
            .unwrap();
        web["metadata"]["annotations"]["deployment.kubernetes.io/revision"] = "2".into();
        let template = web["spec"]["template"].clone();
        let rs = |revision: &str, hash: &str, image: &str| {
            let mut t = template.clone();
            t["metadata"]["labels"]["pod-template-hash"] = hash.into();
            t["spec"]["containers"][0]["image"] = image.into();
            serde_json::json!({
                "metadata": {
                    "name": format!("web-{hash}"), "namespace": "default", "uid": format!("rs-{hash}"),
                    "resourceVersion": "470",
                    "annotations": {"deployment.kubernetes.io/revision": revision},
                    "labels": {"k8s-app": "kube-dns", "pod-template-hash": hash},
                    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                        "uid": "952db708-108f-45c4-998b-aa197a7dd71d", "controller": true}],
                },
                "spec": {"replicas": 0, "selector": {"matchLabels": {"k8s-app": "kube-dns", "pod-template-hash": hash}}, "template": t},
            })
        };
        let mut sets: serde_json::Value =
            serde_json::from_slice(&std::fs::read(lists.join("ReplicaSetList.json")).unwrap())
                .unwrap();
        let items = sets["items"].as_array_mut().unwrap();
        items.push(rs("2", "7d9c8b", "coredns/coredns:v1.14.2"));
        items.push(rs("1", "5f6d7c", "coredns/coredns:v1.13.1"));
        self.list_body(
            "/apis/apps/v1/deployments",
            serde_json::to_vec(&deployments).unwrap(),
        )
        .list_body(
            "/apis/apps/v1/replicasets",
            serde_json::to_vec(&sets).unwrap(),
        )
    }

    /// metrics-server is installed: `/apis/metrics.k8s.io/v1beta1/nodes` and `/pods` serve
    /// the corpus's NodeMetricsList and PodMetricsList (kube-system pods).
    pub fn with_metrics(mut self) -> Self {
        self.metrics = true;
        self
    }

    /// The platform views' kinds in namespace `default`: k9s's real Role, RoleBinding,
    /// ClusterRole, ClusterRoleBinding and NetworkPolicy, and the round-trip ResourceQuota and
    /// LimitRange moved into `default` with realistic values (constructed here: the corpus
    /// has no realistic quota).
    pub fn with_platform(self) -> Self {
        let objects = corpus().join("objects");
        let read = |rel: &str| -> serde_json::Value {
            serde_json::from_slice(&std::fs::read(objects.join(rel)).unwrap()).unwrap()
        };
        let list = |kind: &str, api: &str, items: Vec<serde_json::Value>| {
            serde_json::to_vec(
                &serde_json::json!({"kind": format!("{kind}List"), "apiVersion": api,
                "metadata": {"resourceVersion": "1"}, "items": items}),
            )
            .unwrap()
        };
        let mut quota = read("kubernetes-api-roundtrip/core.v1.ResourceQuota.json");
        quota["metadata"] = serde_json::json!({"name": "compute", "namespace": "default"});
        quota["spec"] = serde_json::json!({"hard": {"requests.cpu": "2", "requests.memory": "4Gi", "pods": "10"}});
        quota["status"] = serde_json::json!({"hard": quota["spec"]["hard"].clone(),
            "used": {"requests.cpu": "500m", "requests.memory": "3Gi", "pods": "9"}});
        let mut limits = read("kubernetes-api-roundtrip/core.v1.LimitRange.json");
        limits["metadata"] = serde_json::json!({"name": "defaults", "namespace": "default"});
        limits["spec"] = serde_json::json!({"limits": [{"type": "Container",
            "default": {"cpu": "500m", "memory": "512Mi"}, "defaultRequest": {"cpu": "100m", "memory": "128Mi"},
            "max": {"cpu": "2", "memory": "2Gi"}}]});
        let rbac = "rbac.authorization.k8s.io/v1";
        self.list_body(
            "/api/v1/resourcequotas",
            list("ResourceQuota", "v1", vec![quota]),
        )
        .list_body(
            "/api/v1/limitranges",
            list("LimitRange", "v1", vec![limits]),
        )
        .list_body(
            "/apis/rbac.authorization.k8s.io/v1/roles",
            list("Role", rbac, vec![read("k9s/render/ro.json")]),
        )
        .list_body(
            "/apis/rbac.authorization.k8s.io/v1/rolebindings",
            list("RoleBinding", rbac, vec![read("k9s/render/rb.json")]),
        )
        .list_body(
            "/apis/rbac.authorization.k8s.io/v1/clusterroles",
            list("ClusterRole", rbac, vec![read("k9s/render/cr.json")]),
        )
        .list_body(
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
            list(
                "ClusterRoleBinding",
                rbac,
                vec![read("k9s/render/crb.json")],
            ),
        )
        .list_body(
            "/apis/networking.k8s.io/v1/networkpolicies",
            list(
                "NetworkPolicy",
                "networking.k8s.io/v1",
                vec![read("k9s/render/np.json")],
            ),
        )
    }

    /// Makes every PUT of an object of `route` lose a race with another writer (409).
    pub fn race_writes(mut self, route: &str) -> Self {
        self.raced.insert(route.to_string());
        self
    }

    /// Answers `method` (PATCH, DELETE) on objects of `route` (`/apis/apps/v1/deployments`,
    /// also their subresources) with the recorded 403, as RBAC does; reads still work.
    pub fn forbid_verb(mut self, method: &str, route: &str) -> Self {
        self.forbidden
            .insert((method.to_ascii_uppercase(), route.to_string()));
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct Request {
    pub path: String,
    pub query: String,
    pub watch: bool,
    pub authorized: bool,
    pub method: String,
    /// The full request path (`/apis/apps/v1/namespaces/NS/deployments/web/scale`); `path`
    /// is the route it is served from.
    pub target: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

pub struct ReplayServer {
    pub url: String,
    log: Arc<Mutex<Vec<Request>>>,
    /// Bumped on every request, so tests can await one instead of polling.
    logged: tokio::sync::watch::Receiver<usize>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ReplayServer {
    /// Serves `script` on 127.0.0.1 (a free port) from a thread of its own, so both async
    /// tests and tests that run the `orbis` binary can use it.
    pub fn start(script: Script) -> Self {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", std_listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let state = Arc::new(Mutex::new(script));
        let log2 = log.clone();
        let (logged_tx, logged) = tokio::sync::watch::channel(0usize);
        let logged_tx = Arc::new(logged_tx);
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = TcpListener::from_std(std_listener).unwrap();
                let accept = async {
                    loop {
                        let Ok((sock, _)) = listener.accept().await else {
                            continue;
                        };
                        let (state, log, logged) = (state.clone(), log2.clone(), logged_tx.clone());
                        tokio::spawn(async move {
                            let _ = serve(sock, state, log, logged).await;
                        });
                    }
                };
                tokio::select! {
                    _ = accept => {}
                    _ = stopped => {}
                }
            });
        });
        ReplayServer {
            url,
            log,
            logged,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    /// The PATCH and DELETE requests received, in order.
    pub fn changes(&self) -> Vec<Request> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| matches!(r.method.as_str(), "PATCH" | "DELETE" | "PUT"))
            .cloned()
            .collect()
    }

    /// Requests for `path`: (lists, watches).
    pub fn counts(&self, path: &str) -> (usize, usize) {
        let log = self.log.lock().unwrap();
        let of = log.iter().filter(|r| r.path == path);
        let watches = of.clone().filter(|r| r.watch).count();
        (of.count() - watches, watches)
    }

    /// Waits (up to 30 s, a bound for a broken test) until `path` has been listed `lists` times.
    pub async fn wait_for_lists(&self, path: &str, lists: usize) {
        let mut rx = self.logged.clone();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
        while self.counts(path).0 < lists {
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                _ => panic!(
                    "{path} was listed {} times, not {lists}",
                    self.counts(path).0
                ),
            }
        }
    }

    /// A kubeconfig for this server with one context `replay` (token user), in `dir`.
    pub fn kubeconfig(&self, dir: &Path, token: &str) -> PathBuf {
        let file = dir.join("kubeconfig");
        std::fs::write(
            &file,
            format!(
                "apiVersion: v1\nkind: Config\ncurrent-context: replay\nclusters:\n- name: replay\n  cluster: {{server: \"{}\"}}\ncontexts:\n- name: replay\n  context: {{cluster: replay, user: replay}}\nusers:\n- name: replay\n  user: {{token: {token}}}\n",
                self.url
            ),
        )
        .unwrap();
        file
    }
}

impl Drop for ReplayServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One connection: one request (responses say `Connection: close`, so clients reconnect).
async fn serve(
    mut sock: TcpStream,
    state: Arc<Mutex<Script>>,
    log: Arc<Mutex<Vec<Request>>>,
    logged: Arc<tokio::sync::watch::Sender<usize>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = sock.read(&mut chunk).await?;
        if n == 0 || buf.len() > 64 * 1024 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf).to_string();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or("");
    let mut words = request_line.split(' ');
    let method = words.next().unwrap_or("").to_string();
    let mut target = words.next().unwrap_or("/").to_string();
    // As a kubeconfig `proxy-url` (an HTTP proxy): a CONNECT opens a tunnel to "the cluster",
    // which is this server again; a request in absolute form names it by URL.
    if method == "CONNECT" {
        let at = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0) + 4;
        if buf.len() > at {
            return Ok(()); // a client that does not wait for the tunnel: not supported here
        }
        log.lock().unwrap().push(Request {
            path: format!("CONNECT {target}"),
            authorized: true,
            method,
            ..Default::default()
        });
        logged.send_modify(|n| *n += 1);
        sock.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await?;
        return Box::pin(serve(sock, state, log, logged)).await;
    }
    if let Some(rest) = target.strip_prefix("http://") {
        target = rest
            .find('/')
            .map(|i| rest[i..].to_string())
            .unwrap_or_else(|| "/".into());
    }
    let headers: Vec<(String, String)> = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let authorization = header("authorization");
    let content_type = header("content-type");
    // The body: what came after the head, then the rest of Content-Length.
    let at = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0) + 4;
    let mut body = buf[at.min(buf.len())..].to_vec();
    let length: usize = header("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0)
        .min(16 * 1024 * 1024);
    while body.len() < length {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let watch = query
        .split('&')
        .any(|p| p == "watch=true" || p == "watch=1");
    let (route_path, namespace, object) = split_namespace(path);
    let required = state.lock().unwrap().token.clone();
    let authorized = match &required {
        None => true,
        Some(t) => authorization.as_deref() == Some(&format!("Bearer {t}")),
    };
    log.lock().unwrap().push(Request {
        path: route_path.clone(),
        query: query.to_string(),
        watch,
        authorized,
        method: method.clone(),
        target: path.to_string(),
        content_type: content_type.clone(),
        body: body.clone(),
    });
    logged.send_modify(|n| *n += 1);
    if !authorized {
        let body = std::fs::read(
            corpus().join("objects/constructed/status/status-401-unauthorized.json"),
        )?;
        return respond(&mut sock, 401, &body).await;
    }
    if path.starts_with("/apis/metrics.k8s.io/") {
        let served = state.lock().unwrap().metrics;
        let m = corpus().join("metrics/constructed");
        let (code, file) = match (served, path.trim_end_matches('/')) {
            (true, "/apis/metrics.k8s.io/v1beta1") => (
                200,
                corpus()
                    .join("discovery/constructed/apis.metrics.k8s.io.v1beta1.APIResourceList.json"),
            ),
            (true, "/apis/metrics.k8s.io/v1beta1/nodes") => (200, m.join("NodeMetricsList.json")),
            (true, "/apis/metrics.k8s.io/v1beta1/pods") => {
                (200, m.join("PodMetricsList.kube-system.json"))
            }
            _ => (404, m.join("metrics-server-missing.404.json")),
        };
        return respond(&mut sock, code, &std::fs::read(file)?).await;
    }
    // A discovery document, unless the test made its path answer a status (403…).
    let document = {
        let s = state.lock().unwrap();
        let trimmed = path.trim_end_matches('/');
        match s.routes.get(trimmed) {
            Some(Route {
                status: Some(_), ..
            }) => None,
            _ => s
                .documents
                .get(trimmed)
                .cloned()
                .or_else(|| discovery(path)),
        }
    };
    if let Some(body) = document {
        return respond(&mut sock, 200, &body).await;
    }
    if let Some((ns, pod)) = log_path(path) {
        return serve_log(&mut sock, &state, &ns, &pod, query).await;
    }
    if method == "PATCH" || method == "DELETE" || method == "PUT" {
        let (code, body) = {
            let mut s = state.lock().unwrap();
            if content_type.as_deref() == Some("application/apply-patch+yaml") {
                server_side_apply(&mut s, path, query, &body)
            } else {
                change(&mut s, &method, path, content_type.as_deref(), &body)
            }
        };
        return respond(&mut sock, code, &body).await;
    }
    enum Plan {
        Status(u16, PathBuf),
        List(Arc<ListBody>),
        Object(Vec<u8>),
        Watch(Option<WatchReply>, Option<mpsc::UnboundedReceiver<Vec<u8>>>),
        NotFound,
    }
    let plan = {
        let mut s = state.lock().unwrap();
        match s.routes.get_mut(&route_path) {
            Some(Route {
                status: Some((code, file)),
                ..
            }) => Plan::Status(*code, file.clone()),
            Some(route) if watch => {
                let reply = route.watches.pop_front();
                // Quiet and live watches also carry the events of changes made by requests.
                let changes = match reply {
                    None | Some(WatchReply::Live(_)) => {
                        let (tx, rx) = mpsc::unbounded_channel();
                        let from: u64 = query
                            .split('&')
                            .find_map(|p| p.strip_prefix("resourceVersion="))
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        for (version, line) in s.history.get(&route_path).into_iter().flatten() {
                            if *version > from {
                                let _ = tx.send(line.clone());
                            }
                        }
                        s.subscribers
                            .entry(route_path.clone())
                            .or_default()
                            .push(tx);
                        Some(rx)
                    }
                    _ => None,
                };
                Plan::Watch(reply, changes)
            }
            Some(Route {
                list: Some(body), ..
            }) if object.is_some() => {
                match body.get(namespace.as_deref(), object.as_deref().unwrap_or("")) {
                    Some(found) => Plan::Object(found),
                    None => Plan::NotFound,
                }
            }
            Some(Route {
                list: Some(body), ..
            }) => Plan::List(body.clone()),
            _ => Plan::NotFound,
        }
    };
    match plan {
        Plan::Status(code, file) => respond(&mut sock, code, &std::fs::read(file)?).await,
        Plan::NotFound => {
            let body = std::fs::read(
                corpus().join("objects/constructed/status/status-404-notfound.json"),
            )?;
            respond(&mut sock, 404, &body).await
        }
        Plan::Object(body) => respond(&mut sock, 200, &body).await,
        Plan::List(body) => {
            respond(&mut sock, 200, &body.render(namespace.as_deref(), query)).await
        }
        Plan::Watch(reply, changes) => {
            sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").await?;
            if let Some(changes) = changes {
                let live = match reply {
                    Some(WatchReply::Live(rx)) => Some(rx),
                    _ => None,
                };
                return serve_open_watch(sock, live, changes, namespace.as_deref()).await;
            }
            match reply {
                Some(WatchReply::Stream(file)) => {
                    for line in std::fs::read(&file)?.split(|b| *b == b'\n') {
                        if line.is_empty() || !in_namespace(line, namespace.as_deref()) {
                            continue;
                        }
                        let mut event = line.to_vec();
                        event.push(b'\n');
                        write_chunk(&mut sock, &event).await?;
                    }
                    sock.write_all(b"0\r\n\r\n").await?;
                    sock.flush().await
                }
                Some(WatchReply::Cut(file)) => {
                    write_chunk(&mut sock, &std::fs::read(&file)?).await?;
                    sock.flush().await?;
                    // Dropped: no final chunk, the TCP connection just closes.
                    Ok(())
                }
                // Live and quiet watches are served by `serve_open_watch`.
                Some(WatchReply::Live(_)) | None => Ok(()),
            }
        }
    }
}

/// A watch that stays open: lines the test pushes on `live` (the response ends when it
/// closes), and the events of PATCH/DELETE requests, until the client goes away. Without
/// `live` it is a quiet cluster's watch.
async fn serve_open_watch(
    mut sock: TcpStream,
    mut live: Option<mpsc::UnboundedReceiver<Vec<u8>>>,
    mut changes: mpsc::UnboundedReceiver<Vec<u8>>,
    namespace: Option<&str>,
) -> std::io::Result<()> {
    let (mut rd, mut wr) = sock.split();
    let mut byte = [0u8; 1];
    loop {
        tokio::select! {
            line = async {
                match live.as_mut() {
                    Some(rx) => rx.recv().await,
                    None => std::future::pending().await,
                }
            } => match line {
                Some(line) => write_chunk(&mut wr, &line).await?,
                None => return wr.write_all(b"0\r\n\r\n").await,
            },
            Some(event) = changes.recv() => {
                if in_namespace(&event, namespace) {
                    write_chunk(&mut wr, &event).await?;
                }
            }
            // The client closed the watch (or sent something a watch never sends).
            _ = rd.read(&mut byte) => return Ok(()),
        }
    }
}

/// A PATCH or DELETE of one object (`…/NAME`, or `…/NAME/scale` for PATCH): applied to the
/// served list, announced to the open watches of its kind. Returns the status and body.
fn change(
    s: &mut Script,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> (u16, Vec<u8>) {
    let status = |code: u16, file: &str| {
        let body = std::fs::read(corpus().join("objects/constructed/status").join(file))
            .unwrap_or_default();
        (code, body)
    };
    let Some((route, namespace, name, sub)) = object_path(s, path) else {
        return status(404, "status-404-notfound.json");
    };
    if s.forbidden.contains(&(method.to_string(), route.clone())) {
        return status(403, "status-403-forbidden.json");
    }
    s.next_version += 1;
    let number = 1_000_000 + s.next_version;
    let version = number.to_string();
    let raced = s.raced.contains(&route);
    let Some(list) = s.routes.get_mut(&route).and_then(|r| r.list.as_mut()) else {
        return status(404, "status-404-notfound.json");
    };
    let list = Arc::make_mut(list);
    let Some(at) = list.position(namespace.as_deref(), &name) else {
        return status(404, "status-404-notfound.json");
    };
    let (event, reply) = if method == "PUT" {
        // A replace: refused with 409 unless it names the resourceVersion served now, as the
        // API server's optimistic concurrency does.
        let Ok(mut new) = serde_json::from_slice::<serde_json::Value>(body) else {
            return (400, br#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"the body is not JSON","reason":"BadRequest","code":400}"#.to_vec());
        };
        let item = &mut list.items[at];
        if raced {
            item["metadata"]["resourceVersion"] = format!("{version}-other").into();
        }
        if new["metadata"]["resourceVersion"] != item["metadata"]["resourceVersion"] {
            return (409, serde_json::to_vec(&serde_json::json!({"kind": "Status", "apiVersion": "v1", "status": "Failure",
                "message": format!("Operation cannot be fulfilled on {name}: the object has been modified; please apply your changes to the latest version and try again"),
                "reason": "Conflict", "code": 409})).unwrap());
        }
        let generation = item["metadata"]["generation"].as_i64().unwrap_or(1);
        new["metadata"]["resourceVersion"] = version.clone().into();
        if new["spec"] != item["spec"] {
            new["metadata"]["generation"] = (generation + 1).into();
        }
        *item = new;
        let whole = list.whole(&list.items[at]);
        (
            serde_json::json!({"type": "MODIFIED", "object": whole}),
            serde_json::to_vec(&whole).unwrap(),
        )
    } else if method == "DELETE" {
        let removed = list.items.remove(at);
        let gone = list.whole(&removed);
        let event = serde_json::json!({"type": "DELETED", "object": gone});
        (event, serde_json::to_vec(&gone).unwrap())
    } else {
        // Merge and strategic merge patches of plain fields merge the same way (RFC 7386);
        // list merges by key are not needed by the actions this server is used for.
        let merge = matches!(
            content_type,
            Some("application/merge-patch+json" | "application/strategic-merge-patch+json")
        );
        let Ok(patch) = serde_json::from_slice::<serde_json::Value>(body) else {
            return (400, br#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"the patch is not JSON","reason":"BadRequest","code":400}"#.to_vec());
        };
        if !merge {
            return (415, br#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"unsupported patch type","reason":"UnsupportedMediaType","code":415}"#.to_vec());
        }
        let item = &mut list.items[at];
        let scale = sub.as_deref() == Some("scale");
        match sub.as_deref() {
            Some("scale") => {
                if let Some(replicas) = patch["spec"].get("replicas") {
                    item["spec"]["replicas"] = replicas.clone();
                }
            }
            None => merge_patch(item, &patch),
            Some(_) => return status(404, "status-404-notfound.json"),
        }
        item["metadata"]["resourceVersion"] = version.clone().into();
        if patch.get("spec").is_some() {
            let generation = item["metadata"]["generation"].as_i64().unwrap_or(1);
            item["metadata"]["generation"] = (generation + 1).into();
        }
        let whole = list.whole(&list.items[at]);
        let reply = if scale {
            serde_json::json!({
                "kind": "Scale",
                "apiVersion": "autoscaling/v1",
                "metadata": {"name": name, "namespace": namespace, "resourceVersion": version},
                "spec": {"replicas": whole["spec"]["replicas"]},
                "status": {"replicas": whole["status"]["replicas"].as_i64().unwrap_or(0)},
            })
        } else {
            whole.clone()
        };
        (
            serde_json::json!({"type": "MODIFIED", "object": whole}),
            serde_json::to_vec(&reply).unwrap(),
        )
    };
    let mut line = serde_json::to_vec(&event).unwrap();
    line.push(b'\n');
    s.history
        .entry(route.clone())
        .or_default()
        .push((number, line.clone()));
    if let Some(subs) = s.subscribers.get_mut(&route) {
        subs.retain(|tx| tx.send(line.clone()).is_ok());
    }
    (200, reply)
}

/// A server-side apply PATCH (`application/apply-patch+yaml`, as `kubectl apply
/// --server-side` sends it). Kept small for a test double: the applied object is merged into
/// the stored one like a merge patch (maps merge, lists are replaced), with no per-field
/// ownership, so it never answers a field-manager conflict. `fieldManager` is required (the
/// API server answers 400 without it). `dryRun=All` answers the merged object without storing
/// it or bumping the resourceVersion; otherwise it is stored (created when absent, 201) and
/// every open watch of its kind gets ADDED or MODIFIED.
fn server_side_apply(s: &mut Script, path: &str, query: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let bad = |message: &str| {
        let status = serde_json::json!({"kind": "Status", "apiVersion": "v1", "status": "Failure",
            "message": message, "reason": "BadRequest", "code": 400});
        (400, serde_json::to_vec(&status).unwrap())
    };
    let params: Vec<(&str, &str)> = query.split('&').filter_map(|p| p.split_once('=')).collect();
    let param = |name: &str| params.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    if param("fieldManager").is_none_or(str::is_empty) {
        return bad("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
    }
    let dry_run = param("dryRun") == Some("All");
    let Some((route, namespace, name, None)) = object_path(s, path) else {
        let body =
            std::fs::read(corpus().join("objects/constructed/status/status-404-notfound.json"))
                .unwrap_or_default();
        return (404, body);
    };
    if s.forbidden.contains(&("PATCH".to_string(), route.clone())) {
        let body =
            std::fs::read(corpus().join("objects/constructed/status/status-403-forbidden.json"))
                .unwrap_or_default();
        return (403, body);
    }
    // The body is YAML; kube-rs (like kubectl) sends JSON, which is YAML too.
    let Ok(applied) = serde_json::from_slice::<serde_json::Value>(body) else {
        return bad("the apply patch is not JSON");
    };
    if applied["metadata"]["name"].as_str() != Some(name.as_str()) {
        return bad("the name of the object does not match the name on the URL");
    }
    let version_now = 1_000_000 + s.next_version + 1;
    // A kind the corpus has no list of starts empty, typed from the object.
    let empty = || {
        let head = serde_json::json!({"kind": format!("{}List", applied["kind"].as_str().unwrap_or("")),
            "apiVersion": applied["apiVersion"], "metadata": {"resourceVersion": "1"}, "items": []});
        ListBody {
            head,
            items: Vec::new(),
            raw: None,
        }
    };
    let list: ListBody = match s.routes.get(&route).and_then(|r| r.list.as_deref()) {
        Some(l) => l.clone(),
        None => empty(),
    };
    let at = list.position(namespace.as_deref(), &name);
    let mut object = match at {
        Some(i) => list.items[i].clone(),
        None => serde_json::json!({"metadata": {
            "name": name, "uid": format!("uid-apply-{version_now}"),
            "creationTimestamp": "2026-01-01T00:00:00Z", "generation": 1}}),
    };
    let mut patch = applied.clone();
    if let Some(fields) = patch.as_object_mut() {
        for server_owned in ["kind", "apiVersion", "status"] {
            fields.remove(server_owned);
        }
    }
    let spec_before = object["spec"].clone();
    merge_patch(&mut object, &patch);
    if let Some(ns) = &namespace {
        object["metadata"]["namespace"] = ns.clone().into();
    }
    if at.is_some() && object["spec"] != spec_before {
        let generation = object["metadata"]["generation"].as_i64().unwrap_or(1);
        object["metadata"]["generation"] = (generation + 1).into();
    }
    if dry_run {
        return (200, serde_json::to_vec(&list.whole(&object)).unwrap());
    }
    s.next_version += 1;
    object["metadata"]["resourceVersion"] = version_now.to_string().into();
    let whole = list.whole(&object);
    let stored = s
        .routes
        .entry(route.clone())
        .or_default()
        .list
        .get_or_insert_with(|| Arc::new(empty()));
    let stored = Arc::make_mut(stored);
    let (kind, code) = match at {
        Some(i) => {
            stored.items[i] = object;
            ("MODIFIED", 200)
        }
        None => {
            stored.items.push(object);
            ("ADDED", 201)
        }
    };
    let mut line = serde_json::to_vec(&serde_json::json!({"type": kind, "object": whole})).unwrap();
    line.push(b'\n');
    s.history
        .entry(route.clone())
        .or_default()
        .push((version_now, line.clone()));
    if let Some(subs) = s.subscribers.get_mut(&route) {
        subs.retain(|tx| tx.send(line.clone()).is_ok());
    }
    (code, serde_json::to_vec(&whole).unwrap())
}

/// RFC 7386: objects merge, `null` removes, anything else replaces.
fn merge_patch(target: &mut serde_json::Value, patch: &serde_json::Value) {
    let Some(fields) = patch.as_object() else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = serde_json::json!({});
    }
    let map = target.as_object_mut().unwrap();
    for (k, v) in fields {
        if v.is_null() {
            map.remove(k);
        } else {
            merge_patch(map.entry(k.clone()).or_insert(serde_json::Value::Null), v);
        }
    }
}

/// An object's path → (route, namespace, name, subresource): namespaced
/// (`…/namespaces/NS/deployments/web[/scale]`) or cluster-scoped (`/api/v1/nodes/n1`).
fn object_path(s: &Script, path: &str) -> Option<(String, Option<String>, String, Option<String>)> {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if let Some(i) = parts.iter().position(|p| *p == "namespaces") {
        if parts.len() == i + 4 || parts.len() == i + 5 {
            let mut route = parts[..i].to_vec();
            route.push(parts[i + 2]);
            return Some((
                route.join("/"),
                Some(parts[i + 1].to_string()),
                parts[i + 3].to_string(),
                parts.get(i + 4).map(|p| p.to_string()),
            ));
        }
    }
    for tail in [1, 2] {
        let route = parts[..parts.len().checked_sub(tail)?].join("/");
        if s.routes.contains_key(&route) {
            let name = parts[parts.len() - tail].to_string();
            let sub = (tail == 2).then(|| parts[parts.len() - 1].to_string());
            return Some((route, None, name, sub));
        }
    }
    None
}

/// `/api/v1/namespaces/NS/pods/NAME/log` → (NS, NAME).
fn log_path(path: &str) -> Option<(String, String)> {
    let rest = path.strip_prefix("/api/v1/namespaces/")?;
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [ns, "pods", pod, "log"] => Some((ns.to_string(), pod.to_string())),
        _ => None,
    }
}

async fn serve_log(
    sock: &mut TcpStream,
    state: &Arc<Mutex<Script>>,
    ns: &str,
    pod: &str,
    query: &str,
) -> std::io::Result<()> {
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
            .map(str::to_string)
    };
    let follow = param("follow").as_deref() == Some("true");
    let container = param("container").unwrap_or_default();
    let found = {
        let mut s = state.lock().unwrap();
        s.logs
            .get_mut(&format!("{ns}/{pod}/{container}"))
            .map(|l| (l.text.clone(), if follow { l.live.take() } else { None }))
    };
    let Some((text, live)) = found else {
        let body =
            std::fs::read(corpus().join("objects/constructed/status/status-404-notfound.json"))?;
        return respond(sock, 404, &body).await;
    };
    if !follow {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            text.len()
        );
        sock.write_all(head.as_bytes()).await?;
        sock.write_all(&text).await?;
        return sock.flush().await;
    }
    sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        .await?;
    if !text.is_empty() {
        write_chunk(sock, &text).await?;
    }
    sock.flush().await?;
    match live {
        Some(mut rx) => {
            while let Some(line) = rx.recv().await {
                write_chunk(sock, &line).await?;
                sock.flush().await?;
            }
            sock.write_all(b"0\r\n\r\n").await
        }
        None => {
            // Nothing more will be written: stay open until the client goes, as a quiet
            // container's followed log does.
            let mut byte = [0u8; 1];
            let _ = sock.read(&mut byte).await;
            Ok(())
        }
    }
}

async fn write_chunk(sock: &mut (impl AsyncWrite + Unpin), data: &[u8]) -> std::io::Result<()> {
    sock.write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await?;
    sock.write_all(data).await?;
    sock.write_all(b"\r\n").await
}

async fn respond(sock: &mut TcpStream, code: u16, body: &[u8]) -> std::io::Result<()> {
    let reason = match code {
        200 => "OK",
        201 => "Created",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        400 => "Bad Request",
        409 => "Conflict",
        410 => "Gone",
        415 => "Unsupported Media Type",
        _ => "Error",
    };
    let head = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    sock.write_all(head.as_bytes()).await?;
    sock.write_all(body).await?;
    sock.flush().await
}

/// `/api/v1/namespaces/NS/pods` → (`/api/v1/pods`, Some(NS), None);
/// `/api/v1/namespaces/NS/secrets/NAME` → (`/api/v1/secrets`, Some(NS), Some(NAME));
/// `/api/v1/namespaces` itself stays as it is.
fn split_namespace(path: &str) -> (String, Option<String>, Option<String>) {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if let Some(i) = parts.iter().position(|p| *p == "namespaces") {
        if parts.len() == i + 3 || parts.len() == i + 4 {
            let mut route = parts[..i].to_vec();
            route.push(parts[i + 2]);
            let object = parts.get(i + 3).map(|s| s.to_string());
            return (route.join("/"), Some(parts[i + 1].to_string()), object);
        }
    }
    (path.to_string(), None, None)
}

/// Watch lines that fail to parse (a cut stream) or carry no namespace pass through.
fn in_namespace(line: &[u8], ns: Option<&str>) -> bool {
    let Some(ns) = ns else { return true };
    match serde_json::from_slice::<serde_json::Value>(line) {
        Ok(e) => match e["object"]["metadata"]["namespace"].as_str() {
            Some(found) => found == ns,
            None => true,
        },
        Err(_) => true,
    }
}

/// The corpus's discovery documents: `/api`, `/api/v1`, `/apis` (the real recorded
/// APIGroupList) and the group versions.
fn discovery(path: &str) -> Option<Vec<u8>> {
    let c = corpus();
    let file = match path.trim_end_matches('/') {
        "/api" => c.join("discovery/constructed/api.APIVersions.json"),
        "/api/v1" => c.join("discovery/constructed/api.v1.APIResourceList.json"),
        "/apis/apps/v1" => c.join("discovery/constructed/apis.apps.v1.APIResourceList.json"),
        "/apis/batch/v1" => c.join("discovery/constructed/apis.batch.v1.APIResourceList.json"),
        "/apis/networking.k8s.io/v1" => {
            c.join("discovery/constructed/apis.networking.k8s.io.v1.APIResourceList.json")
        }
        "/apis" => std::fs::read_dir(c.join("objects/recorded/v1-36"))
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with("APIGroupList.json"))?,
        _ => return None,
    };
    std::fs::read(file).ok()
}
