import { describe, expect, it } from "vitest";
import type { TeamApprovalRequest, TeamComment, TeamStatus } from "./generated/types";
import { DISCONNECTED_TEAM, commentsByRun, connectProblem, groupByEnvironment, lastSyncText, planSummaryText, shortHash, teamStatusItem } from "./team-model";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const connected: TeamStatus = {
  ...DISCONNECTED_TEAM,
  connected: true,
  server_url: "http://127.0.0.1:8080",
  workspace_name: "prod-network",
  username: "alice",
  last_sync_at: NOW - 120_000,
};

describe("teamStatusItem", () => {
  it("offers to connect, and shows nothing in a build without team support", () => {
    expect(teamStatusItem(null, NOW)).toBeNull();
    expect(teamStatusItem({ ...connected, available: false }, NOW)).toBeNull();
    const idle = teamStatusItem(DISCONNECTED_TEAM, NOW)!;
    expect(idle.label).toBe("⇅ Team");
    expect(idle.title).toMatch(/not connected/);
    expect(idle.warn).toBe(false);
  });

  it("counts pending and refused records", () => {
    expect(teamStatusItem(connected, NOW)).toEqual({
      label: "⇅ Team: synced",
      title: "Team server: prod-network on http://127.0.0.1:8080\nLast sync 2 min ago.",
      warn: false,
    });
    const item = teamStatusItem({ ...connected, pending: 2, rejected: 1 }, NOW)!;
    expect(item.label).toBe("⇅ Team: 2 pending, 1 refused");
    expect(teamStatusItem({ ...connected, last_sync_at: null }, NOW)!.label).toBe("⇅ Team: not synced yet");
    expect(item.warn).toBe(true);
  });

  it("says offline or sign in again, with the error's words in the tooltip", () => {
    const offline = teamStatusItem(
      { ...connected, pending: 3, last_error: { code: "team_unreachable", message: "The team server cannot be reached", hint: "Check that it runs." } },
      NOW,
    )!;
    expect(offline.label).toBe("⇅ Team: offline, 3 pending");
    expect(offline.title).toContain("The team server cannot be reached. Check that it runs.");
    expect(offline.warn).toBe(true);
    const expired = teamStatusItem({ ...connected, last_error: { code: "team_sign_in_needed", message: "expired", hint: "Sign in again" } }, NOW)!;
    expect(expired.label).toBe("⇅ Team: sign in again");
    expect(teamStatusItem({ ...connected, syncing: true, pending: 1 }, NOW)!.label).toBe("⇅ Team: syncing…, 1 pending");
  });
});

describe("lastSyncText", () => {
  it("reads like a person would say it", () => {
    expect(lastSyncText(null, NOW)).toBe("never");
    expect(lastSyncText(NOW - 10_000, NOW)).toBe("just now");
    expect(lastSyncText(NOW + 5_000, NOW)).toBe("just now");
    expect(lastSyncText(NOW - 5 * 60_000, NOW)).toBe("5 min ago");
    expect(lastSyncText(NOW - 3 * 3_600_000, NOW)).toBe("3 h ago");
    expect(lastSyncText(NOW - 3 * 86_400_000, NOW)).not.toMatch(/ago/);
  });
});

describe("connectProblem", () => {
  const form = { server_url: "https://orbis.example.com", org: "acme", username: "alice", password: "pw", workspace: null };
  it("names the first missing or wrong field", () => {
    expect(connectProblem(form)).toBeNull();
    expect(connectProblem({ ...form, server_url: " " })).toMatch(/address/);
    expect(connectProblem({ ...form, server_url: "orbis.example.com" })).toMatch(/http:\/\/ or https:\/\//);
    expect(connectProblem({ ...form, server_url: "http://" })).toMatch(/http/);
    expect(connectProblem({ ...form, org: "" })).toMatch(/organization/);
    expect(connectProblem({ ...form, username: " " })).toMatch(/account/);
    expect(connectProblem({ ...form, password: "" })).toMatch(/password/);
    expect(connectProblem({ ...form, server_url: "http://127.0.0.1:8080" })).toBeNull();
  });
});

describe("inbox figures", () => {
  const req = (run_id: string, environment: string, started_at: number): TeamApprovalRequest => ({
    run_id, environment, plan_sha256: "ab".repeat(32), plan_summary: null, tool: null, identity: null, author_id: "u", mine: false, started_at,
  });
  it("summarizes plans and hashes", () => {
    expect(planSummaryText(null)).toBe("no summary");
    expect(planSummaryText({ add: 2, change: 1, remove: 0, import: 0 })).toBe("+2 ~1 −0");
    expect(planSummaryText({ add: 0, change: 0, remove: 3, import: 4 })).toBe("+0 ~0 −3 ⇣4");
    expect(shortHash("0123456789abcdef")).toBe("0123456789ab");
  });
  it("groups by environment, production first, newest first", () => {
    const groups = groupByEnvironment([req("a", "dev", 1), req("b", "prod", 2), req("c", "dev", 3), req("d", "staging", 4)]);
    expect(groups.map((g) => g.environment)).toEqual(["prod", "dev", "staging"]);
    expect(groups[1].requests.map((r) => r.run_id)).toEqual(["c", "a"]);
  });
});

describe("commentsByRun", () => {
  const c = (id: string, run_id: string | null, created_at: number, author_id: string | null = "u"): TeamComment => ({ id, run_id, address: null, text: id, author_id, created_at });
  it("groups by run, sent ones by time, unsent last, and leaves out workspace-wide ones", () => {
    const byRun = commentsByRun([c("late", "r1", 30), c("queued", "r1", 5, null), c("early", "r1", 10), c("other", "r2", 1), c("general", null, 1)]);
    expect(byRun.get("r1")!.map((x) => x.id)).toEqual(["early", "late", "queued"]);
    expect(byRun.get("r2")!.map((x) => x.id)).toEqual(["other"]);
    expect([...byRun.keys()].sort()).toEqual(["r1", "r2"]);
  });
});
