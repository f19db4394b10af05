import { describe, expect, it } from "vitest";
import { changeCostText, costSummary, formatDelta, formatMoney, lintCounts } from "./plan-checks-model";
import type { PlanCost, PlanLintFinding } from "./generated/types";

const cost: PlanCost = {
  currency: "USD",
  past_total_monthly_cost: 1000,
  total_monthly_cost: 1123.454,
  diff_total_monthly_cost: 123.454,
  catalog_version: "x",
  unsupported: [{ address: "aws_cloudfront_distribution.cdn", resource_type: "aws_cloudfront_distribution", reason: "no model" }],
  budgets: [],
  budget_exceeded: false,
  warnings: [],
};

describe("plan checks model", () => {
  it("formats money and deltas in cents with a sign", () => {
    expect(formatMoney(1234.565)).toBe("$1,234.57");
    expect(formatMoney(-3)).toBe("-$3.00");
    expect(formatDelta(123.454)).toBe("+$123.45/mo");
    expect(formatDelta(-0.5)).toBe("-$0.50/mo");
    expect(formatDelta(0.001)).toBe("±$0.00/mo");
  });

  it("summarises the plan's cost and says when it is missing", () => {
    const s = costSummary(cost, null);
    expect(s.text).toBe("+$123.45/mo");
    expect(s.title).toContain("$1,000.00 → $1,123.45");
    expect(s.title).toContain("1 not priced (unsupported)");
    expect(costSummary(null, "cannot read").text).toBe("cost n/a");
    expect(costSummary(null, "cannot read").title).toBe("cannot read");
  });

  it("never shows an unsupported or unestimated change as $0", () => {
    const u = changeCostText({ status: "unsupported", past_monthly_cost: 0, monthly_cost: 0, diff_monthly_cost: 0, reason: "no model" });
    expect(u).toEqual({ note: "Unsupported: not priced (no model)" });
    const n = changeCostText({ status: "not_estimated", past_monthly_cost: 0, monthly_cost: 0, diff_monthly_cost: 0, reason: null });
    expect(JSON.stringify(n)).not.toContain("$0");
    const p = changeCostText({ status: "priced", past_monthly_cost: 10, monthly_cost: 25.5, diff_monthly_cost: 15.5, reason: null });
    expect(p).toEqual({ before: "$10.00", after: "$25.50", delta: "+$15.50/mo" });
  });

  it("counts lint findings by severity, worst first", () => {
    const f = (severity: PlanLintFinding["severity"]): PlanLintFinding => ({ rule_id: "R", severity, address: "a", message: "m", change: null });
    expect(lintCounts([f("low"), f("critical"), f("low")])).toEqual([
      { severity: "critical", count: 1 },
      { severity: "low", count: 2 },
    ]);
    expect(lintCounts([])).toEqual([]);
  });
});
