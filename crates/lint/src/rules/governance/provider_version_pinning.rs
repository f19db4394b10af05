//! ORB-GOV-004: providers declared in `required_providers` carry a version constraint.

use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::rule::{Ctx, Rule, RuleMeta, Sink};

pub static RULE: ProviderPinning = ProviderPinning;

pub struct ProviderPinning;

static META: RuleMeta = RuleMeta {
    id: "ORB-GOV-004",
    title: "Provider has no version constraint",
    severity: Severity::Low,
    doc: r#"Without a version constraint in `required_providers`, `terraform init` picks the newest
provider release, including major versions with breaking changes or a compromised release.
Constrain each provider (e.g. `version = "~> 5.40"`) and commit the dependency lock file."#,
    fix_hint: "Add `version = \"~> X.Y\"` to the provider's required_providers entry.",
    checkov: &[],
    kics: &[],
    tfsec: &[],
};

impl Rule for ProviderPinning {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workspace(&self, cx: &Ctx, out: &mut Vec<Finding>) {
        for (file, tf) in &cx.ws.terraform_blocks {
            for rp in tf.blocks("required_providers") {
                for a in &rp.attrs {
                    let pinned = match &a.value {
                        // Old syntax: `aws = "~> 5.0"`.
                        Value::Str(s) => !s.trim().is_empty(),
                        Value::Map(_) => a
                            .value
                            .get("version")
                            .is_some_and(|v| v.as_str().is_none_or(|s| !s.trim().is_empty())),
                        _ => true,
                    };
                    if !pinned {
                        Sink::new(
                            &META,
                            *file,
                            format!("terraform.required_providers.{}", a.name),
                            tf.span,
                            out,
                        )
                        .report(
                            a.span,
                            format!("provider {} has no version constraint", a.name),
                        );
                    }
                }
            }
        }
    }
}
