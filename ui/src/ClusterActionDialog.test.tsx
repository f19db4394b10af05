import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ClusterActionDialog } from "./ClusterActionDialog";
import type { Api } from "./api";
import type { ClusterActionRequest, ClusterRow } from "./generated/types";

const row: ClusterRow = { type: "workload", namespace: "shop", name: "web", ready: 3, desired: 3, up_to_date: 3, reason: null, severity: "ok" };

function fake(run: (r: ClusterActionRequest, token: string | null) => Promise<unknown>) {
  return {
    previewClusterAction: vi.fn(async (r: ClusterActionRequest) => ({
      token: "tok-1",
      summary: r.action.action === "scale" ? `Scale deployment web in shop from 3 to ${r.action.replicas} replicas` : "Delete pod web-1 in shop",
      changes: ["spec.replicas: 3 → 5"],
      consequences: ["2 new pods are started."],
      warning: r.action.action === "delete_pod" ? "web-1 is not managed by a controller: once deleted it is gone." : null,
      request: "PATCH /apis/apps/v1/namespaces/shop/deployments/web/scale (merge patch)",
      context: "prod",
    })),
    runClusterAction: vi.fn(run),
  } as unknown as Api;
}

describe("ClusterActionDialog", () => {
  it("asks the count, shows the preview and confirms with its token", async () => {
    const api = fake(async () => ({ message: "deployment web in shop now wants 5 replicas.", audit_id: 4 }));
    const onClose = vi.fn();
    render(<ClusterActionDialog api={api} kind="deployment" objectKey="shop/web" row={row} action="scale" onClose={onClose} />);
    const input = screen.getByTestId("cluster-action-replicas") as HTMLInputElement;
    expect(input.value).toBe("3");
    fireEvent.change(input, { target: { value: "many" } });
    fireEvent.click(screen.getByTestId("cluster-action-preview"));
    expect(screen.getByRole("alert").textContent).toContain("whole number");
    expect(api.previewClusterAction).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId("cluster-action-replicas"), { target: { value: "5" } });
    fireEvent.click(screen.getByTestId("cluster-action-preview"));
    await waitFor(() => expect(screen.getByTestId("cluster-action-summary").textContent).toBe("Scale deployment web in shop from 3 to 5 replicas"));
    expect(api.runClusterAction).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("cluster-action-confirm"));
    await waitFor(() => expect(screen.getByTestId("cluster-action-done").textContent).toBe("deployment web in shop now wants 5 replicas."));
    expect(api.runClusterAction).toHaveBeenCalledWith({ kind: "deployment", key: "shop/web", action: { action: "scale", replicas: 5 } }, "tok-1");
    fireEvent.click(screen.getByTestId("cluster-action-close"));
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it("previews a delete at once with its warning, and shows a 403 in plain words", async () => {
    const api = fake(async () => {
      throw { code: "cluster_action_failed", message: "Not allowed: your credentials may not delete pods in shop (403 Forbidden).", hint: "Nothing was changed. Ask a cluster admin…" };
    });
    const onClose = vi.fn();
    const podRow: ClusterRow = { type: "pod", namespace: "shop", name: "web-1", phase: "Running", ready: "1/1", restarts: 0, reason: null, severity: "ok", message: null, node: null, created: null };
    render(<ClusterActionDialog api={api} kind="pod" objectKey="shop/web-1" row={podRow} action="delete_pod" onClose={onClose} />);
    await waitFor(() => expect(screen.getByTestId("cluster-action-warning").textContent).toContain("once deleted it is gone"));
    fireEvent.click(screen.getByTestId("cluster-action-confirm"));
    await waitFor(() => expect(screen.getByTestId("cluster-action-error").textContent).toContain("(403 Forbidden)"));
    expect(screen.getByTestId("cluster-action-error").textContent).toContain("Nothing was changed.");
    expect(screen.queryByTestId("cluster-action-retry")).toBeNull();
    fireEvent.click(screen.getByTestId("cluster-action-close"));
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it("cancelling a preview sends nothing", async () => {
    const api = fake(async () => ({ message: "", audit_id: 1 }));
    const onClose = vi.fn();
    render(<ClusterActionDialog api={api} kind="deployment" objectKey="shop/web" row={row} action="rollout_restart" onClose={onClose} />);
    await waitFor(() => screen.getByTestId("cluster-action-confirm"));
    fireEvent.click(screen.getByTestId("cluster-action-cancel"));
    expect(onClose).toHaveBeenCalledWith(false);
    expect(api.runClusterAction).not.toHaveBeenCalled();
  });
});
