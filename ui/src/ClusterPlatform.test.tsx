import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { ClusterPlatform } from "./ClusterPlatform";
import type { Api } from "./api";
import type { ClusterPlatform as Platform } from "./generated/types";

const data: Platform = {
  namespace: "default",
  quotas: [{ quota: "compute", resource: "pods", used: "9", hard: "10", percent: 90 }],
  limits: [],
  access: [
    { subject: "ServiceAccount default/fernand", resources: [{ resource: "pods", verbs: ["get", "list", "patch", "watch"] }], via: ["RoleBinding blee → Role blee"] },
    { subject: "User admin", resources: [{ resource: "*", verbs: ["*"] }], via: ["ClusterRoleBinding admins → ClusterRole cluster-admin"] },
  ],
  policies: null,
};

describe("ClusterPlatform", () => {
  it("shows quotas, the access matrix and says what it may not list", async () => {
    const api = { clusterPlatform: vi.fn(async () => data) } as unknown as Api;
    render(<ClusterPlatform api={api} namespace="default" onError={() => {}} />);
    const quota = await screen.findByTestId("platform-quota");
    expect(quota.textContent).toBe("computepods91090%");
    expect(screen.getByText(/No limit range/)).toBeTruthy();
    const subjects = screen.getAllByTestId("platform-subject");
    expect(subjects[0].textContent).toBe("ServiceAccount default/fernandread, patch");
    expect(subjects[1].textContent).toBe("User adminallall");
    expect(subjects[0].getAttribute("title")).toBe("RoleBinding blee → Role blee");
    expect(screen.getByTestId("platform-no-access").textContent).toBe("No permission to list network policies.");
    expect(api.clusterPlatform).toHaveBeenCalledWith("default");
  });

  it("asks for a namespace first", () => {
    const api = { clusterPlatform: vi.fn() } as unknown as Api;
    render(<ClusterPlatform api={api} namespace="" onError={() => {}} />);
    expect(screen.getByText(/Pick a namespace/)).toBeTruthy();
    expect(api.clusterPlatform).not.toHaveBeenCalled();
  });
});
