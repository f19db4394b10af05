import { describe, expect, it } from "vitest";
import { formatCpu, formatMemory, metricsNotice, percent, sortedNodes, sortedPods } from "./cluster-usage-model";
import type { NodeUsageRow, PodUsageRow } from "./generated/types";

describe("cluster usage model", () => {
  it("formats CPU and memory as kubectl top reads", () => {
    expect(formatCpu(1.734567)).toBe("1.7m");
    expect(formatCpu(247)).toBe("247m");
    expect(formatCpu(1500)).toBe("1.5 cores");
    expect(formatCpu(4000)).toBe("4 cores");
    expect(formatCpu(null)).toBe("—");
    expect(formatMemory(12_582_912)).toBe("12 MiB");
    expect(formatMemory(1_536_000_000)).toBe("1.4 GiB");
    expect(formatMemory(512)).toBe("512 B");
    expect(formatMemory(null)).toBe("—");
  });

  it("computes shares only when both sides are known", () => {
    expect(percent(441, 4000)).toBe(11);
    expect(percent(null, 4000)).toBeNull();
    expect(percent(5, 0)).toBeNull();
  });

  it("says once that metrics-server is missing, and nothing when usage is there", () => {
    expect(metricsNotice({ state: "not_installed", nodes: [], pods: [] })).toContain("metrics-server not installed");
    expect(metricsNotice({ state: "no_access", nodes: [], pods: [] })).toContain("No permission");
    expect(metricsNotice({ state: "available", nodes: [], pods: [] })).toBeNull();
    expect(metricsNotice(null)).toBeNull();
  });

  it("sorts by what uses most, unknown usage last", () => {
    const node = (name: string, cpu: number | null): NodeUsageRow => ({ name, cpu_used: cpu, cpu_allocatable: 4000, memory_used: null, memory_allocatable: 1 });
    expect(sortedNodes([node("a", 100), node("b", null), node("c", 900)]).map((n) => n.name)).toEqual(["c", "a", "b"]);
    const pod = (key: string, mem: number | null): PodUsageRow => ({ key, cpu_used: null, cpu_request: 0, cpu_limit: null, memory_used: mem, memory_request: 0, memory_limit: null });
    const pods = [pod("kube-system/a", 10), pod("default/b", null), pod("kube-system/c", 30)];
    expect(sortedPods(pods, "").map((p) => p.key)).toEqual(["kube-system/c", "kube-system/a", "default/b"]);
    expect(sortedPods(pods, "default").map((p) => p.key)).toEqual(["default/b"]);
  });
});
