import { describe, expect, it } from "vitest";
import type { TeamGovernanceView } from "./generated/types";
import { NO_GOVERNANCE, budgetText, findingPrefix, governanceSummary, packTitle } from "./team-governance-model";

const pack = { name: "compute", version: 2, description: "", policies: ["previous_generation"], published_by: "root", published_at: 0 };
const budget = { applies_to: "this workspace", monthly_limit: 250, warn_percent: 80, published_by: "root", published_at: 0 };

describe("team governance", () => {
  it("says when nothing was pulled", () => {
    expect(governanceSummary(NO_GOVERNANCE)).toMatch(/next sync/);
  });
  it("counts packs and names the budget's scope", () => {
    const g: TeamGovernanceView = { pulled: true, pulled_at: 1, budget, packs: [pack, { ...pack, name: "net" }], rule: "" };
    expect(governanceSummary(g)).toBe("In force in Plan Review: 2 policy packs and a budget (this workspace).");
    expect(governanceSummary({ ...g, budget: null, packs: [] })).toBe("In force in Plan Review: no policy pack and no budget.");
  });
  it("formats a budget with its warning level in dollars", () => {
    expect(budgetText(budget)).toBe("$250.00 a month per plan; warning from 80% ($200.00)");
  });
  it("names a pack as findings do", () => {
    expect(packTitle(pack)).toBe("compute v2 · 1 policy");
    expect(findingPrefix(pack)).toBe("compute@2/");
  });
});
