import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import { ClusterUsage } from "./ClusterUsage";
import type { Api } from "./api";
import type { ClusterMetrics } from "./generated/types";

const fake = (m: ClusterMetrics) => ({ clusterMetrics: vi.fn(async () => m) }) as unknown as Api;

describe("ClusterUsage", () => {
  it("shows usage beside allocatable and requests, in the namespace chosen", async () => {
    const api = fake({
      state: "available",
      nodes: [{ name: "node-a", cpu_used: 441, cpu_allocatable: 4000, memory_used: 2_304_000_000, memory_allocatable: 8_256_671_744 }],
      pods: [
        { key: "kube-system/coredns", cpu_used: 1.7, cpu_request: 100, cpu_limit: null, memory_used: 12_582_912, memory_request: 73_400_320, memory_limit: 178_257_920 },
        { key: "default/web", cpu_used: null, cpu_request: 0, cpu_limit: null, memory_used: null, memory_request: 0, memory_limit: null },
      ],
    });
    render(<ClusterUsage api={api} namespace="kube-system" onError={() => {}} />);
    const node = await screen.findByTestId("cluster-usage-node");
    expect(node.textContent).toBe("node-a441m / 4 cores (11%)2.1 GiB / 7.7 GiB (28%)");
    const pods = screen.getAllByTestId("cluster-usage-pod");
    expect(pods.map((p) => p.getAttribute("data-key"))).toEqual(["kube-system/coredns"]);
    expect(pods[0].textContent).toContain("12 MiB · 70 MiB · 170 MiB (7%)");
    expect(pods[0].textContent).toContain("no limit");
    expect(screen.queryByTestId("cluster-metrics-notice")).toBeNull();
  });

  it("says once that metrics-server is not installed and still lists capacity", async () => {
    const api = fake({ state: "not_installed", nodes: [{ name: "node-a", cpu_used: null, cpu_allocatable: 4000, memory_used: null, memory_allocatable: 1024 }], pods: [] });
    render(<ClusterUsage api={api} namespace="" onError={() => {}} />);
    await waitFor(() => expect(screen.getAllByTestId("cluster-metrics-notice")).toHaveLength(1));
    expect(screen.getByTestId("cluster-metrics-notice").textContent).toContain("metrics-server not installed");
    expect(screen.getByTestId("cluster-usage-node").textContent).toBe("node-a— / 4 cores— / 1 KiB");
  });
});
