//! The New Project wizard's operations (issue 10) over `orbis-generator`: the choices a project
//! can make (per cloud), a preview of the files a request would write, and the creation itself
//! followed by the checks CI would run (offline validator, `orbis lint`).
//!
//! The target folder is never a path sent by the webview: the shell's native folder dialog
//! hands it to [`Session::choose_new_project_folder`], and creation writes only there. The
//! catalog folder is set by the shell at start ([`Session::set_catalog_dir`]).

use crate::dto::WorkspaceInfo;
use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_generator::spec::{Classification, Cloud, Environment, Exposure};
use orbis_generator::{components, regions, GenerateError, Project, CATALOG};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

/// What the wizard needs between calls: where the catalog is, and the folder the user chose.
#[derive(Default)]
pub struct NewProjectState {
    catalog: Mutex<Option<PathBuf>>,
    target: Mutex<Option<PathBuf>>,
}

/// Everything a new project can choose, per cloud.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectOptions {
    pub clouds: Vec<NewProjectCloud>,
    pub environments: Vec<NewProjectEnvironment>,
    pub exposures: Vec<String>,
    pub classifications: Vec<String>,
    /// The module catalog folder the app uses (shown in the wizard's footer).
    pub catalog: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectCloud {
    /// `aws`, `azure` or `gcp`.
    pub name: String,
    pub label: String,
    pub regions: Vec<String>,
    pub components: Vec<NewProjectComponent>,
    /// Catalog modules every project of the cloud gets (governance baseline).
    pub baseline_modules: Vec<String>,
    /// The remote state the project gets, in one line.
    pub backend: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectComponent {
    pub name: String,
    pub description: String,
    pub modules: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectEnvironment {
    pub name: String,
    /// What the environment changes, in one line.
    pub summary: String,
}

/// A network allowed to reach a GKE control plane.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NamedCidr {
    pub name: String,
    pub cidr: String,
}

/// The web component's settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NewProjectWeb {
    pub image: String,
    pub domain: String,
    pub port: Option<u16>,
}

/// Where the remote state lives: names derived from the project (default) or existing ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NewProjectBackend {
    /// False: the generator's names (shown in the preview's backend.tf).
    pub existing: bool,
    pub aws_state_bucket: Option<String>,
    pub aws_state_kms_key: Option<String>,
    pub azure_state_resource_group: Option<String>,
    pub azure_state_storage_account: Option<String>,
    pub gcp_state_bucket: Option<String>,
}

/// Settings only one cloud needs (the generator says which are required).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NewProjectCloudSettings {
    pub azure_key_vault_name: Option<String>,
    pub azure_key_vault_resource_group: Option<String>,
    #[serde(default)]
    pub azure_admin_group_object_ids: Vec<String>,
    pub gcp_project_id: Option<String>,
    pub gcp_billing_account: Option<String>,
    pub gcp_rbac_security_group: Option<String>,
    #[serde(default)]
    pub gcp_master_authorized_networks: Vec<NamedCidr>,
}

/// What the wizard asks for: the fields of an `orbis new` spec.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NewProjectRequest {
    pub name: String,
    pub cloud: String,
    pub region: String,
    pub environment: String,
    pub components: Vec<String>,
    pub exposure: String,
    pub data_classification: String,
    pub owner: String,
    pub cost_center: String,
    pub monthly_budget: u32,
    pub alert_emails: Vec<String>,
    #[serde(default)]
    pub secrets: Vec<String>,
    pub web: Option<NewProjectWeb>,
    #[serde(default)]
    pub backend: NewProjectBackend,
    #[serde(default)]
    pub settings: NewProjectCloudSettings,
}

/// The folder chosen for the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NewProjectTarget {
    pub path: String,
    pub exists: bool,
    /// How many entries the folder already has (0: empty or new).
    pub entry_count: u32,
    /// The first few of them, for the question before overwriting.
    pub entries: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectFile {
    pub path: String,
    pub bytes: u32,
    /// A file of that name already exists in the target folder and would be replaced.
    pub overwrites: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectDecision {
    pub topic: String,
    pub choice: String,
}

/// What Create would write.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectPreview {
    pub target: Option<NewProjectTarget>,
    pub files: Vec<NewProjectFile>,
    pub modules: Vec<String>,
    pub decisions: Vec<NewProjectDecision>,
    pub decisions_md: String,
    pub backend_tf: String,
}

/// One problem a check found in the generated project.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectProblem {
    /// Project-relative, `/`-separated.
    pub file: String,
    pub line: u32,
    /// The lint rule, or `validator`.
    pub source: String,
    pub message: String,
}

/// The project written, and what the checks said.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectResult {
    pub root: String,
    pub files_written: u32,
    pub modules: Vec<String>,
    /// Offline validator problems (references, module inputs, types).
    pub validation: Vec<NewProjectProblem>,
    /// `orbis lint` findings at medium or above.
    pub lint: Vec<NewProjectProblem>,
    /// Every active lint finding, any severity.
    pub lint_total: u32,
    /// The offline estimate from configuration, when the cost engine priced anything.
    pub cost: Option<NewProjectCost>,
    /// The workspace now open (the shell fills it in once the new folder is opened; `None`
    /// when the user chose to stay with unsaved edits).
    pub workspace: Option<WorkspaceInfo>,
}

/// The project's monthly cost as the bundled price catalog sees its configuration.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NewProjectCost {
    pub monthly: f64,
    pub currency: String,
    pub priced_resources: u32,
    /// Resources the cost engine has no model for.
    pub unpriced_resources: u32,
    /// Some prices are missing from the bundled catalog for the region: `monthly` is a
    /// lower bound.
    pub lower_bound: bool,
}

fn cloud_label(c: Cloud) -> &'static str {
    match c {
        Cloud::Aws => "AWS",
        Cloud::Azure => "Azure",
        Cloud::Gcp => "Google Cloud",
    }
}

fn backend_line(c: Cloud) -> &'static str {
    match c {
        Cloud::Aws => "S3 with a lock file (Terraform 1.10+) and a customer-managed KMS key",
        Cloud::Azure => "Azure Storage (blob lease locking) reached with Entra ID, no account keys",
        Cloud::Gcp => "Cloud Storage with native locking and a Cloud KMS key",
    }
}

fn catalog_missing() -> AppError {
    AppError::new(
        ErrorCode::CatalogMissing,
        "The module catalog (modules/) was not found",
        "Reinstall TerraOrbis, or set ORBIS_MODULES to the catalog folder and restart.",
    )
}

fn generate_error(e: GenerateError) -> AppError {
    let code = match &e {
        GenerateError::Spec(_) => ErrorCode::NewProjectInvalid,
        GenerateError::NotEmpty(_) => ErrorCode::NewProjectNotEmpty,
        GenerateError::Catalog { .. } => ErrorCode::CatalogMissing,
        GenerateError::Io { .. } => ErrorCode::Io,
        GenerateError::Format { .. } => ErrorCode::Internal,
    };
    let hint = match &e {
        GenerateError::Spec(s) => format!("Change `{}` in the wizard and try again.", s.field),
        GenerateError::NotEmpty(_) => "Choose an empty or new folder, or tick \"Overwrite the generated files\" (other files in the folder are kept).".into(),
        GenerateError::Io { .. } => "Check that the folder exists and is writable, then try again.".into(),
        other => other.hint().to_string(),
    };
    AppError::new(code, e.to_string(), hint)
}

/// The wizard's request as the generator's TOML spec, so it is checked by the same code as
/// `orbis new` (field names and allowed values in the errors).
fn spec_toml(r: &NewProjectRequest) -> String {
    use toml::{Table, Value};
    let text = |s: &str| Value::String(s.trim().to_string());
    let list = |v: &[String]| {
        Value::Array(
            v.iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        )
    };
    let set = |t: &mut Table, key: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            t.insert(key.into(), Value::String(v.to_string()));
        }
    };
    let mut t = Table::new();
    t.insert("name".into(), text(&r.name));
    t.insert("cloud".into(), text(&r.cloud));
    t.insert("region".into(), text(&r.region));
    t.insert("environment".into(), text(&r.environment));
    t.insert("components".into(), list(&r.components));
    t.insert("exposure".into(), text(&r.exposure));
    t.insert("data_classification".into(), text(&r.data_classification));
    t.insert("owner".into(), text(&r.owner));
    t.insert("cost_center".into(), text(&r.cost_center));
    t.insert(
        "monthly_budget".into(),
        Value::Integer(r.monthly_budget as i64),
    );
    t.insert("alert_emails".into(), list(&r.alert_emails));
    t.insert("secrets".into(), list(&r.secrets));
    if let Some(w) = &r.web {
        let mut web = Table::new();
        web.insert("image".into(), text(&w.image));
        web.insert("domain".into(), text(&w.domain));
        if let Some(p) = w.port {
            web.insert("port".into(), Value::Integer(p as i64));
        }
        t.insert("web".into(), Value::Table(web));
    }
    let b = &r.backend;
    let s = &r.settings;
    match r.cloud.as_str() {
        "aws" => {
            let mut aws = Table::new();
            if b.existing {
                set(&mut aws, "state_bucket", &b.aws_state_bucket);
                set(&mut aws, "state_kms_key", &b.aws_state_kms_key);
            }
            t.insert("aws".into(), Value::Table(aws));
        }
        "azure" => {
            let mut az = Table::new();
            set(&mut az, "key_vault_name", &s.azure_key_vault_name);
            set(
                &mut az,
                "key_vault_resource_group",
                &s.azure_key_vault_resource_group,
            );
            if !s.azure_admin_group_object_ids.is_empty() {
                az.insert(
                    "admin_group_object_ids".into(),
                    list(&s.azure_admin_group_object_ids),
                );
            }
            if b.existing {
                set(
                    &mut az,
                    "state_resource_group",
                    &b.azure_state_resource_group,
                );
                set(
                    &mut az,
                    "state_storage_account",
                    &b.azure_state_storage_account,
                );
            }
            t.insert("azure".into(), Value::Table(az));
        }
        "gcp" => {
            let mut g = Table::new();
            set(&mut g, "project_id", &s.gcp_project_id);
            set(&mut g, "billing_account", &s.gcp_billing_account);
            set(&mut g, "rbac_security_group", &s.gcp_rbac_security_group);
            if !s.gcp_master_authorized_networks.is_empty() {
                let mut nets = Table::new();
                for n in &s.gcp_master_authorized_networks {
                    nets.insert(n.name.trim().to_string(), text(&n.cidr));
                }
                g.insert("master_authorized_networks".into(), Value::Table(nets));
            }
            if b.existing {
                set(&mut g, "state_bucket", &b.gcp_state_bucket);
            }
            t.insert("gcp".into(), Value::Table(g));
        }
        _ => {}
    }
    toml::to_string(&t).unwrap_or_default()
}

/// The folder's entries (names), sorted; empty when it does not exist.
fn entries_of(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn target_info(dir: &Path) -> NewProjectTarget {
    let entries = entries_of(dir);
    NewProjectTarget {
        path: dir.display().to_string(),
        exists: dir.is_dir(),
        entry_count: entries.len() as u32,
        entries: entries.into_iter().take(12).collect(),
    }
}

/// `orbis lint` on the project: active findings at medium or above, and the count of all.
fn lint_project(dir: &Path) -> Result<(Vec<NewProjectProblem>, u32), AppError> {
    let fail = |what: String| {
        AppError::new(
            ErrorCode::Internal,
            format!("The project was written but could not be linted: {what}"),
            "Run `orbis lint` on the folder to see why.",
        )
    };
    let config = orbis_lint::Config::discover(dir).map_err(|e| fail(e.to_string()))?;
    let result =
        orbis_lint::lint_paths(&[dir.to_path_buf()], &config).map_err(|e| fail(e.to_string()))?;
    let mut total = 0;
    let mut serious = Vec::new();
    for f in result.active() {
        total += 1;
        if f.severity >= orbis_lint::Severity::Medium {
            serious.push(NewProjectProblem {
                file: relative(dir, Path::new(result.path(f))),
                line: f.span.start_line,
                source: f.rule_id.to_string(),
                message: f.message.clone(),
            });
        }
    }
    Ok((serious, total))
}

/// The same estimate `orbis new` prints: configuration only, usage-based charges excluded.
fn estimate(dir: &Path) -> Option<NewProjectCost> {
    let (inputs, _warnings) = orbis_cost::from_config::resources_from_dir(dir);
    let e = orbis_cost::Estimator::new(
        orbis_cost::Catalog::bundled(),
        orbis_cost::UsageFile::default(),
    )
    .estimate(&inputs);
    let missing = e
        .resources
        .iter()
        .flat_map(|r| &r.cost_components)
        .filter(|c| c.monthly_quantity.is_some() && c.unit_price.is_none())
        .count();
    (!e.resources.is_empty()).then(|| NewProjectCost {
        monthly: (e.total_monthly_cost * 100.0).round() / 100.0,
        currency: e.currency.clone(),
        priced_resources: e.resources.len() as u32,
        unpriced_resources: e.unsupported.len() as u32,
        lower_bound: missing > 0,
    })
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

impl Session {
    /// Where the module catalog is (the shell resolves the bundled or development copy).
    pub fn set_catalog_dir(&self, dir: Option<PathBuf>) {
        *self
            .new_project
            .catalog
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = dir;
    }

    /// The module catalog folder, or an error saying it is missing.
    pub fn catalog_dir(&self) -> Result<PathBuf, AppError> {
        self.new_project
            .catalog
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .filter(|d| d.join("aws").is_dir())
            .ok_or_else(catalog_missing)
    }

    /// The wizard's choices: clouds with their regions, components and baseline,
    /// environments with what each changes.
    pub fn new_project_options(&self) -> Result<NewProjectOptions, AppError> {
        let catalog = self.catalog_dir()?;
        let clouds = [Cloud::Aws, Cloud::Azure, Cloud::Gcp]
            .into_iter()
            .map(|c| NewProjectCloud {
                name: c.name().into(),
                label: cloud_label(c).into(),
                regions: regions::of(c).iter().map(|s| s.to_string()).collect(),
                components: CATALOG
                    .iter()
                    .filter(|i| i.cloud == c)
                    .map(|i| NewProjectComponent {
                        name: i.name.into(),
                        description: i.description.into(),
                        modules: i.modules.iter().map(|s| s.to_string()).collect(),
                    })
                    .collect(),
                baseline_modules: components::baseline_modules(c)
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                backend: backend_line(c).into(),
            })
            .collect();
        let environments = [Environment::Dev, Environment::Staging, Environment::Prod]
            .into_iter()
            .map(|e| NewProjectEnvironment {
                name: e.name().into(),
                summary: e.summary().into(),
            })
            .collect();
        Ok(NewProjectOptions {
            clouds,
            environments,
            exposures: Exposure::NAMES.iter().map(|s| s.to_string()).collect(),
            classifications: Classification::NAMES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            catalog: catalog.display().to_string(),
        })
    }

    /// Records the folder the user chose in the native dialog (never call this with a path
    /// from the webview) and says whether it is empty.
    pub fn choose_new_project_folder(&self, dir: &Path) -> NewProjectTarget {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let info = target_info(&dir);
        *self
            .new_project
            .target
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(dir);
        info
    }

    fn target_dir(&self) -> Option<PathBuf> {
        self.new_project
            .target
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn generate_request(&self, request: &NewProjectRequest) -> Result<Project, AppError> {
        let spec = orbis_generator::parse_spec(&spec_toml(request))
            .map_err(|e| generate_error(GenerateError::Spec(e)))?;
        orbis_generator::generate(&spec, &self.catalog_dir()?).map_err(generate_error)
    }

    /// The files Create would write (and which of them exist already), the modules, the
    /// decisions and DECISIONS.md. A bad field is a `new_project_invalid` error naming it.
    pub fn preview_new_project(
        &self,
        request: &NewProjectRequest,
    ) -> Result<NewProjectPreview, AppError> {
        let project = self.generate_request(request)?;
        let target = self.target_dir();
        let files = project
            .files
            .iter()
            .map(|(path, text)| NewProjectFile {
                path: path.clone(),
                bytes: text.len() as u32,
                overwrites: target.as_ref().is_some_and(|t| t.join(path).exists()),
            })
            .collect();
        Ok(NewProjectPreview {
            target: target.as_deref().map(target_info),
            files,
            modules: project.modules.clone(),
            decisions: project
                .decisions
                .iter()
                .map(|d| NewProjectDecision {
                    topic: d.topic.clone(),
                    choice: d.choice.clone(),
                })
                .collect(),
            decisions_md: project
                .files
                .get("DECISIONS.md")
                .cloned()
                .unwrap_or_default(),
            backend_tf: project.files.get("backend.tf").cloned().unwrap_or_default(),
        })
    }

    /// Generates the project into the chosen folder (a non-empty one only with `overwrite`:
    /// the generated files are replaced, other files kept), then runs the offline validator
    /// and `orbis lint` on what was written. The caller opens the folder as the workspace.
    pub fn create_new_project(
        &self,
        request: &NewProjectRequest,
        overwrite: bool,
    ) -> Result<NewProjectResult, AppError> {
        let dir = self.target_dir().ok_or_else(|| {
            AppError::new(
                ErrorCode::NewProjectNoFolder,
                "No folder is chosen for the new project",
                "Choose a folder in the wizard's Folder step.",
            )
        })?;
        let project = self.generate_request(request)?;
        orbis_generator::write_project(&project, &dir, overwrite).map_err(generate_error)?;
        let validation = orbis_generator::validate::validate_dir(&dir)
            .into_iter()
            .map(|p| NewProjectProblem {
                file: relative(&dir, &p.file),
                line: p.line,
                source: "validator".into(),
                message: p.message,
            })
            .collect();
        let (lint, lint_total) = lint_project(&dir)?;
        let cost = estimate(&dir);
        log::info!(
            "new {} project written to {} ({} files)",
            request.cloud,
            dir.display(),
            project.files.len()
        );
        Ok(NewProjectResult {
            root: dir.display().to_string(),
            files_written: project.files.len() as u32,
            modules: project.modules,
            validation,
            lint,
            lint_total,
            cost,
            workspace: None,
        })
    }

    /// The folder of the last created project, to open as the workspace.
    pub fn new_project_root(&self) -> Option<PathBuf> {
        self.target_dir()
    }
}
