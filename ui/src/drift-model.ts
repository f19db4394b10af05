// Pure logic of the Inventory & Drift view: the scan request from the form, the summary
// cards, row filters, and how diff lines and SVG charts are shown. No React, no API.
import type { DriftCounts, DriftRow, DriftScanRequest } from "./generated/types";

export type DriftStatus = "changed" | "missing" | "unmanaged" | "managed";
export type StatusFilter = "all" | DriftStatus;

/** Order of the classes everywhere in the view (most urgent first). */
export const STATUS_ORDER: DriftStatus[] = ["changed", "missing", "unmanaged", "managed"];

export const STATUS_LABELS: Record<DriftStatus, string> = {
  changed: "changed",
  missing: "missing",
  unmanaged: "unmanaged",
  managed: "in sync",
};

export const STATUS_HINTS: Record<DriftStatus, string> = {
  changed: "In state and in the cloud, but attributes differ: revert with apply, or accept into code.",
  missing: "In state, gone from the cloud: apply recreates it, or remove it from state if it was deleted on purpose.",
  unmanaged: "In the cloud, in no known state: import it, or delete it if nobody needs it.",
  managed: "In state and in the cloud, attributes agree.",
};

export interface DriftForm {
  state: string;
  source: "live_aws" | "snapshot" | "cached";
  snapshot: string;
  /** Id of a cached live scan (`DriftCapabilities.cached_scans`), as the select's value. */
  cached?: string;
  profile: string;
  regions: string;
}

/** Regions typed as "eu-west-1, us-east-1" or one per space: trimmed, without duplicates. */
export function parseRegions(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,]+/)) {
    const r = part.trim();
    if (r && !out.includes(r)) out.push(r);
  }
  return out;
}

/** The request for the form, or what is missing in words. */
export function scanRequest(form: DriftForm): { request: DriftScanRequest } | { error: string } {
  const state = form.state.trim();
  if (!state) return { error: "Choose a state file of the workspace." };
  if (form.source === "snapshot") {
    const path = form.snapshot.trim();
    if (!path) return { error: "Choose an inventory snapshot (a .json file of the workspace)." };
    return { request: { state, source: { kind: "snapshot", path } } };
  }
  if (form.source === "cached") {
    const id = Number(form.cached);
    if (!form.cached || !Number.isInteger(id)) return { error: "Choose a cached scan (scan live once to have one)." };
    return { request: { state, source: { kind: "cached", id } } };
  }
  const profile = form.profile.trim();
  return { request: { state, source: { kind: "live_aws", profile: profile || null, regions: parseRegions(form.regions) } } };
}

export interface SummaryCard {
  status: DriftStatus | "ignored";
  label: string;
  count: number;
}

/** One card per class; "in sync" is managed minus changed (the engine counts changed as managed). */
export function summaryCards(counts: DriftCounts): SummaryCard[] {
  const cards: SummaryCard[] = [
    { status: "changed", label: STATUS_LABELS.changed, count: counts.changed },
    { status: "missing", label: STATUS_LABELS.missing, count: counts.missing },
    { status: "unmanaged", label: STATUS_LABELS.unmanaged, count: counts.unmanaged },
    { status: "managed", label: STATUS_LABELS.managed, count: Math.max(0, counts.managed - counts.changed) },
  ];
  if (counts.ignored > 0) cards.push({ status: "ignored", label: "ignored (.driftignore)", count: counts.ignored });
  return cards;
}

export function hasDrift(counts: DriftCounts): boolean {
  return counts.changed + counts.missing + counts.unmanaged > 0;
}

export interface RowFilter {
  status: StatusFilter;
  type: string;
  text: string;
}

export function rowKey(row: Pick<DriftRow, "resource_type" | "id">): string {
  return `${row.resource_type}\u0000${row.id}`;
}

/** Rows matching the filter, most urgent class first, then type and id. */
export function filterRows(rows: DriftRow[], filter: RowFilter): DriftRow[] {
  const text = filter.text.trim().toLowerCase();
  const matches = (r: DriftRow) =>
    (filter.status === "all" || r.status === filter.status) &&
    (!filter.type || r.resource_type === filter.type) &&
    (!text ||
      [r.resource_type, r.id, r.address ?? "", r.name ?? "", r.region ?? ""].some((f) => f.toLowerCase().includes(text)) ||
      r.changes.some((c) => c.attribute.toLowerCase().includes(text)));
  const rank = (s: string) => {
    const i = STATUS_ORDER.indexOf(s as DriftStatus);
    return i < 0 ? STATUS_ORDER.length : i;
  };
  return rows
    .filter(matches)
    .sort((a, b) => rank(a.status) - rank(b.status) || a.resource_type.localeCompare(b.resource_type) || a.id.localeCompare(b.id));
}

/** How many rows each status filter would show (for the filter chips). */
export function statusCounts(rows: DriftRow[]): Record<StatusFilter, number> {
  const out: Record<StatusFilter, number> = { all: rows.length, changed: 0, missing: 0, unmanaged: 0, managed: 0 };
  for (const r of rows) if (r.status in out) out[r.status as DriftStatus] += 1;
  return out;
}

export function resourceTypes(rows: DriftRow[]): string[] {
  return [...new Set(rows.map((r) => r.resource_type))].sort();
}

/** The class of a unified-diff line, for colouring. */
export function diffLineKind(line: string): "add" | "del" | "hunk" | "meta" | "ctx" {
  if (line.startsWith("+++") || line.startsWith("---")) return "meta";
  if (line.startsWith("@@")) return "hunk";
  if (line.startsWith("+")) return "add";
  if (line.startsWith("-")) return "del";
  return "ctx";
}

/** A chart's SVG as an image URL: shown through <img>, so nothing in it can run. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The value text of one side of a change; `null` reads as "(absent)". */
export function valueText(json: string): string {
  return json === "null" ? "(absent)" : json;
}

/** What to do about a missing resource, as a command to copy. */
export function missingAdvice(row: DriftRow): string {
  return row.address ? `terraform state rm '${row.address}'` : "";
}

/** How old an inventory is, in words: `just now`, `12 min ago`, `3 h ago`, `2 days ago`. */
export function ageText(minutes: number): string {
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${Math.floor(minutes / (24 * 60))} days ago`;
}
