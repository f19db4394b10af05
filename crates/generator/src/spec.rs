//! The request `orbis new` reads: a small TOML file, checked field by field so a mistake is
//! reported with the field's name and the values it accepts, never as a panic.

use serde::Deserialize;
use std::fmt;

/// A mistake in a spec: which field, what is wrong, and what would be accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub field: String,
    pub message: String,
    /// The accepted values when the field is an enumeration (empty otherwise).
    pub allowed: Vec<String>,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "spec field `{}`: {}", self.field, self.message)?;
        if !self.allowed.is_empty() {
            write!(f, " (allowed: {})", self.allowed.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecError {}

fn err(field: &str, message: impl Into<String>, allowed: &[&str]) -> SpecError {
    SpecError {
        field: field.to_string(),
        message: message.into(),
        allowed: allowed.iter().map(|s| s.to_string()).collect(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cloud {
    Aws,
    Azure,
    Gcp,
}

impl Cloud {
    pub const NAMES: &'static [&'static str] = &["aws", "azure", "gcp"];
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Aws => "aws",
            Cloud::Azure => "azure",
            Cloud::Gcp => "gcp",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Dev,
    Staging,
    Prod,
}

impl Environment {
    pub const NAMES: &'static [&'static str] = &["dev", "staging", "prod"];
    pub fn name(self) -> &'static str {
        match self {
            Environment::Dev => "dev",
            Environment::Staging => "staging",
            Environment::Prod => "prod",
        }
    }
    pub fn is_prod(self) -> bool {
        self == Environment::Prod
    }
    /// What the environment changes in a generated project, in one line (the wizard shows it;
    /// DECISIONS.md has the details and reasons).
    pub fn summary(self) -> &'static str {
        match self {
            Environment::Dev => "Smallest sizes, one NAT gateway, a week of database backups, no deletion protection: cheap and easy to tear down.",
            Environment::Staging => "Prod's protections (deletion protection, a NAT gateway per zone) at smaller sizes, two tasks or nodes so rolling deploys behave as in prod.",
            Environment::Prod => "Multi-AZ database with deletion protection and 35-day backups, capacity in every zone, longer log retention.",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// Reachable from the internet (on 80/443 of a public load balancer only).
    Public,
    /// Reachable only from inside the network.
    Internal,
}

impl Exposure {
    pub const NAMES: &'static [&'static str] = &["public", "internal"];
    pub fn name(self) -> &'static str {
        match self {
            Exposure::Public => "public",
            Exposure::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Classification {
    Public,
    Internal,
    Confidential,
    Restricted,
}

impl Classification {
    pub const NAMES: &'static [&'static str] =
        &["public", "internal", "confidential", "restricted"];
    pub fn name(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Internal => "internal",
            Classification::Confidential => "confidential",
            Classification::Restricted => "restricted",
        }
    }
    /// Confidential and restricted data get longer log and backup retention.
    pub fn is_sensitive(self) -> bool {
        self >= Classification::Confidential
    }
}

/// The spec once every field is checked.
#[derive(Debug, Clone)]
pub struct Spec {
    pub name: String,
    pub cloud: Cloud,
    pub region: String,
    pub environment: Environment,
    pub components: Vec<crate::components::Component>,
    pub exposure: Exposure,
    pub data_classification: Classification,
    pub owner: String,
    pub cost_center: String,
    pub monthly_budget: u32,
    pub alert_emails: Vec<String>,
    /// Names of secrets that already exist in the cloud's secret store.
    pub secrets: Vec<String>,
    pub web: Option<Web>,
    pub aws: AwsSpec,
    pub azure: AzureSpec,
    pub gcp: GcpSpec,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Web {
    /// Container image of the application (pin a tag or a digest).
    pub image: String,
    /// Host name served (the TLS certificate is looked up for it).
    pub domain: String,
    #[serde(default = "default_port")]
    pub port: u16,
}

fn default_port() -> u16 {
    8443
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwsSpec {
    /// S3 bucket of the remote state (default `<name>-tfstate-<region>`).
    pub state_bucket: Option<String>,
    /// KMS key (alias or ARN) encrypting the state (default `alias/<name>-tfstate`).
    pub state_kms_key: Option<String>,
    /// Existing bucket receiving load balancer access logs (default `<name>-alb-logs-<region>`).
    pub alb_log_bucket: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AzureSpec {
    /// Existing Key Vault holding customer-managed keys and application secrets.
    pub key_vault_name: Option<String>,
    pub key_vault_resource_group: Option<String>,
    /// Entra ID groups administering the AKS cluster.
    #[serde(default)]
    pub admin_group_object_ids: Vec<String>,
    pub state_resource_group: Option<String>,
    pub state_storage_account: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GcpSpec {
    pub project_id: Option<String>,
    pub billing_account: Option<String>,
    /// GCS bucket of the remote state (default `<project_id>-tfstate`).
    pub state_bucket: Option<String>,
    /// Google group for GKE RBAC (`gke-security-groups@<domain>`).
    pub rbac_security_group: Option<String>,
    /// Networks allowed to reach the GKE control plane: name → CIDR.
    #[serde(default)]
    pub master_authorized_networks: std::collections::BTreeMap<String, String>,
    /// Existing bucket receiving Cloud Storage access logs (default `<project_id>-storage-logs`).
    pub access_log_bucket: Option<String>,
}

/// The file as written; every field is checked in [`parse`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: String,
    cloud: String,
    region: String,
    environment: String,
    components: Vec<String>,
    exposure: Option<String>,
    data_classification: Option<String>,
    owner: String,
    cost_center: String,
    monthly_budget: i64,
    alert_emails: Vec<String>,
    #[serde(default)]
    secrets: Vec<String>,
    web: Option<Web>,
    aws: Option<AwsSpec>,
    azure: Option<AzureSpec>,
    gcp: Option<GcpSpec>,
}

fn pick<T: Copy>(field: &str, value: &str, names: &[&str], values: &[T]) -> Result<T, SpecError> {
    names
        .iter()
        .position(|n| *n == value)
        .map(|i| values[i])
        .ok_or_else(|| err(field, format!("unknown value {value:?}"), names))
}

/// A DNS-label-like project name: it prefixes every resource name of every cloud.
fn check_name(name: &str) -> Result<(), SpecError> {
    let ok = (2..=12).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(err(
            "name",
            format!("{name:?} must be 2-12 lower-case letters, digits or '-', starting with a letter (it prefixes resource names: a GKE cluster name, for one, is at most 20 characters with the environment)"),
            &[],
        ))
    }
}

fn check_label(field: &str, v: &str) -> Result<(), SpecError> {
    // Tag values end up in HCL strings and GCP labels (lower case, no spaces).
    let ok = !v.is_empty()
        && v.len() <= 63
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(err(
            field,
            format!("{v:?} must be 1-63 lower-case letters, digits, '-' or '_' (it becomes a tag and a GCP label)"),
            &[],
        ))
    }
}

/// Values copied into HCL strings must not break out of them.
fn check_plain(field: &str, v: &str) -> Result<(), SpecError> {
    if v.is_empty()
        || v.chars()
            .any(|c| c == '"' || c == '\\' || c == '$' || c == '%' || c.is_control())
    {
        return Err(err(
            field,
            format!("{v:?} must be non-empty and contain no quotes, backslashes, `$`, `%` or control characters"),
            &[],
        ));
    }
    Ok(())
}

/// Parse and check a spec file: YAML for `.yaml`/`.yml`, TOML otherwise.
pub fn parse_path(path: &std::path::Path, text: &str) -> Result<Spec, SpecError> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => parse_yaml(text),
        _ => parse(text),
    }
}

/// Parse and check a YAML spec (same fields as TOML).
pub fn parse_yaml(text: &str) -> Result<Spec, SpecError> {
    let value = crate::spec_yaml::to_toml(text)?;
    let raw: Raw = value
        .try_into()
        .map_err(|e: toml::de::Error| from_toml_error(&e))?;
    check(raw)
}

/// Parse and check a TOML spec.
pub fn parse(text: &str) -> Result<Spec, SpecError> {
    let raw: Raw = toml::from_str(text).map_err(|e| from_toml_error(&e))?;
    check(raw)
}

fn from_toml_error(e: &toml::de::Error) -> SpecError {
    // toml names the unknown or missing key in its message; keep it whole.
    let msg = e.message().trim().to_string();
    let field = msg
        .split('`')
        .nth(1)
        .filter(|_| msg.contains("field"))
        .unwrap_or("(file)")
        .to_string();
    SpecError {
        field,
        message: msg,
        allowed: Vec::new(),
    }
}

/// Every field of a deserialized spec, checked.
fn check(raw: Raw) -> Result<Spec, SpecError> {
    check_name(&raw.name)?;
    let cloud = pick(
        "cloud",
        &raw.cloud,
        Cloud::NAMES,
        &[Cloud::Aws, Cloud::Azure, Cloud::Gcp],
    )?;
    let regions = crate::regions::of(cloud);
    if !regions.contains(&raw.region.as_str()) {
        return Err(err(
            "region",
            format!(
                "{:?} is not a {} region the generator knows",
                raw.region,
                cloud.name()
            ),
            regions,
        ));
    }
    let environment = pick(
        "environment",
        &raw.environment,
        Environment::NAMES,
        &[Environment::Dev, Environment::Staging, Environment::Prod],
    )?;
    let exposure = pick(
        "exposure",
        raw.exposure.as_deref().unwrap_or("internal"),
        Exposure::NAMES,
        &[Exposure::Public, Exposure::Internal],
    )?;
    let data_classification = pick(
        "data_classification",
        raw.data_classification.as_deref().unwrap_or("internal"),
        Classification::NAMES,
        &[
            Classification::Public,
            Classification::Internal,
            Classification::Confidential,
            Classification::Restricted,
        ],
    )?;
    let components = crate::components::parse_list(cloud, &raw.components)?;
    check_label("owner", &raw.owner)?;
    check_label("cost_center", &raw.cost_center)?;
    if !(1..=10_000_000).contains(&raw.monthly_budget) {
        return Err(err(
            "monthly_budget",
            format!(
                "{} must be a whole amount between 1 and 10000000 (USD per month)",
                raw.monthly_budget
            ),
            &[],
        ));
    }
    if raw.alert_emails.is_empty() {
        return Err(err(
            "alert_emails",
            "at least one address receives budget alerts",
            &[],
        ));
    }
    for e in &raw.alert_emails {
        check_plain("alert_emails", e)?;
        if !e.contains('@') {
            return Err(err(
                "alert_emails",
                format!("{e:?} is not an e-mail address"),
                &[],
            ));
        }
    }
    for s in &raw.secrets {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            return Err(err(
                "secrets",
                format!("{s:?} must be a secret name of 1-64 letters, digits, '-' or '_'"),
                &[],
            ));
        }
    }
    let needs_web = components.contains(&crate::components::Component::Web);
    let web = match (raw.web, needs_web) {
        (Some(w), true) => {
            check_plain("web.image", &w.image)?;
            check_plain("web.domain", &w.domain)?;
            if !w.domain.contains('.') {
                return Err(err(
                    "web.domain",
                    format!("{:?} is not a host name", w.domain),
                    &[],
                ));
            }
            if w.port < 1024 {
                return Err(err(
                    "web.port",
                    format!(
                        "{} is privileged; the container runs as non-root, use 1024-65535",
                        w.port
                    ),
                    &[],
                ));
            }
            Some(w)
        }
        (None, true) => {
            return Err(err(
                "web",
                "the web component needs a [web] table with image and domain",
                &[],
            ))
        }
        (Some(_), false) => return Err(err("web", "a [web] table needs the web component", &[])),
        (None, false) => None,
    };
    let aws = raw.aws.unwrap_or_default();
    let azure = raw.azure.unwrap_or_default();
    let gcp = raw.gcp.unwrap_or_default();
    for (field, v) in [
        ("aws.state_bucket", &aws.state_bucket),
        ("aws.state_kms_key", &aws.state_kms_key),
        ("aws.alb_log_bucket", &aws.alb_log_bucket),
        ("azure.key_vault_name", &azure.key_vault_name),
        (
            "azure.key_vault_resource_group",
            &azure.key_vault_resource_group,
        ),
        ("azure.state_resource_group", &azure.state_resource_group),
        ("azure.state_storage_account", &azure.state_storage_account),
        ("gcp.project_id", &gcp.project_id),
        ("gcp.billing_account", &gcp.billing_account),
        ("gcp.state_bucket", &gcp.state_bucket),
        ("gcp.rbac_security_group", &gcp.rbac_security_group),
        ("gcp.access_log_bucket", &gcp.access_log_bucket),
    ] {
        if let Some(v) = v {
            check_plain(field, v)?;
        }
    }
    for v in &azure.admin_group_object_ids {
        check_plain("azure.admin_group_object_ids", v)?;
    }
    for (k, v) in &gcp.master_authorized_networks {
        check_plain("gcp.master_authorized_networks", k)?;
        check_plain("gcp.master_authorized_networks", v)?;
        if v == "0.0.0.0/0" {
            return Err(err(
                "gcp.master_authorized_networks",
                "0.0.0.0/0 would open the control plane to the internet; list your VPN or office ranges",
                &[],
            ));
        }
    }
    let spec = Spec {
        name: raw.name,
        cloud,
        region: raw.region,
        environment,
        components,
        exposure,
        data_classification,
        owner: raw.owner,
        cost_center: raw.cost_center,
        monthly_budget: raw.monthly_budget as u32,
        alert_emails: raw.alert_emails,
        secrets: raw.secrets,
        web,
        aws,
        azure,
        gcp,
    };
    require_cloud_fields(&spec)?;
    Ok(spec)
}

/// Fields a cloud cannot do without (no sensible default exists for them).
fn require_cloud_fields(spec: &Spec) -> Result<(), SpecError> {
    use crate::components::Component;
    let missing = |field: &str, why: &str| Err(err(field, format!("is required: {why}"), &[]));
    match spec.cloud {
        Cloud::Aws => {
            if spec.exposure == Exposure::Public && !spec.components.contains(&Component::Web) {
                return Err(err(
                    "exposure",
                    "public exposure needs the web component (only a public load balancer is reachable from the internet)",
                    Exposure::NAMES,
                ));
            }
        }
        Cloud::Azure => {
            if spec.azure.key_vault_name.is_none() {
                return missing(
                    "azure.key_vault_name",
                    "the existing Key Vault holding customer-managed keys and secrets",
                );
            }
            if spec.azure.key_vault_resource_group.is_none() {
                return missing(
                    "azure.key_vault_resource_group",
                    "the resource group of the Key Vault",
                );
            }
            if spec.components.contains(&Component::Kubernetes)
                && spec.azure.admin_group_object_ids.is_empty()
            {
                return missing(
                    "azure.admin_group_object_ids",
                    "the Entra ID groups administering the AKS cluster",
                );
            }
            if spec.exposure == Exposure::Public {
                return Err(err(
                    "exposure",
                    "the Azure catalog has no public entry point yet (AKS and storage are private); use internal",
                    &["internal"],
                ));
            }
        }
        Cloud::Gcp => {
            if spec.gcp.project_id.is_none() {
                return missing("gcp.project_id", "the project that receives the resources");
            }
            if spec.gcp.billing_account.is_none() {
                return missing(
                    "gcp.billing_account",
                    "the billing account the budget watches",
                );
            }
            let ba = spec.gcp.billing_account.as_deref().unwrap_or("");
            let hex6 = |p: &str| {
                p.len() == 6
                    && p.chars()
                        .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
            };
            if !(ba.len() == 20 && ba.split('-').count() == 3 && ba.split('-').all(hex6)) {
                return Err(err(
                    "gcp.billing_account",
                    format!(
                        "{ba:?} is not a billing account id (XXXXXX-XXXXXX-XXXXXX, upper-case hex)"
                    ),
                    &[],
                ));
            }
            if spec.components.contains(&Component::Kubernetes) {
                if spec
                    .gcp
                    .rbac_security_group
                    .as_deref()
                    .is_some_and(|g| !g.starts_with("gke-security-groups@"))
                {
                    return Err(err(
                        "gcp.rbac_security_group",
                        "must be the gke-security-groups@<your domain> group (a GKE requirement)",
                        &[],
                    ));
                }
                if spec.gcp.rbac_security_group.is_none() {
                    return missing(
                        "gcp.rbac_security_group",
                        "the gke-security-groups@<domain> group for Kubernetes RBAC",
                    );
                }
                if spec.gcp.master_authorized_networks.is_empty() {
                    return missing(
                        "gcp.master_authorized_networks",
                        "the networks (name = CIDR) that may reach the GKE control plane",
                    );
                }
            }
            if spec.exposure == Exposure::Public {
                return Err(err(
                    "exposure",
                    "the Google Cloud catalog has no public entry point yet (GKE and storage are private); use internal",
                    &["internal"],
                ));
            }
        }
    }
    Ok(())
}
