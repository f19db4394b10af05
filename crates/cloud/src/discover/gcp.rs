//! Google Cloud: gcloud configurations (`$CLOUDSDK_CONFIG`, else `~/.config/gcloud`; the
//! active one from `$CLOUDSDK_ACTIVE_CONFIG_NAME` or `active_config`) and the Application
//! Default Credentials file (`$GOOGLE_APPLICATION_CREDENTIALS`, else
//! `application_default_credentials.json` in the gcloud folder). Private keys, client secrets
//! and refresh tokens are never kept.

use super::read_config;
use crate::ini;
use crate::Context;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Serialize)]
pub struct GcpDiscovery {
    pub config_dir: Option<PathBuf>,
    pub active_configuration: Option<String>,
    pub configurations: Vec<GcloudConfiguration>,
    /// The Application Default Credentials file Terraform's Google provider would use.
    pub adc: Option<AdcFile>,
    /// `$GOOGLE_CLOUD_PROJECT` / `$CLOUDSDK_CORE_PROJECT` / `$GOOGLE_PROJECT`, when set.
    pub project_from_env: Option<String>,
    /// The `gcloud` program, when on PATH.
    pub cli: Option<PathBuf>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GcloudConfiguration {
    pub name: String,
    pub account: Option<String>,
    pub project: Option<String>,
    pub region: Option<String>,
    pub zone: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AdcKind {
    /// `gcloud auth application-default login`.
    AuthorizedUser,
    /// A service-account key file.
    ServiceAccount,
    /// Workload identity federation.
    ExternalAccount,
    ImpersonatedServiceAccount,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdcFile {
    pub path: PathBuf,
    /// Found through `$GOOGLE_APPLICATION_CREDENTIALS`.
    pub from_env: bool,
    pub kind: AdcKind,
    /// Service account e-mail (service-account files).
    pub client_email: Option<String>,
    pub project_id: Option<String>,
    pub quota_project_id: Option<String>,
}

impl GcpDiscovery {
    pub fn active(&self) -> Option<&GcloudConfiguration> {
        self.configurations.iter().find(|c| c.active)
    }

    /// The project Terraform and the client libraries would pick, in their order.
    pub fn project(&self) -> Option<&str> {
        self.project_from_env
            .as_deref()
            .or_else(|| self.adc.as_ref().and_then(|a| a.project_id.as_deref()))
            .or_else(|| self.active().and_then(|c| c.project.as_deref()))
            .or_else(|| {
                self.adc
                    .as_ref()
                    .and_then(|a| a.quota_project_id.as_deref())
            })
    }
}

pub fn discover(ctx: &Context) -> GcpDiscovery {
    let config_dir = match ctx.var("CLOUDSDK_CONFIG") {
        Some(p) => Some(crate::context::expand_tilde(p, ctx.home())),
        None if cfg!(windows) => ctx.var("APPDATA").map(|a| PathBuf::from(a).join("gcloud")),
        None => ctx.home().map(|h| h.join(".config/gcloud")),
    };
    let mut out = GcpDiscovery {
        config_dir: config_dir.clone(),
        cli: ctx.which("gcloud"),
        project_from_env: [
            "GOOGLE_CLOUD_PROJECT",
            "CLOUDSDK_CORE_PROJECT",
            "GOOGLE_PROJECT",
        ]
        .iter()
        .find_map(|k| ctx.var(k))
        .map(str::to_string),
        ..Default::default()
    };
    if let Some(dir) = &config_dir {
        let active = match ctx.var("CLOUDSDK_ACTIVE_CONFIG_NAME") {
            Some(name) => Some(name.to_string()),
            None => match read_config(&dir.join("active_config")) {
                Ok(Some(text)) => Some(text.trim().to_string()).filter(|t| !t.is_empty()),
                Ok(None) => None,
                Err(note) => {
                    out.notes.push(note);
                    None
                }
            },
        };
        let mut configurations = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir.join("configurations")) {
            for entry in entries.flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                let Some(name) = file_name.strip_prefix("config_") else {
                    continue;
                };
                match read_config(&entry.path()) {
                    Ok(Some(text)) => {
                        let sections = ini::parse(&text);
                        let get = |section: &str, key: &str| {
                            sections
                                .iter()
                                .rev()
                                .filter(|s| s.name == section)
                                .find_map(|s| s.get(key))
                                .map(str::to_string)
                        };
                        configurations.push(GcloudConfiguration {
                            name: name.to_string(),
                            account: get("core", "account"),
                            project: get("core", "project"),
                            region: get("compute", "region"),
                            zone: get("compute", "zone"),
                            active: false,
                        });
                    }
                    Ok(None) => {}
                    Err(note) => out.notes.push(note),
                }
            }
        }
        configurations.sort_by(|a, b| a.name.cmp(&b.name));
        // gcloud's implicit active configuration is `default`, when it exists.
        let active = active.or_else(|| {
            configurations
                .iter()
                .any(|c| c.name == "default")
                .then(|| "default".to_string())
        });
        for c in &mut configurations {
            c.active = Some(&c.name) == active.as_ref();
        }
        // Environment overrides of the active configuration, as gcloud applies them.
        if let Some(c) = configurations.iter_mut().find(|c| c.active) {
            if let Some(a) = ctx.var("CLOUDSDK_CORE_ACCOUNT") {
                c.account = Some(a.to_string());
            }
            if let Some(p) = ctx.var("CLOUDSDK_CORE_PROJECT") {
                c.project = Some(p.to_string());
            }
        }
        out.active_configuration = active;
        out.configurations = configurations;
    }
    let (adc_path, from_env) = match ctx.var("GOOGLE_APPLICATION_CREDENTIALS") {
        Some(p) => (Some(crate::context::expand_tilde(p, ctx.home())), true),
        None => (
            config_dir.map(|d| d.join("application_default_credentials.json")),
            false,
        ),
    };
    if let Some(path) = adc_path {
        match read_config(&path) {
            Ok(Some(text)) => match parse_adc(&text) {
                Some((kind, client_email, project_id, quota_project_id)) => {
                    out.adc = Some(AdcFile {
                        path,
                        from_env,
                        kind,
                        client_email,
                        project_id,
                        quota_project_id,
                    })
                }
                None => out.notes.push(format!(
                    "{} is not a credentials file (invalid JSON or no \"type\")",
                    path.display()
                )),
            },
            Ok(None) if from_env => out.notes.push(format!(
                "GOOGLE_APPLICATION_CREDENTIALS points to {}, which does not exist",
                path.display()
            )),
            Ok(None) => {}
            Err(note) => out.notes.push(note),
        }
    }
    out
}

type AdcFields = (AdcKind, Option<String>, Option<String>, Option<String>);

/// The non-secret fields of a credentials file: kind, client e-mail, project, quota project.
pub(crate) fn parse_adc(text: &str) -> Option<AdcFields> {
    let doc: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let s = |k: &str| doc.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let kind = match s("type")?.as_str() {
        "authorized_user" => AdcKind::AuthorizedUser,
        "service_account" => AdcKind::ServiceAccount,
        "external_account" => AdcKind::ExternalAccount,
        "impersonated_service_account" => AdcKind::ImpersonatedServiceAccount,
        _ => AdcKind::Unknown,
    };
    Some((
        kind,
        s("client_email"),
        s("project_id"),
        s("quota_project_id"),
    ))
}
