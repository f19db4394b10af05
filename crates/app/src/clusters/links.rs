//! Link IaC to live (issue 11): a Terraform resource — in a `.tf` file, a plan or a state —
//! opens what it made in the Clusters view. Managed clusters (EKS/AKS/GKE) find the kubeconfig
//! context that reaches them (`orbis_clusters::links`), or pre-fill "Add cloud cluster…" when
//! none does; `kubernetes_*` and `helm_release` resources open their object or release in the
//! provider's `config_context` (else the current context). And a workspace Kubernetes YAML
//! file is compared with the live objects: the server-side apply dry run of `apply.rs`, read
//! as in sync / differs / not in cluster per object — only the fields the file sets count.

use super::link_targets::{label, pending_label, target_of, ProviderHints};
use super::links_dto::*;
use crate::error::AppError;
#[cfg(feature = "clusters")]
use crate::error::ErrorCode;
use crate::session::Session;
use serde_json::Value;

/// A known string of an evaluated configuration value.
fn known(v: Option<&orbis_hcl::Value>) -> Option<String> {
    match v {
        Some(orbis_hcl::Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn link(
    address: String,
    resource_type: String,
    line: Option<u32>,
    values: &Value,
    hints: &ProviderHints,
) -> Option<LiveLink> {
    let found = target_of(&resource_type, values, hints)?;
    Some(match found {
        Ok(target) => LiveLink {
            label: label(&target),
            address,
            resource_type,
            line,
            target: Some(target),
            why: None,
        },
        Err(why) => LiveLink {
            label: pending_label(&resource_type),
            address,
            resource_type,
            line,
            target: None,
            why: Some(why),
        },
    })
}

/// The provider settings a link needs, from a module's `provider` blocks.
fn hints_of(module: &orbis_hcl::Module) -> ProviderHints {
    let setting = |provider: &str, key: &str| {
        module.provider(provider).and_then(|p| match &p.config {
            orbis_hcl::Value::Map(m) => known(m.get(key)),
            _ => None,
        })
    };
    let helm_context = module.provider("helm").and_then(|p| {
        let kube = match &p.config {
            orbis_hcl::Value::Map(m) => m.get("kubernetes")?,
            _ => return None,
        };
        let kube = match kube {
            orbis_hcl::Value::List(items) => items.first()?,
            other => other,
        };
        match kube {
            orbis_hcl::Value::Map(m) => known(m.get("config_context")),
            _ => None,
        }
    });
    ProviderHints {
        kube_context: setting("kubernetes", "config_context"),
        helm_context,
        aws_region: setting("aws", "region"),
        google_project: setting("google", "project"),
    }
}

/// The live links of the resources declared in `file` of the module in `dir` (pure over the
/// files on disk; values the configuration cannot know stay unknown).
pub fn links_in_module_file(dir: &std::path::Path, file: &std::path::Path) -> Vec<LiveLink> {
    let module = orbis_hcl::Module::load(dir, &orbis_hcl::ModuleOptions::default());
    let hints = hints_of(&module);
    let mut out: Vec<LiveLink> = module
        .resources()
        .into_iter()
        .filter(|r| r.mode == orbis_hcl::ResourceMode::Managed)
        .filter(|r| r.file.path.file_name() == file.file_name())
        .filter_map(|r| {
            let mut values = r.representative().config_value().to_json();
            follow_metadata_references(&module, &r, &mut values);
            link(
                r.address.clone(),
                r.type_name.to_string(),
                Some(r.span().line()),
                &values,
                &hints,
            )
        })
        .collect();
    out.sort_by_key(|l| l.line);
    out
}

/// `metadata { namespace = kubernetes_namespace_v1.example.metadata[0].name }`: Terraform
/// knows the value only at apply time, but when the referenced resource of the same module
/// names it in its own configuration, that is the value it will have. One hop, metadata only.
fn follow_metadata_references(
    module: &orbis_hcl::Module,
    r: &orbis_hcl::Resource<'_>,
    values: &mut Value,
) {
    use orbis_hcl::ast::RefPart;
    let Some(meta) = r.body().block("metadata") else {
        return;
    };
    for key in ["namespace", "name"] {
        let unknown = values["metadata"][0].get(key).is_some_and(Value::is_null);
        let Some(reference) = meta.body.attribute(key).and_then(|a| a.expr.as_reference()) else {
            continue;
        };
        if !unknown || reference.parts.len() < 3 {
            continue;
        }
        let (Some(t), Some(n)) = (reference.name(0), reference.name(1)) else {
            continue;
        };
        let Some(target) = module
            .resources()
            .into_iter()
            .find(|o| o.type_name == t && o.name == n)
        else {
            continue;
        };
        let mut found = target.representative().config_value().to_json();
        for part in &reference.parts[2..] {
            found = match part {
                RefPart::Name(k) | RefPart::Key(k) => {
                    found.get(k.as_str()).cloned().unwrap_or(Value::Null)
                }
                RefPart::Index(i) => found.get(*i as usize).cloned().unwrap_or(Value::Null),
            };
        }
        if found.is_string() {
            values["metadata"][0][key] = found;
        }
    }
}

impl Session {
    /// The live links of a `.tf` file of the workspace (saved text), in source order.
    pub fn live_links_in_file(&self, path: &str) -> Result<FileLiveLinks, AppError> {
        let abs = self.with_workspace(|ws| ws.resolve(path))?;
        let dir = abs
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        Ok(FileLiveLinks {
            path: path.to_string(),
            links: links_in_module_file(&dir, &abs),
        })
    }

    /// The live link of change `index` of the open plan, if its type has one.
    pub fn live_link_for_plan_change(&self, index: u32) -> Result<Option<LiveLink>, AppError> {
        let values = self.with_plan(|p| Ok(p.change_values(index)))?;
        Ok(
            values
                .and_then(|(address, t, v)| link(address, t, None, &v, &ProviderHints::default())),
        )
    }

    /// The live link of an instance of the open state, if its type has one (values redacted
    /// in the state never name a live object: names are not sensitive).
    pub fn live_link_for_state_instance(
        &self,
        address: &str,
    ) -> Result<Option<LiveLink>, AppError> {
        let d = self.state_instance(address)?;
        let values: serde_json::Map<String, Value> = d
            .attributes
            .iter()
            .map(|a| {
                (
                    a.name.clone(),
                    serde_json::from_str(&a.value).unwrap_or(Value::Null),
                )
            })
            .collect();
        Ok(link(
            d.address,
            d.resource_type,
            None,
            &Value::Object(values),
            &ProviderHints::default(),
        ))
    }

    /// Where a live link goes: the context (and object) to open, or "Add cloud cluster…".
    pub fn open_live_link(&self, target: &LiveTarget) -> Result<LiveLinkOpen, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::open(self, target)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = target;
            Err(super::unavailable())
        }
    }

    /// Compares each object of a workspace YAML file (the editor's text) with the live
    /// cluster: `context`, else the connected one, else the kubeconfig's current context.
    pub fn yaml_live_status(
        &self,
        path: &str,
        context: Option<&str>,
    ) -> Result<YamlLiveStatus, AppError> {
        let text = self.open_document(path)?.text;
        #[cfg(feature = "clusters")]
        {
            imp::yaml_status(self, path, &text, context)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = (text, context);
            Err(super::unavailable())
        }
    }
}

/// "2 in sync, 1 differs, 1 not in cluster" (zero parts left out).
pub fn sync_summary(objects: &[LiveSyncObject]) -> String {
    let count = |s: LiveSync| objects.iter().filter(|o| o.sync == s).count();
    let parts: Vec<String> = [
        (count(LiveSync::InSync), "in sync"),
        (
            count(LiveSync::Differs),
            if count(LiveSync::Differs) == 1 {
                "differs"
            } else {
                "differ"
            },
        ),
        (count(LiveSync::NotInCluster), "not in cluster"),
        (count(LiveSync::Unknown), "not compared"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    if parts.is_empty() {
        "no Kubernetes object in the file".into()
    } else {
        parts.join(", ")
    }
}

#[cfg(feature = "clusters")]
mod imp {
    use super::super::discover_dto::ManagedKubernetes;
    use super::super::dto::ClusterKind;
    use super::super::live::env_and_files;
    use super::*;
    use orbis_clusters::apply::{self, Outcome};
    use orbis_clusters::links::{context_facts, find_context, Cloud, ClusterRef, ContextFacts};
    use orbis_clusters::{ClusterError, Kubeconfigs};

    fn kubeconfigs(session: &Session) -> Kubeconfigs {
        let (_, files, explicit) = env_and_files(session.kubeconfig_override().as_deref());
        Kubeconfigs::load(&files, explicit)
    }

    /// The kinds the Clusters view lists (and can select).
    fn view_kind(kind: &str) -> Option<ClusterKind> {
        Some(match kind {
            "Namespace" => ClusterKind::Namespace,
            "Node" => ClusterKind::Node,
            "Pod" => ClusterKind::Pod,
            "Deployment" => ClusterKind::Deployment,
            "ReplicaSet" => ClusterKind::ReplicaSet,
            "StatefulSet" => ClusterKind::StatefulSet,
            "DaemonSet" => ClusterKind::DaemonSet,
            "Job" => ClusterKind::Job,
            "CronJob" => ClusterKind::CronJob,
            "Service" => ClusterKind::Service,
            "Ingress" => ClusterKind::Ingress,
            "ConfigMap" => ClusterKind::ConfigMap,
            "Secret" => ClusterKind::Secret,
            "PersistentVolumeClaim" => ClusterKind::PersistentVolumeClaim,
            _ => return None,
        })
    }

    /// The provider's `config_context` when set (it must exist), else the current context.
    fn context_for(
        facts: &[ContextFacts],
        wanted: Option<&str>,
    ) -> Result<(String, String), AppError> {
        match wanted {
            Some(c) if facts.iter().any(|f| f.name == c) => Ok((c.to_string(), format!("the provider's config_context {c}"))),
            Some(c) => Err(AppError::new(
                ErrorCode::NotFound,
                format!("The provider's config_context \"{c}\" is not a context of your kubeconfigs"),
                "Add it (`kubectl config get-contexts` lists what you have), or change config_context in the provider block.",
            )),
            None => facts
                .iter()
                .find(|f| f.current)
                .map(|f| (f.name.clone(), format!("the current context {} (the provider sets no config_context)", f.name)))
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::NotFound,
                        "Your kubeconfigs have no current context, and the provider sets no config_context",
                        "Choose one: `kubectl config use-context NAME`, or set config_context in the provider block.",
                    )
                }),
        }
    }

    pub(super) fn open(session: &Session, target: &LiveTarget) -> Result<LiveLinkOpen, AppError> {
        let facts = context_facts(&kubeconfigs(session));
        let empty = LiveLinkOpen {
            context: None,
            why: String::new(),
            kind: None,
            key: None,
            helm_release: None,
            add_cluster: None,
        };
        match target {
            LiveTarget::ManagedCluster {
                cloud,
                name,
                region,
                arn,
                endpoints,
                resource_group,
                subscription,
                project,
                location,
            } => {
                let r = ClusterRef {
                    cloud: match cloud {
                        ManagedKubernetes::Eks => Cloud::Eks,
                        ManagedKubernetes::Aks => Cloud::Aks,
                        ManagedKubernetes::Gke => Cloud::Gke,
                    },
                    name: name.clone(),
                    region: region.clone(),
                    arn: arn.clone(),
                    endpoints: endpoints.clone(),
                    resource_group: resource_group.clone(),
                    project: project.clone(),
                    location: location.clone(),
                };
                Ok(match find_context(&r, &facts) {
                    Some(m) => LiveLinkOpen {
                        context: Some(m.context.clone()),
                        why: format!("Context {}: {}.", m.context, m.why),
                        ..empty
                    },
                    None => LiveLinkOpen {
                        why: format!("No context of your kubeconfigs reaches {}: add it from your cloud sign-in.", label(target)),
                        add_cluster: Some(AddClusterPrefill {
                            cloud: *cloud,
                            scope: match cloud {
                                ManagedKubernetes::Eks => String::new(),
                                ManagedKubernetes::Aks => subscription.clone().unwrap_or_default(),
                                ManagedKubernetes::Gke => project.clone().unwrap_or_default(),
                            },
                            regions: match cloud {
                                ManagedKubernetes::Eks => region.iter().cloned().collect(),
                                _ => Vec::new(),
                            },
                            name: name.clone(),
                        }),
                        ..empty
                    },
                })
            }
            LiveTarget::KubeObject {
                kind,
                namespace,
                name,
                context,
                ..
            } => {
                let (ctx, why) = context_for(&facts, context.as_deref())?;
                let shown = view_kind(kind);
                let key = match namespace {
                    Some(ns) => format!("{ns}/{name}"),
                    None => name.clone(),
                };
                let why = match shown {
                    Some(_) => format!("{} in {why}.", label(target)),
                    None => format!("{} in {why}; the Clusters view does not list {kind} objects, so the cluster opens without a selection.", label(target)),
                };
                Ok(LiveLinkOpen {
                    context: Some(ctx),
                    why,
                    kind: shown,
                    key: shown.map(|_| key),
                    ..empty
                })
            }
            LiveTarget::HelmRelease {
                name,
                namespace,
                context,
            } => {
                let (ctx, why) = context_for(&facts, context.as_deref())?;
                Ok(LiveLinkOpen {
                    context: Some(ctx),
                    why: format!("{} in {why}.", label(target)),
                    helm_release: Some(format!("{namespace}/{name}")),
                    ..empty
                })
            }
        }
    }

    fn connect_error(e: ClusterError) -> AppError {
        AppError::new(
            ErrorCode::ClusterConnect,
            format!("Cannot connect: {}", e.message),
            e.hint,
        )
    }

    /// (state, changed fields, message, namespace it resolved to) of one object.
    type Compared = (LiveSync, Vec<String>, Option<String>, Option<String>);

    /// One object's comparison from the dry run's answer (or its error).
    fn sync_of(
        result: Result<Vec<apply::Planned>, ClusterError>,
    ) -> Result<Compared, ClusterError> {
        use orbis_clusters::ErrorCode as E;
        match result {
            Ok(mut planned) => {
                let Some(p) = planned.pop() else {
                    return Ok((
                        LiveSync::Unknown,
                        vec![],
                        Some("The cluster gave no answer for it.".into()),
                        None,
                    ));
                };
                let sync = match p.outcome {
                    Outcome::Unchanged => LiveSync::InSync,
                    Outcome::Changed => LiveSync::Differs,
                    Outcome::Created => LiveSync::NotInCluster,
                };
                // A new object's "changes" are its top-level fields: not a difference.
                let changes = if sync == LiveSync::Differs {
                    p.changes
                } else {
                    vec![]
                };
                Ok((sync, changes, None, p.namespace))
            }
            Err(e) => match e.code {
                // The namespace it goes to does not exist: neither does the object.
                E::NotFound => Ok((LiveSync::NotInCluster, vec![], Some(e.message), None)),
                E::Conflict => Ok((
                    LiveSync::Differs,
                    vec![],
                    Some(format!("{} {}", e.message, e.hint)),
                    None,
                )),
                E::Forbidden | E::UnknownKind | E::ManifestInvalid | E::ActionInvalid => Ok((
                    LiveSync::Unknown,
                    vec![],
                    Some(format!("{} {}", e.message, e.hint)),
                    None,
                )),
                // The cluster itself failed (unreachable, credentials): the whole file fails.
                _ => Err(e),
            },
        }
    }

    pub(super) fn yaml_status(
        session: &Session,
        path: &str,
        text: &str,
        context: Option<&str>,
    ) -> Result<YamlLiveStatus, AppError> {
        let live = &session.clusters().live;
        let conn = match (live.connection(), context) {
            (Some((_, c)), None) => c,
            (Some((_, c)), Some(want)) if c.context == want => c,
            _ => {
                let kcs = kubeconfigs(session);
                live.block_on(orbis_clusters::connect(&kcs, context))?
                    .map_err(connect_error)?
            }
        };
        let manifests = apply::parse(path, text)
            .map_err(|e| AppError::new(ErrorCode::ClusterActionInvalid, e.message, e.hint))?;
        // Lines of the objects, from the editor's own YAML model (same documents, same order).
        let file = orbis_hcl::yaml::parse_yaml(text, path);
        let mut lines: Vec<(String, String, u32)> = orbis_hcl::yaml::kubernetes::objects(&file)
            .iter()
            .map(|o| {
                (
                    o.kind.to_string(),
                    o.name.unwrap_or("").to_string(),
                    o.line(),
                )
            })
            .collect();
        let mut objects = Vec::new();
        for m in &manifests {
            let line = lines
                .iter()
                .position(|(k, n, _)| *k == m.kind && *n == m.name)
                .map(|i| lines.remove(i).2)
                .unwrap_or(1);
            let result = live.block_on(apply::plan(&conn, std::slice::from_ref(m)))?;
            let (sync, changes, message, namespace) = sync_of(result)
                .map_err(|e| AppError::new(ErrorCode::ClusterActionFailed, e.message, e.hint))?;
            objects.push(LiveSyncObject {
                document: (m.document.saturating_sub(1)) as u32,
                line,
                kind: m.kind.clone(),
                namespace: namespace.or_else(|| m.namespace.clone()),
                name: m.name.clone(),
                sync,
                changes,
                message,
            });
        }
        Ok(YamlLiveStatus {
            path: path.to_string(),
            context: conn.context.clone(),
            summary: sync_summary(&objects),
            objects,
            method: format!(
                "Each object as a server-side apply dry run (PATCH dryRun=All, field manager {}): only the fields the file sets are compared; nothing is stored.",
                apply::FIELD_MANAGER
            ),
        })
    }
}
