//! Offline checks of one context, before any connection: its cluster and user exist, the
//! server URL, certificate and token files load (through kube-rs's own config loader), the
//! exec plugin is installed, and no auth-provider that kubectl removed is used.

use super::auth::install_hint;
use super::{first_line, Kubeconfigs};
use crate::env::KubeEnv;
use crate::error::{ClusterError, ErrorCode, GET_CREDENTIALS};
use base64::Engine;
use kube::config::{Config, KubeConfigOptions};
use std::path::Path;

pub(crate) fn check_context(kcs: &Kubeconfigs, name: &str, env: &KubeEnv) -> Vec<ClusterError> {
    let mut problems = Vec::new();
    let err = |code, message: String, hint: String| {
        ClusterError::new(code, message, hint).in_context(name)
    };
    let Some(ctx) = kcs.context(name).and_then(|c| c.context.as_ref()) else {
        problems.push(err(
            ErrorCode::ContextIncomplete,
            format!("The context \"{name}\" has no cluster or user."),
            format!("Set them: `kubectl config set-context {name} --cluster=CLUSTER --user=USER`."),
        ));
        return problems;
    };
    match kcs.cluster(&ctx.cluster).and_then(|c| c.cluster.as_ref()) {
        None => problems.push(err(
            ErrorCode::ContextIncomplete,
            format!("The context \"{name}\" refers to the cluster \"{}\", which no kubeconfig file defines.", ctx.cluster),
            format!("Recreate the entry with {GET_CREDENTIALS}, or point the context at a defined cluster: `kubectl config set-context {name} --cluster=CLUSTER`."),
        )),
        Some(cluster) if cluster.server.as_deref().is_none_or(str::is_empty) => problems.push(err(
            ErrorCode::ContextIncomplete,
            format!("The cluster \"{}\" of context \"{name}\" has no server URL.", ctx.cluster),
            format!("Set it: `kubectl config set-cluster {} --server=https://HOST:PORT`.", ctx.cluster),
        )),
        Some(cluster) => {
            let server = cluster.server.as_deref().unwrap_or_default();
            if !(server.starts_with("https://") || server.starts_with("http://")) {
                problems.push(err(
                    ErrorCode::ContextIncomplete,
                    format!("The cluster \"{}\" of context \"{name}\" has a server that is not an http(s) URL: \"{}\".", ctx.cluster, first_line(server)),
                    format!("Set it: `kubectl config set-cluster {} --server=https://HOST:PORT`.", ctx.cluster),
                ));
            } else if let Err(e) = futures::executor::block_on(Config::from_custom_kubeconfig(
                kcs.config.clone(),
                &KubeConfigOptions {
                    context: Some(name.to_string()),
                    ..Default::default()
                },
            )) {
                // No I/O but files named by the kubeconfig: the loader is async only by signature.
                let (what, hint) = describe(&e, &ctx.cluster);
                problems.push(err(
                    ErrorCode::CredentialsInvalid,
                    format!("The context \"{name}\" cannot be used: {what}."),
                    hint,
                ));
            }
        }
    }
    let Some(user_name) = ctx.user.as_deref().filter(|u| !u.is_empty()) else {
        return problems;
    };
    let Some(user) = kcs.user(user_name) else {
        problems.push(err(
            ErrorCode::ContextIncomplete,
            format!("The context \"{name}\" refers to the user \"{user_name}\", which no kubeconfig file defines."),
            format!("Recreate the entry with {GET_CREDENTIALS}, or point the context at a defined user: `kubectl config set-context {name} --user=USER`."),
        ));
        return problems;
    };
    let Some(auth) = user.auth_info.as_ref() else {
        return problems;
    };
    if let Some(exec) = &auth.exec {
        match exec.command.as_deref().filter(|c| !c.is_empty()) {
            None => problems.push(err(
                ErrorCode::ContextIncomplete,
                format!("The user \"{user_name}\" has an exec credential plugin without a command."),
                format!("Recreate the entry with {GET_CREDENTIALS}."),
            )),
            Some(command) if env.which(command).is_none() => problems.push(err(
                ErrorCode::ExecPluginMissing,
                format!("The exec credential plugin `{command}` of user \"{user_name}\" is not installed (not found on PATH)."),
                install_hint(exec),
            )),
            Some(_) => {}
        }
    } else if let Some(provider) = &auth.auth_provider {
        let hint = match provider.name.as_str() {
            "gcp" => Some("Switch to the exec plugin: `gcloud components install gke-gcloud-auth-plugin`, then `gcloud container clusters get-credentials CLUSTER`."),
            "azure" => Some("Switch to kubelogin: `az aks install-cli`, then `kubelogin convert-kubeconfig -l azurecli`."),
            _ => None,
        };
        if let Some(hint) = hint {
            problems.push(err(
                ErrorCode::AuthProviderUnsupported,
                format!("The user \"{user_name}\" uses the \"{}\" auth-provider, which kubectl removed in 1.26.", provider.name),
                hint.to_string(),
            ));
        }
    }
    let files = [
        ("client certificate", auth.client_certificate.as_deref()),
        ("client key", auth.client_key.as_deref()),
        ("token file", auth.token_file.as_deref()),
    ];
    for (what, file) in files {
        if let Some(file) = file.filter(|f| !Path::new(f).is_file()) {
            problems.push(err(
                ErrorCode::CredentialsInvalid,
                format!("The {what} of user \"{user_name}\" is missing: {file} does not exist."),
                format!("Restore the file, or recreate the entry with {GET_CREDENTIALS}."),
            ));
        }
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    if let Some(data) = &auth.client_certificate_data {
        if b64.decode(data.trim()).is_err() {
            problems.push(err(
                ErrorCode::CredentialsInvalid,
                format!("The client-certificate-data of user \"{user_name}\" is not valid base64."),
                format!("Recreate the entry with {GET_CREDENTIALS}."),
            ));
        }
    }
    problems
}

/// kube-rs's loader errors in plain words, with the kubectl command that repairs the entry.
pub(crate) fn describe(e: &kube::config::KubeconfigError, cluster: &str) -> (String, String) {
    use kube::config::{KubeconfigError as K, LoadDataError as L};
    let recreate = format!("or recreate the entry with {GET_CREDENTIALS}");
    let ca_fix = format!("Fix it with `kubectl config set-cluster {cluster} --certificate-authority=CA.crt --embed-certs`, {recreate}.");
    match e {
        K::ParseCertificates(_) => (
            format!("the certificate-authority of cluster \"{cluster}\" is not a valid PEM certificate"),
            ca_fix,
        ),
        K::LoadCertificateAuthority(L::ReadFile(_, path)) => (
            format!("the certificate-authority file {} of cluster \"{cluster}\" cannot be read", path.display()),
            ca_fix,
        ),
        K::LoadCertificateAuthority(L::DecodeBase64(_)) => (
            format!("the certificate-authority-data of cluster \"{cluster}\" is not valid base64"),
            ca_fix,
        ),
        K::ParseClusterUrl(_) | K::MissingClusterUrl => (
            format!("the server URL of cluster \"{cluster}\" is not valid"),
            format!("Fix it with `kubectl config set-cluster {cluster} --server=https://HOST:PORT`, {recreate}."),
        ),
        K::ParseProxyUrl(_) => (
            format!("the proxy-url of cluster \"{cluster}\" is not a valid URL"),
            format!("Fix it with `kubectl config set-cluster {cluster} --proxy-url=http://HOST:PORT`."),
        ),
        K::LoadClientCertificate(_) | K::LoadClientKey(_) => (
            format!("its client certificate or key cannot be loaded ({})", first_line(&e.to_string())),
            format!("Restore the files, {recreate}."),
        ),
        other => (
            first_line(&other.to_string()),
            format!("Check the cluster \"{cluster}\" entry (`kubectl config view`), {recreate}."),
        ),
    }
}
