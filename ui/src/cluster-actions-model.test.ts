import { describe, expect, it } from "vitest";
import { actionsFor, auditObject, failure, initialStep, parseReplicas, requestFor } from "./cluster-actions-model";
import type { ClusterAuditEntry, ClusterRow } from "./generated/types";

const workload: ClusterRow = { type: "workload", namespace: "shop", name: "web", ready: 3, desired: 3, up_to_date: 3, reason: null, severity: "ok" };
const pod: ClusterRow = { type: "pod", namespace: "shop", name: "web-1", phase: "Running", ready: "1/1", restarts: 0, reason: null, severity: "ok", message: null, node: "n1", created: null };
const node = (unschedulable: boolean): ClusterRow => ({ type: "node", name: "n1", ready: "True", pressures: [], unschedulable, version: "v1.33.1", reason: null, severity: "ok", message: null });

describe("cluster actions model", () => {
  it("offers the actions of the selected kind", () => {
    expect(actionsFor("deployment", workload).map((a) => a.id)).toEqual(["scale", "rollout_restart", "rollback"]);
    expect(actionsFor("stateful_set", workload).map((a) => a.id)).toEqual(["scale", "rollout_restart", "rollback"]);
    expect(actionsFor("daemon_set", workload).map((a) => a.id)).toEqual(["rollback"]);
    expect(actionsFor("pod", pod)).toEqual([{ id: "delete_pod", label: "Delete…", destructive: true }]);
    expect(actionsFor("node", node(false)).map((a) => a.id)).toEqual(["cordon"]);
    expect(actionsFor("node", node(true)).map((a) => a.id)).toEqual(["uncordon"]);
    expect(actionsFor("deployment", null)).toEqual([]);
  });

  it("reads the replica count and builds the request", () => {
    expect(parseReplicas(" 5 ")).toEqual({ ok: 5 });
    expect(parseReplicas("0")).toEqual({ ok: 0 });
    expect(parseReplicas("-1")).toHaveProperty("error");
    expect(parseReplicas("2.5")).toHaveProperty("error");
    expect(parseReplicas("")).toHaveProperty("error");
    expect(parseReplicas("20000")).toEqual({ error: "That is more than 10,000 replicas; enter a smaller number." });
    expect(requestFor("deployment", "shop/web", "scale", 5)).toEqual({ kind: "deployment", key: "shop/web", action: { action: "scale", replicas: 5 } });
    expect(requestFor("node", "n1", "cordon")).toEqual({ kind: "node", key: "n1", action: { action: "cordon" } });
    expect(requestFor("deployment", "shop/web", "rollback")).toEqual({ kind: "deployment", key: "shop/web", action: { action: "rollback", to_revision: null } });
    expect(initialStep("scale", workload)).toEqual({ step: "choose", replicasText: "3", error: null });
  });

  it("turns errors into the failed step, offering a new preview only when the confirmation went stale", () => {
    expect(failure({ code: "cluster_action_failed", message: "Not allowed (403 Forbidden).", hint: "Ask an admin." })).toEqual({
      step: "failed",
      message: "Not allowed (403 Forbidden).",
      hint: "Ask an admin.",
      canRetry: false,
    });
    expect(failure({ code: "cluster_action_not_confirmed", message: "changed", hint: "" })).toMatchObject({ canRetry: true });
    expect(failure("boom")).toMatchObject({ message: "boom", hint: "" });
  });

  it("names an audit row's object", () => {
    const e = { namespace: "shop", name: "web" } as ClusterAuditEntry;
    expect(auditObject(e)).toBe("shop/web");
    expect(auditObject({ ...e, namespace: null })).toBe("web");
  });
});
