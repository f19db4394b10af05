//! AWS projects: S3 backend (KMS-encrypted, S3 native lock file), the AWS provider with
//! `default_tags` (the one tagging mechanism of the catalog), a KMS key, the network and the
//! account baseline (CloudTrail, GuardDuty, Security Hub, Config, budget), then the components.

use super::{log_retention_days, prefix, tags, Output, REQUIRED_VERSION};
use crate::components::Component;
use crate::hcl::{list, module, object, q};
use crate::spec::{Environment, Exposure, Spec};

pub fn generate(spec: &Spec, out: &mut Output) {
    let p = prefix(spec);
    versions(spec, out);
    providers(spec, out);
    let mut main = String::new();
    main.push_str(&format!(
        "locals {{\n  name = {}\n}}\n\n\
         data \"aws_caller_identity\" \"current\" {{}}\n\n",
        q(&p)
    ));
    main.push_str(&baseline(spec, out));
    let has = |c| spec.components.contains(&c);
    let secrets = secret_lookups(spec, out);
    main.push_str(&secrets.0);
    if has(Component::Storage) {
        main.push_str(&storage(spec, out));
    }
    if has(Component::Web) {
        main.push_str(&web(spec, &secrets.1, out));
    }
    if has(Component::Database) {
        main.push_str(&database(spec, out));
    }
    out.file("main.tf", main);
    out.file("outputs.tf", outputs(spec));
}

fn versions(spec: &Spec, out: &mut Output) {
    let bucket = spec
        .aws
        .state_bucket
        .clone()
        .unwrap_or_else(|| format!("{}-tfstate-{}", spec.name, spec.region));
    let key = spec
        .aws
        .state_kms_key
        .clone()
        .unwrap_or_else(|| format!("alias/{}-tfstate", spec.name));
    out.file(
        "versions.tf",
        format!(
            "terraform {{\n  required_version = {}\n\n  required_providers {{\n    aws = {{\n      source  = \"hashicorp/aws\"\n      version = \"~> 6.0\"\n    }}\n  }}\n}}\n",
            q(REQUIRED_VERSION)
        ),
    );
    out.file(
        "backend.tf",
        format!(
            "# Remote state: encrypted with a customer managed KMS key, locked with an S3 lock file\n\
             # (Terraform 1.10+; no DynamoDB table to run). One key per project and environment.\n\
             terraform {{\n  backend \"s3\" {{\n    bucket       = {}\n    key          = {}\n    region       = {}\n    encrypt      = true\n    kms_key_id   = {}\n    use_lockfile = true\n  }}\n}}\n",
            q(&bucket),
            q(&format!("{}/{}/terraform.tfstate", spec.name, spec.environment.name())),
            q(&spec.region),
            q(&key)
        ),
    );
    out.prerequisite(format!(
        "S3 bucket `{bucket}` (versioned, public access blocked) and KMS key `{key}` for the state, in {}.",
        spec.region
    ));
    out.decide(
        "State locking",
        "S3 backend with `use_lockfile = true` and `kms_key_id`",
        "Terraform 1.10+ locks with a lock file next to the state, so there is no DynamoDB table to create and pay for; the customer managed key keeps the state (which holds resource attributes) readable only by principals the key policy allows.",
    );
}

fn providers(spec: &Spec, out: &mut Output) {
    let t: Vec<(String, String)> = tags(spec)
        .into_iter()
        .map(|(k, v)| (k.to_string(), q(&v)))
        .collect();
    out.file(
        "providers.tf",
        format!(
            "provider \"aws\" {{\n  region = {}\n\n  # Every taggable resource gets the required tags here, the one mechanism of the\n  # catalog (its AWS modules take no tags variable).\n  default_tags {{\n    tags = {}\n  }}\n}}\n",
            q(&spec.region),
            object(&t)
        ),
    );
    out.decide(
        "Tags",
        "`default_tags` on the AWS provider",
        "The catalog's AWS modules take no tags variable: provider default tags reach every taggable resource, including those inside modules, so no resource can miss Owner, Environment or CostCenter.",
    );
}

fn baseline(spec: &Spec, out: &mut Output) -> String {
    let prod = spec.environment.is_prod();
    let zones = if spec.environment == Environment::Dev {
        2
    } else {
        3
    };
    let retention = log_retention_days(spec);
    let mut s = module(
        "kms",
        "aws/kms-key",
        "One customer managed key for the project's data at rest: flow logs, service logs,\ndatabase, buckets.",
        &[
            ("alias", q(&p_name(spec, "data"))),
            ("description", q(&format!("Encrypts {} data at rest", prefix(spec)))),
            ("deletion_window_in_days", if prod { "30" } else { "7" }.to_string()),
            ("service_principals", list(&[format!("logs.{}.amazonaws.com", spec.region)])),
        ],
    );
    s.push('\n');
    out.decide(
        "Encryption keys",
        format!("One KMS key (`alias/{}`) for all data of the project, deletion window {} days", p_name(spec, "data"), if prod { 30 } else { 7 }),
        "A single project key keeps key policy review simple; CloudWatch Logs is allowed as a service principal restricted to this account. Prod gets the longest deletion window so an accidental deletion can be cancelled.",
    );
    s.push_str(&module(
        "network",
        "aws/network",
        "Private subnets for everything but the load balancer; flow logs encrypted with the project key.",
        &[
            ("name", "local.name".into()),
            ("cidr_block", q("10.0.0.0/16")),
            ("availability_zones", list(&crate::regions::aws_zones(&spec.region)[..zones])),
            ("single_nat_gateway", (!prod && spec.environment == Environment::Dev).to_string()),
            ("flow_log_retention_days", retention.to_string()),
            ("kms_key_arn", "module.kms.key_arn".into()),
        ],
    ));
    s.push('\n');
    out.decide(
        "Availability zones and NAT",
        format!(
            "{zones} zones, {}",
            if spec.environment == Environment::Dev { "one shared NAT gateway" } else { "one NAT gateway per zone" }
        ),
        "Dev trades zone-outage tolerance for cost (a NAT gateway is billed per hour); staging and prod keep egress alive when a zone fails. Zones are named, not read from the account, so the subnets never move when AWS adds a zone.",
    );
    out.decide(
        "Log retention",
        format!("{retention} days for flow, service and WAF logs"),
        "A year is the catalog's floor; prod and confidential/restricted data keep logs longer because incident reviews and audits look further back.",
    );
    s.push_str(&module(
        "baseline",
        "aws/account-baseline",
        "Governance baseline: CloudTrail, GuardDuty, Security Hub, AWS Config, password policy and\nthe monthly budget with alerts.",
        &[
            ("name", "local.name".into()),
            ("monthly_budget_usd", spec.monthly_budget.to_string()),
            ("budget_alert_emails", list(&spec.alert_emails)),
            ("cloudwatch_log_retention_days", retention.to_string()),
        ],
    ));
    s.push('\n');
    out.decide(
        "Account baseline",
        "`module.baseline` (aws/account-baseline) in the project",
        "Logs, threat detection and budget alerts must exist wherever workloads run. If the account already has a landing-zone baseline (AWS Control Tower, an organisation trail), remove this module and keep the budget elsewhere: GuardDuty and Security Hub can be enabled once per account and region.",
    );
    s
}

fn p_name(spec: &Spec, what: &str) -> String {
    format!("{}-{what}", prefix(spec))
}

/// Secret lookups (metadata only: the value never enters the configuration or the state) and
/// the environment-variable → ARN map the container receives.
fn secret_lookups(spec: &Spec, out: &mut Output) -> (String, Vec<(String, String)>) {
    let mut s = String::new();
    let mut env = Vec::new();
    for name in &spec.secrets {
        let id = name.replace('-', "_").to_lowercase();
        let full = format!("{}/{}/{}", spec.name, spec.environment.name(), name);
        s.push_str(&format!(
            "data \"aws_secretsmanager_secret\" \"{id}\" {{\n  name = {}\n}}\n\n",
            q(&full)
        ));
        env.push((
            name.replace('-', "_").to_uppercase(),
            format!("data.aws_secretsmanager_secret.{id}.arn"),
        ));
        out.prerequisite(format!(
            "Secrets Manager secret `{full}` (its value is set outside Terraform)."
        ));
    }
    if !spec.secrets.is_empty() {
        out.decide(
            "Secrets",
            "Looked up by name in Secrets Manager, passed to the container as ARNs",
            "Only the secret's ARN is in the configuration and the state; ECS reads the value at task start with the execution role, so no secret is ever a Terraform variable.",
        );
    }
    if spec.components.contains(&Component::Database) && spec.components.contains(&Component::Web) {
        env.push((
            "DATABASE_SECRET".into(),
            "module.database.master_user_secret_arn".into(),
        ));
    }
    (s, env)
}

fn storage(spec: &Spec, out: &mut Output) -> String {
    let prod = spec.environment.is_prod();
    let s = module(
        "storage",
        "aws/s3-bucket",
        "Application data: private, versioned, TLS-only, KMS-encrypted, access-logged into the\nbaseline's log bucket. The account id keeps the name globally unique.",
        &[
            ("name", "\"${local.name}-data-${data.aws_caller_identity.current.account_id}\"".to_string()),
            ("kms_key_arn", "module.kms.key_arn".into()),
            ("access_log_bucket", "module.baseline.access_log_bucket_name".into()),
            ("noncurrent_version_expiration_days", if prod || spec.data_classification.is_sensitive() { "365" } else { "30" }.into()),
            ("force_destroy", "false".into()),
        ],
    );
    out.decide(
        "Object versions",
        format!("Non-current versions kept {} days", if prod || spec.data_classification.is_sensitive() { 365 } else { 30 }),
        "Versions are the undo of an overwrite or a ransomware encryption; prod and sensitive data keep a year, dev a month to save storage.",
    );
    s + "\n"
}

fn web(spec: &Spec, secrets: &[(String, String)], out: &mut Output) -> String {
    let Some(w) = &spec.web else {
        return String::new();
    };
    let public = spec.exposure == Exposure::Public;
    let alb_logs = spec
        .aws
        .alb_log_bucket
        .clone()
        .unwrap_or_else(|| format!("{}-alb-logs-{}", spec.name, spec.region));
    out.prerequisite(format!(
        "An issued ACM certificate for `{}` in {} and the ALB access-log bucket `{alb_logs}` (its policy lets Elastic Load Balancing write; SSE-S3, since ALB logs cannot use a KMS key).",
        w.domain, spec.region
    ));
    let mut s = format!(
        "# The certificate is looked up, not created: DNS validation needs the zone, which\n# usually lives in another account.\ndata \"aws_acm_certificate\" \"web\" {{\n  domain      = {}\n  statuses    = [\"ISSUED\"]\n  most_recent = true\n}}\n\n",
        q(&w.domain)
    );
    let mut alb_args = vec![
        ("name", "local.name".to_string()),
        ("vpc_id", "module.network.vpc_id".into()),
        ("vpc_cidr_block", "module.network.vpc_cidr_block".into()),
        (
            "subnet_ids",
            if public {
                "module.network.public_subnet_ids"
            } else {
                "module.network.private_subnet_ids"
            }
            .into(),
        ),
        ("internal", (!public).to_string()),
    ];
    if !public {
        alb_args.push((
            "allowed_cidr_blocks",
            "[module.network.vpc_cidr_block]".into(),
        ));
    }
    alb_args.extend([
        (
            "certificate_arn",
            "data.aws_acm_certificate.web.arn".to_string(),
        ),
        ("target_port", w.port.to_string()),
        ("access_log_bucket", q(&alb_logs)),
        (
            "waf_log_retention_days",
            log_retention_days(spec).to_string(),
        ),
        ("kms_key_arn", "module.kms.key_arn".into()),
    ]);
    s.push_str(&module(
        "alb",
        "aws/alb-waf",
        if public {
            "Public entry point: only 80 (redirect) and 443 are open to 0.0.0.0/0, behind WAF managed rules."
        } else {
            "Internal entry point: reachable from the VPC only, behind WAF managed rules."
        },
        &alb_args,
    ));
    out.decide(
        "Exposure",
        if public {
            "Internet-facing ALB in the public subnets; 0.0.0.0/0 only on 80 (301 to HTTPS) and 443"
        } else {
            "Internal ALB in the private subnets, open to the VPC CIDR only"
        },
        "The load balancer is the only component with a route from outside; tasks, database and endpoints stay in private subnets and accept traffic only from the security group in front of them.",
    );
    let (cpu, mem, count) = match spec.environment {
        Environment::Dev => (256, 512, 1),
        Environment::Staging => (512, 1024, 2),
        Environment::Prod => (1024, 2048, 3),
    };
    let secret_map = object(
        &secrets
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>(),
    );
    s.push('\n');
    s.push_str(&module(
        "web",
        "aws/ecs-service",
        "The application: Fargate tasks in private subnets, reachable only from the load\nbalancer's security group; secrets injected by ARN at start.",
        &[
            ("name", "local.name".into()),
            ("image", q(&w.image)),
            ("container_port", w.port.to_string()),
            ("cpu", cpu.to_string()),
            ("memory", mem.to_string()),
            ("desired_count", count.to_string()),
            ("environment", object(&[("APP_ENV".into(), q(spec.environment.name()))])),
            ("secrets", secret_map),
            ("vpc_id", "module.network.vpc_id".into()),
            ("subnet_ids", "module.network.private_subnet_ids".into()),
            ("load_balancer_security_group_id", "module.alb.security_group_id".into()),
            ("target_group_arn", "module.alb.target_group_arn".into()),
            ("log_retention_days", log_retention_days(spec).to_string()),
            ("kms_key_arn", "module.kms.key_arn".into()),
        ],
    ));
    out.decide(
        "Service size",
        format!("{cpu} CPU units, {mem} MiB, {count} task(s)"),
        match spec.environment {
            Environment::Dev => "Dev runs the smallest Fargate size with one task: cheap, and a restart is acceptable.",
            Environment::Staging => "Staging runs two tasks so deployments are rolling, as in prod, at half the size.",
            Environment::Prod => "Prod runs one task per zone (three) so a zone outage leaves capacity, with room for load.",
        },
    );
    s + "\n"
}

fn database(spec: &Spec, out: &mut Output) -> String {
    let (class, storage, backups, multi_az, protect) = match spec.environment {
        Environment::Dev => ("db.t4g.micro", 20, 7, false, false),
        Environment::Staging => ("db.t4g.medium", 50, 14, false, true),
        Environment::Prod => ("db.m7g.large", 100, 35, true, true),
    };
    let backups = if spec.data_classification.is_sensitive() {
        backups.max(14)
    } else {
        backups
    };
    let mut args = vec![
        ("identifier", "local.name".to_string()),
        ("engine_version", q("17")),
        ("instance_class", q(class)),
        ("allocated_storage_gb", storage.to_string()),
        ("vpc_id", "module.network.vpc_id".into()),
        ("subnet_ids", "module.network.private_subnet_ids".into()),
    ];
    if spec.components.contains(&Component::Web) {
        args.push((
            "allowed_security_group_ids",
            "[module.web.security_group_id]".into(),
        ));
    }
    args.extend([
        ("multi_az", multi_az.to_string()),
        ("backup_retention_days", backups.to_string()),
        ("deletion_protection", protect.to_string()),
        ("kms_key_arn", "module.kms.key_arn".to_string()),
    ]);
    let s = module(
        "database",
        "aws/rds",
        "PostgreSQL in the private subnets; the master password is generated and kept in\nSecrets Manager by RDS, never in the configuration.",
        &args,
    );
    out.decide(
        "Database size and resilience",
        format!("{class}, {storage} GB, Multi-AZ {multi_az}, backups {backups} days, deletion protection {protect}"),
        match spec.environment {
            Environment::Dev => "Dev uses the smallest burstable class in one zone with a week of backups and no deletion protection, so the environment can be torn down; a final snapshot is still taken.",
            Environment::Staging => "Staging mirrors prod's engine and protection at a smaller size, single-zone to halve the cost.",
            Environment::Prod => "Prod runs a synchronous standby in a second zone, keeps the maximum 35 days of point-in-time recovery and refuses deletion.",
        },
    );
    if spec.components.contains(&Component::Web) {
        out.decide(
            "Database access",
            "Only the service's security group may connect; the service gets the master secret's ARN",
            "No CIDR rule reaches the database, and the credentials stay in Secrets Manager (rotated by RDS).",
        );
    }
    s + "\n"
}

fn outputs(spec: &Spec) -> String {
    let mut s = String::from(
        "output \"vpc_id\" {\n  description = \"VPC of the project.\"\n  value       = module.network.vpc_id\n}\n\n\
         output \"kms_key_arn\" {\n  description = \"Key encrypting the project's data.\"\n  value       = module.kms.key_arn\n}\n",
    );
    if spec.components.contains(&Component::Web) {
        s.push_str("\noutput \"lb_dns_name\" {\n  description = \"Point the application's DNS record here.\"\n  value       = module.alb.lb_dns_name\n}\n");
    }
    if spec.components.contains(&Component::Database) {
        s.push_str("\noutput \"database_endpoint\" {\n  description = \"Where the application connects.\"\n  value       = module.database.endpoint\n}\n\n\
            output \"database_secret_arn\" {\n  description = \"Secrets Manager secret with the master credentials (the ARN, not the value).\"\n  value       = module.database.master_user_secret_arn\n}\n");
    }
    if spec.components.contains(&Component::Storage) {
        s.push_str("\noutput \"data_bucket\" {\n  description = \"Bucket for application data.\"\n  value       = module.storage.bucket_id\n}\n");
    }
    s
}
