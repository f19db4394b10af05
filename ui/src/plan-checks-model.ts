// Pure helpers for the Plan Review's lint and cost parts: money formatting, the summary's
// cost text and the lint count by severity. No React, so vitest covers them directly.
import type { LintSeverity, PlanChangeCost, PlanCost, PlanLintFinding } from "./generated/types";

/** `$1,234.57`: rounded to cents, as bills are (the engine keeps figures unrounded). */
export function formatMoney(v: number): string {
  const cents = Math.round(Math.abs(v) * 100) / 100;
  const text = cents.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${v < 0 && cents > 0 ? "-" : ""}$${text}`;
}

/** `+$123.45/mo`, `-$3.00/mo`, `±$0.00/mo`. */
export function formatDelta(v: number): string {
  const cents = Math.round(v * 100) / 100;
  if (cents === 0) return "±$0.00/mo";
  return `${cents > 0 ? "+" : "-"}${formatMoney(Math.abs(cents))}/mo`;
}

/** What the summary says about cost: the delta, and the totals it comes from. */
export function costSummary(cost: PlanCost | null, error: string | null): { text: string; title: string } {
  if (!cost) return { text: "cost n/a", title: error ?? "The cost of this plan could not be estimated." };
  const unsupported = cost.unsupported.length ? ` · ${cost.unsupported.length} not priced (unsupported)` : "";
  return {
    text: formatDelta(cost.diff_total_monthly_cost),
    title: `Monthly cost ${formatMoney(cost.past_total_monthly_cost)} → ${formatMoney(cost.total_monthly_cost)}${unsupported}`,
  };
}

/** One change's cost lines; unsupported and not-estimated types never show as $0. */
export function changeCostText(cost: PlanChangeCost): { before: string; after: string; delta: string } | { note: string } {
  switch (cost.status) {
    case "unsupported":
      return { note: `Unsupported: not priced${cost.reason ? ` (${cost.reason})` : ""}` };
    case "not_estimated":
      return { note: "Not estimated (data sources and resources the estimator does not see)." };
    case "free":
      return { note: "Free: this type costs nothing by itself." };
    case "priced":
      return {
        before: formatMoney(cost.past_monthly_cost),
        after: formatMoney(cost.monthly_cost),
        delta: formatDelta(cost.diff_monthly_cost),
      };
  }
}

const ORDER: LintSeverity[] = ["critical", "high", "medium", "low", "info"];

/** Counts by severity, worst first, only the non-zero ones. */
export function lintCounts(lint: PlanLintFinding[]): { severity: LintSeverity; count: number }[] {
  return ORDER.map((severity) => ({ severity, count: lint.filter((f) => f.severity === severity).length })).filter((c) => c.count > 0);
}
