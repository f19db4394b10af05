//! Azure projects: azurerm backend (blob lease locking, Entra ID auth), the azurerm provider,
//! one resource group, the tags map passed to every module (the catalog's Azure mechanism),
//! Log Analytics, the VNet with flow logs into a private storage account, the budget, then the
//! components. Keys and secrets live in an existing Key Vault the platform team owns.

use super::{log_retention_days, prefix, tags, Output, REQUIRED_VERSION};
use crate::components::Component;
use crate::hcl::{list, module, object, q};
use crate::spec::{Environment, Spec};

pub fn generate(spec: &Spec, out: &mut Output) {
    let p = prefix(spec);
    versions(spec, out);
    out.file(
        "providers.tf",
        "provider \"azurerm\" {\n  features {}\n\n  # The catalog's storage accounts refuse shared keys: data-plane calls use Entra ID.\n  storage_use_azuread = true\n}\n".into(),
    );
    let kv_name = spec.azure.key_vault_name.clone().unwrap_or_default();
    let kv_rg = spec
        .azure
        .key_vault_resource_group
        .clone()
        .unwrap_or_default();
    let t: Vec<(String, String)> = tags(spec)
        .into_iter()
        .map(|(k, v)| (k.to_string(), q(&v)))
        .collect();
    let mut main = format!(
        "locals {{\n  name = {}\n\n  # Passed to every module and resource: the catalog's Azure modules validate that the\n  # required keys are present.\n  tags = {}\n}}\n\n\
         data \"azurerm_subscription\" \"current\" {{}}\n\n\
         # Customer-managed keys and application secrets live in the platform's Key Vault.\n\
         data \"azurerm_key_vault\" \"platform\" {{\n  name                = {}\n  resource_group_name = {}\n}}\n\n\
         resource \"azurerm_resource_group\" \"this\" {{\n  name     = \"rg-${{local.name}}\"\n  location = {}\n  tags     = local.tags\n}}\n\n",
        q(&p),
        object(&t),
        q(&kv_name),
        q(&kv_rg),
        q(&spec.region)
    );
    let mut keys = format!("`{}`", key_name(spec, "logs"));
    if spec.components.contains(&Component::Storage) {
        keys.push_str(&format!(" and `{}`", key_name(spec, "data")));
    }
    out.prerequisite(format!(
        "Key Vault `{kv_name}` (resource group `{kv_rg}`, purge protection on) with the RSA key(s) {keys}; your identity may read their metadata."
    ));
    out.decide(
        "Tags",
        "`local.tags` passed to the resource group and every module",
        "The catalog's Azure modules take a tags variable validated to contain Owner, Environment and CostCenter; one local keeps a single source for all of them.",
    );
    let retention = log_retention_days(spec).min(730);
    main.push_str(&module(
        "monitor",
        "azure/monitor",
        "Log Analytics workspace with the subscription activity log.",
        &[
            ("name", "\"log-${local.name}\"".into()),
            (
                "resource_group_name",
                "azurerm_resource_group.this.name".into(),
            ),
            ("location", "azurerm_resource_group.this.location".into()),
            ("tags", "local.tags".into()),
            ("retention_in_days", retention.to_string()),
        ],
    ));
    main.push('\n');
    out.decide(
        "Log retention",
        format!("{retention} days in Log Analytics (its maximum interactive retention is 730)"),
        "A year is the catalog's floor; prod and confidential/restricted data keep logs longer because audits look further back.",
    );
    let flow_days = log_retention_days(spec).min(365);
    main.push_str(&module(
        "network",
        "azure/vnet",
        "One subnet for workloads, one for private endpoints; NSG per subnet, flow logs on.",
        &[
            ("name", "\"vnet-${local.name}\"".into()),
            ("resource_group_name", "azurerm_resource_group.this.name".into()),
            ("location", "azurerm_resource_group.this.location".into()),
            ("tags", "local.tags".into()),
            ("address_space", list(&["10.0.0.0/16".into()])),
            (
                "subnets",
                "{\n    app = { address_prefix = \"10.0.0.0/20\" }\n    data = {\n      address_prefix    = \"10.0.16.0/24\"\n      service_endpoints = [\"Microsoft.Storage\"]\n    }\n  }".into(),
            ),
            (
                "flow_logs",
                format!(
                    "{{\n    network_watcher_name                = {}\n    network_watcher_resource_group_name = \"NetworkWatcherRG\"\n    storage_account_id                  = module.log_storage.storage_account_id\n  }}",
                    q(&format!("NetworkWatcher_{}", spec.region))
                ),
            ),
            ("flow_log_retention_days", flow_days.to_string()),
        ],
    ));
    main.push('\n');
    out.prerequisite(
        "`ARM_SUBSCRIPTION_ID` set to the target subscription (azurerm 4.x needs it; the project names no subscription so one configuration serves every subscription of the environment).",
    );
    out.prerequisite(format!(
        "Free global storage account names `{}`{} (change them in main.tf if taken).",
        account_name(spec, "logs"),
        if spec.components.contains(&Component::Storage) {
            format!(" and `{}`", account_name(spec, "data"))
        } else {
            String::new()
        }
    ));
    out.prerequisite(format!(
        "The Network Watcher Azure creates per region (`NetworkWatcher_{}` in `NetworkWatcherRG`).",
        spec.region
    ));
    out.decide(
        "Flow logs",
        "VNet flow logs into a storage account of the project, reachable only through a private endpoint",
        "Flow logs need a storage account; the catalog's storage module gives it a customer-managed key, Entra ID-only access and soft delete, so the logs are governed like data.",
    );
    main.push_str(&storage_module(
        spec,
        "log_storage",
        "logs",
        "Storage for the VNet flow logs.",
        &[],
    ));
    main.push('\n');
    main.push_str(&module(
        "budget",
        "azure/budget",
        "Monthly budget of the project's resource group, with actual and forecast alerts.",
        &[
            ("name", "\"budget-${local.name}\"".into()),
            (
                "subscription_id",
                "data.azurerm_subscription.current.id".into(),
            ),
            ("amount", spec.monthly_budget.to_string()),
            ("start_date", q(&crate::cloud::month_start())),
            (
                "resource_group_names",
                "[azurerm_resource_group.this.name]".into(),
            ),
            ("alert_emails", list(&spec.alert_emails)),
        ],
    ));
    main.push('\n');
    out.decide(
        "Budget scope",
        "Subscription budget filtered to the project's resource group, starting this month",
        "The project's spend is what its owners can act on; Azure budgets must start on the first day of a month.",
    );
    if spec.components.contains(&Component::Storage) {
        let containers = format!("[{}]", q("data"));
        main.push_str(&storage_module(
            spec,
            "storage",
            "data",
            "Application data.",
            &[("containers", containers)],
        ));
        main.push('\n');
        out.decide(
            "Storage redundancy",
            if spec.environment.is_prod() { "GZRS, soft delete 90 days" } else { "GRS, soft delete 14 days" },
            "Every account keeps a copy in the paired region (the catalog's policy: no locally or zone-only redundant data); prod adds zone redundancy in the primary region and keeps deleted blobs for a quarter, other environments keep them two weeks.",
        );
    }
    if spec.components.contains(&Component::Kubernetes) {
        main.push_str(&aks(spec, out));
    }
    if !spec.secrets.is_empty() {
        let refs: Vec<(String, String)> = spec
            .secrets
            .iter()
            .map(|s| {
                (
                    s.clone(),
                    format!("\"${{data.azurerm_key_vault.platform.vault_uri}}secrets/{s}\""),
                )
            })
            .collect();
        main.push_str(&format!(
            "# Secrets are referenced by URI (Key Vault references, CSI driver): their values never\n# enter the configuration or the state.\nlocals {{\n  secret_references = {}\n}}\n",
            object(&refs)
        ));
        for s in &spec.secrets {
            out.prerequisite(format!(
                "Key Vault secret `{s}` in `{kv_name}` (its value is set outside Terraform)."
            ));
        }
        out.decide(
            "Secrets",
            "Key Vault secret URIs in `local.secret_references` and the `secret_references` output",
            "Reading a secret with a data source would copy its value into the state; a URI lets the workload (Key Vault CSI driver, app settings references) read it at run time with its own identity.",
        );
    }
    out.file("main.tf", main);
    out.file("outputs.tf", outputs(spec));
}

fn versions(spec: &Spec, out: &mut Output) {
    let rg = spec
        .azure
        .state_resource_group
        .clone()
        .unwrap_or_else(|| "rg-tfstate".to_string());
    let account = spec
        .azure
        .state_storage_account
        .clone()
        .unwrap_or_else(|| format!("st{}tfstate", spec.name.replace('-', "")));
    out.file(
        "versions.tf",
        format!(
            "terraform {{\n  required_version = {}\n\n  required_providers {{\n    azurerm = {{\n      source  = \"hashicorp/azurerm\"\n      version = \"~> 4.40\"\n    }}\n  }}\n}}\n",
            q(REQUIRED_VERSION)
        ),
    );
    out.file(
        "backend.tf",
        format!(
            "# Remote state in Azure Storage: locked with a blob lease, encrypted at rest by the\n# account, reached with Entra ID (no storage account key).\nterraform {{\n  backend \"azurerm\" {{\n    resource_group_name  = {}\n    storage_account_name = {}\n    container_name       = \"tfstate\"\n    key                  = {}\n    use_azuread_auth     = true\n  }}\n}}\n",
            q(&rg),
            q(&account),
            q(&format!("{}/{}.tfstate", spec.name, spec.environment.name()))
        ),
    );
    out.prerequisite(format!(
        "Storage account `{account}` in `{rg}` with a `tfstate` container (versioning and soft delete on, shared keys off); your identity has Storage Blob Data Contributor on it."
    ));
    out.decide(
        "State",
        "azurerm backend with `use_azuread_auth = true`",
        "Azure Storage locks the state with a blob lease and encrypts it at rest; Entra ID auth means no account key is handed around.",
    );
}

/// `<name>-<env>-<what>`: the key names the storage accounts expect in the platform vault.
fn key_name(spec: &Spec, what: &str) -> String {
    format!("{}-{what}", prefix(spec))
}

/// Storage account names: 3-24 lower-case letters and digits, globally unique.
fn account_name(spec: &Spec, what: &str) -> String {
    let env = match spec.environment {
        Environment::Dev => "dev",
        Environment::Staging => "stg",
        Environment::Prod => "prd",
    };
    format!("st{}{env}{what}", spec.name.replace('-', ""))
}

fn storage_module(
    spec: &Spec,
    call: &str,
    what: &str,
    comment: &str,
    extra: &[(&str, String)],
) -> String {
    let prod = spec.environment.is_prod();
    let mut args = vec![
        ("name", q(&account_name(spec, what))),
        (
            "resource_group_name",
            "azurerm_resource_group.this.name".to_string(),
        ),
        ("location", "azurerm_resource_group.this.location".into()),
        ("tags", "local.tags".into()),
        ("replication_type", q(if prod { "GZRS" } else { "GRS" })),
        (
            "soft_delete_retention_days",
            if prod { "90" } else { "14" }.into(),
        ),
        (
            "private_endpoint_subnet_id",
            "module.network.subnet_ids[\"data\"]".into(),
        ),
        ("key_vault_id", "data.azurerm_key_vault.platform.id".into()),
        ("key_name", q(&key_name(spec, what))),
        (
            "log_analytics_workspace_id",
            "module.monitor.workspace_id".into(),
        ),
    ];
    args.extend(extra.iter().cloned());
    module(call, "azure/storage-account", comment, &args)
}

fn aks(spec: &Spec, out: &mut Output) -> String {
    let (system, user, min, max) = match spec.environment {
        Environment::Dev => ("Standard_D2s_v5", "Standard_D2s_v5", 1, 3),
        Environment::Staging => ("Standard_D2s_v5", "Standard_D4s_v5", 2, 5),
        Environment::Prod => ("Standard_D4s_v5", "Standard_D4s_v5", 3, 10),
    };
    out.decide(
        "Cluster size",
        format!("System pool {system}, workload pool {user} autoscaling {min}-{max} nodes"),
        match spec.environment {
            Environment::Dev => "Dev keeps one small workload node that scales out on demand.",
            Environment::Staging => {
                "Staging keeps two workload nodes so rolling deployments behave as in prod."
            }
            Environment::Prod => {
                "Prod keeps one workload node per zone at minimum and room to scale out."
            }
        },
    );
    let s = module(
        "aks",
        "azure/aks",
        "Private cluster in the app subnet; administrators come from Entra ID groups.",
        &[
            ("name", "\"aks-${local.name}\"".into()),
            (
                "resource_group_name",
                "azurerm_resource_group.this.name".into(),
            ),
            ("location", "azurerm_resource_group.this.location".into()),
            ("tags", "local.tags".into()),
            ("subnet_id", "module.network.subnet_ids[\"app\"]".into()),
            (
                "admin_group_object_ids",
                list(&spec.azure.admin_group_object_ids),
            ),
            ("system_node_vm_size", q(system)),
            ("user_node_vm_size", q(user)),
            ("user_node_min_count", min.to_string()),
            ("user_node_max_count", max.to_string()),
            (
                "log_analytics_workspace_id",
                "module.monitor.workspace_id".into(),
            ),
        ],
    );
    s + "\n"
}

fn outputs(spec: &Spec) -> String {
    let mut s = String::from(
        "output \"resource_group_name\" {\n  description = \"Resource group of the project.\"\n  value       = azurerm_resource_group.this.name\n}\n\n\
         output \"log_analytics_workspace_id\" {\n  description = \"Workspace receiving the activity log and resource logs.\"\n  value       = module.monitor.workspace_id\n}\n",
    );
    if spec.components.contains(&Component::Kubernetes) {
        s.push_str("\noutput \"aks_oidc_issuer_url\" {\n  description = \"Issuer for workload identity federations.\"\n  value       = module.aks.oidc_issuer_url\n}\n");
    }
    if spec.components.contains(&Component::Storage) {
        s.push_str("\noutput \"storage_account_id\" {\n  description = \"Storage account for application data.\"\n  value       = module.storage.storage_account_id\n}\n");
    }
    if !spec.secrets.is_empty() {
        s.push_str("\noutput \"secret_references\" {\n  description = \"Key Vault URIs of the application's secrets (not their values).\"\n  value       = local.secret_references\n}\n");
    }
    s
}
