import { describe, expect, it } from "vitest";
import { nodeUsageCell, podUsageCell, usageLookup } from "./cluster-usage-model";
import type { ClusterMetrics } from "./generated/types";

const metrics: ClusterMetrics = {
  state: "available",
  nodes: [
    { name: "node-a", cpu_used: 441, cpu_allocatable: 4000, memory_used: 2_304_000_000, memory_allocatable: 8_256_671_744 },
    { name: "node-b", cpu_used: 3800, cpu_allocatable: 4000, memory_used: null, memory_allocatable: 1024 },
  ],
  pods: [
    { key: "kube-system/coredns", cpu_used: 1.7, cpu_request: 100, cpu_limit: null, memory_used: 12_582_912, memory_request: 73_400_320, memory_limit: 178_257_920 },
    { key: "default/web", cpu_used: null, cpu_request: 0, cpu_limit: null, memory_used: null, memory_request: 0, memory_limit: null },
  ],
};

describe("usage columns of the node and pod lists", () => {
  it("joins node usage by name with the share of allocatable", () => {
    const l = usageLookup(metrics);
    expect(nodeUsageCell(l, "node-a", "cpu")).toEqual({ text: "441m (11%)", title: "CPU used 441m of 4 cores allocatable", share: 11 });
    expect(nodeUsageCell(l, "node-a", "memory")).toMatchObject({ text: "2.1 GiB (28%)", share: 28 });
    expect(nodeUsageCell(l, "node-b", "cpu").share).toBe(95);
    expect(nodeUsageCell(l, "node-b", "memory")).toEqual({ text: "—", title: "No Memory sample for this node yet (allocatable 1 KiB).", share: null });
    expect(nodeUsageCell(l, "node-new", "cpu")).toMatchObject({ text: "—", title: "No metrics for this node yet." });
  });

  it("joins pod usage by namespace/name with request and limit in the tooltip", () => {
    const l = usageLookup(metrics);
    expect(podUsageCell(l, "kube-system/coredns", "cpu")).toEqual({ text: "1.7m", title: "CPU used 1.7m · request 100m · limit none", share: 2 });
    expect(podUsageCell(l, "kube-system/coredns", "memory")).toEqual({ text: "12 MiB", title: "Memory used 12 MiB · request 70 MiB · limit 170 MiB", share: 7 });
    expect(podUsageCell(l, "default/web", "cpu")).toMatchObject({ text: "—", title: "No CPU sample for this pod yet (request none · limit none)." });
    // A key of another namespace is not matched by name alone.
    expect(podUsageCell(l, "default/coredns", "cpu").text).toBe("—");
  });

  it("says why every cell is empty when the metrics API is missing, forbidden, failed or not read yet", () => {
    const without = usageLookup({ ...metrics, state: "not_installed" });
    expect(nodeUsageCell(without, "node-a", "cpu")).toMatchObject({ text: "—", share: null });
    expect(nodeUsageCell(without, "node-a", "cpu").title).toContain("metrics-server not installed");
    expect(podUsageCell(usageLookup({ ...metrics, state: "no_access" }), "default/web", "memory").title).toContain("No access");
    expect(podUsageCell(usageLookup(null, "not connected"), "default/web", "cpu")).toMatchObject({ text: "—", title: "Usage could not be read: not connected" });
    expect(nodeUsageCell(usageLookup(null), "node-a", "cpu")).toMatchObject({ text: "…", title: "Reading usage…" });
  });
});
