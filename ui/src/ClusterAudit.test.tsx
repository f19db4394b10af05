import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import { ClusterAudit } from "./ClusterAudit";
import type { Api } from "./api";
import type { ClusterAuditEntry } from "./generated/types";

const entry = (id: number, outcome: ClusterAuditEntry["outcome"], summary: string, message: string): ClusterAuditEntry => ({
  id, at: 1_795_737_600_000 + id * 1000, context: "prod", server: "https://k8s.example", namespace: "shop", kind: "deployment", name: "web",
  action: "scale", summary, identity: "user:alice", outcome, message, error_code: outcome === "failed" ? "clusters.forbidden" : null,
});

describe("ClusterAudit", () => {
  it("lists the log newest first with the outcome and what the cluster said, and reloads on demand", async () => {
    const rows = [entry(2, "failed", "Scale deployment web in shop from 3 to 5 replicas", "Not allowed (403 Forbidden)."), entry(1, "succeeded", "Scale deployment web in shop from 2 to 3 replicas", "deployment web in shop now wants 3 replicas.")];
    const api = { clusterAudit: vi.fn(async () => rows) } as unknown as Api;
    const { rerender } = render(<ClusterAudit api={api} reload={0} onError={() => {}} />);
    await waitFor(() => expect(screen.getAllByTestId("cluster-audit-row")).toHaveLength(2));
    const shown = screen.getAllByTestId("cluster-audit-row");
    expect(shown.map((r) => r.dataset.outcome)).toEqual(["failed", "succeeded"]);
    expect(shown[0].textContent).toContain("prod · deployment shop/web");
    expect(screen.getAllByTestId("cluster-audit-result")[0].textContent).toBe("Not allowed (403 Forbidden).");
    expect(api.clusterAudit).toHaveBeenCalledTimes(1);
    rerender(<ClusterAudit api={api} reload={1} onError={() => {}} />);
    await waitFor(() => expect(api.clusterAudit).toHaveBeenCalledTimes(2));
  });

  it("says when nothing was done yet", async () => {
    const api = { clusterAudit: vi.fn(async () => []) } as unknown as Api;
    render(<ClusterAudit api={api} reload={0} onError={() => {}} />);
    await waitFor(() => expect(screen.getByTestId("cluster-audit").textContent).toContain("No action has been taken"));
  });
});
