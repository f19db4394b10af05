//! ORB-AWS-054: OpenSearch/Elasticsearch domain does not enforce HTTPS.

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
    id: "ORB-AWS-054",
    title: "OpenSearch/Elasticsearch domain does not enforce HTTPS",
    severity: Severity::Medium,
    doc: r#"Without `enforce_https`, clients can query the domain over plain HTTP and credentials or data in
queries travel unencrypted."#,
    fix_hint: "Set `enforce_https = true` in `domain_endpoint_options`.",
    checkov: &["CKV_AWS_83"],
    kics: &["2e9e0729-66d5-4148-9d39-5e6fb4bf2a4e"],
    tfsec: &["aws-elastic-search-enforce-https"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(b) = r.body.block("domain_endpoint_options") else {
        return;
    };
    if b.dynamic {
        return;
    }
    // The provider defaults enforce_https to true: only an explicit false is reported.
    expect_bool(
        r,
        b,
        cx,
        out,
        "enforce_https",
        true,
        true,
        "domain endpoint does not enforce HTTPS",
    );
}
