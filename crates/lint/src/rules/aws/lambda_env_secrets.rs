//! ORB-AWS-043: Lambda environment holds hard-coded AWS credentials.

use crate::finding::Severity;
use crate::model::{Resource, Value};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_lambda_function"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-043",
    title: "Lambda environment holds hard-coded AWS credentials",
    severity: Severity::High,
    doc: r#"Environment variables are visible to anyone who can read the function configuration and end up
in state files and plan output. A Lambda function never needs static AWS keys: its execution
role provides short-lived credentials."#,
    fix_hint: "Use the function's execution role; keep other secrets in Secrets Manager or SSM Parameter Store.",
    checkov: &["CKV_AWS_45"],
    kics: &["1402afd8-a95c-4e84-8b0b-6fb43758e6ce"],
    tfsec: &[],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(env) = r.body.block("environment") else {
        return;
    };
    let Some(vars) = env.attr("variables") else {
        return;
    };
    let Value::Map(m) = &vars.value else { return };
    for (k, v) in m {
        let Some(s) = v.as_str() else { continue };
        let key_id = crate::rules::secrets::is_aws_access_key_id(s);
        let secret = k.to_ascii_uppercase().contains("SECRET")
            && crate::rules::secrets::is_aws_secret_key(s);
        if key_id || secret {
            out.report(
                vars.span,
                format!("environment variable {k} holds an AWS credential"),
            );
            return;
        }
    }
}
