//! Module evaluation on a small configuration written to a temporary directory: variables
//! from defaults and tfvars, locals, count/for_each expansion, references between resources,
//! local module calls, provider configuration and dynamic blocks.

use orbis_hcl::module::InstanceKey;
use orbis_hcl::{Module, ModuleOptions, ResourceMode, Value};
use std::fs;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    if let Some(parent) = dir.join(name).parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(dir.join(name), text).expect("write fixture");
}

fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    write(
        d,
        "main.tf",
        r#"
provider "aws" {
  region = var.region
  default_tags {
    tags = { Owner = "platform" }
  }
}

variable "region" { default = "eu-west-1" }
variable "env" {}
variable "buckets" {
  type    = set(string)
  default = ["a", "b"]
}
variable "size" { type = number }

locals {
  prefix = "${var.env}-app"
  tags   = merge({ Env = var.env }, { Name = local.prefix })
  loop   = local.loop2
  loop2  = local.loop
}

resource "aws_s3_bucket" "each" {
  for_each = var.buckets
  bucket   = "${local.prefix}-${each.key}"
  tags     = local.tags
}

resource "aws_instance" "web" {
  count         = var.size
  ami           = "ami-123"
  instance_type = count.index == 0 ? "t3.large" : "t3.micro"
  subnet_id     = aws_subnet.s.id
  dynamic "ebs_block_device" {
    for_each = [10, 20]
    content {
      volume_size = ebs_block_device.value
    }
  }
}

resource "aws_subnet" "s" {
  cidr_block = cidrsubnet("10.0.0.0/16", 8, 3)
}

resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.each["a"].bucket
  policy = aws_s3_bucket.each["a"].arn
}

data "aws_caller_identity" "me" {}

module "child" {
  source = "./modules/child"
  name   = local.prefix
}

output "child_name" {
  value = module.child.full_name
}
"#,
    );
    write(d, "terraform.tfvars", "env = \"prod\"\n");
    write(
        d,
        "modules/child/main.tf",
        r#"
variable "name" {}
resource "aws_sqs_queue" "q" {
  name = "${var.name}-queue"
}
output "full_name" {
  value = aws_sqs_queue.q.name
}
"#,
    );
    tmp
}

#[test]
fn variables_locals_and_cycles() {
    let tmp = fixture();
    let opts = ModuleOptions {
        vars: vec![("size".into(), "3".into())],
        ..Default::default()
    };
    let m = Module::load(tmp.path(), &opts);
    assert_eq!(
        m.variables["env"],
        Value::string("prod"),
        "from terraform.tfvars"
    );
    assert_eq!(
        m.variables["size"],
        Value::Number(3.0),
        "from -var, converted to number"
    );
    assert_eq!(m.local("prefix"), Value::string("prod-app"));
    assert_eq!(
        m.local("tags").get("Name"),
        Some(&Value::string("prod-app"))
    );
    assert_eq!(
        m.local("loop"),
        Value::Unknown,
        "a reference cycle is unknown, not a hang"
    );
}

#[test]
fn resources_expand_with_addresses_and_values() {
    let tmp = fixture();
    let opts = ModuleOptions {
        vars: vec![("size".into(), "2".into())],
        ..Default::default()
    };
    let m = Module::load(tmp.path(), &opts);
    let all = m.all_resources();
    let by_addr = |a: &str| {
        all.iter()
            .find(|r| r.address == a)
            .unwrap_or_else(|| panic!("no resource {a}"))
    };

    let buckets = by_addr("aws_s3_bucket.each").instances();
    let addrs: Vec<String> = buckets.iter().map(|i| i.address()).collect();
    assert_eq!(
        addrs,
        vec![r#"aws_s3_bucket.each["a"]"#, r#"aws_s3_bucket.each["b"]"#]
    );
    assert_eq!(
        buckets[1].attr("bucket").map(|a| a.value),
        Some(Value::string("prod-app-b"))
    );

    let web = by_addr("aws_instance.web");
    let inst = web.instances();
    assert_eq!(inst.len(), 2);
    assert_eq!(
        inst[0].attr("instance_type").map(|a| a.value),
        Some(Value::string("t3.large"))
    );
    assert_eq!(
        inst[1].attr("instance_type").map(|a| a.value),
        Some(Value::string("t3.micro"))
    );
    assert_eq!(inst[1].key(), &InstanceKey::Index(1));
    let subnet = web.attr("subnet_id").expect("subnet_id");
    assert_eq!(
        subnet.value,
        Value::Unknown,
        "computed attribute of another resource"
    );
    assert_eq!(subnet.span().line(), 34);
    let ebs = web.blocks("ebs_block_device");
    let sizes: Vec<Value> = ebs
        .iter()
        .filter_map(|b| b.attr("volume_size"))
        .map(|a| a.value)
        .collect();
    assert_eq!(sizes, vec![Value::Number(10.0), Value::Number(20.0)]);
    let cfg = inst[0].config_value();
    assert_eq!(
        cfg.get("ebs_block_device")
            .and_then(|l| l.get("1"))
            .and_then(|b| b.get("volume_size")),
        Some(&Value::Number(20.0))
    );

    let policy = by_addr("aws_s3_bucket_policy.p");
    assert_eq!(
        policy.attr("bucket").map(|a| a.value),
        Some(Value::string("prod-app-a")),
        "configured attribute of another resource"
    );
    assert_eq!(policy.attr("policy").map(|a| a.value), Some(Value::Unknown));

    let data = by_addr("data.aws_caller_identity.me");
    assert_eq!(data.mode, ResourceMode::Data);

    let q = by_addr("module.child.aws_sqs_queue.q");
    assert_eq!(
        q.attr("name").map(|a| a.value),
        Some(Value::string("prod-app-queue"))
    );
    assert!(q.file.path.ends_with("modules/child/main.tf"));
}

#[test]
fn outputs_follow_module_calls_and_providers_are_evaluated() {
    let tmp = fixture();
    let m = Module::load(tmp.path(), &ModuleOptions::default());
    let outs = m.outputs();
    let (_, v, _) = outs
        .iter()
        .find(|(n, _, _)| *n == "child_name")
        .expect("output");
    assert_eq!(v, &Value::string("prod-app-queue"));
    let aws = m.provider("aws").expect("aws provider");
    assert_eq!(aws.config.get("region"), Some(&Value::string("eu-west-1")));
    let tags = aws
        .config
        .get("default_tags")
        .and_then(|l| l.get("0"))
        .and_then(|b| b.get("tags"));
    assert_eq!(
        tags.and_then(|t| t.get("Owner")),
        Some(&Value::string("platform"))
    );
    let child = &m.calls[0].instances[0].1;
    assert!(
        child.provider("aws").is_some_and(|p| p.inherited),
        "children inherit provider configurations"
    );
    let web = m
        .resources()
        .into_iter()
        .find(|r| r.address == "aws_instance.web")
        .expect("web");
    assert_eq!(
        web.instances()[0].key(),
        &InstanceKey::Unknown,
        "size has no value: count is unknown"
    );
}

#[test]
fn module_calls_expand_per_instance_and_large_counts_are_capped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    write(
        d,
        "main.tf",
        r#"
module "few" {
  source   = "./child"
  for_each = { a = "x", b = "y" }
  name     = each.value
}
module "many" {
  source = "./child"
  count  = 100000
  name   = "n${count.index}"
}
module "self" {
  source = "./"
}
"#,
    );
    write(
        d,
        "child/main.tf",
        "variable \"name\" {}\nresource \"aws_sqs_queue\" \"q\" {\n  name = var.name\n}\n",
    );
    let m = Module::load(d, &ModuleOptions::default());
    let addrs: Vec<String> = m
        .all_resources()
        .iter()
        .map(|r| r.address.clone())
        .collect();
    assert!(
        addrs.contains(&r#"module.few["a"].aws_sqs_queue.q"#.to_string()),
        "{addrs:?}"
    );
    let b = m
        .all_resources()
        .into_iter()
        .find(|r| r.address == r#"module.few["b"].aws_sqs_queue.q"#)
        .expect("few[b]");
    assert_eq!(b.attr("name").map(|a| a.value), Some(Value::string("y")));
    let many: Vec<String> = addrs
        .iter()
        .filter(|a| a.starts_with("module.many"))
        .cloned()
        .collect();
    assert_eq!(
        many,
        vec!["module.many[*].aws_sqs_queue.q"],
        "100000 instances are loaded once, with an unknown key"
    );
    assert!(
        m.diagnostics
            .iter()
            .any(|d| d.code == orbis_hcl::codes::MODULE),
        "the self-call is reported, not followed"
    );
}
