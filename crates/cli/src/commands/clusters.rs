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
pub fn run(_args: ClustersArgs) -> u8 {
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
    }
}

#[cfg(feature = "clusters")]
mod imp {
    use super::{ListArgs, PodsArgs};
    use orbis_clusters::{ClusterError, KubeEnv, Kubeconfigs};
    use std::fmt::Write;

    fn print_error(e: &ClusterError) {
        eprintln!("error: [{}] {}\nhint: {}", e.code, e.message, e.hint);
    }

    fn print_json<T: serde::Serialize>(value: &T) -> bool {
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

    pub fn pods(args: PodsArgs) -> u8 {
        let env = KubeEnv::from_process();
        let kcs = if args.kubeconfig.is_empty() {
            Kubeconfigs::load(&env.kubeconfig_files(), false)
        } else {
            Kubeconfigs::load(&args.kubeconfig, true)
        };
        let rt = match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                eprintln!("error: cannot start the async runtime: {e}");
                return 2;
            }
        };
        let result = rt.block_on(async {
            if kcs.context_names().is_empty() {
                return Err(kcs.problems.first().cloned().unwrap_or_else(|| {
                    ClusterError::new(
                        orbis_clusters::ErrorCode::ContextNotFound,
                        "The kubeconfig defines no context.",
                        "Add one with `aws eks update-kubeconfig`, `az aks get-credentials` or `gcloud container clusters get-credentials`.",
                    )
                }));
            }
            let conn = orbis_clusters::connect(&kcs, args.context.as_deref()).await?;
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
}
