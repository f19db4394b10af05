import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { ClusterHelm } from "./ClusterHelm";
import type { Api } from "./api";
import type { HelmReleases } from "./generated/types";

const rev = (revision: number, status: string, version: string, changes: string[]) => ({
  revision,
  status,
  chart: "shop",
  chart_version: version,
  app_version: "1.27.0",
  updated: "2026-05-03T10:00:00.000Z",
  description: "Upgrade complete",
  values_changes: changes,
});

describe("ClusterHelm", () => {
  it("lists releases with their current revision and opens the history with values changes", async () => {
    const data: HelmReleases = {
      releases: [
        { namespace: "default", name: "shop", history: [rev(2, "deployed", "0.4.1", ["replicaCount: 2 → 3"]), rev(1, "superseded", "0.3.0", [])] },
        { namespace: "tools", name: "grafana", history: [rev(1, "failed", "8.0.0", [])] },
      ],
      errors: [],
    };
    const api = { clusterHelmReleases: vi.fn(async () => data) } as unknown as Api;
    render(<ClusterHelm api={api} namespace="default" onError={() => {}} />);
    const row = await screen.findByTestId("helm-release");
    expect(row.textContent).toContain("shop-0.4.1");
    expect(row.textContent).toContain("deployed");
    expect(screen.getAllByTestId("helm-release")).toHaveLength(1);
    fireEvent.click(row);
    const revs = screen.getAllByTestId("helm-revision");
    expect(revs.map((r) => r.textContent?.slice(0, 10))).toEqual(["revision 2", "revision 1"]);
    expect(revs[0].textContent).toContain("replicaCount: 2 → 3");
  });

  it("says when secrets may not be listed", async () => {
    const api = { clusterHelmReleases: vi.fn(async () => ({ releases: null, errors: [] })) } as unknown as Api;
    render(<ClusterHelm api={api} namespace="" onError={() => {}} />);
    expect((await screen.findByTestId("helm-no-access")).textContent).toContain("No permission to list secrets");
  });
});
