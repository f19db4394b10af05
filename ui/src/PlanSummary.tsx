// The Plan Review's summary bar: what the plan is, counts by action and the verdict, with the
// export buttons (the dialogs and the rendering happen in Rust).
import type { PlanReviewView, ReportFormat } from "./generated/types";
import { ACTION_MARKS, VERDICT_TEXT, formatCount, summaryCounts } from "./plan-view-model";
import { costSummary, lintCounts } from "./plan-checks-model";

interface Props {
  plan: PlanReviewView;
  exporting: boolean;
  notice: string | null;
  onExport: (format: ReportFormat) => void;
}

export function PlanSummary({ plan, exporting, notice, onExport }: Props) {
  const cost = costSummary(plan.cost, plan.cost_error);
  const lint = lintCounts(plan.lint);
  const facts = [
    plan.location,
    plan.terraform_version ? `Terraform ${plan.terraform_version}` : null,
    `${formatCount(plan.changes.length)} resource changes`,
    plan.counts.output_changes ? `${formatCount(plan.counts.output_changes)} output changes` : null,
    plan.redacted_values ? `${formatCount(plan.redacted_values)} sensitive values redacted` : null,
  ].filter(Boolean);
  return (
    <header className="plan-summary" data-testid="plan-summary">
      <div className="plan-title-row">
        <div className="plan-title">
          <h1>{plan.name}</h1>
          <div className="muted plan-facts" title={plan.location}>{facts.join(" · ")}</div>
        </div>
        <div className={`verdict verdict-${plan.verdict}`} data-testid="plan-verdict" title={`Highest risk: ${plan.max_risk}`}>
          <span className="verdict-label">{VERDICT_TEXT[plan.verdict]}</span>
          <span className="verdict-risk">{plan.policy_checked ? `highest risk: ${plan.max_risk}` : "checking policies…"}</span>
        </div>
        <div className="plan-cost" data-testid="plan-cost" title={cost.title}>
          <span className="plan-cost-delta">{cost.text}</span>
          <span className="verdict-risk">monthly cost</span>
        </div>
        <div className="plan-export">
          <button className="small" disabled={exporting} onClick={() => onExport("markdown")} title="Export a Markdown report for a pull-request comment">
            Export Markdown
          </button>
          <button className="small" disabled={exporting} onClick={() => onExport("html")} title="Export a self-contained HTML report">
            Export HTML
          </button>
        </div>
      </div>
      <div className="plan-counts" role="list" aria-label="Changes by action">
        {summaryCounts(plan.counts).map((c) => (
          <span key={c.action} role="listitem" className={`count act-${c.action}${c.count ? "" : " zero"}`} data-testid={`plan-count-${c.action}`}>
            <span className="count-mark" aria-hidden>{ACTION_MARKS[c.action]}</span>
            <strong>{formatCount(c.count)}</strong> {c.label}
          </span>
        ))}
        {(plan.counts.moved > 0 || plan.counts.import > 0) && (
          <span className="muted count-extra">
            {plan.counts.moved > 0 && `${plan.counts.moved} moved`} {plan.counts.import > 0 && `${plan.counts.import} imported`}
          </span>
        )}
        <span className="count lint-count" data-testid="plan-lint-count" title={lint.map((c) => `${c.count} ${c.severity}`).join(", ") || "No lint finding"}>
          <strong>{formatCount(plan.lint.length)}</strong> lint
        </span>
        {plan.blocked_by.map((b) => (
          <span key={b} className="plan-warning" data-testid="plan-blocked">Blocked: {b}</span>
        ))}
        {plan.budget_warnings.map((w) => (
          <span key={w} className="plan-warning" data-testid="plan-budget-warning">{w}</span>
        ))}
        {plan.settings_warnings.map((w) => (
          <span key={w} className="plan-warning">{w}</span>
        ))}
        {(plan.errored || !plan.complete) && (
          <span className="plan-warning">{plan.errored ? "Terraform reported errors: the plan is partial" : "The plan is incomplete"}</span>
        )}
        <span className="status-spacer" />
        {notice && <span className="muted plan-notice" role="status" title={notice}>{notice}</span>}
      </div>
    </header>
  );
}
