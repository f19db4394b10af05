// Pure logic of the Plan Review: filters, the module → resource type → change tree flattened
// for a virtualized list, labels and display values. No React, so it is unit-tested directly
// and stays fast on 100k-change plans (one pass per filter or expand).
import type {
  ChangeAction,
  DiffValue,
  PlanChangeRow,
  PlanCounts,
  PlanRiskLevel,
  PlanVerdict,
  PolicyOutcome,
} from "./generated/types";

export interface PlanFilter {
  destroysOnly: boolean;
  riskyOnly: boolean;
  /** Case-insensitive substring of the address. */
  query: string;
}

export const NO_FILTER: PlanFilter = { destroysOnly: false, riskyOnly: false, query: "" };

const RISK_RANK: Record<PlanRiskLevel, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function riskRank(level: PlanRiskLevel): number {
  return RISK_RANK[level];
}

export function worstRisk(levels: Iterable<PlanRiskLevel>): PlanRiskLevel {
  let worst: PlanRiskLevel = "none";
  for (const l of levels) if (RISK_RANK[l] > RISK_RANK[worst]) worst = l;
  return worst;
}

/** The existing object is destroyed (a replace destroys too). */
export function isDestroy(row: PlanChangeRow): boolean {
  return row.action === "delete" || row.action === "replace";
}

/** What "only risky" keeps: high or critical risk, or a policy that denies (or failed) on it.
 * Medium is left out on purpose: every delete and replace is medium, and that filter exists. */
export function isRisky(row: PlanChangeRow): boolean {
  return RISK_RANK[row.risk] >= RISK_RANK.high || row.policy === "deny" || row.policy === "error";
}

export function filterChanges(changes: readonly PlanChangeRow[], filter: PlanFilter): PlanChangeRow[] {
  const query = filter.query.trim().toLowerCase();
  return changes.filter(
    (c) =>
      (!filter.destroysOnly || isDestroy(c)) &&
      (!filter.riskyOnly || isRisky(c)) &&
      (query === "" || c.address.toLowerCase().includes(query)),
  );
}

export type PlanTreeRow =
  | { kind: "module"; key: string; label: string; depth: 0; count: number; risk: PlanRiskLevel; expanded: boolean }
  | { kind: "type"; key: string; label: string; depth: 1; count: number; risk: PlanRiskLevel; expanded: boolean }
  | { kind: "change"; key: string; label: string; depth: 2; change: PlanChangeRow };

export const ROOT_MODULE_LABEL = "root module";

/** The part of an address below its module and type: `web`, `web[0]`, `this["a"]`. */
export function shortName(row: PlanChangeRow): string {
  let rest = row.module && row.address.startsWith(`${row.module}.`) ? row.address.slice(row.module.length + 1) : row.address;
  if (rest.startsWith("data.")) rest = rest.slice(5);
  return rest.startsWith(`${row.resource_type}.`) ? rest.slice(row.resource_type.length + 1) : rest;
}

/** Groups changes by module, then resource type, and flattens the groups that are not
 * collapsed. Root module first, then modules and types by name; changes keep plan order.
 * `collapsed` holds group keys (`m:<module>` and `t:<module>/<type>`). */
export function planTreeRows(changes: readonly PlanChangeRow[], collapsed: ReadonlySet<string>): PlanTreeRow[] {
  const modules = new Map<string, Map<string, PlanChangeRow[]>>();
  for (const c of changes) {
    let types = modules.get(c.module);
    if (!types) modules.set(c.module, (types = new Map()));
    let list = types.get(c.resource_type);
    if (!list) types.set(c.resource_type, (list = []));
    list.push(c);
  }
  const rows: PlanTreeRow[] = [];
  const moduleNames = [...modules.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
  for (const m of moduleNames) {
    const types = modules.get(m)!;
    const all = [...types.values()].flat();
    const mKey = `m:${m}`;
    const mOpen = !collapsed.has(mKey);
    rows.push({ kind: "module", key: mKey, label: m || ROOT_MODULE_LABEL, depth: 0, count: all.length, risk: worstRisk(all.map((c) => c.risk)), expanded: mOpen });
    if (!mOpen) continue;
    for (const t of [...types.keys()].sort()) {
      const list = types.get(t)!;
      const tKey = `t:${m}/${t}`;
      const tOpen = !collapsed.has(tKey);
      rows.push({ kind: "type", key: tKey, label: t, depth: 1, count: list.length, risk: worstRisk(list.map((c) => c.risk)), expanded: tOpen });
      if (!tOpen) continue;
      for (const c of list) rows.push({ kind: "change", key: `c:${c.index}`, label: shortName(c), depth: 2, change: c });
    }
  }
  return rows;
}

/** The change to show first: the riskiest (plan order breaks ties), or none for an empty plan. */
export function firstToReview(changes: readonly PlanChangeRow[]): PlanChangeRow | null {
  let best: PlanChangeRow | null = null;
  for (const c of changes) if (!best || RISK_RANK[c.risk] > RISK_RANK[best.risk]) best = c;
  return best;
}

export const ACTION_LABELS: Record<ChangeAction, string> = {
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  read: "read",
  no_op: "no-op",
  forget: "forget",
  other: "other",
};

/** One-character marks, as Terraform prints them. */
export const ACTION_MARKS: Record<ChangeAction, string> = {
  create: "+",
  update: "~",
  delete: "−",
  replace: "±",
  read: "≤",
  no_op: "·",
  forget: "⊘",
  other: "?",
};

export function actionDescription(action: ChangeAction, createBeforeDestroy: boolean): string {
  if (action === "replace") return createBeforeDestroy ? "replace (create before destroy)" : "replace (destroy, then create)";
  return ACTION_LABELS[action];
}

/** The summary bar's counts, in the order; forget/other only when present. */
export function summaryCounts(counts: PlanCounts): { action: ChangeAction; label: string; count: number }[] {
  const main: ChangeAction[] = ["create", "update", "delete", "replace", "read", "no_op"];
  const out = main.map((a) => ({ action: a, label: ACTION_LABELS[a], count: counts[a] }));
  if (counts.forget) out.push({ action: "forget", label: "forget", count: counts.forget });
  if (counts.other) out.push({ action: "other", label: "other", count: counts.other });
  return out;
}

export const VERDICT_TEXT: Record<PlanVerdict, string> = {
  safe: "Safe to apply",
  review: "Needs review",
  dangerous: "Dangerous",
};

export const POLICY_TEXT: Record<PolicyOutcome, string> = { pass: "pass", warn: "warn", deny: "deny", error: "error" };

/** How a diff side reads: compact JSON, or the two markers the issue names. */
export function diffValueText(v: DiffValue): string {
  switch (v.kind) {
    case "unknown":
      return "(known after apply)";
    case "sensitive":
      return "(sensitive)";
    case "absent":
      return "";
    default:
      return v.text;
  }
}

/** 20000 → "20,000". Not toLocaleString: WebKitGTK without a locale prints no separators,
 * and counts must read the same everywhere (tests, screenshots, reports). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
