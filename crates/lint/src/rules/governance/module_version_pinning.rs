//! ORB-GOV-003: module calls pin what they download: registry modules a `version`, git
//! sources a `ref`. Local paths (`./`, `../`) need no pin.

use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::rule::{Ctx, Rule, RuleMeta, Sink};

pub static RULE: ModulePinning = ModulePinning;

pub struct ModulePinning;

static META: RuleMeta = RuleMeta {
    id: "ORB-GOV-003",
    title: "Module source is not pinned to a version",
    severity: Severity::Medium,
    doc: r#"A module call without a version (registry) or `ref` (git) takes whatever the source
publishes next: a compromised or simply breaking release lands in the next `terraform init`
without review. Pin registry modules with `version` (an exact version or `~>` constraint) and git
modules with `?ref=<tag or commit>`; a commit hash is the strongest pin."#,
    fix_hint:
        "Add `version = \"x.y.z\"` (registry) or `?ref=vX.Y.Z` / a commit (git) to the source.",
    checkov: &["CKV_TF_1", "CKV_TF_2"],
    kics: &["3a81fc06-566f-492a-91dd-7448e409e2cd"],
    tfsec: &[],
};

enum Source {
    Local,
    Registry,
    Git { has_ref: bool },
    Other,
}

fn classify(src: &str) -> Source {
    if src.starts_with("./") || src.starts_with("../") || src.starts_with('/') {
        return Source::Local;
    }
    let is_git = src.starts_with("git::")
        || src.starts_with("git@")
        || src.starts_with("github.com/")
        || src.starts_with("bitbucket.org/")
        || src.contains(".git");
    if is_git {
        return Source::Git {
            has_ref: src.contains("ref="),
        };
    }
    // Registry addresses: [host/]namespace/name/provider with no scheme.
    let parts: Vec<&str> = src.split('/').collect();
    let registry_like = !src.contains("::")
        && !src.contains('?')
        && (parts.len() == 3 || (parts.len() == 4 && parts[0].contains('.')));
    if registry_like {
        Source::Registry
    } else {
        Source::Other
    }
}

impl Rule for ModulePinning {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workspace(&self, cx: &Ctx, out: &mut Vec<Finding>) {
        for m in &cx.ws.modules {
            let Some(src_attr) = m.body.attr("source") else {
                continue;
            };
            let Value::Str(src) = &src_attr.value else {
                continue;
            };
            let mut sink = Sink::new(
                &META,
                m.file,
                format!("module.{}", m.name),
                m.body.span,
                out,
            );
            match classify(src) {
                Source::Registry => match m.body.attr("version") {
                    None => sink.report(
                        src_attr.span,
                        format!("registry module {src} has no version"),
                    ),
                    Some(v) => {
                        if let Value::Str(c) = &v.value {
                            let open_ended =
                                c.trim().starts_with(">") && !c.contains('<') && !c.contains(',');
                            if open_ended {
                                sink.report(
                                    v.span,
                                    format!("version constraint `{c}` has no upper bound"),
                                );
                            }
                        }
                    }
                },
                Source::Git { has_ref: false } => {
                    sink.report(src_attr.span, format!("git module {src} has no ?ref= pin"))
                }
                _ => {}
            }
        }
    }
}
