// The selected change's lint findings and monthly cost (before → after, delta), shown in the
// change detail under the risk panel.
import type { PlanChangeCost, PlanLintFinding } from "./generated/types";
import { changeCostText } from "./plan-checks-model";

export function LintPanel({ findings }: { findings: PlanLintFinding[] }) {
  return (
    <section className="panel" data-testid="lint-panel" aria-label="Lint findings for this change">
      <h3>
        Lint <span className="muted">{findings.length}</span>
      </h3>
      {findings.length === 0 ? (
        <div className="muted panel-empty">No lint finding on the planned values.</div>
      ) : (
        <ul className="reasons">
          {findings.map((f, i) => (
            <li key={i} data-testid="lint-finding">
              <span className={`risk-badge risk-${f.severity}`}>{f.severity}</span>
              <span className="reason-text">{f.message}</span>
              <code className="muted">{f.rule_id}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function CostPanel({ cost }: { cost: PlanChangeCost | null }) {
  const lines = cost ? changeCostText(cost) : { note: "The plan's cost could not be estimated." };
  return (
    <section className="panel" data-testid="cost-panel" aria-label="Monthly cost of this change">
      <h3>Monthly cost</h3>
      {"note" in lines ? (
        <div className="muted panel-empty" data-testid="cost-note">{lines.note}</div>
      ) : (
        <div className="cost-lines">
          <span className="muted">before</span> <strong>{lines.before}</strong>
          <span className="muted">after</span> <strong>{lines.after}</strong>
          <span className="muted">delta</span> <strong data-testid="cost-delta">{lines.delta}</strong>
        </div>
      )}
    </section>
  );
}
