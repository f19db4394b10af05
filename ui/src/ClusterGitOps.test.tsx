import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { ClusterGitOps } from "./ClusterGitOps";
import type { Api } from "./api";
import type { ClusterGitOps as GitOpsData, GitOpsApp } from "./generated/types";

const argo: GitOpsApp = {
  tool: "argo",
  kind: "Application",
  namespace: "argocd",
  name: "payments",
  sync: "OutOfSync",
  health: "Degraded",
  ready: null,
  reason: null,
  suspended: false,
  revision: "1.4.2",
  source: "https://charts.example.com chart payments @ 1.4.2",
  destination: "prod-eu · payments",
  message: "Failed: one or more objects failed to apply",
  severity: "error",
};
const flux: GitOpsApp = { ...argo, tool: "flux", kind: "Kustomization", namespace: "flux-system", name: "infra", sync: null, health: null, ready: "True", reason: "ReconciliationSucceeded", revision: "main@sha1:4b1a6c0e1d0f", source: "GitRepository/flux-system ./infrastructure", destination: null, message: "Applied revision", severity: "ok" };

describe("ClusterGitOps", () => {
  it("lists Argo CD and Flux applications worst first with the failure message", async () => {
    const data: GitOpsData = { argo: { presence: "installed", no_access: [] }, flux: { presence: "installed", no_access: ["HelmRelease"] }, apps: [argo, flux] };
    const clusterGitops = vi.fn(async () => data);
    render(<ClusterGitOps api={{ clusterGitops } as unknown as Api} namespace="" onError={() => {}} />);
    const rows = await screen.findAllByTestId("gitops-app");
    expect(rows.map((r) => r.getAttribute("data-key"))).toEqual(["argo/Application/argocd/payments", "flux/Kustomization/flux-system/infra"]);
    expect(rows[0].textContent).toContain("OutOfSync · Degraded");
    expect(rows[1].textContent).toContain("main@sha1:4b1a6c0");
    // Only the failing one carries its message.
    expect(screen.getAllByTestId("gitops-message").map((m) => m.textContent)).toEqual(["Failed: one or more objects failed to apply"]);
    expect(screen.getByTestId("gitops-no-access").textContent).toContain("no access to HelmRelease");
    expect(screen.queryByTestId("gitops-not-installed")).toBeNull();
    fireEvent.change(screen.getByLabelText("Filter applications"), { target: { value: "infrastructure" } });
    expect(screen.getAllByTestId("gitops-app")).toHaveLength(1);
    fireEvent.click(screen.getByTestId("gitops-refresh"));
    expect(clusterGitops).toHaveBeenCalledTimes(2);
  });

  it("says when neither tool is installed instead of an empty table", async () => {
    const data: GitOpsData = { argo: { presence: "not_installed", no_access: [] }, flux: { presence: "not_installed", no_access: [] }, apps: [] };
    render(<ClusterGitOps api={{ clusterGitops: vi.fn(async () => data) } as unknown as Api} namespace="" onError={() => {}} />);
    expect((await screen.findByTestId("gitops-not-installed")).textContent).toContain("Argo CD / Flux not installed");
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("hands errors to the view", async () => {
    const onError = vi.fn();
    render(<ClusterGitOps api={{ clusterGitops: vi.fn(async () => Promise.reject(new Error("No cluster is connected"))) } as unknown as Api} namespace="" onError={onError} />);
    await vi.waitFor(() => expect(onError).toHaveBeenCalled());
    expect(await screen.findByText("GitOps status could not be read.")).toBeTruthy();
  });
});
