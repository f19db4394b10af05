import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { AddCloudClusterDialog } from "./AddCloudClusterDialog";
import type { Api } from "./api";
import type { AddContextPreview, CloudCluster } from "./generated/types";

const shop: CloudCluster = {
  cloud: "eks" as const,
  name: "shop",
  id: "arn:aws:eks:eu-west-1:123456789012:cluster/shop",
  region: "eu-west-1",
  version: "1.31",
  status: "ACTIVE",
  endpoint: "https://shop.eks.amazonaws.com",
  context: "arn:aws:eks:eu-west-1:123456789012:cluster/shop",
  in_kubeconfig: false,
};
const preview: AddContextPreview = {
  id: shop.id,
  file: "/home/u/.kube/config",
  creates_file: false,
  context: shop.context,
  server: shop.endpoint,
  replaces: [],
  current_context_before: "kind-dev",
  credentials: "aws --region eu-west-1 eks get-token --cluster-name shop",
};

function fake(add: () => Promise<unknown>) {
  return {
    discoverCloudClusters: vi.fn(async (r: { cloud: "eks" | "aks" | "gke" }) => ({
      cloud: r.cloud,
      signed_in: "AWS profile dev",
      scope: "account 123456789012",
      clusters: [shop],
      problems: [{ scope: "ap-east-1", code: "aws.opt_in", message: "The region is not enabled for this account", hint: "Enable it in the account settings." }],
    })),
    previewAddClusterContext: vi.fn(async () => preview),
    addClusterContext: vi.fn(add),
  } as unknown as Api;
}

describe("AddCloudClusterDialog", () => {
  it("looks in the typed regions, previews the kubeconfig change and adds only after the confirmation", async () => {
    const api = fake(async () => ({ preview, backup: "/home/u/.kube/config.orbis-backup-1" }));
    const onClose = vi.fn();
    render(<AddCloudClusterDialog api={api} onClose={onClose} />);
    fireEvent.change(screen.getByTestId("cloud-clusters-regions"), { target: { value: "eu-west-1 nowhere" } });
    fireEvent.click(screen.getByTestId("cloud-clusters-search"));
    expect(screen.getByRole("alert").textContent).toContain("Not a region name: nowhere");
    expect(api.discoverCloudClusters).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId("cloud-clusters-scope"), { target: { value: " dev " } });
    fireEvent.change(screen.getByTestId("cloud-clusters-regions"), { target: { value: "eu-west-1, ap-east-1" } });
    fireEvent.click(screen.getByTestId("cloud-clusters-search"));
    await waitFor(() => expect(screen.getByTestId("cloud-clusters-summary").textContent).toBe("1 EKS cluster in account 123456789012 (AWS profile dev) · 1 region could not be listed"));
    expect(api.discoverCloudClusters).toHaveBeenCalledWith({ cloud: "eks", profile: "dev", regions: ["eu-west-1", "ap-east-1"], subscription: null, project: null });
    expect(screen.getByTestId("cloud-clusters-problem").textContent).toContain("ap-east-1: The region is not enabled");

    fireEvent.click(screen.getByTestId("cloud-cluster-add"));
    await waitFor(() => expect(screen.getByTestId("cloud-clusters-preview").textContent).toContain("Makes it the current context (now kind-dev)"));
    expect(api.previewAddClusterContext).toHaveBeenCalledWith(shop.id);
    expect(api.addClusterContext).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("cloud-clusters-confirm"));
    await waitFor(() => expect(screen.getByTestId("cloud-clusters-done").textContent).toContain("The file as it was is in /home/u/.kube/config.orbis-backup-1"));
    expect(api.addClusterContext).toHaveBeenCalledWith(shop.id);
    fireEvent.click(screen.getByTestId("cloud-clusters-close"));
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it("shows a refused write in plain words and goes back to the list", async () => {
    const api = fake(async () => {
      throw { code: "cluster_discovery", message: "/home/u/.kube/config is not a kubeconfig that can be read, so it was left as it is.", hint: "Fix the file." };
    });
    const onClose = vi.fn();
    render(<AddCloudClusterDialog api={api} onClose={onClose} />);
    fireEvent.click(screen.getByTestId("cloud-clusters-search"));
    await waitFor(() => screen.getByTestId("cloud-cluster-add"));
    expect(api.discoverCloudClusters).toHaveBeenCalledWith({ cloud: "eks", profile: null, regions: [], subscription: null, project: null });
    fireEvent.click(screen.getByTestId("cloud-cluster-add"));
    await waitFor(() => screen.getByTestId("cloud-clusters-confirm"));
    fireEvent.click(screen.getByTestId("cloud-clusters-confirm"));
    await waitFor(() => expect(screen.getByTestId("cloud-clusters-error").textContent).toContain("left as it is"));
    fireEvent.click(screen.getByTestId("cloud-clusters-back"));
    expect(screen.getByTestId("cloud-clusters-list")).toBeTruthy();
    fireEvent.click(screen.getByTestId("cloud-clusters-cancel"));
    expect(onClose).toHaveBeenCalledWith(false);
  });
});

describe("AddCloudClusterDialog for AKS and GKE", () => {
  it("asks AKS for a subscription (no regions) and GKE for a project, each with its own words", async () => {
    const api = fake(async () => ({ preview, backup: null }));
    render(<AddCloudClusterDialog api={api} onClose={vi.fn()} />);
    fireEvent.click(screen.getByTestId("cloud-clusters-cloud-aks"));
    expect(screen.queryByTestId("cloud-clusters-regions")).toBeNull();
    expect(screen.getByText("Subscription")).toBeTruthy();
    fireEvent.change(screen.getByTestId("cloud-clusters-scope"), { target: { value: "Platform Prod" } });
    fireEvent.click(screen.getByTestId("cloud-clusters-search"));
    await waitFor(() => screen.getByTestId("cloud-clusters-summary"));
    expect(api.discoverCloudClusters).toHaveBeenLastCalledWith({ cloud: "aks", profile: null, regions: [], subscription: "Platform Prod", project: null });
    expect(screen.getByTestId("cloud-clusters-summary").textContent).toContain("1 subscription could not be listed");

    fireEvent.click(screen.getByTestId("cloud-clusters-again"));
    fireEvent.click(screen.getByTestId("cloud-clusters-cloud-gke"));
    expect((screen.getByTestId("cloud-clusters-scope") as HTMLInputElement).value).toBe("");
    fireEvent.change(screen.getByTestId("cloud-clusters-scope"), { target: { value: "Shop Prod" } });
    fireEvent.click(screen.getByTestId("cloud-clusters-search"));
    expect(screen.getByRole("alert").textContent).toContain("Not a project id");
  });
});
