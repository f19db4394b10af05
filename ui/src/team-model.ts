// The Team server view's pure logic: the status bar item, sync status in plain words, the
// connect form's checks and the inbox's figures. No React, no Tauri: tested with vitest.
import type { TeamApprovalRequest, TeamComment, TeamConnectRequest, TeamPlanSummary, TeamStatus } from "./generated/types";

/** What a build without a connection reports (also the fake API's answer). */
export const DISCONNECTED_TEAM: TeamStatus = {
  available: true,
  connected: false,
  server_url: null,
  org: null,
  username: null,
  workspace_id: null,
  workspace_name: null,
  role: null,
  pending: 0,
  rejected: 0,
  rejected_records: [],
  last_sync_at: null,
  syncing: false,
  last_error: null,
};

export interface TeamStatusItem {
  label: string;
  title: string;
  /** Something needs the person (sync failing, records refused). */
  warn: boolean;
}

/** "⇅ Team: 2 pending" for the status bar ("⇅ Team" when not connected: it opens the tab to
 * connect); null when this build has no team support. */
export function teamStatusItem(status: TeamStatus | null, now: number): TeamStatusItem | null {
  if (!status || !status.available) return null;
  if (!status.connected) return { label: "⇅ Team", title: "Team server: not connected. Connect to share runs and approvals.", warn: false };
  const parts: string[] = [];
  if (status.syncing) parts.push("syncing…");
  else if (status.last_error) parts.push(status.last_error.code === "team_sign_in_needed" ? "sign in again" : "offline");
  if (status.pending > 0) parts.push(`${status.pending} pending`);
  if (status.rejected > 0) parts.push(`${status.rejected} refused`);
  if (parts.length === 0) parts.push(status.last_sync_at === null ? "not synced yet" : "synced");
  const where = `${status.workspace_name ?? "?"} on ${status.server_url ?? "?"}`;
  const last = status.last_error
    ? `${status.last_error.message}. ${status.last_error.hint}`
    : `Last sync ${lastSyncText(status.last_sync_at, now)}.`;
  return {
    label: `⇅ Team: ${parts.join(", ")}`,
    title: `Team server: ${where}\n${last}`,
    warn: status.last_error !== null || status.rejected > 0,
  };
}

/** "just now", "5 min ago", "2 h ago", or a date; "never" before the first sync. */
export function lastSyncText(at: number | null, now: number): string {
  if (at === null) return "never";
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(at).toLocaleString();
}

/** The first field of the connect form that is not right, with what to type; null when fine. */
export function connectProblem(form: TeamConnectRequest): string | null {
  const url = form.server_url.trim();
  if (!url) return "Type the server's address, e.g. https://orbis.example.com.";
  if (!/^https?:\/\/[^\s/]+/i.test(url)) return "The address starts with http:// or https://.";
  if (!form.org.trim()) return "Type your organization.";
  if (!form.username.trim()) return "Type your account name.";
  if (!form.password) return "Type your password.";
  return null;
}

/** "+2 ~1 −0" (add, change, remove; import when any). */
export function planSummaryText(summary: TeamPlanSummary | null): string {
  if (!summary) return "no summary";
  const base = `+${summary.add} ~${summary.change} −${summary.remove}`;
  return summary.import > 0 ? `${base} ⇣${summary.import}` : base;
}

/** The start of a plan hash, enough to compare by eye. */
export function shortHash(sha: string): string {
  return sha.slice(0, 12);
}

/** Inbox entries grouped by environment (production-like names first), newest first. */
export function groupByEnvironment(requests: readonly TeamApprovalRequest[]): { environment: string; requests: TeamApprovalRequest[] }[] {
  const groups = new Map<string, TeamApprovalRequest[]>();
  for (const r of requests) {
    const list = groups.get(r.environment) ?? [];
    list.push(r);
    groups.set(r.environment, list);
  }
  const prodLike = (env: string) => /^prod/i.test(env);
  return [...groups.entries()]
    .map(([environment, list]) => ({ environment, requests: [...list].sort((a, b) => b.started_at - a.started_at) }))
    .sort((a, b) => Number(prodLike(b.environment)) - Number(prodLike(a.environment)) || a.environment.localeCompare(b.environment));
}

/** Comments by the run they are about, oldest first (not-yet-sent ones last). */
export function commentsByRun(comments: readonly TeamComment[]): Map<string, TeamComment[]> {
  const out = new Map<string, TeamComment[]>();
  for (const c of comments) {
    if (c.run_id === null) continue;
    const list = out.get(c.run_id) ?? [];
    list.push(c);
    out.set(c.run_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => Number(a.author_id === null) - Number(b.author_id === null) || a.created_at - b.created_at);
  return out;
}
