//! Kubernetes check, without contacting any cluster (that is the clusters crate's job): each
//! context's user is defined, and its exec credential plugin is installed on PATH. Legacy
//! auth-providers that kubectl removed get the command that converts them.

use super::aws::shell_word;
use super::{Check, Cloud, Pending, Status};
use crate::discover::{Discovery, KubeAuth, KubeContext};
use crate::Context;
use std::sync::Arc;

pub(super) fn checks(ctx: &Context, d: &Arc<Discovery>) -> Vec<Pending> {
    offline(ctx, d).into_iter().map(Pending::ready).collect()
}

/// Every Kubernetes check is offline.
pub(super) fn offline(ctx: &Context, d: &Discovery) -> Vec<Check> {
    let k = &d.kubernetes;
    if k.contexts.is_empty() {
        let mut check = Check::new(
            Cloud::Kubernetes,
            None,
            Status::NotConfigured,
            "No kubeconfig contexts were found (add one with `aws eks update-kubeconfig`, `az aks get-credentials` or `gcloud container clusters get-credentials`).",
        );
        if let Some(note) = k.notes.first() {
            check.message = format!("{} ({note})", check.message);
        }
        return vec![check];
    }
    k.contexts.iter().map(|c| check_context(ctx, c)).collect()
}

fn check_context(ctx: &Context, c: &KubeContext) -> Check {
    let base = |status, message: String| {
        let mut check = Check::new(Cloud::Kubernetes, Some(&c.name), status, message);
        check.identity = c.user.clone();
        check
    };
    let target = match (&c.cluster, &c.server) {
        (Some(cluster), Some(server)) => format!("cluster {cluster} ({server})"),
        (Some(cluster), None) => format!("cluster {cluster}"),
        _ => "no cluster".to_string(),
    };
    match &c.auth {
        KubeAuth::MissingUser => base(
            Status::Error,
            format!(
                "The context's user \"{}\" is not defined in any kubeconfig file.",
                c.user.as_deref().unwrap_or("")
            ),
        ),
        KubeAuth::Exec { command } if command.is_empty() => base(
            Status::Error,
            "The context's exec credential plugin has no command.".to_string(),
        ),
        KubeAuth::Exec { command } => match ctx.which(command) {
            Some(path) => base(
                Status::Ok,
                format!(
                    "{target}: the exec credential plugin {command} is installed ({}). The cluster was not contacted.",
                    path.display()
                ),
            ),
            None => {
                let (how, fix) = install_plugin(command);
                base(
                    Status::Error,
                    format!("{target}: the exec credential plugin \"{command}\" is not installed (not on PATH). {how}"),
                )
                .maybe_fix(fix)
            }
        },
        KubeAuth::AuthProvider { name } => {
            let fix = match name.as_str() {
                "gcp" => gke_get_credentials(c.cluster.as_deref()),
                "azure" => Some("kubelogin convert-kubeconfig -l azurecli".to_string()),
                _ => None,
            };
            base(
                Status::Error,
                format!(
                    "{target}: the context uses the \"{name}\" auth-provider, which kubectl no longer supports; switch to its exec plugin."
                ),
            )
            .maybe_fix(fix)
        }
        KubeAuth::Token | KubeAuth::ClientCertificate | KubeAuth::BasicAuth => base(
            Status::Ok,
            format!("{target}: credentials are stored in the kubeconfig. The cluster was not contacted."),
        ),
        KubeAuth::None => base(
            Status::Ok,
            format!("{target}: no credentials are configured (anonymous access). The cluster was not contacted."),
        ),
    }
}

fn install_plugin(command: &str) -> (&'static str, Option<String>) {
    let program = std::path::Path::new(command)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    match program.as_str() {
        "gke-gcloud-auth-plugin" => (
            "It comes with the gcloud CLI.",
            Some("gcloud components install gke-gcloud-auth-plugin".to_string()),
        ),
        "kubelogin" => (
            "It comes with the Azure CLI.",
            Some("az aks install-cli".to_string()),
        ),
        "aws" => (
            "Install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html).",
            None,
        ),
        "aws-iam-authenticator" => (
            "Install it (https://github.com/kubernetes-sigs/aws-iam-authenticator), or switch the context to `aws eks get-token` with `aws eks update-kubeconfig`.",
            None,
        ),
        _ => ("Install it, or fix the command in the kubeconfig.", None),
    }
}

/// GKE context clusters are named `gke_PROJECT_LOCATION_CLUSTER`.
fn gke_get_credentials(cluster: Option<&str>) -> Option<String> {
    let rest = cluster?.strip_prefix("gke_")?;
    let mut parts = rest.splitn(3, '_');
    let (project, location, name) = (parts.next()?, parts.next()?, parts.next()?);
    Some(format!(
        "gcloud container clusters get-credentials {} --location {} --project {}",
        shell_word(name),
        shell_word(location),
        shell_word(project)
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn gke_fix_from_cluster_name() {
        assert_eq!(
            super::gke_get_credentials(Some("gke_my-proj_europe-west1_prod_cluster")).as_deref(),
            Some("gcloud container clusters get-credentials prod_cluster --location europe-west1 --project my-proj")
        );
        assert_eq!(super::gke_get_credentials(Some("eks-prod")), None);
    }
}
