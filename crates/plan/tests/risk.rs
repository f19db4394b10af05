//! Risk rules on small plan snippets (one change each), and on the real corpus.

mod common;

use orbis_plan::{load_bytes, Review, RiskLevel, Verdict};
use serde_json::{json, Value};

fn plan_with(changes: Vec<Value>, configuration: Option<Value>) -> Review {
    let mut doc = json!({"format_version": "1.2", "resource_changes": changes});
    if let Some(c) = configuration {
        doc["configuration"] = c;
    }
    Review::new(vec![
        load_bytes(doc.to_string().as_bytes(), "snippet").expect("snippet loads")
    ])
}

fn change(address: &str, actions: &[&str], before: Value, after: Value) -> Value {
    let (t, name) = address.rsplit_once('.').unwrap();
    let t = t.rsplit('.').next().unwrap();
    json!({"address": address, "mode": "managed", "type": t, "name": name,
           "provider_name": "registry.terraform.io/hashicorp/x",
           "change": {"actions": actions, "before": before, "after": after, "after_unknown": {}}})
}

fn risk_of(c: Value) -> (RiskLevel, Vec<&'static str>) {
    let review = plan_with(vec![c], None);
    let r = &review.risks[0][0];
    (r.level, r.reasons.iter().map(|x| x.code).collect())
}

#[test]
fn destroying_data_is_critical_and_replace_with_cbd_is_high() {
    let (level, codes) = risk_of(change(
        "aws_db_instance.main",
        &["delete"],
        json!({"engine": "postgres"}),
        Value::Null,
    ));
    assert_eq!(level, RiskLevel::Critical);
    assert!(
        codes.contains(&"destroy-stateful") && codes.contains(&"no-prevent-destroy"),
        "{codes:?}"
    );
    let (level, _) = risk_of(change(
        "google_storage_bucket.b",
        &["create", "delete"],
        json!({"name": "b"}),
        json!({"name": "b2"}),
    ));
    assert_eq!(level, RiskLevel::High);
    let (level, _) = risk_of(change(
        "azurerm_managed_disk.d",
        &["delete", "create"],
        json!({"name": "d"}),
        json!({"name": "d"}),
    ));
    assert_eq!(level, RiskLevel::Critical);
    let (level, codes) = risk_of(change(
        "aws_instance.web",
        &["delete"],
        json!({"ami": "x"}),
        Value::Null,
    ));
    assert_eq!((level, codes), (RiskLevel::Medium, vec!["delete"]));
}

#[test]
fn prevent_destroy_in_configuration_is_honoured() {
    let config = json!({"root_module": {"resources": [
        {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "lifecycle": {"prevent_destroy": true}}]}});
    let c = change(
        "aws_kms_key.k",
        &["delete"],
        json!({"key_id": "1"}),
        Value::Null,
    );
    let review = plan_with(vec![c.clone()], Some(config));
    let codes: Vec<_> = review.risks[0][0].reasons.iter().map(|r| r.code).collect();
    assert!(!codes.contains(&"no-prevent-destroy"), "{codes:?}");
    let (_, without) = risk_of(c);
    assert!(without.contains(&"no-prevent-destroy"));
}

#[test]
fn security_groups_open_to_the_internet() {
    let sg = |port: u64, cidr: &str| {
        json!({"ingress": [{"from_port": port, "to_port": port, "protocol": "tcp", "cidr_blocks": [cidr], "ipv6_cidr_blocks": []}],
                                            "egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]})
    };
    let (level, codes) = risk_of(change(
        "aws_security_group.ssh",
        &["create"],
        Value::Null,
        sg(22, "0.0.0.0/0"),
    ));
    assert_eq!(level, RiskLevel::Critical);
    assert!(codes.contains(&"internet-admin-port"));
    let (level, codes) = risk_of(change(
        "aws_security_group.web",
        &["create"],
        Value::Null,
        sg(443, "0.0.0.0/0"),
    ));
    assert_eq!(
        (level, codes.contains(&"internet-ingress")),
        (RiskLevel::High, true)
    );
    let (level, _) = risk_of(change(
        "aws_security_group.internal",
        &["create"],
        Value::Null,
        sg(22, "10.0.0.0/8"),
    ));
    assert_eq!(
        level,
        RiskLevel::Low,
        "egress to anywhere and private ingress are fine"
    );
    let rule = json!({"type": "ingress", "from_port": 3300, "to_port": 3400, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]});
    assert_eq!(
        risk_of(change(
            "aws_security_group_rule.rdp",
            &["create"],
            Value::Null,
            rule
        ))
        .0,
        RiskLevel::Critical
    );
    let nsg = json!({"direction": "Inbound", "access": "Allow", "source_address_prefix": "*", "destination_port_range": "3389"});
    assert_eq!(
        risk_of(change(
            "azurerm_network_security_rule.rdp",
            &["create"],
            Value::Null,
            nsg.clone()
        ))
        .0,
        RiskLevel::Critical
    );
    let mut denied = nsg;
    denied["access"] = json!("Deny");
    assert_eq!(
        risk_of(change(
            "azurerm_network_security_rule.rdp",
            &["create"],
            Value::Null,
            denied
        ))
        .0,
        RiskLevel::Low
    );
    let fw = json!({"direction": "INGRESS", "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["80", "20-25"]}]});
    assert_eq!(
        risk_of(change(
            "google_compute_firewall.fw",
            &["update"],
            Value::Null,
            fw
        ))
        .0,
        RiskLevel::Critical
    );
}

#[test]
fn iam_and_public_exposure() {
    assert_eq!(
        risk_of(change(
            "aws_iam_role_policy.p",
            &["update"],
            json!({}),
            json!({})
        ))
        .0,
        RiskLevel::High
    );
    assert_eq!(
        risk_of(change(
            "google_project_iam_member.m",
            &["create"],
            Value::Null,
            json!({"member": "user:a"})
        ))
        .0,
        RiskLevel::High
    );
    let (level, codes) = risk_of(change(
        "aws_db_instance.db",
        &["create"],
        Value::Null,
        json!({"publicly_accessible": true}),
    ));
    assert_eq!(
        (level, codes.contains(&"public-exposure")),
        (RiskLevel::High, true)
    );
    assert_eq!(
        risk_of(change(
            "aws_s3_bucket_acl.a",
            &["create"],
            Value::Null,
            json!({"acl": "public-read"})
        ))
        .0,
        RiskLevel::High
    );
    assert_eq!(
        risk_of(change(
            "aws_s3_bucket_acl.a",
            &["create"],
            Value::Null,
            json!({"acl": "private"})
        ))
        .0,
        RiskLevel::Low
    );
    let pab = json!({"block_public_acls": false, "block_public_policy": true});
    assert_eq!(
        risk_of(change(
            "aws_s3_bucket_public_access_block.p",
            &["update"],
            pab.clone(),
            pab
        ))
        .0,
        RiskLevel::High
    );
    let binding = json!({"role": "roles/storage.objectViewer", "members": ["allUsers"]});
    assert!(risk_of(change(
        "google_storage_bucket_iam_binding.b",
        &["create"],
        Value::Null,
        binding
    ))
    .1
    .contains(&"public-exposure"));
}

#[test]
fn production_tags_raise_the_level() {
    let tagged = |env: &str| json!({"instance_type": "t3.micro", "tags": {"Environment": env}});
    let (level, codes) = risk_of(change(
        "aws_instance.app",
        &["update"],
        tagged("Production"),
        tagged("Production"),
    ));
    assert_eq!(
        (level, codes.contains(&"production")),
        (RiskLevel::Medium, true)
    );
    assert_eq!(
        risk_of(change(
            "aws_instance.app",
            &["update"],
            tagged("dev"),
            tagged("dev")
        ))
        .0,
        RiskLevel::Low
    );
    let labels = json!({"labels": {"env": "prod"}});
    assert_eq!(
        risk_of(change(
            "google_compute_instance.vm",
            &["delete"],
            labels,
            Value::Null
        ))
        .0,
        RiskLevel::High
    );
}

#[test]
fn no_op_read_move_and_import() {
    assert_eq!(
        risk_of(change("aws_instance.a", &["no-op"], json!({}), json!({}))).0,
        RiskLevel::None
    );
    let mut moved = change("aws_instance.b", &["no-op"], json!({}), json!({}));
    moved["previous_address"] = json!("aws_instance.a");
    assert_eq!(risk_of(moved), (RiskLevel::Low, vec!["moved"]));
    let mut imported = change("aws_instance.c", &["no-op"], json!({}), json!({}));
    imported["change"]["importing"] = json!({"id": "i-123"});
    assert_eq!(risk_of(imported), (RiskLevel::Low, vec!["import"]));
}

#[test]
fn verdicts() {
    let create = change("aws_instance.a", &["create"], Value::Null, json!({}));
    assert_eq!(
        plan_with(vec![create.clone()], None).verdict(),
        Verdict::Safe
    );
    let delete = change("aws_instance.b", &["delete"], json!({}), Value::Null);
    assert_eq!(
        plan_with(vec![create.clone(), delete], None).verdict(),
        Verdict::Review
    );
    let db = change("aws_rds_cluster.c", &["delete"], json!({}), Value::Null);
    assert_eq!(
        plan_with(vec![create, db], None).verdict(),
        Verdict::Dangerous
    );
}

#[test]
fn corpus_plans_get_plausible_risk() {
    let mut codes = std::collections::BTreeSet::new();
    for entry in common::plan_entries("plan") {
        let path = entry["path"].as_str().unwrap();
        let review = Review::new(vec![load_bytes(&common::read(path), path).unwrap()]);
        for (_, c, r) in review.changes() {
            if c.action == orbis_plan::Action::NoOp && !c.is_move() && c.importing.is_none() {
                assert_eq!(r.level, RiskLevel::None, "{path} {}", c.address);
            }
            codes.extend(r.reasons.iter().map(|x| x.code));
        }
    }
    // The corpus holds real security groups open to the internet, IAM changes, deletes and replaces.
    for code in [
        "internet-ingress",
        "internet-admin-port",
        "iam-change",
        "delete",
        "replace",
        "public-exposure",
        "moved",
        "import",
    ] {
        assert!(
            codes.contains(code),
            "no corpus change triggers {code}: {codes:?}"
        );
    }
}

#[test]
fn deferred_and_errored_plans_need_a_review() {
    let deferred = json!({"format_version": "1.2", "complete": false, "resource_changes": [],
        "deferred_changes": [{"reason": "provider_config_unknown",
            "resource_change": {"address": "aws_instance.later", "mode": "managed", "type": "aws_instance", "name": "later",
                "change": {"actions": ["create"], "before": null, "after": {}}}}]});
    let review = Review::new(vec![load_bytes(
        deferred.to_string().as_bytes(),
        "deferred",
    )
    .unwrap()]);
    assert_eq!(review.plans[0].deferred_changes.len(), 1);
    assert_eq!(
        review.plans[0].deferred_changes[0].reason,
        "provider_config_unknown"
    );
    assert_eq!(review.summary().deferred, 1);
    assert_eq!(review.verdict(), Verdict::Review);

    let path = "json/opentofu-show-json/show-json__plan-error.json";
    let review = Review::new(vec![load_bytes(&common::read(path), path).unwrap()]);
    assert!(review.plans[0].errored);
    assert!(review.verdict() >= Verdict::Review);
}
