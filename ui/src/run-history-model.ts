// The Runs view's history filters, pure: outcome, operation (a destroy or refresh-only plan is
// its own choice, as the person thinks of it), environment, and a free-text search over what
// a row shows. The history is loaded once (newest HISTORY_LIMIT runs of the workspace, without
// logs) and filtered here, so changing a filter is instant and the list of plans that can be
// applied never depends on what the history shows.
import type { RunStatus, RunSummary } from "./generated/types";

export const HISTORY_LIMIT = 500;

export type RunOperation = "init" | "plan" | "destroy" | "refresh_only" | "apply" | "other";

export interface HistoryFilter {
  status: RunStatus | null;
  operation: RunOperation | null;
  /** null: any; "": runs made without an environment. */
  environment: string | null;
  text: string;
}

export const NO_FILTER: HistoryFilter = { status: null, operation: null, environment: null, text: "" };

export const OPERATION_LABEL: Record<RunOperation, string> = {
  init: "init",
  plan: "plan",
  destroy: "destroy plan",
  refresh_only: "refresh-only plan",
  apply: "apply",
  other: "other",
};

export function runOperation(r: RunSummary): RunOperation {
  switch (r.operation) {
    case "plan":
      return r.destroy ? "destroy" : r.refresh_only ? "refresh_only" : "plan";
    case "init":
    case "apply":
      return r.operation;
    default:
      return "other";
  }
}

/** What the text search looks at: what the row shows, plus the command line and plan hash. */
function haystack(r: RunSummary): string {
  return [`#${r.id}`, OPERATION_LABEL[runOperation(r)], r.command, r.environment ?? "", r.identity ?? "", r.status, r.tool, r.tool_version, r.plan_sha256 ?? "", r.approved ? "confirmed" : ""]
    .join("\n")
    .toLowerCase();
}

/** The rows matching every set filter; every word of `text` must appear (any order). */
export function filterHistory(rows: readonly RunSummary[], f: HistoryFilter): RunSummary[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (r) =>
      (f.status === null || r.status === f.status) &&
      (f.operation === null || runOperation(r) === f.operation) &&
      (f.environment === null || (r.environment ?? "") === f.environment) &&
      (words.length === 0 || words.every((w) => haystack(r).includes(w))),
  );
}

export function isFiltered(f: HistoryFilter): boolean {
  return f.status !== null || f.operation !== null || f.environment !== null || f.text.trim() !== "";
}

/** The environment choices: those configured and those found in the history, sorted; "" (none)
 * first when some run had none. */
export function environmentChoices(rows: readonly RunSummary[], configured: readonly string[]): string[] {
  const names = new Set(configured);
  let none = false;
  for (const r of rows) {
    if (r.environment) names.add(r.environment);
    else none = true;
  }
  const sorted = [...names].sort((a, b) => a.localeCompare(b));
  return none ? ["", ...sorted] : sorted;
}
