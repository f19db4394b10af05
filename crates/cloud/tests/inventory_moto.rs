//! The live AWS inventory against a real protocol peer: a moto server on loopback with IAM
//! enforced, seeded by `moto_seed.py` (boto3 from the test venv), scanned through the SDK,
//! then compared with a state written for part of it: managed, changed, missing and
//! unmanaged each occur, exactly. A user without ec2:DescribeVolumes gets volumes "not
//! scanned" (never missing/unmanaged); an expired SSO sign-in stops the scan with the fix.

mod common;

use common::{assert_no_secret, seeded, Home, Seeded};
use orbis_cloud::inventory::{scan_aws, AwsScanOptions, AwsType};
use orbis_cloud::{aws::ENV_PROFILE, ErrorCode};
use orbis_drift::{scan, DriftReport, Inventory, ScanInput, Status};
use serde_json::{json, Value};
use std::collections::BTreeSet;

impl Seeded {
    /// A state that manages part of what was seeded, with one instance changed by hand
    /// (type and a tag), one instance terminated and one volume deleted outside Terraform.
    /// Rules are written in another order than EC2 returns them (sets in the provider).
    fn state(&self) -> orbis_state::State {
        let rule = |port: u16, cidr: &str| {
            json!({"protocol": "tcp", "from_port": port, "to_port": port, "cidr_blocks": [cidr],
                   "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [],
                   "self": false, "description": ""})
        };
        let res = |t: &str, name: &str, attrs: Value| {
            json!({"mode": "managed", "type": t, "name": name,
                   "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                   "instances": [{"schema_version": 0, "attributes": attrs}]})
        };
        let az = self.id("az");
        let doc = json!({
            "version": 4, "terraform_version": "1.11.0", "serial": 3, "lineage": "moto-test",
            "outputs": {},
            "resources": [
                res("aws_vpc", "a", json!({"id": self.id("vpc_managed"), "cidr_block": "10.10.0.0/16",
                    "instance_tenancy": "default", "tags": {"Name": "orbis-a"}})),
                res("aws_subnet", "a", json!({"id": self.id("subnet"), "vpc_id": self.id("vpc_managed"),
                    "cidr_block": "10.10.1.0/24", "availability_zone": az,
                    "map_public_ip_on_launch": false, "tags": {"Name": "orbis-a-1"}})),
                res("aws_security_group", "web", json!({"id": self.id("security_group"), "name": "web",
                    "description": "web tier", "vpc_id": self.id("vpc_managed"),
                    "ingress": [rule(443, "0.0.0.0/0"), rule(22, "10.0.0.0/8")],
                    "egress": [{"protocol": "-1", "from_port": 0, "to_port": 0,
                                "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [],
                                "prefix_list_ids": [], "security_groups": [], "self": false,
                                "description": ""}],
                    "tags": {"Name": "web"}})),
                res("aws_ebs_volume", "data", json!({"id": self.id("volume_managed"), "size": 8,
                    "type": "gp3", "availability_zone": az, "encrypted": false,
                    "tags": {"Name": "data"}})),
                res("aws_ebs_volume", "old", json!({"id": "vol-0123456789abcdef0", "size": 8,
                    "type": "gp3", "availability_zone": az})),
                res("aws_instance", "web", json!({"id": self.id("instance"), "ami": self.id("ami"),
                    "instance_type": "t3.micro", "subnet_id": self.id("subnet"),
                    "vpc_security_group_ids": [self.id("security_group")],
                    "tags": {"Name": "web", "Owner": "platform"}})),
                res("aws_s3_bucket", "assets", json!({"id": "orbis-managed-assets",
                    "bucket": "orbis-managed-assets", "region": "eu-west-1",
                    "arn": "arn:aws:s3:::orbis-managed-assets",
                    "tags": {"Owner": "platform", "CostCenter": "42"}})),
                res("aws_instance", "batch", json!({"id": self.id("instance_terminated"),
                    "ami": self.id("ami"), "instance_type": "t3.nano"})),
            ]
        });
        orbis_state::read_bytes(doc.to_string().as_bytes(), "moto-test.tfstate", None).unwrap()
    }
}

/// The EC2 and S3 calls this scenario seeds (the other services have their own test,
/// `inventory_services_moto.rs`).
fn ec2_and_s3() -> AwsScanOptions {
    let mut options = AwsScanOptions::new(ENV_PROFILE);
    options.types = vec![
        AwsType::Instances,
        AwsType::Vpcs,
        AwsType::Subnets,
        AwsType::SecurityGroups,
        AwsType::Volumes,
        AwsType::Buckets,
    ];
    options
}

fn report(state: &orbis_state::State, inv: &Inventory) -> DriftReport {
    scan(ScanInput {
        states: vec![state],
        inventory: Some(inv),
        ..Default::default()
    })
}

fn ids(r: &DriftReport, status: Status, rtype: &str) -> BTreeSet<String> {
    r.with_status(status)
        .filter(|d| d.resource_type == rtype)
        .map(|d| d.id.clone())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_scan_classifies_every_class_and_skips_denied_types() {
    let Some(s) = seeded("scenario", true) else {
        return;
    };
    let home = Home::new();
    let state = s.state();

    // The administrator sees everything; pages of 5 give what pages of 1000 give.
    let ctx = s.context(&home, "admin");
    let mut options = ec2_and_s3();
    options.page_size = 5;
    let inv = scan_aws(&ctx, &options).await.unwrap();
    options.page_size = 1000;
    let inv_big_pages = scan_aws(&ctx, &options).await.unwrap();
    assert_eq!(inv.resources, inv_big_pages.resources);
    assert!(inv.scan_errors.is_empty(), "{:#?}", inv.scan_errors);
    assert!(inv
        .resources
        .iter()
        .all(|r| r.region.as_deref() == Some("eu-west-1")
            && r.account.as_deref() == Some("123456789012")));
    let json = serde_json::to_string(&inv).unwrap();
    assert_no_secret("inventory", &json);
    assert!(!json.contains(s.out["admin"]["secret_access_key"].as_str().unwrap()));
    // The snapshot reads back through the drift crate's own loader.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inventory.json");
    std::fs::write(&file, &json).unwrap();
    let (back, _) = orbis_drift::inventory::load_file(&file, None).unwrap();
    assert_eq!(back, inv);

    let r = report(&state, &inv);
    let changed: Vec<_> = r.with_status(Status::Changed).collect();
    assert_eq!(changed.len(), 2, "{:#?}", r.resources);
    // The bucket's tags (GetBucketTagging): only the one changed by hand is named.
    let bucket = changed
        .iter()
        .find(|c| c.id == "orbis-managed-assets")
        .unwrap();
    let diffs: Vec<(&str, &Value, &Value)> = bucket
        .changes
        .iter()
        .map(|c| (c.attribute.as_str(), &c.state, &c.live))
        .collect();
    assert_eq!(
        diffs,
        vec![("tags.Owner", &json!("platform"), &json!("data"))]
    );
    let changed: Vec<_> = changed
        .into_iter()
        .filter(|c| c.id != "orbis-managed-assets")
        .collect();
    assert_eq!(changed[0].id, s.id("instance"));
    assert_eq!(changed[0].address.as_deref(), Some("aws_instance.web"));
    let diffs: Vec<(&str, &Value, &Value)> = changed[0]
        .changes
        .iter()
        .map(|c| (c.attribute.as_str(), &c.state, &c.live))
        .collect();
    assert_eq!(
        diffs,
        vec![
            ("instance_type", &json!("t3.micro"), &json!("t3.nano")),
            ("tags.Owner", &json!("platform"), &Value::Null),
        ]
    );
    // In sync, rules in another order included.
    assert_eq!(
        ids(&r, Status::Managed, "aws_vpc"),
        set(&[&s.id("vpc_managed")])
    );
    assert_eq!(
        ids(&r, Status::Managed, "aws_subnet"),
        set(&[&s.id("subnet")])
    );
    assert_eq!(
        ids(&r, Status::Managed, "aws_security_group"),
        set(&[&s.id("security_group")])
    );
    assert_eq!(
        ids(&r, Status::Managed, "aws_ebs_volume"),
        set(&[&s.id("volume_managed")])
    );
    assert_eq!(
        ids(&r, Status::Changed, "aws_s3_bucket"),
        set(&["orbis-managed-assets"])
    );
    assert_eq!(r.summary.managed, 6);
    assert_eq!(
        ids(&r, Status::Missing, "aws_instance"),
        set(&[&s.id("instance_terminated")])
    );
    assert_eq!(
        ids(&r, Status::Missing, "aws_ebs_volume"),
        set(&["vol-0123456789abcdef0"])
    );
    assert_eq!(r.summary.missing, 2);
    assert_eq!(
        ids(&r, Status::Unmanaged, "aws_vpc"),
        set(&[&s.id("vpc_unmanaged")])
    );
    assert_eq!(
        ids(&r, Status::Unmanaged, "aws_ebs_volume"),
        set(&[&s.id("volume_unmanaged")])
    );
    assert_eq!(
        ids(&r, Status::Unmanaged, "aws_s3_bucket"),
        set(&["orbis-by-hand"])
    );
    assert!(ids(&r, Status::Unmanaged, "aws_instance").is_empty());
    assert!(ids(&r, Status::Unmanaged, "aws_subnet").is_empty());
    assert!(ids(&r, Status::Unmanaged, "aws_security_group").is_empty());
    // The default VPC and every VPC's default security group are Terraform's aws_default_*.
    assert_eq!(ids(&r, Status::Unmanaged, "aws_default_vpc").len(), 1);
    assert_eq!(
        ids(&r, Status::Unmanaged, "aws_default_security_group").len(),
        3
    );
    assert!(!ids(&r, Status::Unmanaged, "aws_default_subnet").is_empty());
    let unmanaged_other =
        r.summary.unmanaged - 3 - 1 - 3 - ids(&r, Status::Unmanaged, "aws_default_subnet").len();
    assert_eq!(unmanaged_other, 0, "{:#?}", r.resources);

    // A user who may neither describe volumes nor list buckets: those types are not scanned,
    // so the deleted volume is not "missing" and the unmanaged volume and bucket are not
    // "unmanaged"; the rest is classified as before.
    let ctx = s.context(&home, "scanner");
    let inv = scan_aws(&ctx, &ec2_and_s3()).await.unwrap();
    assert!(!inv.scanned_types.contains(&"aws_ebs_volume".to_string()));
    assert!(!inv.scanned_types.contains(&"aws_s3_bucket".to_string()));
    assert!(inv.scanned_types.contains(&"aws_instance".to_string()));
    let errors: Vec<(&str, Option<&str>, &str)> = inv
        .scan_errors
        .iter()
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
            ("aws_ebs_volume", Some("eu-west-1"), "cloud.denied"),
            ("aws_s3_bucket", None, "cloud.denied"),
        ]
    );
    let e = &inv.scan_errors[0];
    assert!(e.message.contains("ec2:DescribeVolumes"), "{}", e.message);
    let r = report(&state, &inv);
    assert!(r
        .resources
        .iter()
        .all(|d| d.resource_type != "aws_ebs_volume" && d.resource_type != "aws_s3_bucket"));
    assert_eq!(r.summary.missing, 1);
    assert_eq!(r.summary.changed, 1);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("aws_ebs_volume was not scanned in eu-west-1")),
        "{:?}",
        r.warnings
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_sign_in_stops_the_scan_with_the_fix_command() {
    let home = Home::new();
    home.write(
        ".aws/config",
        "[profile corp-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = eu-west-1\n\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
    );
    home.write(
        &format!(".aws/sso/cache/{}.json", sha1_hex("corp")),
        "{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"us-east-1\",\"accessToken\":\"expired-token\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
    );
    let ctx = home.context(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:9")]);
    let e = scan_aws(&ctx, &AwsScanOptions::new("corp-dev"))
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Expired, "{e:?}");
    assert!(
        e.hint.contains("`aws sso login --profile corp-dev`"),
        "{}",
        e.hint
    );
    assert!(!format!("{e:?}").contains("expired-token"));
}

fn sha1_hex(s: &str) -> String {
    use sha1::{Digest, Sha1};
    Sha1::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
