import { describe, expect, it } from "vitest";
import type { ClusterContextProbe } from "./generated/types";
import { failingLine, probeHealth, probeLine, probeTotals } from "./cluster-probe-model";

const probe = (over: Partial<ClusterContextProbe> = {}): ClusterContextProbe => ({
  context: "prod",
  reachable: true,
  versions: ["v1.30.4"],
  nodes: 3,
  nodes_ready: 3,
  pods: 40,
  failing_pods: 0,
  failing: [],
  problem: null,
  millis: 120,
  ...over,
});

describe("a probe in words", () => {
  it("says a healthy cluster briefly", () => {
    expect(probeLine(probe())).toBe("v1.30.4 · 3 nodes ready · 40 pods, none failing");
    expect(probeHealth(probe())).toBe("ok");
  });
  it("names not-ready nodes, a version skew and failing pods", () => {
    const p = probe({
      versions: ["v1.29.8", "v1.30.4"],
      nodes_ready: 2,
      failing_pods: 7,
      failing: [
        { pod: "shop/web-1", reason: "CrashLoopBackOff" },
        { pod: "shop/worker-2", reason: "OOMKilled" },
      ],
    });
    expect(probeLine(p)).toBe("versions v1.29.8, v1.30.4 (skew) · 2/3 nodes ready · 40 pods, 7 failing");
    expect(failingLine(p)).toBe("shop/web-1 (CrashLoopBackOff), shop/worker-2 (OOMKilled) and 5 more");
    expect(probeHealth(p)).toBe("error");
    expect(probeHealth(probe({ nodes_ready: 2 }))).toBe("warning");
  });
  it("leaves the pods out when RBAC refused them, and says unreachable plainly", () => {
    const forbidden = probe({ pods: 0, problem: { code: "clusters.forbidden", message: "no", hint: "", fix_command: null, file: null } });
    expect(probeLine(forbidden)).toBe("v1.30.4 · 3 nodes ready");
    expect(probeHealth(forbidden)).toBe("warning");
    expect(probeLine(probe({ reachable: false }))).toBe("unreachable");
    expect(failingLine(probe())).toBeNull();
  });
  it("sums up every cluster", () => {
    expect(probeTotals([probe(), probe({ failing_pods: 1 }), probe({ reachable: false, failing_pods: 0 })])).toBe("2/3 reachable (1 not) · 1 failing pod");
    expect(probeTotals([probe({ failing_pods: 2 })])).toBe("1/1 reachable · 2 failing pods");
  });
});
