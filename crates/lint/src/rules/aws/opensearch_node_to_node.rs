//! ORB-AWS-053: OpenSearch/Elasticsearch node-to-node encryption is disabled.

use crate::finding::Severity;
use crate::model::Resource;
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
nodes is not readable on the network.

Single-node domains are reported too: the node count is one number away from changing, a
domain with dedicated master nodes has node-to-node traffic whatever its data node count, and
turning encryption on later needs a blue/green redeployment (and is impossible on engine
versions before Elasticsearch 6.7), so it belongs in the domain from the start — as AWS
Security Hub's OpenSearch.3 control also requires for every domain."#,
    fix_hint: "Add `node_to_node_encryption { enabled = true }`.",
    checkov: &["CKV_AWS_6"],
    kics: &["967eb3e6-26fc-497d-8895-6428beb6e8e2"],
    tfsec: &["aws-elastic-search-enable-in-transit-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
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
