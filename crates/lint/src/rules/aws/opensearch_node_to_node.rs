//! ORB-AWS-053: OpenSearch/Elasticsearch node-to-node encryption is disabled.

use crate::finding::Severity;
use crate::model::{Resource, Value};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(
    &META,
    &["aws_elasticsearch_domain", "aws_opensearch_domain"],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-053",
    title: "OpenSearch/Elasticsearch node-to-node encryption is disabled",
    severity: Severity::Medium,
    doc: r#"Node-to-node encryption adds TLS between the nodes of the domain, so data replicated between
nodes is not readable on the network."#,
    fix_hint: "Add `node_to_node_encryption { enabled = true }`.",
    checkov: &["CKV_AWS_6"],
    kics: &["967eb3e6-26fc-497d-8895-6428beb6e8e2"],
    tfsec: &["aws-elastic-search-enable-in-transit-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    // Node-to-node traffic only exists with several nodes: single-node domains (or an unknown
    // count) are not reported.
    let nodes = r
        .body
        .block("cluster_config")
        .and_then(|c| c.value("instance_count"))
        .and_then(Value::as_number);
    if !nodes.is_some_and(|n| n > 1.0) {
        return;
    }
    let Some(b) = r.body.block("node_to_node_encryption") else {
        out.report_object("node-to-node encryption is disabled", None);
        return;
    };
    if b.dynamic {
        return;
    }
    expect_bool(
        r,
        b,
        cx,
        out,
        "enabled",
        true,
        false,
        "node-to-node encryption is disabled",
    );
}
