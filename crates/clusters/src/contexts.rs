//! The contexts of the user's kubeconfigs as the UI and `orbis clusters list` show them:
//! `{"contexts":[{name, cluster, server, user, auth, namespace, current, usable}],
//! "errors":[{code, message, hint, context?, file?}]}`. Nothing here contacts a cluster.

use crate::env::KubeEnv;
use crate::error::ClusterError;
use crate::kubeconfig::{check_context, AuthKind, Kubeconfigs};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContextSummary {
    pub name: String,
    pub cluster: Option<String>,
    /// The cluster's API server URL.
    pub server: Option<String>,
    pub user: Option<String>,
    /// How the user authenticates (`exec:aws`, `token`, `client-certificate`… see
    /// [`AuthKind::label`]).
    pub auth: String,
    pub namespace: Option<String>,
    pub current: bool,
    /// No offline check failed: the context can be tried (the cluster may still refuse).
    pub usable: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ContextList {
    pub contexts: Vec<ContextSummary>,
    pub errors: Vec<ClusterError>,
    /// The kubeconfig files looked at.
    pub files: Vec<PathBuf>,
}

impl ContextList {
    /// True when no context can be used at all (`orbis clusters list` exits 2).
    pub fn unusable(&self) -> bool {
        !self.contexts.iter().any(|c| c.usable)
    }
}

/// Every context of `files` (else of `env`: `KUBECONFIG` or `~/.kube/config`), checked offline.
pub fn list_contexts(files: Option<&[PathBuf]>, env: &KubeEnv) -> ContextList {
    let kcs = match files {
        Some(files) => Kubeconfigs::load(files, true),
        None => Kubeconfigs::load(&env.kubeconfig_files(), false),
    };
    summarize(&kcs, env)
}

pub fn summarize(kcs: &Kubeconfigs, env: &KubeEnv) -> ContextList {
    let mut out = ContextList {
        errors: kcs.problems.clone(),
        files: kcs.files.clone(),
        ..Default::default()
    };
    for name in kcs.context_names() {
        let ctx = kcs.context(&name).and_then(|c| c.context.as_ref());
        let cluster = ctx.map(|c| c.cluster.clone()).filter(|c| !c.is_empty());
        let user = ctx.and_then(|c| c.user.clone()).filter(|u| !u.is_empty());
        let server = cluster
            .as_deref()
            .and_then(|c| kcs.cluster(c))
            .and_then(|c| c.cluster.as_ref())
            .and_then(|c| c.server.clone());
        let auth = match user.as_deref() {
            None => AuthKind::None,
            Some(u) => match kcs.user(u) {
                None => AuthKind::MissingUser,
                Some(named) => named
                    .auth_info
                    .as_ref()
                    .map(AuthKind::of)
                    .unwrap_or(AuthKind::None),
            },
        };
        let mut problems = check_context(kcs, &name, env);
        out.contexts.push(ContextSummary {
            current: kcs.current_context() == Some(name.as_str()),
            usable: problems.is_empty(),
            namespace: ctx.and_then(|c| c.namespace.clone()),
            name,
            cluster,
            server,
            user,
            auth: auth.label(),
        });
        out.errors.append(&mut problems);
    }
    out
}
