import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ClusterApplyDialog } from "./ClusterApplyDialog";
import type { Api } from "./api";
import type { ClusterApplyPreview } from "./generated/types";

const preview: ClusterApplyPreview = {
  token: "tok-9",
  source: "k8s/app.yaml",
  context: "prod",
  summary: "1 to create, 1 to change, 1 unchanged",
  request: "PATCH each object, server-side apply (field manager terraorbis, no force)",
  objects: [
    { document: 1, api_version: "v1", kind: "ConfigMap", namespace: "shop", name: "same", outcome: "unchanged", changes: [] },
    { document: 2, api_version: "apps/v1", kind: "Deployment", namespace: "shop", name: "web", outcome: "changed", changes: ["spec.replicas: 2 → 3"] },
    { document: 3, api_version: "v1", kind: "ConfigMap", namespace: "shop", name: "settings", outcome: "created", changes: ['data: {"mode":"fast"}'] },
  ],
};

function fake(overrides: Partial<Record<"previewClusterApply" | "runClusterApply", unknown>> = {}) {
  return {
    previewClusterApply: vi.fn(async () => preview),
    runClusterApply: vi.fn(async () => ({ message: "Applied k8s/app.yaml to prod: 1 to create, 1 to change, 1 unchanged (3 objects).", audit_ids: [1, 2, 3] })),
    ...overrides,
  } as unknown as Api;
}

describe("ClusterApplyDialog", () => {
  it("flushes the editor, shows the dry run per object, and applies with the preview's token", async () => {
    const api = fake();
    const order: string[] = [];
    const beforePreview = vi.fn(async () => void order.push("flush"));
    (api.previewClusterApply as ReturnType<typeof vi.fn>).mockImplementation(async () => {
      order.push("preview");
      return preview;
    });
    render(<ClusterApplyDialog api={api} path="k8s/app.yaml" beforePreview={beforePreview} onClose={() => {}} />);
    await waitFor(() => expect(screen.getByTestId("cluster-apply-summary").textContent).toBe("Apply k8s/app.yaml to prod: 1 to create, 1 to change, 1 unchanged"));
    expect(order).toEqual(["flush", "preview"]);
    const rows = screen.getAllByTestId("cluster-apply-object");
    expect(rows.map((r) => r.getAttribute("data-outcome"))).toEqual(["changed", "created", "unchanged"]);
    expect(rows[0].textContent).toContain("Deployment shop/web");
    expect(rows[0].textContent).toContain("spec.replicas: 2 → 3");
    expect(api.runClusterApply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("cluster-apply-confirm"));
    await waitFor(() => expect(screen.getByTestId("cluster-apply-done").textContent).toContain("Applied k8s/app.yaml to prod"));
    expect(api.runClusterApply).toHaveBeenCalledWith("k8s/app.yaml", "tok-9");
  });

  it("offers no confirmation when nothing changes", async () => {
    const same = { ...preview, summary: "1 unchanged", objects: [preview.objects[0]] };
    const api = fake({ previewClusterApply: vi.fn(async () => same) });
    render(<ClusterApplyDialog api={api} path="k8s/app.yaml" beforePreview={async () => {}} onClose={() => {}} />);
    await waitFor(() => expect(screen.getByTestId("cluster-apply-summary").textContent).toContain("Nothing to change"));
    expect(screen.queryByTestId("cluster-apply-confirm")).toBeNull();
  });

  it("shows Rust's error with its hint, and a new preview only when the cluster changed", async () => {
    const api = fake({
      previewClusterApply: vi.fn(async () => {
        throw { code: "cluster_action_invalid", message: "Document 1 (Application shop): the cluster does not serve kind Application in argoproj.io/v1alpha1.", hint: "Install its CRD first." };
      }),
    });
    render(<ClusterApplyDialog api={api} path="k8s/app.yaml" beforePreview={async () => {}} onClose={() => {}} />);
    await waitFor(() => expect(screen.getByTestId("cluster-apply-error").textContent).toContain("does not serve kind Application"));
    expect(screen.getByTestId("cluster-apply-error").textContent).toContain("Install its CRD first.");
    expect(screen.queryByTestId("cluster-apply-retry")).toBeNull();

    const changed = fake({
      runClusterApply: vi.fn(async () => {
        throw { code: "cluster_action_not_confirmed", message: "Not applied: the cluster changed since the preview", hint: "" };
      }),
    });
    render(<ClusterApplyDialog api={changed} path="k8s/app.yaml" beforePreview={async () => {}} onClose={() => {}} />);
    await waitFor(() => screen.getByTestId("cluster-apply-confirm"));
    fireEvent.click(screen.getByTestId("cluster-apply-confirm"));
    await waitFor(() => screen.getByTestId("cluster-apply-retry"));
    fireEvent.click(screen.getByTestId("cluster-apply-retry"));
    await waitFor(() => expect(changed.previewClusterApply).toHaveBeenCalledTimes(2));
  });
});
