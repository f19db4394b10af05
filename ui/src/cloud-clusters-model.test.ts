import { describe, expect, it } from "vitest";
import type { AddContextPreview, CloudCluster, CloudClusters } from "./generated/types";
import { doneMessage, failure, foundSummary, parseRegions, previewLines, requestFor, sortedClusters } from "./cloud-clusters-model";

const cluster = (name: string, region: string, in_kubeconfig = false): CloudCluster => ({
  cloud: "eks",
  name,
  id: `arn:aws:eks:${region}:123456789012:cluster/${name}`,
  region,
  version: "1.31",
  status: "ACTIVE",
  endpoint: `https://${name}.eks.amazonaws.com`,
  context: `arn:aws:eks:${region}:123456789012:cluster/${name}`,
  in_kubeconfig,
});

const preview = (over: Partial<AddContextPreview> = {}): AddContextPreview => ({
  id: "arn:aws:eks:eu-west-1:1:cluster/shop",
  file: "/home/u/.kube/config",
  creates_file: false,
  context: "arn:aws:eks:eu-west-1:1:cluster/shop",
  server: "https://shop.eks.amazonaws.com",
  replaces: [],
  current_context_before: "kind-dev",
  credentials: "aws --region eu-west-1 eks get-token --cluster-name shop",
  ...over,
});

describe("parseRegions", () => {
  it("reads comma and space separated region names, once each, lower-cased", () => {
    expect(parseRegions(" eu-west-1, US-EAST-2  eu-west-1\nus-gov-west-1")).toEqual({ ok: ["eu-west-1", "us-east-2", "us-gov-west-1"] });
  });
  it("takes an empty field as the profile's region", () => {
    expect(parseRegions("  ")).toEqual({ ok: [] });
  });
  it("names what is not a region", () => {
    expect(parseRegions("eu-west-1, frankfurt, 12")).toEqual({ error: "Not a region name: frankfurt, 12 (for example eu-west-1)" });
  });
});

describe("requestFor", () => {
  it("sends each cloud only its own fields", () => {
    expect(requestFor({ cloud: "eks", scope: " dev ", regionsText: "eu-west-1" })).toEqual({
      ok: { cloud: "eks", profile: "dev", regions: ["eu-west-1"], subscription: null, project: null },
    });
    expect(requestFor({ cloud: "aks", scope: "Platform Prod", regionsText: "ignored" })).toEqual({
      ok: { cloud: "aks", profile: null, regions: [], subscription: "Platform Prod", project: null },
    });
    expect(requestFor({ cloud: "gke", scope: "", regionsText: "" })).toEqual({
      ok: { cloud: "gke", profile: null, regions: [], subscription: null, project: null },
    });
    expect(requestFor({ cloud: "gke", scope: "shop-prod-123", regionsText: "" })).toEqual({
      ok: { cloud: "gke", profile: null, regions: [], subscription: null, project: "shop-prod-123" },
    });
  });
  it("refuses what cannot be a region or a project id", () => {
    expect(requestFor({ cloud: "eks", scope: "", regionsText: "mars-1" })).toEqual({ error: "Not a region name: mars-1 (for example eu-west-1)" });
    expect(requestFor({ cloud: "gke", scope: "My Shop", regionsText: "" })).toEqual({
      error: "Not a project id: My Shop (lower-case letters, digits and hyphens)",
    });
  });
});

describe("the list", () => {
  const found: CloudClusters = {
    cloud: "eks",
    signed_in: "AWS profile dev",
    scope: "account 123456789012",
    clusters: [cluster("web", "us-east-1", true), cluster("shop", "eu-west-1"), cluster("data", "eu-west-1")],
    problems: [],
  };
  it("puts clusters not yet in the kubeconfig first, then by region and name", () => {
    expect(sortedClusters(found).map((c) => c.name)).toEqual(["data", "shop", "web"]);
  });
  it("sums up what was found and what failed", () => {
    expect(foundSummary(found)).toBe("3 EKS clusters in account 123456789012 (AWS profile dev)");
    expect(
      foundSummary({ ...found, clusters: [], problems: [{ scope: "ap-east-1", code: "aws.denied", message: "denied", hint: "" }] }),
    ).toBe("No EKS cluster in account 123456789012 (AWS profile dev) · 1 region could not be listed");
    const problem = { scope: "Sandbox", code: "cloud.denied", message: "AuthorizationFailed", hint: "" };
    expect(foundSummary({ cloud: "aks", signed_in: "the Azure CLI", scope: "subscriptions Prod, Sandbox", clusters: [found.clusters[0]], problems: [problem, { ...problem, scope: "Dev" }] })).toBe(
      "1 AKS cluster in subscriptions Prod, Sandbox (the Azure CLI) · 2 subscriptions could not be listed",
    );
  });
});

describe("the preview", () => {
  it("says which file changes, what is added and how it signs in", () => {
    expect(previewLines(preview())).toEqual([
      "Changes /home/u/.kube/config (a backup copy is made first)",
      "Adds context arn:aws:eks:eu-west-1:1:cluster/shop → https://shop.eks.amazonaws.com",
      "Makes it the current context (now kind-dev)",
      "Signs in with: aws --region eu-west-1 eks get-token --cluster-name shop",
    ]);
  });
  it("names replaced entries and a created file", () => {
    const lines = previewLines(preview({ creates_file: true, replaces: ["cluster x", "user x"], current_context_before: null }));
    expect(lines[0]).toBe("Creates /home/u/.kube/config");
    expect(lines).toContain("Replaces the existing cluster x");
    expect(lines).toContain("Replaces the existing user x");
    expect(lines).toContain("Makes it the current context");
  });
  it("says where the backup is", () => {
    expect(doneMessage(preview(), "/home/u/.kube/config.bak")).toBe(
      "Added arn:aws:eks:eu-west-1:1:cluster/shop to /home/u/.kube/config. The file as it was is in /home/u/.kube/config.bak.",
    );
    expect(doneMessage(preview(), null)).toContain("(new file)");
  });
  it("keeps the error's message and hint", () => {
    expect(failure({ code: "cloud_scan_failed", message: "The SSO session expired", hint: "Run `aws sso login`" }, null)).toEqual({
      step: "failed",
      message: "The SSO session expired",
      hint: "Run `aws sso login`",
      back: null,
    });
  });
});
