//! ORB-AWS-072: AWS provider has hard-coded credentials.

use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::rule::{Ctx, Rule, RuleMeta, Sink};
use crate::rules::secrets::{is_aws_access_key_id, is_placeholder};

pub static RULE: ProviderCredentials = ProviderCredentials;

pub struct ProviderCredentials;

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-072",
    title: "AWS provider has hard-coded credentials",
    severity: Severity::Critical,
    doc: r#"Access keys written in the provider block end up in version control, CI logs and every
copy of the repository. Credentials belong in the user's credential chain (profiles, SSO,
environment variables, instance roles), never in code."#,
    fix_hint: "Remove access_key/secret_key; use profiles, SSO or environment credentials.",
    checkov: &["CKV_AWS_41"],
    kics: &[],
    tfsec: &["aws-misc-no-provider-credentials"],
};

impl Rule for ProviderCredentials {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workspace(&self, cx: &Ctx, out: &mut Vec<Finding>) {
        for p in cx.ws.providers.iter().filter(|p| p.name == "aws") {
            let mut sink = Sink::new(&META, p.file, "provider.aws".into(), p.body.span, out);
            for name in ["access_key", "secret_key"] {
                let Some(a) = p.body.attr(name) else { continue };
                let literal = match &a.value {
                    Value::Str(s) => {
                        !is_placeholder(s)
                            && (name == "secret_key" || is_aws_access_key_id(s) || s.len() >= 16)
                    }
                    _ => false,
                };
                // Only literals written in the file count: a value from a variable default is
                // reported too, since it is just as committed as a literal.
                if literal {
                    sink.report(a.span, format!("provider `aws` sets {name} in code"));
                }
            }
        }
    }
}
