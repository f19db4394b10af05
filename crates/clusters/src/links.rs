//! Link IaC to live (issue 11): which kubeconfig context reaches the managed cluster a
//! Terraform `aws_eks_cluster`, `azurerm_kubernetes_cluster` or `google_container_cluster`
//! describes. Pure over the loaded kubeconfigs (nothing is contacted): the facts each context
//! carries ([`context_facts`]) and the rules ([`find_context`]) that recognise what the
//! clouds' CLIs write —
//!
//! - `aws eks update-kubeconfig`: context and cluster named by the cluster ARN, server = the
//!   cluster endpoint, user runs `aws … eks get-token --cluster-name NAME --region R` (an
//!   `--alias` renames only the context, so the exec arguments still tell);
//! - `az aks get-credentials`: context and cluster named NAME (`NAME-admin` with `--admin`),
//!   user `clusterUser_RG_NAME` / `clusterAdmin_RG_NAME`, server = the cluster FQDN;
//! - `gcloud container clusters get-credentials`: context and cluster `gke_PROJECT_LOCATION_NAME`,
//!   server `https://ENDPOINT`.
//!
//! A stronger sign (ARN, endpoint) wins over a weaker one (names); among equals the current
//! context wins, then the first in kubeconfig order.

use crate::kubeconfig::Kubeconfigs;
use serde::Serialize;

/// What a context says about the cluster it reaches, as far as matching needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ContextFacts {
    pub name: String,
    pub cluster: Option<String>,
    pub server: Option<String>,
    pub user: Option<String>,
    /// `--cluster-name` of `aws eks get-token` (or `-i` of `aws-iam-authenticator token`).
    pub eks_cluster_name: Option<String>,
    /// `--region` of `aws eks get-token`.
    pub eks_region: Option<String>,
    pub current: bool,
}

/// The facts of every context of the merged kubeconfigs, in kubectl's order. User names and
/// exec arguments are read; no credential is.
pub fn context_facts(kcs: &Kubeconfigs) -> Vec<ContextFacts> {
    let mut out = Vec::new();
    for name in kcs.context_names() {
        let ctx = kcs.context(&name).and_then(|c| c.context.as_ref());
        let cluster = ctx.map(|c| c.cluster.clone()).filter(|c| !c.is_empty());
        let user = ctx.and_then(|c| c.user.clone()).filter(|u| !u.is_empty());
        let server = cluster
            .as_deref()
            .and_then(|c| kcs.cluster(c))
            .and_then(|c| c.cluster.as_ref())
            .and_then(|c| c.server.clone());
        let exec = user
            .as_deref()
            .and_then(|u| kcs.user(u))
            .and_then(|u| u.auth_info.as_ref())
            .and_then(|a| a.exec.as_ref());
        let args: Vec<String> = exec.and_then(|e| e.args.clone()).unwrap_or_default();
        let program = exec
            .and_then(|e| e.command.as_deref())
            .map(|c| c.rsplit(['/', '\\']).next().unwrap_or(c).to_string())
            .unwrap_or_default();
        let (eks_cluster_name, eks_region) = match program.trim_end_matches(".exe") {
            "aws" if args.iter().any(|a| a == "get-token") => {
                (flag(&args, &["--cluster-name"]), flag(&args, &["--region"]))
            }
            "aws-iam-authenticator" => (flag(&args, &["-i", "--cluster-id"]), None),
            _ => (None, None),
        };
        out.push(ContextFacts {
            current: kcs.current_context() == Some(name.as_str()),
            name,
            cluster,
            server,
            user,
            eks_cluster_name,
            eks_region,
        });
    }
    out
}

/// The value after `--flag` (or in `--flag=value`).
fn flag(args: &[String], names: &[&str]) -> Option<String> {
    for (i, a) in args.iter().enumerate() {
        for n in names {
            if a == n {
                return args.get(i + 1).cloned();
            }
            if let Some(v) = a.strip_prefix(&format!("{n}=")) {
                return Some(v.to_string());
            }
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cloud {
    Eks,
    Aks,
    Gke,
}

/// A managed cluster as Terraform knows it (code, plan or state); what is unknown is `None`
/// (in code, values computed at apply time such as `arn` or `endpoint` are never known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterRef {
    pub cloud: Cloud,
    pub name: String,
    /// EKS region (from the ARN, the resource's `region` or the provider's).
    pub region: Option<String>,
    /// EKS cluster ARN.
    pub arn: Option<String>,
    /// EKS endpoint URL, GKE endpoint IP, AKS FQDN (public or private).
    pub endpoints: Vec<String>,
    /// AKS resource group.
    pub resource_group: Option<String>,
    /// GKE project and location (region or zone).
    pub project: Option<String>,
    pub location: Option<String>,
}

/// The context found and why it was chosen (shown to the user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContextMatch {
    pub context: String,
    pub why: String,
}

/// The host of a server URL or endpoint, lower case, without scheme, port and path
/// (`https://ABC.gr7.eu-west-1.eks.amazonaws.com:443/` → `abc.gr7.eu-west-1.eks.amazonaws.com`).
fn host(s: &str) -> String {
    let s = s.trim();
    let s = s.split_once("://").map(|(_, rest)| rest).unwrap_or(s);
    let s = s.split('/').next().unwrap_or(s);
    let s = match s.rsplit_once(':') {
        // IPv6 in brackets keeps its colons.
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) && !h.ends_with(':') => h,
        _ => s,
    };
    s.trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase()
}

/// `arn:aws:eks:REGION:ACCOUNT:cluster/NAME` → (region, name).
fn parse_eks_arn(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let _partition = parts.next()?;
    if parts.next()? != "eks" {
        return None;
    }
    let region = parts.next()?;
    let _account = parts.next()?;
    let name = parts.next()?.strip_prefix("cluster/")?;
    Some((region, name))
}

/// `gke_PROJECT_LOCATION_NAME` → its three parts (none of them can hold `_`).
fn parse_gke(s: &str) -> Option<(&str, &str, &str)> {
    let rest = s.strip_prefix("gke_")?;
    let mut parts = rest.splitn(3, '_');
    Some((parts.next()?, parts.next()?, parts.next()?))
}

fn same(a: Option<&str>, b: &str) -> bool {
    a.is_some_and(|a| a.eq_ignore_ascii_case(b))
}

/// The strength of a context's match (higher is stronger) and the reason, or `None`.
fn score(r: &ClusterRef, c: &ContextFacts) -> Option<(u8, String)> {
    let server_host = c.server.as_deref().map(host);
    let by_endpoint = r
        .endpoints
        .iter()
        .filter(|e| !e.trim().is_empty())
        .find(|e| server_host.as_deref() == Some(host(e).as_str()));
    match r.cloud {
        Cloud::Eks => {
            if let Some(arn) = &r.arn {
                if c.name == *arn || same(c.cluster.as_deref(), arn) {
                    return Some((3, format!("its cluster is named by the ARN {arn}, as `aws eks update-kubeconfig` writes it")));
                }
            }
            if let Some(e) = by_endpoint {
                return Some((3, format!("its server is the cluster endpoint {}", host(e))));
            }
            let region_ok = |region: Option<&str>| match (&r.region, region) {
                (Some(want), Some(got)) => want == got,
                _ => true,
            };
            if same(c.eks_cluster_name.as_deref(), &r.name) && region_ok(c.eks_region.as_deref()) {
                return Some((
                    2,
                    format!(
                        "its user runs `aws eks get-token --cluster-name {}`{}",
                        r.name,
                        c.eks_region
                            .as_deref()
                            .map(|g| format!(" in {g}"))
                            .unwrap_or_default()
                    ),
                ));
            }
            for candidate in [Some(c.name.as_str()), c.cluster.as_deref()]
                .into_iter()
                .flatten()
            {
                if let Some((region, name)) = parse_eks_arn(candidate) {
                    if name == r.name && region_ok(Some(region)) {
                        return Some((
                            2,
                            format!("it names the cluster {name} in {region} by its ARN"),
                        ));
                    }
                }
            }
            None
        }
        Cloud::Aks => {
            if let Some(e) = by_endpoint {
                return Some((3, format!("its server is the cluster FQDN {}", host(e))));
            }
            let user = c.user.as_deref().unwrap_or("");
            let by_user = ["clusterUser_", "clusterAdmin_"].iter().any(|p| {
                user.strip_prefix(p)
                    .is_some_and(|rest| match &r.resource_group {
                        Some(rg) => rest.eq_ignore_ascii_case(&format!("{rg}_{}", r.name)),
                        None => rest.ends_with(&format!("_{}", r.name)),
                    })
            });
            let named = c.name == r.name || c.name == format!("{}-admin", r.name);
            if named && by_user {
                return Some((2, format!("it is named {} with the user {user}, as `az aks get-credentials` writes it", c.name)));
            }
            if by_user {
                return Some((
                    2,
                    format!(
                        "its user {user} is the one `az aks get-credentials` writes for {}",
                        r.name
                    ),
                ));
            }
            if named && same(c.cluster.as_deref(), &r.name) {
                return Some((1, format!("it and its cluster are named {}", r.name)));
            }
            None
        }
        Cloud::Gke => {
            for candidate in [Some(c.name.as_str()), c.cluster.as_deref()]
                .into_iter()
                .flatten()
            {
                if let Some((project, location, name)) = parse_gke(candidate) {
                    let fits =
                        |want: &Option<String>, got: &str| want.as_deref().is_none_or(|w| w == got);
                    if name == r.name && fits(&r.project, project) && fits(&r.location, location) {
                        let strength = if r.project.is_some() && r.location.is_some() {
                            3
                        } else {
                            2
                        };
                        return Some((strength, format!("it is {candidate}, as `gcloud container clusters get-credentials` names it")));
                    }
                }
            }
            by_endpoint.map(|e| (3, format!("its server is the cluster endpoint {}", host(e))))
        }
    }
}

/// The context that reaches the cluster `r`, if the kubeconfigs have one.
pub fn find_context(r: &ClusterRef, contexts: &[ContextFacts]) -> Option<ContextMatch> {
    let mut best: Option<(u8, bool, &ContextFacts, String)> = None;
    for c in contexts {
        let Some((strength, why)) = score(r, c) else {
            continue;
        };
        let better = match &best {
            None => true,
            Some((s, current, _, _)) => strength > *s || (strength == *s && c.current && !*current),
        };
        if better {
            best = Some((strength, c.current, c, why));
        }
    }
    best.map(|(_, _, c, why)| ContextMatch {
        context: c.name.clone(),
        why,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn corpus(file: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpora/k8s/kubeconfig")
            .join(file)
    }

    fn facts(files: &[&str]) -> Vec<ContextFacts> {
        let paths: Vec<PathBuf> = files.iter().map(|f| corpus(f)).collect();
        context_facts(&Kubeconfigs::load(&paths, true))
    }

    fn eks(name: &str) -> ClusterRef {
        ClusterRef {
            cloud: Cloud::Eks,
            name: name.into(),
            region: None,
            arn: None,
            endpoints: vec![],
            resource_group: None,
            project: None,
            location: None,
        }
    }

    #[test]
    fn facts_read_the_eks_exec_arguments() {
        let f = facts(&["constructed/eks-exec.yaml"]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].eks_cluster_name.as_deref(), Some("prod-eks"));
        assert_eq!(f[0].eks_region.as_deref(), Some("eu-west-1"));
        assert!(f[0].current);
        let f = facts(&["constructed/multi-cloud.yaml"]);
        let e = f.iter().find(|c| c.name == "eks").unwrap();
        assert_eq!(e.eks_cluster_name.as_deref(), Some("prod-eks"));
        assert_eq!(e.eks_region.as_deref(), Some("eu-west-1"));
        assert!(f
            .iter()
            .filter(|c| c.name != "eks")
            .all(|c| c.eks_cluster_name.is_none()));
    }

    #[test]
    fn eks_by_arn_endpoint_or_name_and_region() {
        let f = facts(&["constructed/eks-exec.yaml", "constructed/multi-cloud.yaml"]);
        let arn = "arn:aws:eks:eu-west-1:000000000000:cluster/prod-eks";
        // From a state: the ARN names update-kubeconfig's context.
        let mut r = eks("prod-eks");
        r.arn = Some(arn.into());
        let m = find_context(&r, &f).unwrap();
        assert_eq!(m.context, arn);
        assert!(m.why.contains("ARN"), "{}", m.why);
        // The endpoint alone (another ARN, e.g. a different account alias) still finds it.
        let mut r = eks("prod-eks");
        r.arn = Some("arn:aws:eks:eu-west-1:999:cluster/other".into());
        r.endpoints = vec![
            "https://0123456789abcdef0123456789abcdef.gr7.eu-west-1.eks.example.invalid".into(),
        ];
        assert_eq!(find_context(&r, &f).unwrap().context, arn);
        // From code: name and region only. Both the ARN context and the aliased `eks` context
        // (exec --cluster-name prod-eks) fit; the current one (the ARN) wins.
        let mut r = eks("prod-eks");
        r.region = Some("eu-west-1".into());
        assert_eq!(find_context(&r, &f).unwrap().context, arn);
        // Only the alias file: found through the exec arguments.
        let f2 = facts(&["constructed/multi-cloud.yaml"]);
        let m = find_context(&r, &f2).unwrap();
        assert_eq!(m.context, "eks");
        assert!(m.why.contains("--cluster-name prod-eks"), "{}", m.why);
        // Another region or name: no context.
        r.region = Some("us-east-1".into());
        assert_eq!(find_context(&r, &f), None);
        assert_eq!(find_context(&eks("staging-eks"), &f), None);
    }

    #[test]
    fn aks_by_fqdn_or_get_credentials_names() {
        let f = facts(&[
            "constructed/aks-kubelogin.yaml",
            "constructed/multi-cloud.yaml",
        ]);
        let r = ClusterRef {
            cloud: Cloud::Aks,
            name: "prod-aks".into(),
            region: None,
            arn: None,
            endpoints: vec![],
            resource_group: Some("rg-prod".into()),
            project: None,
            location: Some("westeurope".into()),
        };
        let m = find_context(&r, &f).unwrap();
        assert_eq!(m.context, "prod-aks");
        assert!(m.why.contains("clusterUser_rg-prod_prod-aks"), "{}", m.why);
        // Another resource group: the user name does not fit; the name alone is a weak match
        // only when the cluster entry has the name too.
        let mut other = r.clone();
        other.resource_group = Some("rg-other".into());
        let m = find_context(&other, &f).unwrap();
        assert_eq!(m.context, "prod-aks");
        assert!(m.why.contains("named prod-aks"), "{}", m.why);
        // By the FQDN of a state.
        let mut by_fqdn = r.clone();
        by_fqdn.name = "renamed".into();
        by_fqdn.endpoints =
            vec!["prod-aks-dns-00000000.hcp.westeurope.azmk8s.example.invalid".into()];
        assert_eq!(find_context(&by_fqdn, &f).unwrap().context, "prod-aks");
        let mut none = r.clone();
        none.name = "dev-aks".into();
        assert_eq!(find_context(&none, &f), None);
    }

    #[test]
    fn gke_by_context_name_or_endpoint() {
        let f = facts(&["constructed/gke-exec.yaml", "constructed/multi-cloud.yaml"]);
        let mut r = ClusterRef {
            cloud: Cloud::Gke,
            name: "prod-gke".into(),
            region: None,
            arn: None,
            endpoints: vec![],
            resource_group: None,
            project: Some("fake-project".into()),
            location: Some("europe-west1".into()),
        };
        let m = find_context(&r, &f).unwrap();
        assert_eq!(m.context, "gke_fake-project_europe-west1_prod-gke");
        // The project unknown (from the provider in code): name and location suffice.
        r.project = None;
        assert_eq!(
            find_context(&r, &f).unwrap().context,
            "gke_fake-project_europe-west1_prod-gke"
        );
        r.location = Some("us-central1".into());
        assert_eq!(find_context(&r, &f), None);
        // A state's endpoint IP.
        r.name = "x".into();
        r.endpoints = vec!["203.0.113.10".into()];
        assert_eq!(
            find_context(&r, &f).unwrap().context,
            "gke_fake-project_europe-west1_prod-gke"
        );
    }

    #[test]
    fn hosts_compare_without_scheme_port_or_case() {
        assert_eq!(host("https://ABC.example:443/"), "abc.example");
        assert_eq!(host("203.0.113.10"), "203.0.113.10");
        assert_eq!(host("https://[::1]:6443"), "::1");
        assert_eq!(
            parse_eks_arn("arn:aws-cn:eks:cn-north-1:1:cluster/a"),
            Some(("cn-north-1", "a"))
        );
        assert_eq!(parse_eks_arn("arn:aws:iam::1:role/a"), None);
        assert_eq!(parse_gke("gke_p_l_n"), Some(("p", "l", "n")));
        assert_eq!(parse_gke("gke_p_l"), None);
    }
}
