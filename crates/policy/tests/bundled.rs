//! Each bundled policy: a plan snippet it must deny and one it must pass; the whole pack
//! runs on every corpus plan without evaluation errors.

use orbis_plan::load_bytes;
use orbis_policy::{bundled, evaluate_plan, PolicyConfig, PolicyFinding, PolicyResult};
use serde_json::{json, Value};
use std::path::PathBuf;

fn plan(changes: Vec<Value>, configuration: Value) -> orbis_plan::Plan {
    let doc = json!({"format_version": "1.2", "resource_changes": changes, "configuration": configuration});
    load_bytes(doc.to_string().as_bytes(), "snippet").unwrap()
}

fn create(address: &str, after: Value) -> Value {
    let (t, name) = address.split_once('.').unwrap();
    json!({"address": address, "mode": "managed", "type": t, "name": name, "provider_name": "registry.terraform.io/hashicorp/x",
           "change": {"actions": ["create"], "before": null, "after": after, "after_unknown": {}}})
}

fn run(policy: &str, changes: Vec<Value>, configuration: Value) -> Vec<PolicyFinding> {
    let pack: Vec<_> = bundled().into_iter().filter(|p| p.name == policy).collect();
    assert_eq!(pack.len(), 1, "bundled policy {policy}");
    evaluate_plan(
        &pack,
        &plan(changes, configuration),
        &PolicyConfig::default(),
    )
}

fn denied(findings: &[PolicyFinding]) -> Vec<&str> {
    assert!(
        findings.iter().all(|f| f.result != PolicyResult::Error),
        "{findings:?}"
    );
    findings
        .iter()
        .filter(|f| f.result == PolicyResult::Deny)
        .map(|f| f.address.as_deref().unwrap_or(""))
        .collect()
}

fn passes(findings: &[PolicyFinding]) {
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].result, PolicyResult::Pass, "{findings:?}");
}

const TAGS: fn() -> Value = || json!({"Environment": "dev", "Owner": "team-a"});

#[test]
fn no_public_buckets() {
    let f = run(
        "no_public_buckets",
        vec![
            create("aws_s3_bucket_acl.logs", json!({"acl": "public-read"})),
            create(
                "aws_s3_bucket_public_access_block.pab",
                json!({"block_public_acls": false, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}),
            ),
            create(
                "google_storage_bucket_iam_member.m",
                json!({"member": "allUsers", "role": "roles/storage.objectViewer"}),
            ),
            create(
                "azurerm_storage_container.c",
                json!({"container_access_type": "blob"}),
            ),
        ],
        json!({}),
    );
    let mut d = denied(&f);
    d.sort();
    assert_eq!(
        d,
        [
            "aws_s3_bucket_acl.logs",
            "aws_s3_bucket_public_access_block.pab",
            "azurerm_storage_container.c",
            "google_storage_bucket_iam_member.m"
        ]
    );
    passes(&run(
        "no_public_buckets",
        vec![
            create("aws_s3_bucket_acl.logs", json!({"acl": "private"})),
            create(
                "google_storage_bucket_iam_member.m",
                json!({"member": "group:ops@example.com"}),
            ),
            create(
                "azurerm_storage_container.c",
                json!({"container_access_type": "private"}),
            ),
        ],
        json!({}),
    ));
}

fn with_kind(findings: &[PolicyFinding], kind: PolicyResult) -> Vec<&str> {
    assert!(
        findings.iter().all(|f| f.result != PolicyResult::Error),
        "{findings:?}"
    );
    findings
        .iter()
        .filter(|f| f.result == kind)
        .map(|f| f.address.as_deref().unwrap_or(""))
        .collect()
}

fn required_tags_changes() -> Vec<Value> {
    vec![
        create(
            "aws_instance.a",
            json!({"tags": {"Environment": "dev"}, "tags_all": {"Environment": "dev"}}),
        ),
        create("google_compute_instance.g", json!({"labels": null})),
        create("aws_instance.ok", json!({"tags": null, "tags_all": TAGS()})),
        create("aws_iam_role.untaggable_field_absent", json!({"name": "r"})),
    ]
}

#[test]
fn required_tags_warns_by_default() {
    let f = run("required_tags", required_tags_changes(), json!({}));
    // Missing tags must not fail a review unless the team asks for it.
    assert_eq!(with_kind(&f, PolicyResult::Deny), Vec::<&str>::new());
    assert_eq!(
        with_kind(&f, PolicyResult::Warn),
        ["aws_instance.a", "google_compute_instance.g"]
    );
    assert!(
        f[0].message.contains("Owner") && !f[0].message.contains("Environment"),
        "{}",
        f[0].message
    );
    passes(&run(
        "required_tags",
        vec![create(
            "azurerm_resource_group.rg",
            json!({"tags": {"environment": "prod", "owner": "x"}}),
        )],
        json!({}),
    ));
}

#[test]
fn required_tags_denies_when_the_config_enforces_it() {
    let pack: Vec<_> = bundled()
        .into_iter()
        .filter(|p| p.name == "required_tags")
        .collect();
    let config = PolicyConfig {
        required_tags_deny: true,
        ..PolicyConfig::default()
    };
    let f = evaluate_plan(&pack, &plan(required_tags_changes(), json!({})), &config);
    assert_eq!(denied(&f), ["aws_instance.a", "google_compute_instance.g"]);
    assert_eq!(with_kind(&f, PolicyResult::Warn), Vec::<&str>::new());
}

#[test]
fn max_instance_size() {
    let f = run(
        "max_instance_size",
        vec![
            create("aws_instance.big", json!({"instance_type": "m5.24xlarge"})),
            create(
                "aws_db_instance.db",
                json!({"instance_class": "db.r5.8xlarge"}),
            ),
            create(
                "google_compute_instance.g",
                json!({"machine_type": "n2-standard-64"}),
            ),
            create(
                "azurerm_linux_virtual_machine.vm",
                json!({"size": "Standard_D64s_v3"}),
            ),
            create("aws_instance.small", json!({"instance_type": "t3.micro"})),
            create("aws_instance.edge", json!({"instance_type": "c5.4xlarge"})),
            create(
                "aws_elasticsearch_domain.es",
                json!({"instance_type": "r5.large.elasticsearch"}),
            ),
        ],
        json!({}),
    );
    let mut d = denied(&f);
    d.sort();
    assert_eq!(
        d,
        [
            "aws_db_instance.db",
            "aws_instance.big",
            "azurerm_linux_virtual_machine.vm",
            "google_compute_instance.g"
        ]
    );
    passes(&run(
        "max_instance_size",
        vec![
            create("aws_instance.a", json!({"instance_type": "t3.large"})),
            create(
                "google_compute_instance.g",
                json!({"machine_type": "e2-standard-4"}),
            ),
        ],
        json!({}),
    ));
}

#[test]
fn allowed_regions() {
    let config = |region: &str| json!({"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": region}}}}});
    let f = run(
        "allowed_regions",
        vec![
            create(
                "azurerm_resource_group.rg",
                json!({"location": "Brazil South"}),
            ),
            create("google_compute_instance.g", json!({"zone": "asia-east1-b"})),
            create(
                "azurerm_resource_group.ok",
                json!({"location": "West Europe"}),
            ),
        ],
        config("ap-southeast-2"),
    );
    let mut d = denied(&f);
    d.sort();
    assert_eq!(
        d,
        [
            "azurerm_resource_group.rg",
            "google_compute_instance.g",
            "provider aws"
        ]
    );
    passes(&run(
        "allowed_regions",
        vec![create(
            "google_compute_instance.g",
            json!({"zone": "europe-west1-b"}),
        )],
        config("eu-west-1"),
    ));
}

#[test]
fn no_open_admin_ports() {
    let sg = |port: u64, cidr: &str| json!({"ingress": [{"from_port": port, "to_port": port, "protocol": "tcp", "cidr_blocks": [cidr]}]});
    let f = run(
        "no_open_admin_ports",
        vec![
            create("aws_security_group.ssh", sg(22, "0.0.0.0/0")),
            create(
                "aws_security_group_rule.all",
                json!({"type": "ingress", "from_port": 0, "to_port": 0, "protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}),
            ),
            create(
                "azurerm_network_security_rule.rdp",
                json!({"direction": "Inbound", "access": "Allow", "source_address_prefix": "Internet", "destination_port_range": "3000-4000"}),
            ),
            create(
                "google_compute_firewall.fw",
                json!({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}),
            ),
            create("aws_security_group.web", sg(443, "0.0.0.0/0")),
        ],
        json!({}),
    );
    let mut d = denied(&f);
    d.sort();
    d.dedup();
    assert_eq!(
        d,
        [
            "aws_security_group.ssh",
            "aws_security_group_rule.all",
            "azurerm_network_security_rule.rdp",
            "google_compute_firewall.fw"
        ]
    );
    passes(&run(
        "no_open_admin_ports",
        vec![
            create("aws_security_group.ssh", sg(22, "10.0.0.0/8")),
            create(
                "aws_security_group_rule.out",
                json!({"type": "egress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}),
            ),
            create(
                "google_compute_firewall.fw",
                json!({"direction": "EGRESS", "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp"}]}),
            ),
        ],
        json!({}),
    ));
}

fn corpus_plans() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/plans");
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("INDEX.json")).unwrap()).unwrap();
    index["plans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "plan")
        .map(|p| root.join(p["path"].as_str().unwrap()))
        .collect()
}

#[test]
fn the_pack_runs_on_every_corpus_plan() {
    let pack = bundled();
    // The corpus' largest instances are m5.4xlarge: a 2xlarge limit shows the size policy on real plans.
    // required_tags only warns by default; enforced here so every policy's deny path is
    // exercised on real plans.
    let config = PolicyConfig {
        max_instance_size: "2xlarge".into(),
        required_tags_deny: true,
        ..PolicyConfig::default()
    };
    let mut denied_policies = std::collections::BTreeSet::new();
    for path in corpus_plans() {
        let plan = orbis_plan::load_file(&path).unwrap();
        for f in evaluate_plan(&pack, &plan, &config) {
            assert_ne!(f.result, PolicyResult::Error, "{}: {f:?}", path.display());
            if f.result == PolicyResult::Deny {
                assert!(f.address.is_some(), "{f:?}");
                denied_policies.insert(f.policy);
            }
        }
    }
    // Real plans from the security-scanner corpora trip every bundled policy.
    let names: Vec<&str> = orbis_policy::BUNDLED.iter().map(|(n, _)| *n).collect();
    for n in names {
        assert!(
            denied_policies.contains(n),
            "{n} never denies any corpus plan: {denied_policies:?}"
        );
    }
}
