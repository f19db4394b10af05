//! Adding a context to a kubeconfig file, as `aws eks update-kubeconfig` does for a managed
//! cluster the user chose: the cluster, user and context entries are added (or replace the
//! entries of the same names), `current-context` points at the new context, everything else
//! in the file is kept (kube-rs keeps fields it does not know). Two steps: [`preview_add`]
//! says what would change without touching anything, [`add_context`] writes — after copying
//! the file aside — through a temporary file and a rename, so an interrupted write never leaves
//! a half-written kubeconfig. A file that cannot be parsed is never overwritten.

use crate::error::{ClusterError, ErrorCode};
use kube::config::{
    AuthInfo, Cluster, Context, ExecConfig, Kubeconfig, NamedAuthInfo, NamedCluster, NamedContext,
};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The three entries of one context to add.
#[derive(Debug, Clone)]
pub struct NewContext {
    pub context: String,
    pub cluster: NamedCluster,
    pub user: NamedAuthInfo,
}

/// What [`add_context`] would do to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddPreview {
    pub file: PathBuf,
    /// The file does not exist yet and would be created.
    pub creates_file: bool,
    pub context: String,
    pub server: String,
    /// Entries of the same names that would be replaced ("cluster X", "user X", "context X").
    pub replaces: Vec<String>,
    /// `current-context` before (it becomes the new context).
    pub current_context_before: Option<String>,
    /// How the new user signs in, e.g. `aws --region eu-west-1 eks get-token --cluster-name shop`.
    pub credentials: String,
}

/// What [`add_context`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddedContext {
    pub preview: AddPreview,
    /// The copy of the file as it was (none when the file was created).
    pub backup: Option<PathBuf>,
}

/// The context `aws eks update-kubeconfig --name NAME --region REGION [--profile P]` writes:
/// cluster, user and context all named by the cluster's ARN; the user runs `aws eks get-token`
/// (the AWS CLI's exec credential plugin) with the profile in `AWS_PROFILE`.
pub fn eks_context(
    name: &str,
    arn: &str,
    region: &str,
    endpoint: &str,
    certificate_authority_data: &str,
    profile: Option<&str>,
) -> NewContext {
    let env = profile.filter(|p| !p.is_empty()).map(|p| {
        vec![HashMap::from([
            ("name".to_string(), "AWS_PROFILE".to_string()),
            ("value".to_string(), p.to_string()),
        ])]
    });
    let exec = ExecConfig {
        api_version: Some("client.authentication.k8s.io/v1beta1".into()),
        command: Some("aws".into()),
        args: Some(
            [
                "--region",
                region,
                "eks",
                "get-token",
                "--cluster-name",
                name,
                "--output",
                "json",
            ]
            .map(String::from)
            .to_vec(),
        ),
        env,
        ..Default::default()
    };
    named(arn, endpoint, certificate_authority_data, exec)
}

/// The context `gcloud container clusters get-credentials NAME --location LOCATION --project
/// PROJECT` writes: cluster, user and context all named `gke_PROJECT_LOCATION_NAME`; the user
/// runs `gke-gcloud-auth-plugin` (gcloud's exec credential plugin).
pub fn gke_context(
    project: &str,
    location: &str,
    name: &str,
    endpoint: &str,
    certificate_authority_data: &str,
) -> NewContext {
    let id = format!("gke_{project}_{location}_{name}");
    let exec = ExecConfig {
        api_version: Some("client.authentication.k8s.io/v1beta1".into()),
        command: Some("gke-gcloud-auth-plugin".into()),
        install_hint: Some(
            "Install gke-gcloud-auth-plugin for use with kubectl: `gcloud components install gke-gcloud-auth-plugin`"
                .into(),
        ),
        provide_cluster_info: true,
        ..Default::default()
    };
    named(
        &id,
        &format!("https://{endpoint}"),
        certificate_authority_data,
        exec,
    )
}

/// The context of a kubeconfig a cloud handed out (AKS `listClusterUserCredential`: what `az
/// aks get-credentials` merges), with its cluster and user entries under their own names.
pub fn context_from_kubeconfig(text: &str) -> Result<NewContext, ClusterError> {
    let bad = |why: String| {
        ClusterError::new(
            ErrorCode::KubeconfigInvalid,
            format!("The kubeconfig the cloud returned cannot be used: {why}."),
            "Try the cloud's own command (`az aks get-credentials`) to see what it says.",
        )
    };
    let config = Kubeconfig::from_yaml(text).map_err(|e| bad(e.to_string()))?;
    let context = config
        .current_context
        .as_deref()
        .and_then(|name| config.contexts.iter().find(|c| c.name == name))
        .or_else(|| config.contexts.first())
        .ok_or_else(|| bad("it has no context".into()))?;
    let entry = context
        .context
        .as_ref()
        .ok_or_else(|| bad(format!("context {} is empty", context.name)))?;
    let cluster = config
        .clusters
        .iter()
        .find(|c| c.name == entry.cluster)
        .ok_or_else(|| bad(format!("cluster {} is missing", entry.cluster)))?;
    let user_name = entry.user.clone().unwrap_or_default();
    let user = config
        .auth_infos
        .iter()
        .find(|u| u.name == user_name)
        .ok_or_else(|| bad(format!("user {user_name} is missing")))?;
    Ok(NewContext {
        context: context.name.clone(),
        cluster: cluster.clone(),
        user: user.clone(),
    })
}

/// Cluster, user and context entries of one name.
fn named(id: &str, server: &str, certificate_authority_data: &str, exec: ExecConfig) -> NewContext {
    NewContext {
        context: id.to_string(),
        cluster: NamedCluster {
            name: id.to_string(),
            cluster: Some(Cluster {
                server: Some(server.to_string()),
                certificate_authority_data: Some(certificate_authority_data.to_string()),
                ..Default::default()
            }),
            ..Default::default()
        },
        user: NamedAuthInfo {
            name: id.to_string(),
            auth_info: Some(AuthInfo {
                exec: Some(exec),
                ..Default::default()
            }),
            ..Default::default()
        },
    }
}

/// The file `aws eks update-kubeconfig` writes to: the first of `KUBECONFIG`, else
/// `~/.kube/config`.
pub fn default_target(env: &crate::KubeEnv) -> Option<PathBuf> {
    env.kubeconfig_files().into_iter().next()
}

/// What adding `new` to `file` would change; reads the file, writes nothing.
pub fn preview_add(file: &Path, new: &NewContext) -> Result<AddPreview, ClusterError> {
    let (existing, _) = read(file)?;
    Ok(preview_of(file, existing.as_ref(), new))
}

/// Adds `new` to `file` (created with mode 0600 when missing): backup first, then an atomic
/// replace. The result names the backup.
pub fn add_context(file: &Path, new: &NewContext) -> Result<AddedContext, ClusterError> {
    let (existing, original) = read(file)?;
    let preview = preview_of(file, existing.as_ref(), new);
    let mut config = existing.unwrap_or_else(|| Kubeconfig {
        api_version: Some("v1".into()),
        kind: Some("Config".into()),
        ..Default::default()
    });
    upsert(&mut config.clusters, new.cluster.clone(), |c| &c.name);
    upsert(&mut config.auth_infos, new.user.clone(), |u| &u.name);
    upsert(
        &mut config.contexts,
        NamedContext {
            name: new.context.clone(),
            context: Some(Context {
                cluster: new.cluster.name.clone(),
                user: Some(new.user.name.clone()),
                ..Default::default()
            }),
            ..Default::default()
        },
        |c| &c.name,
    );
    config.current_context = Some(new.context.clone());
    let text = serde_saphyr::to_string(&config).map_err(|e| {
        write_error(
            file,
            format!("The new kubeconfig could not be written out ({e})."),
        )
    })?;
    let backup = match original {
        Some(bytes) => Some(write_backup(file, &bytes)?),
        None => None,
    };
    write_atomically(file, text.as_bytes())?;
    Ok(AddedContext { preview, backup })
}

/// The parsed file and its bytes; `(None, None)` when it does not exist.
fn read(file: &Path) -> Result<(Option<Kubeconfig>, Option<Vec<u8>>), ClusterError> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((None, None)),
        Err(e) => {
            return Err(ClusterError::new(
                ErrorCode::KubeconfigUnreadable,
                format!("{} cannot be read: {e}.", file.display()),
                "Check the file's permissions, or choose another kubeconfig file.",
            )
            .in_file(file))
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    if text.trim().is_empty() {
        return Ok((None, Some(bytes)));
    }
    let config = Kubeconfig::from_yaml(&text).map_err(|e| {
        ClusterError::new(
            ErrorCode::KubeconfigInvalid,
            format!("{} is not a kubeconfig that can be read ({e}), so it was left as it is.", file.display()),
            "Fix the file (kubectl config view shows what kubectl makes of it) or choose another file.",
        )
        .in_file(file)
    })?;
    Ok((Some(config), Some(bytes)))
}

fn preview_of(file: &Path, existing: Option<&Kubeconfig>, new: &NewContext) -> AddPreview {
    let mut replaces = Vec::new();
    if let Some(c) = existing {
        if c.clusters.iter().any(|x| x.name == new.cluster.name) {
            replaces.push(format!("cluster {}", new.cluster.name));
        }
        if c.auth_infos.iter().any(|x| x.name == new.user.name) {
            replaces.push(format!("user {}", new.user.name));
        }
        if c.contexts.iter().any(|x| x.name == new.context) {
            replaces.push(format!("context {}", new.context));
        }
    }
    let exec = new.user.auth_info.as_ref().and_then(|a| a.exec.as_ref());
    let credentials = match exec {
        Some(e) => {
            let mut words = vec![e.command.clone().unwrap_or_default()];
            words.extend(e.args.clone().unwrap_or_default());
            let env: Vec<String> = e
                .env
                .iter()
                .flatten()
                .filter_map(|v| Some(format!("{}={}", v.get("name")?, v.get("value")?)))
                .collect();
            let prefix = if env.is_empty() {
                String::new()
            } else {
                format!("{} ", env.join(" "))
            };
            format!("{prefix}{}", words.join(" "))
        }
        None => "credentials stored in the file".to_string(),
    };
    AddPreview {
        file: file.to_path_buf(),
        creates_file: existing.is_none(),
        context: new.context.clone(),
        server: new
            .cluster
            .cluster
            .as_ref()
            .and_then(|c| c.server.clone())
            .unwrap_or_default(),
        replaces,
        current_context_before: existing.and_then(|c| c.current_context.clone()),
        credentials,
    }
}

fn upsert<T>(list: &mut Vec<T>, item: T, name: impl Fn(&T) -> &String) {
    match list.iter().position(|x| name(x) == name(&item)) {
        Some(i) => list[i] = item,
        None => list.push(item),
    }
}

fn write_error(file: &Path, message: String) -> ClusterError {
    ClusterError::new(
        ErrorCode::KubeconfigWriteFailed,
        message,
        "Nothing was changed. Check that the folder is writable and has free space, then try again.",
    )
    .in_file(file)
}

/// `config` → `config.orbis-backup-<unix seconds>` beside it (a free name), same permissions.
fn write_backup(file: &Path, bytes: &[u8]) -> Result<PathBuf, ClusterError> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kubeconfig".into());
    let mut backup = file.with_file_name(format!("{name}.orbis-backup-{stamp}"));
    let mut n = 1;
    while backup.exists() {
        backup = file.with_file_name(format!("{name}.orbis-backup-{stamp}-{n}"));
        n += 1;
    }
    write_private(&backup, bytes).map_err(|e| {
        write_error(
            file,
            format!("The backup {} could not be written: {e}.", backup.display()),
        )
    })?;
    Ok(backup)
}

fn write_atomically(file: &Path, bytes: &[u8]) -> Result<(), ClusterError> {
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).map_err(|e| {
            write_error(
                file,
                format!("The folder {} could not be created: {e}.", dir.display()),
            )
        })?;
    }
    let tmp = file.with_file_name(format!(
        ".{}.orbis-tmp-{}",
        file.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let written = write_private(&tmp, bytes).and_then(|()| {
        // Keep the permissions the user gave the original.
        if let Ok(meta) = std::fs::metadata(file) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, file)
    });
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        write_error(
            file,
            format!("{} could not be written: {e}.", file.display()),
        )
    })
}

/// Writes a new file readable by its owner only (kubeconfigs hold credentials).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
