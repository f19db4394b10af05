//! ORB-AWS-067: SQS queue policy allows all actions.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_sqs_queue_policy", "aws_sqs_queue"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-067",
    title: "SQS queue policy allows all actions",
    severity: Severity::High,
    doc: r#"`sqs:*` in an Allow statement lets the principal also delete the queue, purge it and change its
policy. Grant the message actions the producer or consumer needs."#,
    fix_hint: "List the SQS actions needed (e.g. sqs:SendMessage).",
    checkov: &["CKV_AWS_72"],
    kics: &["816ea8cf-d589-442d-a917-2dd0ce0e45e3"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(stmts) = crate::rules::iam::statements(r, "policy", cx) else {
        return;
    };
    for s in stmts {
        if s.allow && s.all_actions_of("sqs") {
            out.report(s.span, "queue policy allows all SQS actions");
            return;
        }
    }
}
