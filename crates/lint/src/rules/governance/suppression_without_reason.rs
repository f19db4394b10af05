//! ORB-META-001: an `orbis:ignore` comment must say why. Suppressions without a reason are not
//! honoured (the finding stays) and are reported themselves.

use crate::finding::{Finding, Severity};
use crate::model::Span;
use crate::rule::{Ctx, Rule, RuleMeta, Sink};
use crate::suppress::{self, Tool};

pub static RULE: SuppressionReason = SuppressionReason;

pub struct SuppressionReason;

static META: RuleMeta = RuleMeta {
    id: "ORB-META-001",
    title: "Suppression comment without a reason",
    severity: Severity::Low,
    doc: r#"Suppressing a finding is a decision that reviewers and auditors need to understand later.
`# orbis:ignore <rule-id> <reason>` requires the reason; without it the suppression is ignored
(the original finding is still reported) and this rule reports the comment."#,
    fix_hint: "Write why after the rule id: `# orbis:ignore ORB-AWS-030 public website bucket`.",
    checkov: &[],
    kics: &[],
    tfsec: &[],
};

impl Rule for SuppressionReason {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workspace(&self, cx: &Ctx, out: &mut Vec<Finding>) {
        for (id, f) in cx.ws.files.iter().enumerate() {
            for d in suppress::scan(&f.text) {
                if d.tool == Tool::Orbis && d.reason.is_empty() {
                    let len = "orbis:ignore".len() + 1 + d.id.len();
                    let span = Span {
                        start_byte: d.byte,
                        end_byte: d.byte + len,
                        start_line: d.line,
                        start_col: d.col,
                        end_line: d.line,
                        end_col: d.col + len as u32,
                    };
                    Sink::new(&META, id, format!("comment:{}", d.line), span, out).report(
                        span,
                        format!("suppression of {} has no reason and is not applied", d.id),
                    );
                }
            }
        }
    }
}
