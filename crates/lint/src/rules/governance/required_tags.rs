//! ORB-GOV-001: resources carry the organisation's required tags (configurable, default
//! Owner/Environment/CostCenter), counting tags inherited from the AWS provider's
//! `default_tags`. Unknown tag maps (`tags = var.tags`) are not reported: we cannot tell.

use crate::finding::{Finding, Severity};
use crate::model::{Resource, Value};
use crate::rule::{Ctx, Rule, RuleMeta, Sink};
use std::collections::HashMap;

pub static RULE: RequiredTags = RequiredTags;

pub struct RequiredTags;

static META: RuleMeta = RuleMeta {
    id: "ORB-GOV-001",
    title: "Resource is missing required tags",
    severity: Severity::Low,
    doc: r#"Tags are how costs are allocated, owners are found during an incident and automation
decides what to back up or shut down. Every taggable resource should carry the organisation's
required tags (`required_tags` in `.orbis.toml`; default `Owner`, `Environment`, `CostCenter`).
Tags set in the AWS provider's `default_tags` count for every AWS resource of the module.
Google Cloud resources are checked through `labels` (Cloud Monitoring's channels, alert
policies, uptime checks and services through `user_labels`: their `labels` are settings),
compared case-insensitively because label keys must be lower case."#,
    fix_hint: "Add the missing keys to `tags` (or to the provider's `default_tags`).",
    checkov: &[],
    kics: &[],
    tfsec: &[],
};

/// AWS resource types that take tags even when the configuration does not set any. Resources
/// of other types are checked when they have a `tags` attribute.
const AWS_TAGGABLE: &[&str] = &[
    "aws_instance",
    "aws_s3_bucket",
    "aws_vpc",
    "aws_subnet",
    "aws_security_group",
    "aws_db_instance",
    "aws_rds_cluster",
    "aws_lb",
    "aws_alb",
    "aws_eks_cluster",
    "aws_eks_node_group",
    "aws_lambda_function",
    "aws_dynamodb_table",
    "aws_kms_key",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_ecr_repository",
    "aws_cloudwatch_log_group",
    "aws_efs_file_system",
    "aws_elasticache_replication_group",
    "aws_iam_role",
    "aws_ebs_volume",
    "aws_nat_gateway",
    "aws_internet_gateway",
    "aws_route_table",
    "aws_launch_template",
    "aws_ecs_cluster",
    "aws_ecs_service",
    "aws_secretsmanager_secret",
    "aws_cloudfront_distribution",
    "aws_elasticsearch_domain",
    "aws_opensearch_domain",
    "aws_redshift_cluster",
    "aws_kinesis_stream",
];

fn dir_of(path: &str) -> &str {
    path.rfind('/').map(|i| &path[..i]).unwrap_or("")
}

/// Keys of `default_tags` of each `aws` provider, by the directory of its file. `None` when the
/// provider has default tags whose keys are unknown.
fn default_tags(cx: &Ctx) -> HashMap<String, Option<Vec<String>>> {
    let mut out: HashMap<String, Option<Vec<String>>> = HashMap::new();
    for p in cx.ws.providers.iter().filter(|p| p.name == "aws") {
        let Some(dt) = p.body.block("default_tags") else {
            continue;
        };
        let keys = match dt.value("tags") {
            Some(Value::Map(m)) => Some(m.iter().map(|(k, _)| k.clone()).collect()),
            Some(_) => None,
            None => Some(Vec::new()),
        };
        let entry = out
            .entry(dir_of(cx.file_path(p.file)).to_string())
            .or_insert_with(|| Some(Vec::new()));
        match (entry.as_mut(), keys) {
            (Some(have), Some(k)) => have.extend(k),
            _ => *entry = None,
        }
    }
    out
}

/// Inherited keys for a resource: from providers in its directory or any parent directory
/// (the root module that calls a local child module usually lives above it).
fn inherited<'a>(
    defaults: &'a HashMap<String, Option<Vec<String>>>,
    file_dir: &str,
) -> Result<Vec<&'a str>, ()> {
    let mut keys = Vec::new();
    let mut dir = file_dir;
    loop {
        if let Some(k) = defaults.get(dir) {
            match k {
                Some(k) => keys.extend(k.iter().map(String::as_str)),
                None => return Err(()),
            }
        }
        if dir.is_empty() {
            break;
        }
        dir = dir_of(dir);
    }
    Ok(keys)
}

/// Google resources whose labels are `user_labels` (their `labels` is configuration).
const GOOGLE_USER_LABELS: [&str; 4] = [
    "google_monitoring_notification_channel",
    "google_monitoring_alert_policy",
    "google_monitoring_uptime_check_config",
    "google_monitoring_custom_service",
];

fn taggable(r: &Resource) -> Option<&'static str> {
    if r.is_data {
        return None;
    }
    let t = r.rtype.as_str();
    let aws = t.starts_with("aws_") && (AWS_TAGGABLE.contains(&t) || r.attr("tags").is_some());
    // Azure resources placed in a resource group and a location take tags.
    let azure = t.starts_with("azurerm_")
        && (r.attr("tags").is_some()
            || (r.attr("location").is_some() && r.attr("resource_group_name").is_some()));
    if aws || azure {
        Some("tags")
    } else if GOOGLE_USER_LABELS.contains(&t) {
        // Their `labels` configure the resource (a notification channel's e-mail address);
        // the resource's own labels are `user_labels`.
        r.attr("user_labels").map(|_| "user_labels")
    } else if t.starts_with("google_") && r.attr("labels").is_some() {
        Some("labels")
    } else {
        None
    }
}

impl Rule for RequiredTags {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workspace(&self, cx: &Ctx, out: &mut Vec<Finding>) {
        let required = &cx.config.required_tags;
        if required.is_empty() {
            return;
        }
        let defaults = default_tags(cx);
        for r in &cx.ws.resources {
            let Some(attr) = taggable(r) else { continue };
            let own: Vec<&str> = match r.value(attr) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Map(m)) => m.iter().map(|(k, _)| k.as_str()).collect(),
                Some(_) => continue,
            };
            let inherited = if r.rtype.starts_with("aws_") {
                match inherited(&defaults, dir_of(cx.file_path(r.file))) {
                    Ok(k) => k,
                    Err(()) => continue,
                }
            } else {
                Vec::new()
            };
            let labels = attr != "tags";
            let missing: Vec<&str> = required
                .iter()
                .map(String::as_str)
                .filter(|want| {
                    !own.iter().chain(inherited.iter()).any(|have| {
                        if labels {
                            have.eq_ignore_ascii_case(want)
                        } else {
                            have == want
                        }
                    })
                })
                .collect();
            if missing.is_empty() {
                continue;
            }
            let mut sink = Sink::new(&META, r.file, r.address.clone(), r.body.span, out);
            let msg = format!("missing required {attr}: {}", missing.join(", "));
            match r.attr(attr) {
                Some(a) => sink.report(a.span, msg),
                None => sink.report_object(msg, None),
            }
        }
    }
}
