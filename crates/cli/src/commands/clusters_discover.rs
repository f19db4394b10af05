//! `orbis clusters discover --aws [--profile P] [--region R]... | --azure [--subscription S] |
//! --gcp [--project P]  [--format text|json] [--add NAME [--kubeconfig FILE] [--yes]]`: the
//! managed clusters your own sign-in can see (EKS, AKS, GKE; orbis-cloud), and, for the one
//! named by `--add`, the kubeconfig context `aws eks update-kubeconfig` / `az aks
//! get-credentials` / `gcloud container clusters get-credentials` would write (orbis-clusters):
//! shown first, written only after a yes (typed, or `--yes` when there is no terminal), with a
//! backup of the file. Needs the `cloud` and `clusters` features.
//!
//! JSON: `{"cloud","profile","account","clusters":[{name,id,arn?,region,endpoint,version,status}],
//! "errors":[{region,code,message,hint}],"added":{file,context,backup,replaces}|null}` —
//! for AKS `account` lists the subscriptions and `region` is the location; for GKE `account`
//! is the project, `profile` the signed-in identity and `region` the location.
//! Exit 0 when listed (and added), 1 when the user said no, 2 on errors.

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct DiscoverArgs {
    /// Look for EKS clusters with your AWS profile.
    #[arg(long, conflicts_with_all = ["azure", "gcp"])]
    pub aws: bool,
    /// Look for AKS clusters with your Azure CLI sign-in.
    #[arg(long, conflicts_with = "gcp")]
    pub azure: bool,
    /// Look for GKE clusters with your Application Default Credentials.
    #[arg(long)]
    pub gcp: bool,
    /// Azure subscription (id or name; default: every enabled one of the Azure CLI profile).
    #[arg(long, requires = "azure")]
    pub subscription: Option<String>,
    /// Google Cloud project (default: the one your sign-in or gcloud points at).
    #[arg(long, requires = "gcp")]
    pub project: Option<String>,
    /// AWS profile (default: AWS_PROFILE, the environment's keys, else `default`).
    #[arg(long)]
    pub profile: Option<String>,
    /// Regions to look in (repeatable; default: the profile's region).
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// Add the kubeconfig context of this cluster (its name, or its ARN / resource id).
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
    use orbis_cloud::eks::RegionError;
    use orbis_cloud::inventory::default_profile;
    use orbis_cloud::CloudError;
    use orbis_clusters::kubeconfig::add::{
        add_context, context_from_kubeconfig, default_target, eks_context, gke_context,
        preview_add, NewContext,
    };
    use orbis_clusters::KubeEnv;
    use std::io::{BufRead, IsTerminal, Write};

    fn fail(code: &str, message: &str, hint: &str) -> u8 {
        eprintln!("error: [{code}] {message}\nhint: {hint}");
        2
    }

    fn cloud_fail(e: CloudError) -> u8 {
        fail(e.code.as_str(), &e.message, &e.hint)
    }

    /// One cluster as listed, whatever its cloud.
    struct Item {
        name: String,
        id: String,
        /// The EKS ARN (kept in the JSON for scripts written against the first version).
        arn: Option<String>,
        region: String,
        endpoint: String,
        version: String,
        status: String,
    }

    /// Where the context comes from once a cluster is chosen.
    enum Source {
        Eks {
            profile: String,
            clusters: Vec<orbis_cloud::eks::EksCluster>,
        },
        Aks,
        Gke {
            clusters: Vec<orbis_cloud::gke::GkeCluster>,
        },
    }

    struct Listed {
        cloud: &'static str,
        profile: String,
        account: String,
        items: Vec<Item>,
        errors: Vec<RegionError>,
        source: Source,
    }

    pub fn run(args: DiscoverArgs) -> u8 {
        if !(args.aws || args.azure || args.gcp) {
            return fail(
                "clusters.usage",
                "say which cloud to look in",
                "use --aws (EKS), --azure (AKS) or --gcp (GKE)",
            );
        }
        let ctx = orbis_cloud::Context::from_process();
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
        let listed = match rt.block_on(list(&ctx, &args)) {
            Ok(l) => l,
            Err(e) => return cloud_fail(e),
        };
        let added = match &args.add {
            None => None,
            Some(wanted) => match add(&rt, &ctx, &args, &listed, wanted) {
                Ok(Some(added)) => Some(added),
                Ok(None) => {
                    eprintln!("Nothing was changed.");
                    return 1;
                }
                Err(code) => return code,
            },
        };
        rt.shutdown_timeout(std::time::Duration::from_millis(100));
        if args.format == "json" {
            let clusters: Vec<serde_json::Value> = listed
                .items
                .iter()
                .map(|c| {
                    let mut v = serde_json::json!({"name": c.name, "id": c.id, "region": c.region,
                        "endpoint": c.endpoint, "version": c.version, "status": c.status});
                    if let Some(arn) = &c.arn {
                        v["arn"] = serde_json::json!(arn);
                    }
                    v
                })
                .collect();
            let doc = serde_json::json!({
                "cloud": listed.cloud, "profile": listed.profile, "account": listed.account,
                "clusters": clusters, "errors": listed.errors, "added": added,
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        } else {
            print_text(&listed);
        }
        0
    }

    async fn list(ctx: &orbis_cloud::Context, args: &DiscoverArgs) -> Result<Listed, CloudError> {
        if args.azure {
            let found = orbis_cloud::aks::discover_aks(ctx, args.subscription.as_deref()).await?;
            return Ok(Listed {
                cloud: "azure",
                profile: "Azure CLI".into(),
                account: found.subscriptions.join(", "),
                items: found
                    .clusters
                    .iter()
                    .map(|c| Item {
                        name: c.name.clone(),
                        id: c.id.clone(),
                        arn: None,
                        region: c.location.clone(),
                        endpoint: format!("https://{}", c.fqdn),
                        version: c.version.clone(),
                        status: c.status.clone(),
                    })
                    .collect(),
                errors: found.errors,
                source: Source::Aks,
            });
        }
        if args.gcp {
            let found = orbis_cloud::gke::discover_gke(ctx, args.project.as_deref()).await?;
            return Ok(Listed {
                cloud: "gcp",
                profile: found.identity.clone(),
                account: found.project.clone(),
                items: found
                    .clusters
                    .iter()
                    .map(|c| Item {
                        name: c.name.clone(),
                        id: format!("{}/{}/{}", c.project, c.location, c.name),
                        arn: None,
                        region: c.location.clone(),
                        endpoint: c.endpoint.clone(),
                        version: c.version.clone(),
                        status: c.status.clone(),
                    })
                    .collect(),
                errors: found.errors,
                source: Source::Gke {
                    clusters: found.clusters,
                },
            });
        }
        let profile = args.profile.clone().unwrap_or_else(|| default_profile(ctx));
        let found = orbis_cloud::eks::discover_eks(ctx, &profile, &args.regions).await?;
        Ok(Listed {
            cloud: "aws",
            profile: found.profile.clone(),
            account: found.account.clone(),
            items: found
                .clusters
                .iter()
                .map(|c| Item {
                    name: c.name.clone(),
                    id: c.arn.clone(),
                    arn: Some(c.arn.clone()),
                    region: c.region.clone(),
                    endpoint: c.endpoint.clone(),
                    version: c.version.clone(),
                    status: c.status.clone(),
                })
                .collect(),
            errors: found.errors,
            source: Source::Eks {
                profile: found.profile,
                clusters: found.clusters,
            },
        })
    }

    fn print_text(listed: &Listed) {
        let what = match listed.cloud {
            "azure" => format!("AKS clusters of {} (Azure CLI)", listed.account),
            "gcp" => format!(
                "GKE clusters of project {} ({})",
                listed.account, listed.profile
            ),
            _ => format!(
                "EKS clusters of account {} (profile {})",
                listed.account, listed.profile
            ),
        };
        println!("{what}: {}", listed.items.len());
        for c in &listed.items {
            println!(
                "  {:<24} {:<14} {:<12} {:<12} {}",
                c.name, c.region, c.version, c.status, c.endpoint
            );
        }
        for e in &listed.errors {
            println!("  {}: not listed — {} ({})", e.region, e.message, e.hint);
        }
    }

    /// The kubeconfig entries for the chosen cluster (AKS: Azure's user kubeconfig).
    fn new_context(
        rt: &tokio::runtime::Runtime,
        ctx: &orbis_cloud::Context,
        listed: &Listed,
        item: &Item,
    ) -> Result<NewContext, u8> {
        let not_ready = || {
            fail(
                "clusters.not_ready",
                &format!(
                    "{} has no API endpoint yet (status {})",
                    item.name, item.status
                ),
                "wait until the cluster is running, then try again",
            )
        };
        match &listed.source {
            Source::Eks { profile, clusters } => {
                let c = clusters
                    .iter()
                    .find(|c| c.arn == item.id)
                    .ok_or_else(not_ready)?;
                if c.endpoint.is_empty() || c.certificate_authority.is_empty() {
                    return Err(not_ready());
                }
                let profile =
                    (profile != orbis_cloud::aws::ENV_PROFILE).then_some(profile.as_str());
                Ok(eks_context(
                    &c.name,
                    &c.arn,
                    &c.region,
                    &c.endpoint,
                    &c.certificate_authority,
                    profile,
                ))
            }
            Source::Gke { clusters } => {
                let c = clusters
                    .iter()
                    .find(|c| format!("{}/{}/{}", c.project, c.location, c.name) == item.id)
                    .ok_or_else(not_ready)?;
                if c.endpoint.is_empty() || c.certificate_authority.is_empty() {
                    return Err(not_ready());
                }
                Ok(gke_context(
                    &c.project,
                    &c.location,
                    &c.name,
                    &c.endpoint,
                    &c.certificate_authority,
                ))
            }
            Source::Aks => {
                let text = rt
                    .block_on(orbis_cloud::aks::aks_user_kubeconfig(ctx, &item.id))
                    .map_err(cloud_fail)?;
                context_from_kubeconfig(&text)
                    .map_err(|e| fail(e.code.as_str(), &e.message, &e.hint))
            }
        }
    }

    /// Shows the change, asks, writes. `Ok(None)`: the user said no.
    fn add(
        rt: &tokio::runtime::Runtime,
        ctx: &orbis_cloud::Context,
        args: &DiscoverArgs,
        listed: &Listed,
        wanted: &str,
    ) -> Result<Option<serde_json::Value>, u8> {
        let matching: Vec<&Item> = listed
            .items
            .iter()
            .filter(|c| c.name == wanted || c.id == wanted)
            .collect();
        let flag = match listed.cloud {
            "azure" => "--azure",
            "gcp" => "--gcp",
            _ => "--aws",
        };
        let item =
            match matching.as_slice() {
                [one] => *one,
                [] => {
                    return Err(fail(
                        "clusters.not_found",
                        &match listed.cloud {
                            "azure" => format!(
                                "no AKS cluster named {wanted} in the subscriptions looked at"
                            ),
                            "gcp" => format!(
                                "no GKE cluster named {wanted} in project {}",
                                listed.account
                            ),
                            _ => format!("no EKS cluster named {wanted} in the regions looked at"),
                        },
                        &format!(
                            "check the name in the list (`orbis clusters discover {flag}`){}",
                            if listed.cloud == "aws" {
                                ", or add --region"
                            } else {
                                ""
                            }
                        ),
                    ))
                }
                _ => return Err(fail(
                    "clusters.ambiguous",
                    &format!("{wanted} names several clusters"),
                    "pass the cluster's id (ARN, resource id, or project/location/name) to --add",
                )),
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
        let new = new_context(rt, ctx, listed, item)?;
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
