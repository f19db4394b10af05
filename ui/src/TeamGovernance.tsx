// The team's budget and policy packs in force (issue 13), a section of the Team Server tab:
// what the organization's administrators published for this workspace, as last pulled
// (Plan Review applies it offline too), and the rule that combines it with .orbis.toml.
import { useEffect, useState } from "react";
import type { Api } from "./api";
import type { TeamGovernanceView } from "./generated/types";
import { budgetText, findingPrefix, governanceSummary, packTitle } from "./team-governance-model";
import { lastSyncText } from "./team-model";

export function TeamGovernance({ api, refreshKey }: { api: Api; refreshKey: number | null }) {
  const [view, setView] = useState<TeamGovernanceView | null>(null);
  useEffect(() => {
    api.teamGovernance().then(setView, () => setView(null));
  }, [api, refreshKey]);
  if (!view) return null;
  return (
    <section className="credentials-group" data-testid="team-governance">
      <h2>Budgets and policies from the team</h2>
      <p className="muted" data-testid="team-governance-summary">
        {governanceSummary(view)}
        {view.pulled && view.pulled_at ? ` Checked ${lastSyncText(view.pulled_at, Date.now())}.` : ""}
      </p>
      {view.pulled && (
        <table className="credentials-table team-facts">
          <tbody>
            <tr data-testid="team-governance-budget">
              <th>Budget</th>
              <td>{view.budget ? `${budgetText(view.budget)} — ${view.budget.applies_to}, by ${view.budget.published_by}` : "None published"}</td>
            </tr>
            {view.packs.map((p) => (
              <tr key={p.name} data-testid="team-governance-pack">
                <th>{packTitle(p)}</th>
                <td>
                  {p.description && <div>{p.description}</div>}
                  <div className="muted">
                    {p.policies.map((name) => findingPrefix(p) + name).join(", ")} · by {p.published_by}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.pulled && view.rule && <p className="muted">{view.rule}</p>}
    </section>
  );
}
