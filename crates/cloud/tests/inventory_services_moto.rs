//! The live AWS inventory beyond EC2 — RDS DB instances, IAM users/roles/policies (global,
//! listed once), ELBv2 load balancers/target groups and Lambda functions — against a moto
//! server on loopback with IAM enforced, seeded through boto3 (`moto_seed.py services`),
//! scanned through the Rust SDK crates, then compared with a state written for part of it:
//! managed, changed, missing and unmanaged each occur, exactly, for every new type. A user
//! denied `rds:DescribeDBInstances` and `iam:ListRoles` gets those two types "not scanned"
//! (one regional, one global) while the rest of the scan is classified as before.
//!
//! Two moto servers: the classification runs on one without IAM enforcement, because moto
//! 5.2's signature check rejects every `GET /2015-03-31/functions/` (ListFunctions' path ends
//! in a slash, which moto drops before recomputing the signature; boto3 fails the same way),
//! so Lambda can only be listed there; the denials run on one with IAM enforced.

mod common;

use common::{assert_no_secret, seeded, Home, Seeded};
use orbis_cloud::aws::ENV_PROFILE;
use orbis_cloud::inventory::{scan_aws, AwsScanOptions};
use orbis_drift::{scan, DriftReport, Inventory, ScanInput, Status};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const NEW_TYPES: &[&str] = &[
    "aws_db_instance",
    "aws_iam_user",
    "aws_iam_role",
    "aws_iam_policy",
    "aws_lb",
    "aws_lb_target_group",
    "aws_lambda_function",
];

impl Seeded {
    /// Part of what was seeded, as Terraform would have written it; one resource of most
    /// types changed by hand since, and some deleted by hand (still in state).
    fn state(&self) -> orbis_state::State {
        let res = |t: &str, name: &str, attrs: Value| {
            json!({"mode": "managed", "type": t, "name": name,
                   "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                   "instances": [{"schema_version": 0, "attributes": attrs}]})
        };
        let mut subnets: Vec<String> = self.out["ids"]["subnets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        subnets.sort();
        let account = "123456789012";
        let doc = json!({
            "version": 4, "terraform_version": "1.11.0", "serial": 9, "lineage": "moto-services",
            "outputs": {},
            "resources": [
                res("aws_db_instance", "main", json!({"id": "orbis-main", "identifier": "orbis-main",
                    "engine": "postgres", "instance_class": "db.t3.micro", "allocated_storage": 20,
                    "username": "orbis", "password": "orbis-not-a-secret-1",
                    "tags": {"Owner": "data"}})),
                // Resized by hand: db.t3.micro in code, db.t3.small in the account.
                res("aws_db_instance", "reports", json!({"id": "orbis-reports",
                    "identifier": "orbis-reports", "engine": "postgres",
                    "instance_class": "db.t3.micro", "allocated_storage": 50,
                    "tags": {"Owner": "data"}})),
                res("aws_db_instance", "gone", json!({"id": "orbis-gone", "identifier": "orbis-gone",
                    "engine": "postgres", "instance_class": "db.t3.micro"})),
                res("aws_iam_user", "deploy", json!({"id": "orbis-deploy", "name": "orbis-deploy",
                    "path": "/ci/", "arn": format!("arn:aws:iam::{account}:user/ci/orbis-deploy")})),
                res("aws_iam_user", "admin", json!({"id": "admin", "name": "admin", "path": "/"})),
                res("aws_iam_user", "old", json!({"id": "orbis-old", "name": "orbis-old", "path": "/"})),
                // Its description was edited in the console.
                res("aws_iam_role", "lambda", json!({"id": "orbis-lambda", "name": "orbis-lambda",
                    "path": "/", "description": "runs orbis-fn", "max_session_duration": 3600,
                    "arn": self.id("role_arn")})),
                res("aws_iam_policy", "read", json!({"id": self.id("policy"), "arn": self.id("policy"),
                    "name": "orbis-read", "path": "/"})),
                res("aws_lb", "web", json!({"id": self.id("lb"), "arn": self.id("lb"),
                    "name": "orbis-web", "internal": true, "load_balancer_type": "application",
                    "subnets": subnets, "dns_name": self.id("lb_dns"),
                    "tags": {"Owner": "web"}})),
                res("aws_lb", "old", json!({"id": format!(
                    "arn:aws:elasticloadbalancing:eu-west-1:{account}:loadbalancer/app/old/0123456789abcdef"),
                    "name": "old"})),
                // Its Owner tag was changed by hand.
                res("aws_lb_target_group", "web", json!({"id": self.id("tg"), "arn": self.id("tg"),
                    "name": "orbis-web", "port": 80, "protocol": "HTTP",
                    "vpc_id": self.id("vpc"), "tags": {"Owner": "platform"}})),
                // Memory raised by hand: 128 in code, 256 in the account.
                res("aws_lambda_function", "fn", json!({"id": "orbis-fn", "function_name": "orbis-fn",
                    "runtime": "python3.12", "handler": "index.handler", "memory_size": 128,
                    "timeout": 10, "role": self.id("role_arn")})),
            ]
        });
        orbis_state::read_bytes(doc.to_string().as_bytes(), "moto-services.tfstate", None).unwrap()
    }
}

fn report(state: &orbis_state::State, inv: &Inventory) -> DriftReport {
    scan(ScanInput {
        states: vec![state],
        inventory: Some(inv),
        ..Default::default()
    })
}

/// (type, id) of every new-type resource with this status.
fn of(r: &DriftReport, status: Status) -> BTreeSet<(String, String)> {
    r.with_status(status)
        .filter(|d| NEW_TYPES.contains(&d.resource_type.as_str()))
        .map(|d| (d.resource_type.clone(), d.id.clone()))
        .collect()
}

fn keys(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(t, i)| (t.to_string(), i.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rds_iam_elbv2_lambda_are_scanned_and_classified_exactly() {
    let Some(s) = seeded("services", false) else {
        return;
    };
    let home = Home::new();
    let state = s.state();
    let lb_old =
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/old/0123456789abcdef";

    let inv = scan_aws(
        &s.context(&home, "admin"),
        &AwsScanOptions::new(ENV_PROFILE),
    )
    .await
    .unwrap();
    assert!(inv.scan_errors.is_empty(), "{:#?}", inv.scan_errors);
    for t in NEW_TYPES {
        assert!(inv.scanned_types.iter().any(|s| s == t), "{t} not scanned");
    }
    let json = serde_json::to_string(&inv).unwrap();
    assert_no_secret("inventory", &json);
    assert!(!json.contains("orbis-not-a-secret-1"));
    // IAM is global: no region; everything else is in the scanned region.
    for r in inv.resources.iter() {
        let global = r.resource_type.starts_with("aws_iam_") || r.resource_type == "aws_s3_bucket";
        assert_eq!(r.region.is_none(), global, "{r:?}");
        assert_eq!(r.account.as_deref(), Some("123456789012"));
    }
    // Every attribute returned is one the drift comparison is documented to use.
    for r in &inv.resources {
        let known = orbis_cloud::inventory::compared_attributes(&r.resource_type);
        for k in r.attributes.keys() {
            assert!(
                known.contains(&k.as_str()),
                "{} returns {k}",
                r.resource_type
            );
        }
    }
    let lb = inv.resources.iter().find(|r| r.id == s.id("lb")).unwrap();
    assert_eq!(lb.attributes["internal"], json!(true));
    assert_eq!(lb.attributes["load_balancer_type"], json!("application"));
    assert_eq!(lb.tags.get("Owner").map(String::as_str), Some("web"));

    let r = report(&state, &inv);
    assert_eq!(
        of(&r, Status::Managed),
        keys(&[
            ("aws_db_instance", "orbis-main"),
            ("aws_iam_policy", &s.id("policy")),
            ("aws_iam_user", "admin"),
            ("aws_iam_user", "orbis-deploy"),
            ("aws_lb", &s.id("lb")),
        ]),
        "{:#?}",
        r.resources
    );
    assert_eq!(
        of(&r, Status::Changed),
        keys(&[
            ("aws_db_instance", "orbis-reports"),
            ("aws_iam_role", "orbis-lambda"),
            ("aws_lambda_function", "orbis-fn"),
            ("aws_lb_target_group", &s.id("tg")),
        ])
    );
    assert_eq!(
        of(&r, Status::Missing),
        keys(&[
            ("aws_db_instance", "orbis-gone"),
            ("aws_iam_user", "orbis-old"),
            ("aws_lb", lb_old),
        ])
    );
    assert_eq!(
        of(&r, Status::Unmanaged),
        keys(&[
            ("aws_db_instance", "orbis-by-hand-db"),
            ("aws_iam_policy", &s.id("policy_by_hand")),
            ("aws_iam_role", "orbis-by-hand-role"),
            ("aws_iam_user", "orbis-by-hand-user"),
            ("aws_iam_user", "scanner"),
            ("aws_lambda_function", "orbis-by-hand-fn"),
            ("aws_lb_target_group", &s.id("tg_by_hand")),
        ])
    );
    // Exactly the attributes changed by hand, nothing else (the password is never compared).
    // Values as JSON text (serde_json's Value has no order).
    let changes: BTreeSet<(String, String, String, String)> = r
        .with_status(Status::Changed)
        .filter(|d| NEW_TYPES.contains(&d.resource_type.as_str()))
        .flat_map(|d| {
            d.changes.iter().map(|c| {
                (
                    d.id.clone(),
                    c.attribute.clone(),
                    c.state.to_string(),
                    c.live.to_string(),
                )
            })
        })
        .collect();
    let expected: BTreeSet<(String, String, String, String)> = [
        (
            "orbis-reports".to_string(),
            "instance_class",
            json!("db.t3.micro"),
            json!("db.t3.small"),
        ),
        (
            "orbis-lambda".to_string(),
            "description",
            json!("runs orbis-fn"),
            json!("changed by hand"),
        ),
        (
            "orbis-fn".to_string(),
            "memory_size",
            json!(128),
            json!(256),
        ),
        (s.id("tg"), "tags.Owner", json!("platform"), json!("web")),
    ]
    .into_iter()
    .map(|(i, a, x, y)| (i, a.to_string(), x.to_string(), y.to_string()))
    .collect();
    assert_eq!(changes, expected);

    // Denied DescribeDBInstances (regional) and ListRoles (global): those two types are not
    // scanned and say why; every other type is classified as on the first server.
    let Some(s) = seeded("services", true) else {
        return;
    };
    let inv = scan_aws(
        &s.context(&home, "scanner"),
        &AwsScanOptions::new(ENV_PROFILE),
    )
    .await
    .unwrap();
    let errors: Vec<(&str, Option<&str>, &str)> = inv
        .scan_errors
        .iter()
        // moto's ListFunctions signature check (see the top): not a denial of ours.
        .filter(|e| e.resource_type != "aws_lambda_function")
        .map(|e| {
            (
                e.resource_type.as_str(),
                e.region.as_deref(),
                e.code.as_str(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("aws_db_instance", Some("eu-west-1"), "cloud.denied"),
            ("aws_iam_role", None, "cloud.denied"),
        ]
    );
    assert!(
        inv.scan_errors[0]
            .message
            .contains("rds:DescribeDBInstances"),
        "{}",
        inv.scan_errors[0].message
    );
    // The same state against the second server (its ELBv2 ARNs end in other random ids).
    let r2 = report(&s.state(), &inv);
    let skipped = ["aws_db_instance", "aws_iam_role", "aws_lambda_function"];
    assert!(r2
        .resources
        .iter()
        .all(|d| !skipped.contains(&d.resource_type.as_str())));
    let named = |set: BTreeSet<(String, String)>| -> BTreeSet<(String, String)> {
        set.into_iter()
            .filter(|(t, _)| !skipped.contains(&t.as_str()))
            .map(|(t, id)| match id.rsplit_once('/') {
                Some((named, _random)) if t.starts_with("aws_lb") => (t, named.to_string()),
                _ => (t, id),
            })
            .collect()
    };
    for status in [
        Status::Managed,
        Status::Changed,
        Status::Missing,
        Status::Unmanaged,
    ] {
        assert_eq!(named(of(&r2, status)), named(of(&r, status)), "{status:?}");
    }
    assert!(
        r2.warnings
            .iter()
            .any(|w| w.starts_with("aws_db_instance was not scanned in eu-west-1")),
        "{:?}",
        r2.warnings
    );
}
