//! `orbis clusters discover --aws [--profile P] [--region R]... [--format text|json]
//! [--add NAME [--kubeconfig FILE] [--yes]]`: the EKS clusters of the account (orbis-cloud),
//! and, for the one named by `--add`, the kubeconfig context `aws eks update-kubeconfig`
//! would write (orbis-clusters): shown first, written only after a yes (typed, or `--yes`
//! when there is no terminal), with a backup of the file. Needs the `cloud` and `clusters`
//! features.
//!
//! JSON: `{"profile","account","clusters":[{name,arn,region,endpoint,version,status}],
//! "errors":[{region,code,message,hint}],"added":{file,context,backup,replaces}|null}`.
//! Exit 0 when listed (and added), 1 when the user said no, 2 on errors.

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct DiscoverArgs {
    /// Look for EKS clusters with your AWS profile (the only cloud so far).
    #[arg(long)]
    pub aws: bool,
    /// AWS profile (default: AWS_PROFILE, the environment's keys, else `default`).
    #[arg(long)]
    pub profile: Option<String>,
    /// Regions to look in (repeatable; default: the profile's region).
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// Add the kubeconfig context of this cluster (its name or ARN).
    #[arg(long, value_name = "CLUSTER")]
    pub add: Option<String>,
    /// The kubeconfig file to add it to (default: the first of KUBECONFIG, else ~/.kube/config).
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
    /// Add without asking (needed when stdin is not a terminal).
    #[arg(long)]
    pub yes: bool,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

#[cfg(not(all(feature = "cloud", feature = "clusters")))]
pub fn run(_args: DiscoverArgs) -> u8 {
    eprintln!(
        "error: [cli.no_cloud_support] this build of orbis cannot look for managed clusters\n\
         hint: use a release build, or build it with `cargo build -p orbis-cli --features cloud,clusters`"
    );
    2
}

#[cfg(all(feature = "cloud", feature = "clusters"))]
pub fn run(args: DiscoverArgs) -> u8 {
    imp::run(args)
}

#[cfg(all(feature = "cloud", feature = "clusters"))]
mod imp {
    use super::DiscoverArgs;
    use orbis_cloud::eks::{discover_eks, EksCluster, EksDiscovery};
    use orbis_cloud::inventory::default_profile;
    use orbis_clusters::kubeconfig::add::{add_context, default_target, eks_context, preview_add};
    use orbis_clusters::KubeEnv;
    use std::io::{BufRead, IsTerminal, Write};

    fn fail(code: &str, message: &str, hint: &str) -> u8 {
        eprintln!("error: [{code}] {message}\nhint: {hint}");
        2
    }

    pub fn run(args: DiscoverArgs) -> u8 {
        if !args.aws {
            return fail(
                "clusters.usage",
                "say which cloud to look in",
                "use --aws (EKS); AKS and GKE discovery are not built yet",
            );
        }
        let ctx = orbis_cloud::Context::from_process();
        let profile = args
            .profile
            .clone()
            .unwrap_or_else(|| default_profile(&ctx));
        let rt = match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                return fail(
                    "cli.runtime",
                    &format!("cannot start the async runtime: {e}"),
                    "try again",
                )
            }
        };
        let found = match rt.block_on(discover_eks(&ctx, &profile, &args.regions)) {
            Ok(f) => f,
            Err(e) => return fail(e.code.as_str(), &e.message, &e.hint),
        };
        rt.shutdown_timeout(std::time::Duration::from_millis(100));
        let added = match &args.add {
            None => None,
            Some(wanted) => match add(&args, &found, wanted) {
                Ok(Some(added)) => Some(added),
                Ok(None) => {
                    eprintln!("Nothing was changed.");
                    return 1;
                }
                Err(code) => return code,
            },
        };
        if args.format == "json" {
            let clusters: Vec<serde_json::Value> = found
                .clusters
                .iter()
                .map(|c| {
                    serde_json::json!({"name": c.name, "arn": c.arn, "region": c.region,
                        "endpoint": c.endpoint, "version": c.version, "status": c.status})
                })
                .collect();
            let doc = serde_json::json!({
                "profile": found.profile, "account": found.account, "clusters": clusters,
                "errors": found.errors, "added": added,
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        } else {
            print_text(&found);
        }
        0
    }

    fn print_text(found: &EksDiscovery) {
        println!(
            "EKS clusters of account {} (profile {}): {}",
            found.account,
            found.profile,
            found.clusters.len()
        );
        for c in &found.clusters {
            println!(
                "  {:<24} {:<14} {:<6} {:<9} {}",
                c.name, c.region, c.version, c.status, c.endpoint
            );
        }
        for e in &found.errors {
            println!("  {}: not listed — {} ({})", e.region, e.message, e.hint);
        }
    }

    /// Shows the change, asks, writes. `Ok(None)`: the user said no.
    fn add(
        args: &DiscoverArgs,
        found: &EksDiscovery,
        wanted: &str,
    ) -> Result<Option<serde_json::Value>, u8> {
        let matching: Vec<&EksCluster> = found
            .clusters
            .iter()
            .filter(|c| c.name == wanted || c.arn == wanted)
            .collect();
        let cluster =
            match matching.as_slice() {
                [one] => *one,
                [] => return Err(fail(
                    "clusters.not_found",
                    &format!("no EKS cluster named {wanted} in the regions looked at"),
                    "check the name in the list (`orbis clusters discover --aws`), or add --region",
                )),
                _ => {
                    return Err(fail(
                        "clusters.ambiguous",
                        &format!("{wanted} names clusters in several regions"),
                        "pass the cluster's ARN to --add",
                    ))
                }
            };
        let file = match args
            .kubeconfig
            .clone()
            .or_else(|| default_target(&KubeEnv::from_process()))
        {
            Some(f) => f,
            None => {
                return Err(fail(
                    "clusters.no_kubeconfig",
                    "no kubeconfig file to write to (no KUBECONFIG and no home folder)",
                    "pass --kubeconfig FILE",
                ))
            }
        };
        let profile =
            (found.profile != orbis_cloud::aws::ENV_PROFILE).then_some(found.profile.as_str());
        let new = eks_context(
            &cluster.name,
            &cluster.arn,
            &cluster.region,
            &cluster.endpoint,
            &cluster.certificate_authority,
            profile,
        );
        let preview =
            preview_add(&file, &new).map_err(|e| fail(e.code.as_str(), &e.message, &e.hint))?;
        // The preview goes to stderr: stdout stays the listing (JSON for scripts).
        eprintln!(
            "{} {}:\n  context  {}\n  server   {}\n  sign-in  {}\n  current-context: {} -> {}{}",
            if preview.creates_file {
                "Create"
            } else {
                "Change"
            },
            preview.file.display(),
            preview.context,
            preview.server,
            preview.credentials,
            preview
                .current_context_before
                .as_deref()
                .unwrap_or("(none)"),
            preview.context,
            if preview.replaces.is_empty() {
                String::new()
            } else {
                format!("\n  replaces {}", preview.replaces.join(", "))
            }
        );
        if !args.yes {
            let stdin = std::io::stdin();
            if !stdin.is_terminal() {
                return Err(fail(
                    "clusters.confirm",
                    "the kubeconfig is only changed after a yes",
                    "run it in a terminal to answer, or add --yes",
                ));
            }
            eprint!("Write it (a backup of the file is kept)? [y/N] ");
            let _ = std::io::stderr().flush();
            let mut answer = String::new();
            let _ = stdin.lock().read_line(&mut answer);
            if !matches!(answer.trim(), "y" | "Y" | "yes") {
                return Ok(None);
            }
        }
        let added =
            add_context(&file, &new).map_err(|e| fail(e.code.as_str(), &e.message, &e.hint))?;
        match &added.backup {
            Some(b) => eprintln!(
                "Added {}; the previous file is in {}.",
                added.preview.context,
                b.display()
            ),
            None => eprintln!("Created {} with {}.", file.display(), added.preview.context),
        }
        Ok(Some(serde_json::json!({
            "file": file, "context": added.preview.context,
            "backup": added.backup, "replaces": added.preview.replaces,
        })))
    }
}
