//! Linting a plan's planned values (`orbis_lint::lint_plan`): the demo plan, a corpus plan
//! whose finding only exists after evaluation, deletes skipped, and redacted values never
//! reaching a finding.

use orbis_lint::{lint_plan, Config, PlanFinding};
use std::path::{Path, PathBuf};

fn demo_plan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/demo-workspace/plans/sample-plan.json")
}

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/plans/json")
        .join(rel)
}

fn has(f: &[PlanFinding], rule: &str, address: &str) -> bool {
    f.iter().any(|x| x.rule_id == rule && x.address == address)
}

#[test]
fn demo_plan_findings_are_addressed_by_resource() {
    let plan = orbis_plan::load_file(&demo_plan()).expect("demo plan loads");
    let f = lint_plan(&plan, &Config::default());
    assert!(has(&f, "ORB-AWS-001", "aws_security_group.web"), "{f:#?}");
    let imds = f
        .iter()
        .find(|x| x.rule_id == "ORB-AWS-025" && x.address == "aws_instance.web")
        .expect("instance without IMDSv2");
    assert!(imds.message.contains("optional"), "{}", imds.message);
    assert!(f.iter().all(|x| x.file == plan.source));
    // The log group is deleted by the plan: it will not exist, so it is not linted.
    assert!(
        !f.iter().any(|x| x.address.contains("old_flow")),
        "deleted resources are not linted: {f:#?}"
    );
    // Worst first.
    assert!(f.windows(2).all(|w| w[0].severity >= w[1].severity));
}

#[test]
fn config_disables_and_overrides_like_orbis_lint() {
    let plan = orbis_plan::load_file(&demo_plan()).expect("demo plan loads");
    let config = Config::parse(
        "[lint]\ndisable = [\"ORB-AWS-001\"]\n[lint.severity]\nORB-AWS-025 = \"critical\"\n",
        Path::new(".orbis.toml"),
    )
    .expect("config parses");
    let f = lint_plan(&plan, &config);
    assert!(!f.iter().any(|x| x.rule_id == "ORB-AWS-001"));
    let imds = f
        .iter()
        .find(|x| x.rule_id == "ORB-AWS-025")
        .expect("still reported");
    assert_eq!(imds.severity, orbis_lint::Severity::Critical);
}

/// terraform-compliance's issue-294 plan calls one Azure VM module twice. In the module, the
/// NSG rule's port is `var.remote_port != "" ? var.remote_port : local.calculated_remote_port`,
/// where the local maps the caller's OS input to 22 (Linux) or 3389 (Windows): linting the
/// module's configuration alone cannot tell the port; the plan's evaluated values can.
#[test]
fn corpus_plan_finding_only_after_evaluation() {
    let path = corpus("terraform-compliance/test_issue-294.json");
    let text = std::fs::read_to_string(&path).expect("corpus plan present");
    let plan = orbis_plan::load_file(&path).expect("corpus plan loads");
    // The configuration of the rule holds no literal port: it is computed from variables.
    let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let port = &doc["configuration"]["root_module"]["module_calls"]["linuxservers-fail"]["module"]
        ["resources"]
        .as_array()
        .expect("module resources")
        .iter()
        .find(|r| r["address"] == "azurerm_network_security_rule.vm")
        .expect("nsg rule in configuration")["expressions"]["destination_port_range"];
    assert!(port.get("constant_value").is_none(), "{port}");
    assert!(port["references"]
        .as_array()
        .is_some_and(|r| r.iter().any(|x| x == "var.remote_port")));

    let f = lint_plan(&plan, &Config::default());
    assert!(
        has(
            &f,
            "ORB-AZ-001",
            "module.linuxservers-fail.azurerm_network_security_rule.vm"
        ),
        "{f:#?}"
    );
    assert!(
        has(
            &f,
            "ORB-AZ-002",
            "module.windowsservers-pass.azurerm_network_security_rule.vm"
        ),
        "{f:#?}"
    );
    // The Linux server's rule opens 22, not 3389.
    assert!(!has(
        &f,
        "ORB-AZ-002",
        "module.linuxservers-fail.azurerm_network_security_rule.vm"
    ));
}

const CANARY: &str = "AKIAZZCANARY7777QQQQ";

#[test]
fn unknown_and_redacted_values_never_report_nor_leak() {
    let plan = format!(
        r#"{{"format_version":"1.2","resource_changes":[
        {{"address":"aws_instance.a","mode":"managed","type":"aws_instance","name":"a",
          "provider_name":"aws","change":{{"actions":["create"],
          "after":{{"ami":"ami-1","user_data":"export AWS_ACCESS_KEY_ID={CANARY}","tags":{{"Owner":"{CANARY}"}},
                   "metadata_options":[{{"http_tokens":"{CANARY}"}}]}},
          "after_unknown":{{"id":true}},
          "after_sensitive":{{"user_data":true,"tags":{{"Owner":true}},"metadata_options":[{{"http_tokens":true}}]}}}}}},
        {{"address":"aws_security_group.gone","mode":"managed","type":"aws_security_group","name":"gone",
          "provider_name":"aws","change":{{"actions":["delete"],"before":{{"ingress":[{{"from_port":22,"to_port":22,
          "protocol":"tcp","cidr_blocks":["0.0.0.0/0"]}}]}},"after":null}}}},
        {{"address":"aws_security_group.later","mode":"managed","type":"aws_security_group","name":"later",
          "provider_name":"aws","change":{{"actions":["create"],"after":{{"ingress":[{{"from_port":22,"to_port":22,
          "protocol":"tcp"}}]}},"after_unknown":{{"ingress":[{{"cidr_blocks":true}}]}}}}}}]}}"#
    );
    let plan = orbis_plan::load_bytes(plan.as_bytes(), "canary.json").expect("loads");
    let f = lint_plan(&plan, &Config::default());
    let all = serde_json::to_string(&f).expect("serializes");
    assert!(!all.contains(CANARY), "{all}");
    assert!(!all.contains("CANARY"), "{all}");
    // A redacted http_tokens is unknown: no IMDS finding; a redacted user_data is no secret.
    assert!(!has(&f, "ORB-AWS-025", "aws_instance.a"), "{f:#?}");
    assert!(!f
        .iter()
        .any(|x| x.rule_id == "ORB-AWS-044" || x.rule_id == "ORB-GOV-005"));
    // Deleted: not linted; cidr known only after apply: not reported.
    assert!(
        !f.iter()
            .any(|x| x.address.starts_with("aws_security_group.") && x.rule_id != "ORB-GOV-001"),
        "{f:#?}"
    );
}

#[test]
fn damaged_values_never_panic() {
    for after in [
        "null",
        "[]",
        "1",
        "\"x\"",
        "{\"ingress\":[1,null,{\"from_port\":\"x\"}]}",
    ] {
        let doc = format!(
            r#"{{"format_version":"1.2","resource_changes":[{{"address":"aws_security_group.x","mode":"managed",
            "type":"aws_security_group","name":"x","provider_name":"aws",
            "change":{{"actions":["create"],"after":{after},"after_unknown":[true]}}}}]}}"#
        );
        if let Ok(plan) = orbis_plan::load_bytes(doc.as_bytes(), "x.json") {
            let _ = lint_plan(&plan, &Config::default());
        }
    }
}

/// `bucket = aws_s3_bucket.logs.id` is unknown until apply; the plan's `configuration` still
/// says which bucket the versioning resource points at.
#[test]
fn configuration_references_link_resources_whose_link_is_unknown() {
    let changes = r#""resource_changes":[
      {"address":"module.m.aws_s3_bucket.logs[0]","module_address":"module.m","mode":"managed","type":"aws_s3_bucket","name":"logs","index":0,
       "provider_name":"aws","change":{"actions":["create"],"after":{"bucket":"logs-1"},"after_unknown":{"id":true}}},
      {"address":"module.m.aws_s3_bucket_versioning.logs[0]","module_address":"module.m","mode":"managed","type":"aws_s3_bucket_versioning","name":"logs","index":0,
       "provider_name":"aws","change":{"actions":["create"],"after":{"versioning_configuration":[{"status":"Enabled"}]},
       "after_unknown":{"bucket":true,"id":true}}}]"#;
    let configuration = r#""configuration":{"root_module":{"module_calls":{"m":{"source":"./m","module":{"resources":[
      {"address":"aws_s3_bucket.logs","mode":"managed","type":"aws_s3_bucket","name":"logs","expressions":{"bucket":{"constant_value":"logs-1"}}},
      {"address":"aws_s3_bucket_versioning.logs","mode":"managed","type":"aws_s3_bucket_versioning","name":"logs",
       "expressions":{"bucket":{"references":["aws_s3_bucket.logs[0].id","aws_s3_bucket.logs"]}}}]}}}}}"#;
    let lint = |doc: String| {
        let plan = orbis_plan::load_bytes(doc.as_bytes(), "refs.json").expect("loads");
        lint_plan(&plan, &Config::default())
    };
    let bucket = "module.m.aws_s3_bucket.logs[0]";
    let linked = lint(format!(
        r#"{{"format_version":"1.2",{changes},{configuration}}}"#
    ));
    assert!(!has(&linked, "ORB-AWS-032", bucket), "{linked:#?}");
    // Without the configuration nothing says where the versioning resource points.
    let unlinked = lint(format!(r#"{{"format_version":"1.2",{changes}}}"#));
    assert!(has(&unlinked, "ORB-AWS-032", bucket), "{unlinked:#?}");
}
