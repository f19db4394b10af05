//! Estimator behaviour on plans and configurations built in the test: deltas of each plan
//! action, unknown values, free and unsupported resources, currency, chargeback, budgets.

use orbis_cost::budget::{check, Budget, BudgetInput};
use orbis_cost::chargeback::{group, GroupBy, UNTAGGED};
use orbis_cost::from_plan::estimate_plan_bytes;
use orbis_cost::{currency, Catalog, Estimator, UsageFile};
use serde_json::json;

fn change(
    address: &str,
    t: &str,
    actions: &[&str],
    before: serde_json::Value,
    after: serde_json::Value,
) -> serde_json::Value {
    let name = address.rsplit('.').next().unwrap();
    json!({"address": address, "mode": "managed", "type": t, "name": name, "provider_name": "registry.terraform.io/hashicorp/aws",
           "change": {"actions": actions, "before": before, "after": after, "after_unknown": {}}})
}

fn plan(changes: Vec<serde_json::Value>, region: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({"format_version": "1.2", "terraform_version": "1.9.0", "resource_changes": changes,
        "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": region}}}}}})).unwrap()
}

fn hourly(service: &str, family: &str, attrs: &str, region: &str) -> f64 {
    Catalog::bundled()
        .price("aws", service, family, region, attrs)
        .expect("price in the bundled catalog")
}

#[test]
fn plan_diff_prices_each_action_and_the_total_delta() {
    let t3 = "instance_type=t3.micro;os=linux;tenancy=shared";
    let m5 = "instance_type=m5.large;os=linux;tenancy=shared";
    let bytes = plan(
        vec![
            change(
                "aws_instance.new",
                "aws_instance",
                &["create"],
                json!(null),
                json!({"instance_type": "t3.micro", "root_block_device": [{"volume_size": 10, "volume_type": "gp3"}]}),
            ),
            change(
                "aws_instance.resized",
                "aws_instance",
                &["update"],
                json!({"instance_type": "t3.micro", "root_block_device": [{"volume_size": 10, "volume_type": "gp3"}]}),
                json!({"instance_type": "m5.large", "root_block_device": [{"volume_size": 10, "volume_type": "gp3"}]}),
            ),
            change(
                "aws_nat_gateway.gone",
                "aws_nat_gateway",
                &["delete"],
                json!({"subnet_id": "s"}),
                json!(null),
            ),
            change(
                "aws_vpc.main",
                "aws_vpc",
                &["no-op"],
                json!({"cidr_block": "10.0.0.0/16"}),
                json!({"cidr_block": "10.0.0.0/16"}),
            ),
        ],
        "eu-west-1",
    );
    let p = estimate_plan_bytes(&bytes, "plan.json", &Estimator::default()).expect("estimates");
    let region = "eu-west-1";
    let gp3 = 10.0 * hourly("ebs", "storage", "volume_type=gp3", region);
    let nat = 730.0 * hourly("vpc", "nat_gateway", "", region);
    let before = 730.0 * hourly("ec2", "instance", t3, region) + gp3 + nat;
    let after = 730.0
        * (hourly("ec2", "instance", t3, region) + hourly("ec2", "instance", m5, region))
        + 2.0 * gp3;
    assert!(
        (p.past_total() - before).abs() < 1e-9,
        "{} vs {before}",
        p.past_total()
    );
    assert!((p.total() - after).abs() < 1e-9);
    assert!((p.diff_total() - (after - before)).abs() < 1e-9);
    let gone = p
        .deltas
        .iter()
        .find(|d| d.address == "aws_nat_gateway.gone")
        .unwrap();
    assert_eq!(gone.action, "delete");
    assert!(gone.diff_monthly_cost < 0.0);
    assert!(p.after.free.iter().any(|f| f.address == "aws_vpc.main"));
    assert!(p
        .after
        .resources
        .iter()
        .all(|r| r.region.as_deref() == Some("eu-west-1")));
}

#[test]
fn unknown_and_unsupported_resources_are_listed_not_zeroed() {
    let bytes = serde_json::to_vec(&json!({"format_version": "1.2", "resource_changes": [
        {"address": "aws_instance.lt", "mode": "managed", "type": "aws_instance", "name": "lt", "provider_name": "aws",
         "change": {"actions": ["create"], "before": null, "after": {"ami": "x"}, "after_unknown": {"instance_type": true}}},
        {"address": "aws_quantum_thing.q", "mode": "managed", "type": "aws_quantum_thing", "name": "q", "provider_name": "aws",
         "change": {"actions": ["create"], "before": null, "after": {}, "after_unknown": {}}}
    ]})).unwrap();
    let p = estimate_plan_bytes(&bytes, "plan.json", &Estimator::default()).unwrap();
    assert!(p.after.resources.is_empty());
    let reasons: Vec<_> = p
        .after
        .unsupported
        .iter()
        .map(|u| (u.address.as_str(), u.reason.as_str()))
        .collect();
    assert!(reasons
        .iter()
        .any(|(a, r)| *a == "aws_instance.lt" && r.contains("unknown")));
    assert!(reasons.iter().any(|(a, _)| *a == "aws_quantum_thing.q"));
    assert!(
        p.after.warnings.iter().any(|w| w.contains("region")),
        "the defaulted region is reported"
    );
}

#[test]
fn usage_based_components_without_usage_have_no_cost_but_a_price() {
    let bytes = plan(
        vec![change(
            "aws_lambda_function.f",
            "aws_lambda_function",
            &["create"],
            json!(null),
            json!({"memory_size": 1024}),
        )],
        "us-east-1",
    );
    let p = estimate_plan_bytes(&bytes, "plan.json", &Estimator::default()).unwrap();
    let f = &p.after.resources[0];
    assert!(f
        .cost_components
        .iter()
        .all(|c| c.monthly_cost.is_none() && c.unit_price.is_some() && c.usage_based));
    let usage = UsageFile::parse("version: 0.1\nresource_usage:\n  aws_lambda_function.f:\n    monthly_requests: 2000000\n    request_duration_ms: 500\n").unwrap();
    let p = estimate_plan_bytes(
        &bytes,
        "plan.json",
        &Estimator::new(Catalog::bundled(), usage),
    )
    .unwrap();
    let req = Catalog::bundled()
        .price("aws", "lambda", "requests", "us-east-1", "arch=x86_64")
        .unwrap();
    let dur = Catalog::bundled()
        .price("aws", "lambda", "duration", "us-east-1", "arch=x86_64")
        .unwrap();
    let expected = 2.0 * req + 2e6 * 0.5 * 1.0 * dur;
    assert!(
        (p.total() - expected).abs() < 1e-9,
        "{} vs {expected}",
        p.total()
    );
}

#[test]
fn currency_conversion_scales_money_not_quantities() {
    let bytes = plan(
        vec![change(
            "aws_nat_gateway.n",
            "aws_nat_gateway",
            &["create"],
            json!(null),
            json!({}),
        )],
        "us-east-1",
    );
    let mut p = estimate_plan_bytes(&bytes, "plan.json", &Estimator::default()).unwrap();
    let usd = p.total();
    let qty = p.after.resources[0].cost_components[0].monthly_quantity;
    currency::convert_plan(&mut p, "eur", 0.92);
    assert_eq!(p.after.currency, "EUR");
    assert!((p.total() - usd * 0.92).abs() < 1e-9);
    assert_eq!(
        p.after.resources[0].cost_components[0].monthly_quantity,
        qty
    );
}

#[test]
fn chargeback_groups_add_up_to_the_total_and_budgets_fail_over_limit() {
    let bytes = plan(
        vec![
            change(
                "aws_nat_gateway.a",
                "aws_nat_gateway",
                &["create"],
                json!(null),
                json!({"tags": {"Owner": "net"}}),
            ),
            change(
                "module.app.aws_instance.b",
                "aws_instance",
                &["create"],
                json!(null),
                json!({"instance_type": "t3.micro", "tags": {"Owner": "app"}}),
            ),
            change(
                "aws_eks_cluster.c",
                "aws_eks_cluster",
                &["create"],
                json!(null),
                json!({"version": "1.31"}),
            ),
        ],
        "us-east-1",
    );
    let p = estimate_plan_bytes(&bytes, "plan.json", &Estimator::default()).unwrap();
    for by in [GroupBy::Tag("Owner"), GroupBy::Module, GroupBy::Service] {
        let g = group(&p.after, by);
        let sum: f64 = g.iter().map(|x| x.monthly_cost).sum();
        assert!((sum - p.total()).abs() < 1e-9);
    }
    let owners = group(&p.after, GroupBy::Tag("Owner"));
    assert!(owners.iter().any(|g| g.key == UNTAGGED));
    assert!(group(&p.after, GroupBy::Module)
        .iter()
        .any(|g| g.key == "module.app"));
    let total = p.total();
    let tight = [Budget {
        name: "prod".into(),
        monthly_total: Some(total - 1.0),
        monthly_delta: None,
    }];
    let loose = [Budget {
        name: "prod".into(),
        monthly_total: Some(total + 1.0),
        monthly_delta: Some(total + 1.0),
    }];
    assert!(
        check(
            BudgetInput {
                total,
                delta: Some(p.diff_total())
            },
            &tight
        )[0]
        .exceeded
    );
    assert!(check(
        BudgetInput {
            total,
            delta: Some(p.diff_total())
        },
        &loose
    )
    .iter()
    .all(|r| !r.exceeded));
}

#[test]
fn bundled_catalog_covers_the_main_regions() {
    let c = Catalog::bundled();
    assert!(c.len() > 500, "bundled catalog loaded ({} keys)", c.len());
    assert!(!c.version.is_empty());
    for (provider, regions) in [
        ("aws", ["us-east-1", "eu-west-1", "eu-central-1"]),
        ("azure", ["eastus", "westeurope", "westeurope"]),
        ("google", ["us-central1", "europe-west1", "europe-west1"]),
    ] {
        let have = c.regions(provider);
        for r in regions {
            assert!(
                have.iter().any(|h| h == r),
                "{provider} has no prices in {r}"
            );
        }
    }
    assert!(
        orbis_cost::catalog::BUNDLED_CSV.len() < 1_000_000,
        "bundled catalog source stays well under 1 MB"
    );
}

#[test]
fn garbage_plans_are_errors_with_a_code_and_hint() {
    for bytes in [&b"\x00\x01binary"[..], b"{\"format_version\": ", b"[]"] {
        let e = estimate_plan_bytes(bytes, "x.json", &Estimator::default()).unwrap_err();
        assert_eq!(e.code, "cost.plan");
        assert!(!e.hint.is_empty());
    }
}

#[test]
fn configuration_is_evaluated_and_unknown_values_stay_unknown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"
provider "aws" { region = "eu-central-1" }
variable "size" {}
variable "count_web" { default = 2 }
resource "aws_instance" "web" {
  count         = var.count_web
  instance_type = "t3.micro"
}
resource "aws_instance" "sized_later" { instance_type = var.size }
resource "aws_nat_gateway" "n" { subnet_id = aws_subnet.s.id }
resource "aws_subnet" "s" { cidr_block = "10.0.1.0/24" }
"#,
    )
    .unwrap();
    let (inputs, _) = orbis_cost::from_config::resources_from_dir(dir.path());
    let e = Estimator::default().estimate(&inputs);
    let web: Vec<_> = e
        .resources
        .iter()
        .filter(|r| r.address.starts_with("aws_instance.web["))
        .collect();
    assert_eq!(web.len(), 2, "count expanded");
    assert!(web
        .iter()
        .all(|r| r.region.as_deref() == Some("eu-central-1")));
    let t3 = Catalog::bundled()
        .price(
            "aws",
            "ec2",
            "instance",
            "eu-central-1",
            "instance_type=t3.micro;os=linux;tenancy=shared",
        )
        .unwrap();
    let hours = web[0]
        .cost_components
        .iter()
        .find(|c| c.name.contains("t3.micro"))
        .unwrap();
    assert_eq!(hours.unit_price, Some(t3));
    let later = e
        .unsupported
        .iter()
        .find(|u| u.address == "aws_instance.sized_later")
        .expect("unknown type is reported");
    assert!(later.reason.contains("unknown"));
    assert!(e.free.iter().any(|f| f.address == "aws_subnet.s"));
    assert!(e.resources.iter().any(|r| r.address == "aws_nat_gateway.n"));
}

#[test]
fn aws_default_tags_count_for_chargeback_from_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("child")).unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"
provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { Environment = "prod", Owner = "platform" }
  }
}
variable "unset_tags" {}
resource "aws_nat_gateway" "own_owner" {
  subnet_id = "subnet-1"
  tags      = { Owner = "shop" }
}
resource "aws_nat_gateway" "unknown_tags" {
  subnet_id = "subnet-1"
  tags      = var.unset_tags
}
module "child" { source = "./child" }
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("child/main.tf"),
        r#"resource "aws_nat_gateway" "inherited" { subnet_id = "subnet-2" }"#,
    )
    .unwrap();
    let (inputs, _) = orbis_cost::from_config::resources_from_dir(dir.path());
    let e = Estimator::default().estimate(&inputs);
    let tags = |a: &str| {
        e.resources
            .iter()
            .find(|r| r.address == a)
            .unwrap_or_else(|| panic!("{a} priced"))
            .tags
            .clone()
    };
    let own = tags("aws_nat_gateway.own_owner");
    assert_eq!(own.get("Environment").map(String::as_str), Some("prod"));
    assert_eq!(
        own.get("Owner").map(String::as_str),
        Some("shop"),
        "resource tags win"
    );
    let child = tags("module.child.aws_nat_gateway.inherited");
    assert_eq!(
        child.get("Environment").map(String::as_str),
        Some("prod"),
        "inherited by child modules"
    );
    assert!(
        tags("aws_nat_gateway.unknown_tags").is_empty(),
        "unknown tags are not guessed"
    );
    let by_env = group(&e, GroupBy::Tag("Environment"));
    assert_eq!(by_env[0].key, "prod");
    assert_eq!(by_env[0].resources, 2);
    assert!(by_env.iter().any(|g| g.key == UNTAGGED && g.resources == 1));
}
