//! A kube-rs client for one context, and the translation of everything that can go wrong on
//! the wire into a [`ClusterError`] with the fix: exec plugins that are missing or fail
//! (expired SSO session…), 401, 403 (RBAC), unreachable servers. Exec plugins run exactly as
//! kubectl runs them (kube-rs's own exec support, the user's environment).

use crate::error::{ClusterError, ErrorCode, GET_CREDENTIALS};
use crate::kubeconfig::{describe, exec_failure, first_line, Kubeconfigs};
use kube::client::AuthError;
use kube::config::{ExecConfig, KubeConfigOptions};
use std::fmt;

/// A client bound to one context. `Debug` shows the context and server only.
#[derive(Clone)]
pub struct Connection {
    pub client: kube::Client,
    pub context: String,
    pub server: String,
    /// The context's namespace, else `default`.
    pub default_namespace: String,
    exec: Option<ExecConfig>,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("context", &self.context)
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

/// Builds the client of `context` (else the current context). No request is made yet: exec
/// plugins run at the first request, so their failures come from [`Connection::error`].
pub async fn connect(kcs: &Kubeconfigs, context: Option<&str>) -> Result<Connection, ClusterError> {
    let name = match context.or(kcs.current_context()) {
        Some(n) => n.to_string(),
        None => {
            return Err(ClusterError::new(
                ErrorCode::ContextNotFound,
                "No context was given and the kubeconfig has no current-context.",
                format!(
                    "Pass --context NAME (contexts: {}), or set one: `kubectl config use-context NAME`.",
                    kcs.context_names().join(", ")
                ),
            ))
        }
    };
    if kcs.context(&name).is_none() {
        return Err(ClusterError::new(
            ErrorCode::ContextNotFound,
            format!("The context \"{name}\" is not defined in any kubeconfig file."),
            format!(
                "Use one of: {} (`orbis clusters list` shows them).",
                kcs.context_names().join(", ")
            ),
        )
        .in_context(&name));
    }
    let incomplete = |e: &dyn std::error::Error| {
        ClusterError::new(
            ErrorCode::CredentialsInvalid,
            format!("The context \"{name}\" cannot be used: {}.", first_line(&e.to_string())),
            format!("`orbis clusters list` shows what is wrong with it; recreate it with {GET_CREDENTIALS}."),
        )
        .in_context(&name)
    };
    let options = KubeConfigOptions {
        context: Some(name.clone()),
        ..Default::default()
    };
    let config = kube::Config::from_custom_kubeconfig(kcs.config.clone(), &options)
        .await
        .map_err(|e| {
            let cluster = kcs
                .context(&name)
                .and_then(|c| c.context.as_ref())
                .map(|c| c.cluster.clone())
                .unwrap_or_default();
            let (what, hint) = describe(&e, &cluster);
            ClusterError::new(
                ErrorCode::CredentialsInvalid,
                format!("The context \"{name}\" cannot be used: {what}."),
                hint,
            )
            .in_context(&name)
        })?;
    let server = config.cluster_url.to_string();
    let default_namespace = config.default_namespace.clone();
    let exec = config.auth_info.exec.clone();
    // kube-rs runs the exec plugin here (for its first token): its failures get the plugin's
    // fix, other failures (unusable certificates) the generic one.
    let client = kube::Client::try_from(config).map_err(|e| match find_auth_error(&e) {
        Some(_) => classify(&e, exec.as_ref(), &server).in_context(&name),
        None => incomplete(&e),
    })?;
    Ok(Connection {
        client,
        context: name,
        server,
        default_namespace,
        exec,
    })
}

impl Connection {
    /// A request's failure in plain words, with the fix.
    pub fn error(&self, e: &kube::Error) -> ClusterError {
        classify(e, self.exec.as_ref(), &self.server).in_context(&self.context)
    }
}

pub(crate) fn classify(e: &kube::Error, exec: Option<&ExecConfig>, server: &str) -> ClusterError {
    if let Some(auth) = find_auth_error(e) {
        return auth_error(auth, exec);
    }
    match e {
        kube::Error::Api(status) if status.code == 401 => ClusterError::new(
            ErrorCode::Unauthorized,
            format!("The cluster at {server} refused the credentials (401 Unauthorized)."),
            match exec {
                Some(exec) => exec_failure(exec, false, "", None).hint,
                None => format!("Get fresh credentials with {GET_CREDENTIALS}."),
            },
        ),
        kube::Error::Api(status) if status.code == 403 => ClusterError::new(
            ErrorCode::Forbidden,
            format!("No access: {}.", first_line(&status.message)),
            "Ask a cluster admin for the RBAC permission (`kubectl auth can-i --list` shows what you may do).",
        ),
        kube::Error::Api(status) => ClusterError::new(
            ErrorCode::Api,
            format!("The cluster answered {} {}: {}.", status.code, status.reason, first_line(&status.message)),
            "Retry; if it persists, check the cluster's health (`kubectl get --raw /readyz`).",
        ),
        kube::Error::HyperError(_) | kube::Error::Service(_) => ClusterError::new(
            ErrorCode::Unreachable,
            format!("The cluster at {server} cannot be reached: {}.", first_line(&chain(e))),
            "Check the network or VPN to the cluster and that it is running (`kubectl cluster-info`).",
        ),
        other => ClusterError::new(
            ErrorCode::Api,
            format!("The request to {server} failed: {}.", first_line(&chain(other))),
            "Retry; if it persists, check the cluster's health (`kubectl get --raw /readyz`).",
        ),
    }
}

/// Auth errors can come bare or wrapped by the client's middleware.
fn find_auth_error(e: &kube::Error) -> Option<&AuthError> {
    if let kube::Error::Auth(a) = e {
        return Some(a);
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(a) = s.downcast_ref::<AuthError>() {
            return Some(a);
        }
        if let Some(kube::Error::Auth(a)) = s.downcast_ref::<kube::Error>() {
            return Some(a);
        }
        source = s.source();
    }
    None
}

fn auth_error(e: &AuthError, exec: Option<&ExecConfig>) -> ClusterError {
    match (e, exec) {
        (AuthError::AuthExecStart(io), Some(exec)) => exec_failure(
            exec,
            io.kind() == std::io::ErrorKind::NotFound,
            &first_line(&io.to_string()),
            None,
        ),
        // Never show stdout: a half-written credential may be in it.
        (AuthError::AuthExecRun { out, .. }, Some(exec)) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            exec_failure(exec, false, &out.status.to_string(), Some(&stderr))
        }
        (AuthError::AuthExecParse(_) | AuthError::ExecPluginFailed, Some(exec)) => {
            exec_failure(exec, false, "its output is not an ExecCredential", None)
        }
        (AuthError::ReadTokenFile(_, path), _) => ClusterError::new(
            ErrorCode::CredentialsInvalid,
            format!("The token file {} cannot be read.", path.display()),
            format!("Restore it, or recreate the entry with {GET_CREDENTIALS}."),
        ),
        (other, Some(exec)) => exec_failure(exec, false, &first_line(&other.to_string()), None),
        (other, None) => ClusterError::new(
            ErrorCode::CredentialsInvalid,
            format!(
                "The credentials cannot be used: {}.",
                first_line(&other.to_string())
            ),
            format!("Recreate the entry with {GET_CREDENTIALS}."),
        ),
    }
}

/// The error and its sources on one line ("connection refused" is usually the last one).
fn chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}
