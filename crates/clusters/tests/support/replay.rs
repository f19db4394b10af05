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

#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

pub fn corpus() -> PathBuf {
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
        let item = self.items.iter().find(|o| {
            o["metadata"]["name"].as_str() == Some(name)
                && namespace.is_none_or(|ns| o["metadata"]["namespace"].as_str() == Some(ns))
        })?;
        // List items carry no kind/apiVersion; a single object does.
        let mut item = item.clone();
        if let Some(kind) = self.head["kind"]
            .as_str()
            .and_then(|k| k.strip_suffix("List"))
        {
            item["kind"] = kind.into();
            item["apiVersion"] = self.head["apiVersion"].clone();
        }
        serde_json::to_vec(&item).ok()
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

    pub fn require_token(mut self, token: &str) -> Self {
        self.token = Some(token.to_string());
        self
    }
}

#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub query: String,
    pub watch: bool,
    pub authorized: bool,
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
            query: String::new(),
            watch: false,
            authorized: true,
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
    let authorization = lines.take_while(|l| !l.is_empty()).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("authorization")
            .then(|| v.trim().to_string())
    });
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
    });
    logged.send_modify(|n| *n += 1);
    if !authorized {
        let body = std::fs::read(
            corpus().join("objects/constructed/status/status-401-unauthorized.json"),
        )?;
        return respond(&mut sock, 401, &body).await;
    }
    if let Some(body) = discovery(path) {
        return respond(&mut sock, 200, &body).await;
    }
    if let Some((ns, pod)) = log_path(path) {
        return serve_log(&mut sock, &state, &ns, &pod, query).await;
    }
    enum Plan {
        Status(u16, PathBuf),
        List(Arc<ListBody>),
        Object(Vec<u8>),
        Watch(Option<WatchReply>),
        NotFound,
    }
    let plan = {
        let mut s = state.lock().unwrap();
        match s.routes.get_mut(&route_path) {
            Some(Route {
                status: Some((code, file)),
                ..
            }) => Plan::Status(*code, file.clone()),
            Some(route) if watch => Plan::Watch(route.watches.pop_front()),
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
        Plan::Watch(reply) => {
            sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").await?;
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
                Some(WatchReply::Live(mut rx)) => {
                    while let Some(line) = rx.recv().await {
                        write_chunk(&mut sock, &line).await?;
                    }
                    sock.write_all(b"0\r\n\r\n").await
                }
                None => {
                    // A quiet watch: open until the client goes away.
                    let mut byte = [0u8; 1];
                    let _ = sock.read(&mut byte).await;
                    Ok(())
                }
            }
        }
    }
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

async fn write_chunk(sock: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    sock.write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await?;
    sock.write_all(data).await?;
    sock.write_all(b"\r\n").await
}

async fn respond(sock: &mut TcpStream, code: u16, body: &[u8]) -> std::io::Result<()> {
    let reason = match code {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
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
