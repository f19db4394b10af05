import { describe, expect, it } from "vitest";
import type { ClusterGitOps, GitOpsApp, GitOpsTool } from "./generated/types";
import { installedLine, severityCounts, shortRevision, statusText, toolNotice, visibleApps } from "./gitops-model";

const app = (over: Partial<GitOpsApp>): GitOpsApp => ({
  tool: "flux",
  kind: "Kustomization",
  namespace: "flux-system",
  name: "infra",
  sync: null,
  health: null,
  ready: "True",
  reason: "ReconciliationSucceeded",
  suspended: false,
  revision: "main@sha1:4b1a6c0e1d0f",
  source: "GitRepository/flux-system ./infrastructure",
  destination: null,
  message: null,
  severity: "ok",
  ...over,
});

describe("gitops-model", () => {
  it("says which tool is not installed, once for both", () => {
    const g = (argo: GitOpsTool["presence"], flux: GitOpsTool["presence"]): ClusterGitOps => ({ argo: { presence: argo, no_access: [] }, flux: { presence: flux, no_access: [] }, apps: [] });
    expect(installedLine(g("not_installed", "not_installed"))).toMatch(/^Argo CD \/ Flux not installed/);
    expect(installedLine(g("installed", "not_installed"))).toBe("Flux not installed.");
    expect(installedLine(g("installed", "installed"))).toBeNull();
    expect(installedLine(g("no_access", "no_access"))).toBeNull();
  });

  it("says no access for forbidden discovery and forbidden kinds", () => {
    expect(toolNotice("Flux", { presence: "installed", no_access: ["HelmRelease"] })).toBe("Flux: no access to HelmRelease (RBAC forbids listing them).");
    expect(toolNotice("Argo CD", { presence: "no_access", no_access: [] })).toMatch(/^Argo CD: no access/);
    expect(toolNotice("Argo CD", { presence: "installed", no_access: [] })).toBeNull();
    expect(toolNotice("Argo CD", { presence: "not_installed", no_access: [] })).toBeNull();
  });

  it("puts each status in words", () => {
    expect(statusText(app({ tool: "argo", kind: "Application", sync: "OutOfSync", health: "Degraded", ready: null }))).toBe("OutOfSync · Degraded");
    expect(statusText(app({ tool: "argo", kind: "Application", sync: null, health: null, ready: null }))).toBe("Unknown · Unknown");
    expect(statusText(app({}))).toBe("Ready");
    expect(statusText(app({ ready: "False", reason: "BuildFailed" }))).toBe("Not ready: BuildFailed");
    expect(statusText(app({ ready: null, reason: null }))).toBe("Ready unknown");
    expect(statusText(app({ suspended: true }))).toBe("Suspended · Ready");
  });

  it("shortens commit hashes but keeps versions", () => {
    expect(shortRevision("main@sha1:4b1a6c0e1d0f")).toBe("main@sha1:4b1a6c0");
    expect(shortRevision("53e28ff20cc530b9ada2173fbbd64d48338583ba")).toBe("53e28ff");
    expect(shortRevision("podinfo@6.7.1")).toBe("podinfo@6.7.1");
    expect(shortRevision(null)).toBe("—");
  });

  it("filters by namespace and words and counts severities", () => {
    const apps = [app({}), app({ name: "apps", severity: "error", message: "kustomize build failed" }), app({ tool: "argo", kind: "Application", namespace: "argocd", name: "guestbook", severity: "warning" })];
    expect(visibleApps(apps, "flux-system", "").map((a) => a.name)).toEqual(["infra", "apps"]);
    expect(visibleApps(apps, "", "BUILD").map((a) => a.name)).toEqual(["apps"]);
    expect(visibleApps(apps, "", "application").map((a) => a.name)).toEqual(["guestbook"]);
    expect(severityCounts(apps)).toEqual({ error: 1, warning: 1, ok: 1 });
  });
});
