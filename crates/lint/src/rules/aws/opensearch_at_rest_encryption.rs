//! ORB-AWS-052: OpenSearch/Elasticsearch domain is not encrypted at rest.

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
    id: "ORB-AWS-052",
    title: "OpenSearch/Elasticsearch domain is not encrypted at rest",
    severity: Severity::High,
    doc: r#"Search indexes often contain copies of application data and logs. Encryption at rest covers
indexes, automated snapshots and logs of the domain."#,
    fix_hint: "Add `encrypt_at_rest { enabled = true }`.",
    checkov: &["CKV_AWS_5"],
    kics: &["24e16922-4330-4e9d-be8a-caa90299466a"],
    tfsec: &["aws-elastic-search-enable-domain-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(b) = r.body.block("encrypt_at_rest") else {
        out.report_object("domain encryption at rest is disabled", None);
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
        "domain encryption at rest is disabled",
    );
}
