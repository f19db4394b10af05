//! `orbis clusters list|pods`: the Kubernetes contexts of the user's kubeconfigs and the pods
//! of a cluster with their health in plain words, through `orbis-clusters` (kube-rs, exec
//! plugins as kubectl runs them). Needs the `clusters` feature (off by default, like `cloud`).
//!
//! - `list [--kubeconfig FILE]... [--format text|json]` →
//!   `{"contexts":[{name,cluster,server,user,auth,namespace,current,usable}],"errors":[{code,message,hint,context?,file?}]}`;
//!   exit 0 when some context can be used, 2 when none can (the errors say why).
//! - `pods [--kubeconfig FILE]... [--context X] [--namespace N] [--format text|json]` →
//!   `{"pods":[{namespace,name,phase,ready,restarts,reason,node,severity,message}]}`, every
//!   namespace unless `--namespace`; exit 2 with the error and its fix when the kubeconfig,
//!   the credentials or the cluster cannot be used.
//! - `watch [--kubeconfig FILE]... [--context X] [--namespace N] [--kind K]... [--exit-when-ready]`
//!   → JSON lines, one delta each (`{"op":"added|modified|deleted|status","kind",...}`, see
//!   crates/clusters/README.md); exit 2 when nothing can be watched (every kind failed).
//! - `gitops [--context X] [--format text|json]` → Argo CD and Flux status
//!   (`clusters_gitops.rs`).
//! - `audit --db FILE` → the app's audit log of cluster actions (`clusters_audit.rs`; works
//!   without the `clusters` feature).

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args)]
pub struct ClustersArgs {
    #[command(subcommand)]
    pub command: ClustersCommand,
}

#[derive(Subcommand)]
pub enum ClustersCommand {
    /// The contexts of your kubeconfigs (KUBECONFIG or ~/.kube/config, merged like kubectl),
    /// how each authenticates, and what is wrong with them.
    List(ListArgs),
    /// The pods of a cluster with ready/restarts and the plain reason of problems.
    Pods(PodsArgs),
    /// Live changes of a cluster as JSON lines (the deltas the desktop app receives): the
    /// first state of each kind, then every change, until Ctrl-C.
    Watch(WatchArgs),
    /// Managed clusters of your cloud account (EKS), and the kubeconfig context of one added
    /// after you confirm (`--add NAME`), as `aws eks update-kubeconfig` would.
    Discover(super::clusters_discover::DiscoverArgs),
    /// The desktop app's audit log of cluster actions (scale, restart, delete, cordon…),
    /// newest first: who did what where, and how it ended.
    Audit(super::clusters_audit::AuditArgs),
    /// Argo CD Applications and Flux Kustomizations, HelmReleases and sources with their
    /// sync, health and Ready state, when their CRDs are installed.
    Gitops(super::clusters_gitops::GitopsArgs),
}

#[derive(Args)]
pub struct WatchArgs {
    #[arg(long = "kubeconfig", value_name = "FILE")]
    pub kubeconfig: Vec<PathBuf>,
    #[arg(long)]
    pub context: Option<String>,
    /// Only this namespace (nodes and namespaces are always watched whole).
    #[arg(long, short = 'n')]
    pub namespace: Option<String>,
    /// Only these kinds (repeatable: pods, deployments, nodes, events, secrets…; default: all).
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Stop once every kind has its first state (ready, no access or failed).
    #[arg(long)]
    pub exit_when_ready: bool,
}

#[derive(Args)]
pub struct ListArgs {
    /// Read these kubeconfig files instead of KUBECONFIG / ~/.kube/config (repeatable).
    #[arg(long = "kubeconfig", value_name = "FILE")]
    pub kubeconfig: Vec<PathBuf>,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

#[derive(Args)]
pub struct PodsArgs {
    #[arg(long = "kubeconfig", value_name = "FILE")]
    pub kubeconfig: Vec<PathBuf>,
    /// The context to use (default: the current context).
    #[arg(long)]
    pub context: Option<String>,
    /// Only this namespace (default: all namespaces).
    #[arg(long, short = 'n')]
    pub namespace: Option<String>,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

#[cfg(not(feature = "clusters"))]
pub fn run(args: ClustersArgs) -> u8 {
    if let ClustersCommand::Discover(a) = args.command {
        return super::clusters_discover::run(a);
    }
    if let ClustersCommand::Audit(a) = args.command {
        return super::clusters_audit::run(a);
    }
    eprintln!(
        "error: [cli.no_clusters_support] this build of orbis has no Kubernetes cluster support\n\
         hint: use a release build, or build it with `cargo build -p orbis-cli --features clusters`"
    );
    2
}

#[cfg(feature = "clusters")]
pub fn run(args: ClustersArgs) -> u8 {
    match args.command {
        ClustersCommand::List(a) => imp::list(a),
        ClustersCommand::Pods(a) => imp::pods(a),
        ClustersCommand::Watch(a) => imp::watch(a),
        ClustersCommand::Discover(a) => super::clusters_discover::run(a),
        ClustersCommand::Audit(a) => super::clusters_audit::run(a),
        ClustersCommand::Gitops(a) => super::clusters_gitops::run(a),
    }
}

// `pub(super)`: the other `orbis clusters` commands (clusters_gitops.rs) connect the same way.
#[cfg(feature = "clusters")]
pub(super) mod imp {
    use super::{ListArgs, PodsArgs, WatchArgs};
    use orbis_clusters::{ClusterError, KubeEnv, Kubeconfigs};
    use std::fmt::Write;

    pub(crate) fn print_error(e: &ClusterError) {
        eprintln!("error: [{}] {}\nhint: {}", e.code, e.message, e.hint);
    }

    pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> bool {
        match serde_json::to_string_pretty(value) {
            Ok(json) => {
                println!("{json}");
                true
            }
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                false
            }
        }
    }

    pub fn list(args: ListArgs) -> u8 {
        let env = KubeEnv::from_process();
        let files = (!args.kubeconfig.is_empty()).then_some(args.kubeconfig.as_slice());
        let list = orbis_clusters::list_contexts(files, &env);
        if args.format == "json" {
            if !print_json(&list) {
                return 2;
            }
        } else {
            print!("{}", render_list(&list));
        }
        if list.unusable() {
            // Scripts read stdout; people and CI logs read stderr.
            match list.errors.first() {
                Some(e) => print_error(e),
                None => eprintln!("error: [clusters.no_context] the kubeconfig has no context\nhint: add one with `aws eks update-kubeconfig`, `az aks get-credentials` or `gcloud container clusters get-credentials`"),
            }
            return 2;
        }
        0
    }

    fn render_list(list: &orbis_clusters::ContextList) -> String {
        let mut out = String::new();
        let width = list
            .contexts
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = writeln!(
            out,
            "  {:<width$}  {:<28}  {:<10}  SERVER",
            "NAME", "AUTH", "NAMESPACE"
        );
        for c in &list.contexts {
            let mark = if c.current { '*' } else { ' ' };
            let _ = writeln!(
                out,
                "{mark} {:<width$}  {:<28}  {:<10}  {}{}",
                c.name,
                c.auth,
                c.namespace.as_deref().unwrap_or("-"),
                c.server.as_deref().unwrap_or("-"),
                if c.usable { "" } else { "  (unusable)" }
            );
        }
        for e in &list.errors {
            let _ = writeln!(out, "\n{}\n  fix: {}", e.message, e.hint);
        }
        out
    }

    pub(crate) fn load(files: &[std::path::PathBuf]) -> Kubeconfigs {
        let env = KubeEnv::from_process();
        if files.is_empty() {
            Kubeconfigs::load(&env.kubeconfig_files(), false)
        } else {
            Kubeconfigs::load(files, true)
        }
    }

    pub(crate) fn runtime() -> Option<tokio::runtime::Runtime> {
        match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(rt) => Some(rt),
            Err(e) => {
                eprintln!("error: cannot start the async runtime: {e}");
                None
            }
        }
    }

    pub(crate) async fn connect(
        kcs: &Kubeconfigs,
        context: Option<&str>,
    ) -> Result<orbis_clusters::connect::Connection, ClusterError> {
        if kcs.context_names().is_empty() {
            return Err(kcs.problems.first().cloned().unwrap_or_else(|| {
                ClusterError::new(
                    orbis_clusters::ErrorCode::ContextNotFound,
                    "The kubeconfig defines no context.",
                    "Add one with `aws eks update-kubeconfig`, `az aks get-credentials` or `gcloud container clusters get-credentials`.",
                )
            }));
        }
        orbis_clusters::connect(kcs, context).await
    }

    pub fn pods(args: PodsArgs) -> u8 {
        let kcs = load(&args.kubeconfig);
        let Some(rt) = runtime() else { return 2 };
        let result = rt.block_on(async {
            let conn = connect(&kcs, args.context.as_deref()).await?;
            orbis_clusters::pods::list_pods(&conn, args.namespace.as_deref()).await
        });
        rt.shutdown_timeout(std::time::Duration::from_millis(100));
        let pods = match result {
            Ok(p) => p,
            Err(e) => {
                print_error(&e);
                return 2;
            }
        };
        if args.format == "json" {
            if !print_json(&serde_json::json!({ "pods": pods })) {
                return 2;
            }
        } else {
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{:<16} {:<44} {:<6} {:<26} {:>8}  NODE",
                "NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS"
            );
            for p in &pods {
                let _ = writeln!(
                    out,
                    "{:<16} {:<44} {:<6} {:<26} {:>8}  {}",
                    p.namespace,
                    p.name,
                    p.ready,
                    p.reason.as_deref().unwrap_or(&p.phase),
                    p.restarts,
                    p.node.as_deref().unwrap_or("-")
                );
            }
            print!("{out}");
        }
        0
    }

    pub fn watch(args: WatchArgs) -> u8 {
        use orbis_clusters::watch::{ClusterState, Delta, Kind, KindStatus, WatchOptions};
        use std::collections::HashMap;
        use std::io::Write;
        let mut kinds = Vec::new();
        for k in &args.kinds {
            match Kind::parse(k) {
                Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Some(_) => {}
                None => {
                    eprintln!("error: [cli.usage] unknown kind \"{k}\"\nhint: use pods, deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs, services, ingresses, configmaps, secrets, pvcs, events, nodes or namespaces");
                    return 2;
                }
            }
        }
        if kinds.is_empty() {
            kinds = Kind::ALL.to_vec();
        }
        let kcs = load(&args.kubeconfig);
        let Some(rt) = runtime() else { return 2 };
        let code = rt.block_on(async {
            let conn = match connect(&kcs, args.context.as_deref()).await {
                Ok(c) => c,
                Err(e) => {
                    print_error(&e);
                    return 2;
                }
            };
            let options = WatchOptions {
                kinds: kinds.clone(),
                namespace: args.namespace.clone(),
                ..Default::default()
            };
            let (state, mut rx) = ClusterState::start(&conn, &options);
            // A kind has its first state once it is ready, forbidden or failed.
            let mut first: HashMap<Kind, bool> = HashMap::new();
            let mut out = std::io::stdout().lock();
            loop {
                let batch = tokio::select! {
                    b = rx.recv() => match b { Some(b) => b, None => break },
                    _ = tokio::signal::ctrl_c() => break,
                };
                for d in &batch {
                    if let Delta::Status { kind, status } = d {
                        let settled =
                            !matches!(status, KindStatus::Loading | KindStatus::Recovering { .. });
                        if settled {
                            first.insert(*kind, matches!(status, KindStatus::Failed { .. }));
                        }
                    }
                    match serde_json::to_string(d) {
                        Ok(line) => {
                            if writeln!(out, "{line}").is_err() {
                                return 0; // stdout closed (piped into head): done.
                            }
                        }
                        Err(e) => {
                            eprintln!("error: cannot write JSON: {e}");
                            return 2;
                        }
                    }
                }
                let _ = out.flush();
                if args.exit_when_ready && kinds.iter().all(|k| first.contains_key(k)) {
                    break;
                }
            }
            drop(state);
            // Every kind failed (credentials refused, plugin failing): nothing can be shown.
            if !first.is_empty() && first.values().all(|failed| *failed) {
                2
            } else {
                0
            }
        });
        rt.shutdown_timeout(std::time::Duration::from_millis(100));
        code
    }
}
