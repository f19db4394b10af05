//! `orbis clusters gitops [--kubeconfig FILE]... [--context X] [--format text|json]`: the Argo
//! CD Applications and Flux objects of a cluster (`orbis_clusters::gitops`), when their CRDs
//! are installed. JSON: `{"argo":{presence,no_access},"flux":{presence,no_access},"apps":[{tool,
//! kind,namespace,name,sync,health,ready,reason,suspended,revision,source,destination,message,
//! severity}]}`, `presence` one of `installed`, `not_installed`, `no_access`. Neither tool
//! installed is exit 0 (an answer); exit 2 when the cluster cannot be used.

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct GitopsArgs {
    #[arg(long = "kubeconfig", value_name = "FILE")]
    pub kubeconfig: Vec<PathBuf>,
    /// The context to use (default: the current context).
    #[arg(long)]
    pub context: Option<String>,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

#[cfg(feature = "clusters")]
pub fn run(args: GitopsArgs) -> u8 {
    use super::clusters::imp::{connect, load, print_error, print_json, runtime};
    let kcs = load(&args.kubeconfig);
    let Some(rt) = runtime() else { return 2 };
    let result = rt.block_on(async {
        let conn = connect(&kcs, args.context.as_deref()).await?;
        orbis_clusters::gitops::fetch(&conn).await
    });
    rt.shutdown_timeout(std::time::Duration::from_millis(100));
    let found = match result {
        Ok(f) => f,
        Err(e) => {
            print_error(&e);
            return 2;
        }
    };
    if args.format == "json" {
        return if print_json(&found) { 0 } else { 2 };
    }
    print!("{}", render(&found));
    0
}

#[cfg(feature = "clusters")]
fn render(found: &orbis_clusters::gitops::GitOps) -> String {
    use orbis_clusters::gitops::{Presence, Tool};
    use std::fmt::Write;
    let mut out = String::new();
    let say = |out: &mut String, name: &str, t: &Tool| {
        let _ = match t.presence {
            Presence::NotInstalled => writeln!(out, "{name}: not installed"),
            Presence::NoAccess => writeln!(out, "{name}: no access (API discovery is forbidden)"),
            Presence::Installed if t.no_access.is_empty() => writeln!(out, "{name}: installed"),
            Presence::Installed => writeln!(
                out,
                "{name}: installed; no access to {}",
                t.no_access.join(", ")
            ),
        };
    };
    say(&mut out, "Argo CD", &found.argo);
    say(&mut out, "Flux", &found.flux);
    if found.apps.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\n{:<5} {:<14} {:<32} {:<24} {:<20}  REVISION",
        "TOOL", "KIND", "NAMESPACE/NAME", "STATUS", "SOURCE"
    );
    for a in &found.apps {
        let status = match (&a.sync, &a.health, &a.ready) {
            (Some(s), Some(h), _) => format!("{s}/{h}"),
            (_, _, Some(r)) => format!(
                "Ready={r}{}{}",
                a.reason
                    .as_deref()
                    .map(|x| format!(" {x}"))
                    .unwrap_or_default(),
                if a.suspended { " suspended" } else { "" }
            ),
            _ => "-".into(),
        };
        let _ = writeln!(
            out,
            "{:<5} {:<14} {:<32} {:<24} {:<20}  {}",
            a.tool,
            a.kind,
            format!("{}/{}", a.namespace, a.name),
            status,
            a.source.as_deref().unwrap_or("-"),
            a.revision.as_deref().unwrap_or("-")
        );
        if let Some(m) = a
            .message
            .as_deref()
            .filter(|_| a.severity != orbis_clusters::gitops::Severity::Ok)
        {
            let _ = writeln!(out, "      {m}");
        }
    }
    out
}
