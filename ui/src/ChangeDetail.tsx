// One selected change: what happens to it, its risk panel (level and reasons), the policy
// results and lint findings about it, its monthly cost, and its attribute diff.
import type { PlanChangeDetail } from "./generated/types";
import { AttributeDiff } from "./AttributeDiff";
import { ACTION_MARKS, actionDescription } from "./plan-view-model";
import { PolicyList } from "./PolicyPanel";
import { CostPanel, LintPanel } from "./PlanChecks";

export function ChangeDetail({ detail }: { detail: PlanChangeDetail }) {
  return (
    <div className="change-detail" data-testid="change-detail">
      <div className="detail-header">
        <span className={`action-mark large act-${detail.action}`}>{ACTION_MARKS[detail.action]}</span>
        <div className="detail-title">
          <h2 title={detail.address}>{detail.address}</h2>
          <div className="muted">
            {actionDescription(detail.action, detail.create_before_destroy)}
            {detail.action_reason && ` · ${detail.action_reason.replace(/_/g, " ")}`}
            {detail.previous_address && detail.previous_address !== detail.address && ` · moved from ${detail.previous_address}`}
            {detail.importing && ` · imports ${detail.importing}`}
            {` · ${detail.provider.replace(/^registry\.terraform\.io\//, "")}`}
          </div>
        </div>
      </div>
      <section className="panel risk-panel" data-testid="risk-panel" aria-label="Risk">
        <h3>
          Risk <span className={`risk-badge risk-${detail.risk}`}>{detail.risk}</span>
        </h3>
        {detail.reasons.length === 0 ? (
          <div className="muted panel-empty">No risk found.</div>
        ) : (
          <ul className="reasons">
            {detail.reasons.map((r, i) => (
              <li key={i}>
                <span className={`risk-badge risk-${r.level}`}>{r.level}</span>
                <span className="reason-text">{r.message}</span>
                <code className="muted">{r.code}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      {detail.policy.length > 0 && (
        <section className="panel" aria-label="Policy results for this change">
          <h3>Policy</h3>
          <PolicyList results={detail.policy} />
        </section>
      )}
      <LintPanel findings={detail.lint} />
      <CostPanel cost={detail.cost} />
      <section className="panel diff-panel" aria-label="Attribute diff">
        <h3>
          Attributes <span className="muted">{detail.diff.length}</span>
        </h3>
        <AttributeDiff diff={detail.diff} />
      </section>
    </div>
  );
}
