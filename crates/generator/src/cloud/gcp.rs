//! Google Cloud projects: gcs backend (native locking, Cloud KMS encryption), the google
//! provider with `default_labels` (the catalog's labelling mechanism), a key ring with one key
//! per purpose, the VPC, the audit log sink and the budget, then the components.

use super::{log_retention_days, prefix, Output, REQUIRED_VERSION};
use crate::components::Component;
use crate::hcl::{list, module, object, q};
use crate::spec::{Environment, Spec};

pub fn generate(spec: &Spec, out: &mut Output) {
    let project = spec.gcp.project_id.clone().unwrap_or_default();
    let subnet = format!("app-{}", spec.region);
    versions(spec, &project, out);
    providers(spec, &project, out);
    let mut keys = vec![("logs", "audit logs")];
    if spec.components.contains(&Component::Storage) {
        keys.push(("data", "the data bucket"));
    }
    if spec.components.contains(&Component::Kubernetes) {
        keys.push(("gke", "Kubernetes Secrets in etcd"));
    }
    let mut main = format!(
        "locals {{\n  name = {}\n}}\n\n\
         data \"google_project\" \"this\" {{\n  project_id = {}\n}}\n\n\
         # Keys live in the project's region, next to what they encrypt (CMEK requires the same\n# location).\n\
         resource \"google_kms_key_ring\" \"this\" {{\n  name     = local.name\n  location = {}\n}}\n\n",
        q(&prefix(spec)),
        q(&project),
        q(&spec.region)
    );
    for (k, what) in &keys {
        main.push_str(&format!(
            "# Encrypts {what}; rotated every 90 days.\nresource \"google_kms_crypto_key\" \"{k}\" {{\n  name            = \"${{local.name}}-{k}\"\n  key_ring        = google_kms_key_ring.this.id\n  rotation_period = \"7776000s\"\n\n  lifecycle {{\n    prevent_destroy = true\n  }}\n}}\n\n"
        ));
    }
    out.decide(
        "Encryption keys",
        format!("Key ring `{}` with one key per purpose ({}), 90-day rotation, `prevent_destroy`", prefix(spec), keys.iter().map(|k| k.0).collect::<Vec<_>>().join(", ")),
        "A key per purpose lets each service agent be granted only its own key (the catalog modules grant them); destroying a key makes its data unreadable forever, so Terraform refuses to, in every environment.",
    );
    main.push_str(&module(
        "network",
        "gcp/vpc",
        "Custom-mode VPC, private subnet with ranges for pods and services, Cloud NAT, flow logs.",
        &[
            ("project_id", q(&project)),
            ("name", "local.name".into()),
            (
                "subnets",
                format!(
                    "{{\n    {} = {{\n      region        = {}\n      ip_cidr_range = \"10.0.0.0/20\"\n      secondary_ranges = {{\n        pods     = \"10.16.0.0/14\"\n        services = \"10.20.0.0/20\"\n      }}\n    }}\n  }}",
                    subnet,
                    q(&spec.region)
                ),
            ),
        ],
    ));
    main.push('\n');
    let retention = log_retention_days(spec);
    main.push_str(&module(
        "audit_logs",
        "gcp/audit-log-sink",
        "Admin Activity and Data Access audit logs into a locked, CMEK-encrypted log bucket.",
        &[
            ("project_id", q(&project)),
            ("name", "\"${local.name}-audit\"".into()),
            ("location", q(&spec.region)),
            ("retention_days", retention.to_string()),
            ("lock_bucket", spec.environment.is_prod().to_string()),
            ("kms_key_id", "google_kms_crypto_key.logs.id".into()),
        ],
    ));
    main.push('\n');
    out.decide(
        "Audit logs",
        format!("Kept {retention} days; bucket locked: {}", spec.environment.is_prod()),
        "A locked bucket cannot have its retention shortened or be deleted, which auditors want in prod; dev and staging stay unlocked so the environment can be removed.",
    );
    main.push_str(&module(
        "budget",
        "gcp/budget",
        "Monthly budget of the project with actual and forecast alerts.",
        &[
            (
                "billing_account",
                q(spec.gcp.billing_account.as_deref().unwrap_or("")),
            ),
            ("project_id", q(&project)),
            ("display_name", "\"${local.name} monthly\"".into()),
            (
                "project_numbers",
                "[data.google_project.this.number]".into(),
            ),
            ("amount", spec.monthly_budget.to_string()),
            ("alert_emails", list(&spec.alert_emails)),
        ],
    ));
    main.push('\n');
    if spec.components.contains(&Component::Storage) {
        main.push_str(&storage(spec, &project, out));
    }
    if spec.components.contains(&Component::Kubernetes) {
        main.push_str(&gke(spec, &project, &subnet, out));
    }
    for s in &spec.secrets {
        let id = s.replace('-', "_").to_lowercase();
        main.push_str(&format!(
            "# Metadata only: the secret's value (its versions) never enters the state.\ndata \"google_secret_manager_secret\" \"{id}\" {{\n  project   = {}\n  secret_id = {}\n}}\n\n",
            q(&project),
            q(s)
        ));
        out.prerequisite(format!(
            "Secret Manager secret `{s}` in `{project}` (its value is set outside Terraform)."
        ));
    }
    if !spec.secrets.is_empty() {
        out.decide(
            "Secrets",
            "Secret Manager secrets looked up by id; their resource names are an output",
            "Workloads read the value at run time through Workload Identity; no secret is a Terraform variable or in the state.",
        );
    }
    out.file("main.tf", main);
    out.file("outputs.tf", outputs(spec));
}

fn versions(spec: &Spec, project: &str, out: &mut Output) {
    let bucket = spec
        .gcp
        .state_bucket
        .clone()
        .unwrap_or_else(|| format!("{project}-tfstate"));
    let key = format!(
        "projects/{project}/locations/{}/keyRings/tfstate/cryptoKeys/tfstate",
        spec.region
    );
    out.file(
        "versions.tf",
        format!(
            "terraform {{\n  required_version = {}\n\n  required_providers {{\n    google = {{\n      source  = \"hashicorp/google\"\n      version = \"~> 7.0\"\n    }}\n  }}\n}}\n",
            q(REQUIRED_VERSION)
        ),
    );
    out.file(
        "backend.tf",
        format!(
            "# Remote state in Cloud Storage: locked natively by the backend, encrypted with a\n# Cloud KMS key.\nterraform {{\n  backend \"gcs\" {{\n    bucket             = {}\n    prefix             = {}\n    kms_encryption_key = {}\n  }}\n}}\n",
            q(&bucket),
            q(&format!("{}/{}", spec.name, spec.environment.name())),
            q(&key)
        ),
    );
    out.prerequisite(format!(
        "Cloud Storage bucket `{bucket}` (versioning, uniform access) and the Cloud KMS key `{key}`; the Cloud Storage service agent may use the key."
    ));
    out.decide(
        "State",
        "gcs backend with `kms_encryption_key`",
        "The gcs backend locks the state itself; the Cloud KMS key keeps it readable only by principals granted on the key.",
    );
}

fn providers(spec: &Spec, project: &str, out: &mut Output) {
    // GCP label keys and values are lower case.
    let labels: Vec<(String, String)> = [
        ("owner", spec.owner.clone()),
        ("environment", spec.environment.name().to_string()),
        ("costcenter", spec.cost_center.clone()),
        ("project", spec.name.clone()),
        (
            "data_classification",
            spec.data_classification.name().to_string(),
        ),
        ("managed_by", "terraform".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), q(&v)))
    .collect();
    out.file(
        "providers.tf",
        format!(
            "provider \"google\" {{\n  project = {}\n  region  = {}\n\n  # Every resource that takes labels gets the required ones here, the catalog's one\n  # mechanism (its modules take no labels variable).\n  default_labels = {}\n}}\n",
            q(project),
            q(&spec.region),
            object(&labels)
        ),
    );
    out.decide(
        "Labels",
        "`default_labels` on the google provider (owner, environment, costcenter...)",
        "The catalog's Google modules take no labels variable: provider default labels reach every labelled resource, including those inside modules.",
    );
}

fn storage(spec: &Spec, project: &str, out: &mut Output) -> String {
    let prod = spec.environment.is_prod();
    let logs = spec
        .gcp
        .access_log_bucket
        .clone()
        .unwrap_or_else(|| format!("{project}-storage-logs"));
    out.prerequisite(format!(
        "Cloud Storage bucket `{logs}` receiving access logs."
    ));
    out.decide(
        "Bucket retention",
        format!("Soft delete {} days, noncurrent versions {} days", if prod { 90 } else { 7 }, if prod || spec.data_classification.is_sensitive() { 365 } else { 30 }),
        "Prod and sensitive data can be restored after a deletion or overwrite for a long time; dev keeps the minimum to save storage.",
    );
    module(
        "storage",
        "gcp/gcs-bucket",
        "Application data: CMEK, uniform access, public access prevented, versioned, access-logged.",
        &[
            ("project_id", q(project)),
            ("name", q(&format!("{project}-{}-data", prefix(spec)))),
            ("location", q(&spec.region)),
            ("kms_key_id", "google_kms_crypto_key.data.id".into()),
            ("log_bucket", q(&logs)),
            ("soft_delete_retention_days", if prod { "90" } else { "7" }.into()),
            ("noncurrent_version_retention_days", if prod || spec.data_classification.is_sensitive() { "365" } else { "30" }.into()),
        ],
    ) + "\n"
}

fn gke(spec: &Spec, project: &str, subnet: &str, out: &mut Output) -> String {
    let (machine, min, max, channel) = match spec.environment {
        Environment::Dev => ("e2-standard-2", 0, 2, "REGULAR"),
        Environment::Staging => ("e2-standard-4", 1, 3, "REGULAR"),
        Environment::Prod => ("n2-standard-4", 1, 5, "STABLE"),
    };
    out.decide(
        "Cluster size and upgrades",
        format!("{machine}, {min}-{max} nodes per zone, {channel} release channel"),
        match spec.environment {
            Environment::Dev => "Dev scales to zero nodes per zone when idle and takes new versions on the regular channel.",
            Environment::Staging => "Staging keeps a node per zone on the regular channel, so it meets new versions before prod.",
            Environment::Prod => "Prod keeps a node per zone, bigger machines, and the stable channel: upgrades arrive after staging has run them.",
        },
    );
    let nets: Vec<(String, String)> = spec
        .gcp
        .master_authorized_networks
        .iter()
        .map(|(k, v)| (k.clone(), q(v)))
        .collect();
    module(
        "gke",
        "gcp/gke",
        "Private regional cluster; the control plane is reachable only from the listed networks.",
        &[
            ("project_id", q(project)),
            ("name", "local.name".into()),
            ("region", q(&spec.region)),
            ("network", "module.network.network_id".into()),
            (
                "subnetwork",
                format!("module.network.subnet_ids[{}]", q(subnet)),
            ),
            ("master_authorized_networks", object(&nets)),
            (
                "rbac_security_group",
                q(spec.gcp.rbac_security_group.as_deref().unwrap_or("")),
            ),
            ("release_channel", q(channel)),
            (
                "database_encryption_key_id",
                "google_kms_crypto_key.gke.id".into(),
            ),
            ("machine_type", q(machine)),
            ("min_nodes_per_zone", min.to_string()),
            ("max_nodes_per_zone", max.to_string()),
        ],
    ) + "\n"
}

fn outputs(spec: &Spec) -> String {
    let mut s = String::from(
        "output \"network_id\" {\n  description = \"VPC of the project.\"\n  value       = module.network.network_id\n}\n\n\
         output \"audit_log_bucket_id\" {\n  description = \"Where the audit logs are kept.\"\n  value       = module.audit_logs.log_bucket_id\n}\n",
    );
    if spec.components.contains(&Component::Kubernetes) {
        s.push_str("\noutput \"gke_cluster_name\" {\n  description = \"Name of the cluster.\"\n  value       = module.gke.cluster_name\n}\n");
    }
    if spec.components.contains(&Component::Storage) {
        s.push_str("\noutput \"data_bucket_url\" {\n  description = \"Bucket for application data.\"\n  value       = module.storage.bucket_url\n}\n");
    }
    if !spec.secrets.is_empty() {
        let ids: Vec<(String, String)> = spec
            .secrets
            .iter()
            .map(|s| {
                (
                    s.clone(),
                    format!(
                        "data.google_secret_manager_secret.{}.name",
                        s.replace('-', "_").to_lowercase()
                    ),
                )
            })
            .collect();
        s.push_str(&format!(
            "\noutput \"secret_names\" {{\n  description = \"Secret Manager resource names of the application's secrets (not their values).\"\n  value       = {}\n}}\n",
            object(&ids)
        ));
    }
    s
}
