// What Settings → Team server shows of the team's budget and policy packs (pure: tested in
// team-governance-model.test.ts). The values come from the app's store, pulled on each sync.
import type { TeamBudgetView, TeamGovernanceView, TeamPackView } from "./generated/types";

export const NO_GOVERNANCE: TeamGovernanceView = { pulled: false, pulled_at: null, budget: null, packs: [], rule: "" };

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** "$250.00 a month per plan; warning from 80% ($200.00)". */
export function budgetText(b: TeamBudgetView): string {
  const warnAt = (b.monthly_limit * b.warn_percent) / 100;
  return `${usd.format(b.monthly_limit)} a month per plan; warning from ${b.warn_percent}% (${usd.format(warnAt)})`;
}

/** "compute v2 · 3 policies". */
export function packTitle(p: TeamPackView): string {
  const n = p.policies.length;
  return `${p.name} v${p.version} · ${n} ${n === 1 ? "policy" : "policies"}`;
}

/** How findings of this pack are named in Plan Review. */
export function findingPrefix(p: TeamPackView): string {
  return `${p.name}@${p.version}/`;
}

/** One line on what is in force, for the section's summary. */
export function governanceSummary(g: TeamGovernanceView): string {
  if (!g.pulled) return "Nothing pulled from the team server yet: it comes with the next sync.";
  const parts: string[] = [];
  parts.push(g.packs.length === 0 ? "no policy pack" : `${g.packs.length} policy ${g.packs.length === 1 ? "pack" : "packs"}`);
  parts.push(g.budget ? `a budget (${g.budget.applies_to})` : "no budget");
  return `In force in Plan Review: ${parts.join(" and ")}.`;
}
