//! Kubernetes: contexts of the kubeconfig files (`$KUBECONFIG`, a PATH-style list, else
//! `~/.kube/config`), merged as kubectl does (the first file that names a context, cluster or
//! user wins; `current-context` from the first file that sets it). Tokens, passwords and key
//! data are never kept: only how each user authenticates.

use super::read_config;
use crate::Context;
use saphyr::{LoadableYamlNode, Scalar, Yaml};
use serde::Serialize;
use serde_json::{Map, Value};
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Serialize)]
pub struct KubeDiscovery {
    /// The kubeconfig files looked at (whether or not they exist).
    pub files: Vec<PathBuf>,
    pub current_context: Option<String>,
    pub contexts: Vec<KubeContext>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KubeContext {
    pub name: String,
    pub cluster: Option<String>,
    pub user: Option<String>,
    pub namespace: Option<String>,
    /// The cluster's API server URL.
    pub server: Option<String>,
    pub auth: KubeAuth,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum KubeAuth {
    /// An exec credential plugin (`aws`, `gke-gcloud-auth-plugin`, `kubelogin`…); only the
    /// program is kept, its arguments and env are not.
    Exec {
        command: String,
    },
    /// A legacy auth-provider (`gcp`, `azure`, `oidc`).
    AuthProvider {
        name: String,
    },
    /// A bearer token in the kubeconfig or a token file.
    Token,
    ClientCertificate,
    BasicAuth,
    /// The context's user is not defined in any kubeconfig file.
    MissingUser,
    None,
}

pub fn discover(ctx: &Context) -> KubeDiscovery {
    let files: Vec<PathBuf> = match ctx.var("KUBECONFIG") {
        Some(list) => std::env::split_paths(list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        None => ctx
            .home()
            .map(|h| vec![h.join(".kube/config")])
            .unwrap_or_default(),
    };
    let mut out = KubeDiscovery {
        files: files.clone(),
        ..Default::default()
    };
    let mut contexts: Vec<(String, Value)> = Vec::new();
    let mut clusters: Vec<(String, Value)> = Vec::new();
    let mut users: Vec<(String, Value)> = Vec::new();
    for path in &files {
        let text = match read_config(path) {
            Ok(Some(t)) => t,
            Ok(None) => continue,
            Err(note) => {
                out.notes.push(note);
                continue;
            }
        };
        let doc = match Yaml::load_from_str(&text) {
            Ok(docs) => docs.first().map(|d| to_json(d, 0)).unwrap_or(Value::Null),
            Err(e) => {
                out.notes.push(format!(
                    "{} is not valid YAML (line {}): ignored",
                    path.display(),
                    e.marker().line()
                ));
                continue;
            }
        };
        if out.current_context.is_none() {
            out.current_context = doc
                .get("current-context")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string);
        }
        for (list, key, inner) in [
            (&mut contexts, "contexts", "context"),
            (&mut clusters, "clusters", "cluster"),
            (&mut users, "users", "user"),
        ] {
            for item in doc.get(key).and_then(Value::as_array).into_iter().flatten() {
                let Some(name) = item.get("name").and_then(Value::as_str) else {
                    continue;
                };
                if !list.iter().any(|(n, _)| n == name) {
                    list.push((
                        name.to_string(),
                        item.get(inner).cloned().unwrap_or(Value::Null),
                    ));
                }
            }
        }
    }
    let find = |list: &[(String, Value)], name: Option<&str>| -> Option<Value> {
        let name = name?;
        list.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    };
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    out.contexts = contexts
        .iter()
        .map(|(name, c)| {
            let cluster = s(c, "cluster");
            let user = s(c, "user");
            let server = find(&clusters, cluster.as_deref()).and_then(|cl| s(&cl, "server"));
            let auth = match find(&users, user.as_deref()) {
                Some(u) => auth_of(&u),
                None if user.is_some() => KubeAuth::MissingUser,
                None => KubeAuth::None,
            };
            KubeContext {
                current: out.current_context.as_deref() == Some(name),
                name: name.clone(),
                cluster,
                user,
                namespace: s(c, "namespace"),
                server,
                auth,
            }
        })
        .collect();
    out
}

fn auth_of(user: &Value) -> KubeAuth {
    let has = |k: &str| user.get(k).is_some_and(|v| !v.is_null());
    if let Some(exec) = user.get("exec").filter(|e| e.is_object()) {
        let command = exec
            .get("command")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        KubeAuth::Exec { command }
    } else if let Some(name) = user
        .get("auth-provider")
        .and_then(|a| a.get("name"))
        .and_then(Value::as_str)
    {
        KubeAuth::AuthProvider {
            name: name.to_string(),
        }
    } else if has("token") || has("tokenFile") {
        KubeAuth::Token
    } else if has("client-certificate") || has("client-certificate-data") {
        KubeAuth::ClientCertificate
    } else if has("username") || has("password") {
        KubeAuth::BasicAuth
    } else {
        KubeAuth::None
    }
}

/// Kubeconfigs are shallow; anything deeper is cut (bounded recursion on hostile input).
const MAX_DEPTH: usize = 64;

fn to_json(y: &Yaml, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match y {
        Yaml::Value(scalar) => match scalar {
            Scalar::Null => Value::Null,
            Scalar::Boolean(b) => Value::Bool(*b),
            Scalar::Integer(i) => Value::from(*i),
            Scalar::FloatingPoint(f) => Value::from(f.into_inner()),
            Scalar::String(s) => Value::String(s.to_string()),
        },
        Yaml::Representation(s, _, _) => Value::String(s.to_string()),
        Yaml::Sequence(items) => {
            Value::Array(items.iter().map(|i| to_json(i, depth + 1)).collect())
        }
        Yaml::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let key = match to_json(k, depth + 1) {
                    Value::String(s) => s,
                    Value::Null => continue,
                    other => other.to_string(),
                };
                out.entry(key).or_insert_with(|| to_json(v, depth + 1));
            }
            Value::Object(out)
        }
        Yaml::Tagged(_, inner) => to_json(inner, depth + 1),
        Yaml::Alias(_) | Yaml::BadValue => Value::Null,
    }
}
