import { describe, expect, it } from "vitest";
import type { ClusterDelta, ClusterPodRow, ClusterRow } from "./generated/types";
import { age, appendLog, applyMessage, emptyLog, emptyModel, events, kindNotice, namespaces, overview, pods, searchLog, workloads } from "./clusters-model";

function pod(ns: string, name: string, extra: Partial<ClusterPodRow> = {}): ClusterRow {
  return { type: "pod", namespace: ns, name, phase: "Running", ready: "1/1", restarts: 0, reason: null, severity: "ok", message: null, node: "node-a", created: "2026-06-15T04:14:53Z", ...extra };
}
const crash = pod("default", "web-crash", { ready: "0/1", restarts: 17, reason: "CrashLoopBackOff", severity: "error", message: "Container web keeps crashing" });

function message(deltas: ClusterDelta[], connection = 1) {
  return { connection, deltas };
}

describe("clusters model", () => {
  it("applies added, modified (upsert), deleted and status deltas", () => {
    const m = emptyModel(1);
    expect(
      applyMessage(
        m,
        message([
          { op: "status", kind: "pod", status: { state: "loading" } },
          { op: "added", kind: "pod", key: "default/web-ok", row: pod("default", "web-ok") },
          { op: "added", kind: "pod", key: "default/web-crash", row: crash },
          { op: "added", kind: "pod", key: "kube-system/dns", row: pod("kube-system", "dns") },
          { op: "status", kind: "pod", status: { state: "ready", count: 3 } },
        ]),
      ),
    ).toBe(true);
    expect(m.version).toBe(1);
    // Problems first, then namespace/name.
    expect(pods(m).map((p) => p.key)).toEqual(["default/web-crash", "default/web-ok", "kube-system/dns"]);
    expect(pods(m, "kube-system").map((p) => p.name)).toEqual(["dns"]);
    expect(pods(m, "", "crashloop").map((p) => p.name)).toEqual(["web-crash"]);
    expect(namespaces(m)).toEqual(["default", "kube-system"]);
    expect(kindNotice(m, "pod")).toBeNull();

    applyMessage(
      m,
      message([
        { op: "modified", kind: "pod", key: "default/web-crash", row: { ...crash, restarts: 18 } as ClusterRow },
        { op: "deleted", kind: "pod", key: "kube-system/dns" },
        { op: "modified", kind: "pod", key: "default/new", row: pod("default", "new") },
      ]),
    );
    expect(pods(m).map((p) => [p.key, p.restarts])).toEqual([
      ["default/web-crash", 18],
      ["default/new", 0],
      ["default/web-ok", 0],
    ]);
  });

  it("ignores batches of an older connection", () => {
    const m = emptyModel(2);
    expect(applyMessage(m, message([{ op: "added", kind: "pod", key: "a/b", row: pod("a", "b") }], 1))).toBe(false);
    expect(pods(m)).toEqual([]);
    expect(m.version).toBe(0);
  });

  it("says no permission instead of showing an empty table", () => {
    const m = emptyModel(1);
    expect(kindNotice(m, "secret")?.text).toBe("Loading secrets…");
    applyMessage(m, message([{ op: "status", kind: "secret", status: { state: "no_access", message: 'secrets is forbidden: User "dev" cannot list resource "secrets"' } }]));
    expect(kindNotice(m, "secret")).toEqual({ level: "warning", text: "No permission to list secrets.", hint: 'secrets is forbidden: User "dev" cannot list resource "secrets"' });
    applyMessage(m, message([{ op: "status", kind: "cron_job", status: { state: "not_served", message: "404" } }]));
    expect(kindNotice(m, "cron_job")?.text).toBe("This cluster does not serve cron jobs.");
    applyMessage(m, message([{ op: "status", kind: "pod", status: { state: "failed", message: "401 Unauthorized.", hint: "Sign in again: `aws sso login`" } }]));
    expect(kindNotice(m, "pod")).toEqual({ level: "error", text: "401 Unauthorized.", hint: "Sign in again: `aws sso login`" });
  });

  it("lists workloads and events problems first and sums up the overview", () => {
    const m = emptyModel(1);
    applyMessage(
      m,
      message([
        { op: "added", kind: "deployment", key: "default/web", row: { type: "workload", namespace: "default", name: "web", ready: 1, desired: 3, up_to_date: 3, reason: "Progressing", severity: "warning" } },
        { op: "added", kind: "stateful_set", key: "default/db", row: { type: "workload", namespace: "default", name: "db", ready: 1, desired: 1, up_to_date: 1, reason: null, severity: "ok" } },
        { op: "added", kind: "node", key: "node-a", row: { type: "node", name: "node-a", ready: "True", pressures: [], unschedulable: false, version: "v1.33.1", reason: null, severity: "ok", message: null } },
        { op: "added", kind: "node", key: "node-b", row: { type: "node", name: "node-b", ready: "Unknown", pressures: [], unschedulable: false, version: "v1.33.1", reason: "NodeStatusUnknown", severity: "error", message: "Kubelet stopped posting node status." } },
        { op: "added", kind: "namespace", key: "default", row: { type: "object", namespace: null, name: "default", detail: null, keys: [] } },
        { op: "added", kind: "pod", key: "default/web-crash", row: crash },
        { op: "added", kind: "event", key: "default/e1", row: { type: "event", namespace: "default", name: "e1", event_type: "Normal", reason: "Pulled", message: "ok", object: "Pod/web", count: 1, last_seen: "2026-06-15T05:00:00Z" } },
        { op: "added", kind: "event", key: "default/e2", row: { type: "event", namespace: "default", name: "e2", event_type: "Warning", reason: "BackOff", message: "Back-off", object: "Pod/web-crash", count: 9, last_seen: "2026-06-15T04:00:00Z" } },
      ]),
    );
    expect(workloads(m).map((w) => [w.kind, w.name])).toEqual([
      ["deployment", "web"],
      ["stateful_set", "db"],
    ]);
    expect(events(m).map((e) => e.name)).toEqual(["e2", "e1"]);
    const o = overview(m);
    expect(o.nodes).toEqual({ total: 2, ready: 1 });
    expect(o.pods).toEqual({ total: 1, failing: 1, warning: 0 });
    expect(o.workloads).toEqual({ total: 2, unhealthy: 1 });
    expect(o.warningEvents).toBe(1);
    expect(o.namespaces).toBe(1);
    expect(o.problems.map((p) => [p.severity, p.reason])).toEqual([
      ["error", "NodeStatusUnknown"],
      ["error", "CrashLoopBackOff"],
      ["warning", "Progressing"],
    ]);
  });

  it("writes ages the way kubectl does", () => {
    const now = Date.parse("2026-06-15T12:00:00Z");
    expect(age("2026-06-15T11:59:15Z", now)).toBe("45s");
    expect(age("2026-06-15T11:00:00Z", now)).toBe("60m");
    expect(age("2026-06-15T02:00:00Z", now)).toBe("10h");
    expect(age("2026-06-10T12:00:00Z", now)).toBe("5d");
    expect(age(null, now)).toBe("");
    expect(age("not a date", now)).toBe("");
  });
});

describe("pod logs", () => {
  it("appends batches of its own stream and keeps a bounded tail", () => {
    let log = emptyLog(3);
    log = appendLog(log, { stream: 3, lines: ["a", "b"], ended: false, error: null }, 4);
    log = appendLog(log, { stream: 2, lines: ["old stream"], ended: true, error: null }, 4);
    expect(log).toEqual({ stream: 3, lines: ["a", "b"], dropped: 0, ended: false, error: null });
    log = appendLog(log, { stream: 3, lines: ["c", "d", "e"], ended: false, error: null }, 4);
    expect(log.lines).toEqual(["b", "c", "d", "e"]);
    expect(log.dropped).toBe(1);
    log = appendLog(log, { stream: 3, lines: [], ended: true, error: { code: "cluster_connect", message: "Cannot read the log: 404", hint: "Pick another container." } }, 4);
    expect(log.ended).toBe(true);
    expect(log.error?.message).toBe("Cannot read the log: 404");
  });

  it("searches lines case-insensitively", () => {
    expect(searchLog(["Starting", "panic: OOM", "ok"], "PANIC")).toEqual([1]);
    expect(searchLog(["a", "b"], " ")).toEqual([0, 1]);
  });
});
