//! ORB-GOV-005: credentials written as literals in resource arguments (passwords, tokens,
//! access keys). Values from variables without defaults, generated passwords and secret-store
//! references are unknown statically and not reported.

use crate::finding::{Finding, Severity};
use crate::model::{Resource, Value};
use crate::rule::{Ctx, Rule, RuleMeta, Sink};
use crate::rules::secrets::{find_aws_access_key_id, is_placeholder, is_secret_name};

pub static RULE: HardcodedSecret = HardcodedSecret;

pub struct HardcodedSecret;

static META: RuleMeta = RuleMeta {
    id: "ORB-GOV-005",
    title: "Hard-coded secret in a resource argument",
    severity: Severity::High,
    doc: r#"A password, token or access key written in the configuration (or in a variable default)
is committed to version control, copied into every clone and shown in plans. Generate secrets
(`random_password`, managed master passwords) or read them from a secret store at apply time,
and mark variables that carry them `sensitive`."#,
    fix_hint:
        "Use a secret store, a generated password or a variable without default marked sensitive.",
    checkov: &[],
    kics: &[],
    tfsec: &["general-secrets-no-plaintext-exposure"],
};

/// Argument names that contain a secret word but hold no secret.
fn benign_name(name: &str) -> bool {
    [
        "_name",
        "_type",
        "_mode",
        "_path",
        "_file",
        "_policy",
        "_enabled",
        "_required",
        "_rotation",
        "_arn",
        "_id",
        "_length",
        "_version",
        "_wo",
    ]
    .iter()
    .any(|s| name.ends_with(s))
}

fn check(r: &Resource, out: &mut Sink) {
    for a in &r.body.attrs {
        let Value::Str(s) = &a.value else { continue };
        if is_placeholder(s) {
            continue;
        }
        if is_secret_name(&a.name) && !benign_name(&a.name) {
            out.report(a.span, format!("{} is a literal secret", a.name));
        } else if find_aws_access_key_id(s).is_some() {
            out.report(a.span, format!("{} contains an AWS access key id", a.name));
        }
    }
}

impl Rule for HardcodedSecret {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Every resource of every provider is looked at: secrets can hide in any of them.
    fn check_workspace(&self, cx: &Ctx, out: &mut Vec<Finding>) {
        for r in cx.ws.resources.iter().filter(|r| !r.is_data) {
            let mut sink = Sink::new(&META, r.file, r.address.clone(), r.body.span, out);
            check(r, &mut sink);
        }
    }
}
