// The cross-cloud inventory table's pure logic: filters (cloud, managed or not, free text over
// type/name/id/region/account/tags/manager), totals with the monthly cost of the rows that
// have one, how old each scope is, and the scope a "Scan" form asks for. No React, no Tauri.
import type { InventoryRow, InventoryScope, InventoryScopeRow } from "./generated/types";

export type CloudFilter = "all" | "aws" | "azure" | "gcp";
export type ManagedFilter = "all" | "managed" | "unmanaged";

export interface InventoryFilters {
  cloud: CloudFilter;
  managed: ManagedFilter;
  text: string;
}

/** Rows drawn at once; the rest is reached by narrowing the filters. */
export const MAX_SHOWN = 1000;

/** A scope older than this is flagged as stale (one day). */
export const STALE_MINUTES = 24 * 60;

export const CLOUD_LABELS: Record<string, string> = { aws: "AWS", azure: "Azure", gcp: "Google Cloud" };

export function tagsText(tags: Record<string, string | undefined>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v ?? ""}`)
    .join(", ");
}

/** Every word of the search must appear in one of the row's fields (case-insensitive). */
export function filterInventory(rows: InventoryRow[], f: InventoryFilters): InventoryRow[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (f.cloud !== "all" && r.cloud !== f.cloud) return false;
    if (f.managed === "managed" && !r.managed_by) return false;
    if (f.managed === "unmanaged" && r.managed_by) return false;
    if (!words.length) return true;
    const hay = [r.resource_type, r.name ?? "", r.id, r.region ?? "", r.account ?? "", tagsText(r.tags), r.managed_by ?? ""]
      .join(" ")
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export interface InventoryTotals {
  resources: number;
  /** Rows with a cost estimate, and their monthly sum (USD). */
  costed: number;
  monthly: number;
  managed: number;
}

export function inventoryTotals(rows: InventoryRow[]): InventoryTotals {
  let costed = 0;
  let monthly = 0;
  let managed = 0;
  for (const r of rows) {
    if (r.monthly_cost !== null) {
      costed += 1;
      monthly += r.monthly_cost;
    }
    if (r.managed_by) managed += 1;
  }
  return { resources: rows.length, costed, monthly, managed };
}

export function costText(v: number | null): string {
  if (v === null) return "—";
  return `$${v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function ageText(minutes: number): string {
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${Math.floor(minutes / (24 * 60))} days ago`;
}

export function isStale(scope: InventoryScopeRow): boolean {
  return scope.age_minutes >= STALE_MINUTES;
}

/** "AWS · aws:dev:1234 (eu-west-1) · 42 resources · 3 h ago". */
export function scopeLabel(scope: InventoryScopeRow): string {
  const cloud = CLOUD_LABELS[scope.cloud] ?? scope.cloud;
  return `${cloud} · ${scope.source} · ${scope.resources} resources · ${ageText(scope.age_minutes)}`;
}

function list(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The scope a "Scan" form asks for: AWS takes `profile region…` (profile may be empty:
 *  the default), Azure subscription ids, Google Cloud project ids (empty: the CLI's default). */
export function scopeFromForm(cloud: "aws" | "azure" | "gcp", where: string): InventoryScope {
  if (cloud === "azure") return { cloud: "azure", subscriptions: list(where) };
  if (cloud === "gcp") return { cloud: "gcp", projects: list(where) };
  const words = list(where);
  // Region names have a digit (eu-west-1); anything else first is the profile.
  const profile = words.length && !/\d/.test(words[0]) ? words[0] : null;
  return { cloud: "aws", profile, regions: profile ? words.slice(1) : words };
}

export const SCOPE_PLACEHOLDER: Record<"aws" | "azure" | "gcp", string> = {
  aws: "profile and regions (default: AWS_PROFILE, its region)",
  azure: "subscription ids (default: az's default)",
  gcp: "project ids (default: GOOGLE_CLOUD_PROJECT / gcloud's)",
};
