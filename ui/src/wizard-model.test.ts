import { describe, expect, it } from "vitest";
import type { NewProjectOptions } from "./generated/types";
import {
  STEPS, fieldOfError, initialState, nextStep, parseNetworks, previousStep, publicAllowed, reachable, selectCloud,
  splitList, stepOfField, stepProblems, toRequest, toggleComponent, type WizardState,
} from "./wizard-model";

const options: NewProjectOptions = {
  clouds: [
    { name: "aws", label: "AWS", regions: ["us-east-1", "eu-west-1"], baseline_modules: ["aws/network"], backend: "S3", components: [
      { name: "web", description: "ECS", modules: ["aws/alb-waf"] },
      { name: "database", description: "RDS", modules: ["aws/rds"] },
      { name: "storage", description: "S3", modules: ["aws/s3-bucket"] },
    ] },
    { name: "azure", label: "Azure", regions: ["westeurope"], baseline_modules: ["azure/vnet"], backend: "azurerm", components: [
      { name: "kubernetes", description: "AKS", modules: ["azure/aks"] },
      { name: "storage", description: "Storage", modules: ["azure/storage-account"] },
    ] },
    { name: "gcp", label: "Google Cloud", regions: ["europe-west1"], baseline_modules: ["gcp/vpc"], backend: "gcs", components: [
      { name: "kubernetes", description: "GKE", modules: ["gcp/gke"] },
    ] },
  ],
  environments: [
    { name: "dev", summary: "small" },
    { name: "staging", summary: "middle" },
    { name: "prod", summary: "big" },
  ],
  exposures: ["public", "internal"],
  classifications: ["public", "internal", "confidential", "restricted"],
  catalog: "/opt/modules",
};

function filled(): WizardState {
  return { ...initialState(options), name: "shop", owner: "shop-team", costCenter: "cc-1", budget: "300", alertEmails: "a@example.com, b@example.com" };
}

describe("wizard model", () => {
  it("starts on the first cloud, environment and region", () => {
    const s = initialState(options);
    expect([s.step, s.cloud, s.environment, s.region]).toEqual(["cloud", "aws", "dev", "us-east-1"]);
    expect(STEPS[0]).toBe("cloud");
    expect(nextStep("cloud")).toBe("environment");
    expect(previousStep("cloud")).toBe("cloud");
    expect(nextStep("preview")).toBe("preview");
  });

  it("switching cloud keeps only what the new cloud offers", () => {
    let s = { ...filled(), region: "eu-west-1" };
    s = toggleComponent(toggleComponent(s, "web"), "storage");
    s = { ...s, exposure: "public" };
    const az = selectCloud(s, options, "azure");
    expect(az.region).toBe("westeurope");
    expect(az.components).toEqual(["storage"]);
    expect(az.exposure).toBe("internal");
    expect(selectCloud(s, options, "nope")).toBe(s);
  });

  it("public exposure only with the AWS web component", () => {
    expect(publicAllowed({ cloud: "aws", components: ["web"] })).toBe(true);
    expect(publicAllowed({ cloud: "aws", components: ["database"] })).toBe(false);
    expect(publicAllowed({ cloud: "gcp", components: ["web"] })).toBe(false);
    const s = toggleComponent({ ...toggleComponent(filled(), "web"), exposure: "public" }, "web");
    expect(s.exposure).toBe("internal");
  });

  it("blocks Next on an incomplete step and says why", () => {
    const empty = initialState(options);
    expect(stepProblems(empty, options, "cloud")).toEqual([]);
    expect(stepProblems(empty, options, "project")).toContain("Name the project.");
    expect(stepProblems({ ...filled(), budget: "12.5" }, options, "project")).toEqual(["The monthly budget is a whole number of USD."]);
    expect(stepProblems(filled(), options, "project")).toEqual([]);
    expect(stepProblems({ ...filled(), cloud: "azure" }, options, "project")).toEqual(["Name the existing Key Vault and its resource group."]);
    const web = toggleComponent(filled(), "web");
    expect(stepProblems(web, options, "components")[0]).toMatch(/image and domain/);
    expect(stepProblems({ ...web, webImage: "img:1", webDomain: "shop.example.com" }, options, "components")).toEqual([]);
    const gke = toggleComponent({ ...filled(), cloud: "gcp" }, "kubernetes");
    expect(stepProblems({ ...gke, gcpRbacGroup: "gke-security-groups@x.com", gcpNetworks: "office" }, options, "components")[0]).toMatch(/networks/);
    expect(stepProblems({ ...gke, gcpRbacGroup: "gke-security-groups@x.com", gcpNetworks: "office=10.0.0.0/8" }, options, "components")).toEqual([]);
    expect(stepProblems({ ...filled(), backendExisting: true }, options, "backend")[0]).toMatch(/existing state storage/);
    expect(stepProblems(filled(), options, "folder")).toEqual(["Choose a folder."]);
    const busy = { ...filled(), target: { path: "/p", exists: true, entry_count: 2, entries: ["a", "b"] } };
    expect(stepProblems(busy, options, "folder")[0]).toMatch(/not empty/);
    expect(stepProblems({ ...busy, overwrite: true }, options, "folder")).toEqual([]);
    expect(stepProblems({ ...busy, target: { ...busy.target, entry_count: 0, entries: [] } }, options, "folder")).toEqual([]);
  });

  it("a step is reachable only when every earlier one is complete", () => {
    expect(reachable(initialState(options), options, "region")).toBe(true);
    expect(reachable(initialState(options), options, "components")).toBe(false);
    expect(reachable(filled(), options, "components")).toBe(true);
    expect(reachable(filled(), options, "preview")).toBe(false);
  });

  it("builds the generator's request", () => {
    const s = { ...toggleComponent(filled(), "web"), webImage: " img:1 ", webDomain: "shop.example.com", secrets: "stripe-key\napi-token", exposure: "public" };
    const r = toRequest(s);
    expect(r).toMatchObject({
      name: "shop", cloud: "aws", region: "us-east-1", environment: "dev", components: ["web"], exposure: "public",
      owner: "shop-team", cost_center: "cc-1", monthly_budget: 300, alert_emails: ["a@example.com", "b@example.com"],
      secrets: ["stripe-key", "api-token"], web: { image: "img:1", domain: "shop.example.com", port: null },
    });
    expect(r.backend.existing).toBe(false);
    expect(r.settings.gcp_master_authorized_networks).toEqual([]);
    const g = toRequest({ ...toggleComponent({ ...filled(), cloud: "gcp" }, "kubernetes"), gcpNetworks: "office=203.0.113.0/24\nvpn 10.8.0.0/16", gcpProjectId: "p" });
    expect(g.settings.gcp_master_authorized_networks).toEqual([{ name: "office", cidr: "203.0.113.0/24" }, { name: "vpn", cidr: "10.8.0.0/16" }]);
    expect(g.settings.gcp_project_id).toBe("p");
    expect(g.settings.gcp_billing_account).toBeNull();
    expect(g.web).toBeNull();
  });

  it("sends a generator error back to the step of its field", () => {
    expect(fieldOfError("spec field `web.domain`: \"x\" is not a host name")).toBe("web.domain");
    expect(fieldOfError("something else")).toBeNull();
    expect(stepOfField("name")).toBe("project");
    expect(stepOfField("region")).toBe("region");
    expect(stepOfField("web.domain")).toBe("components");
    expect(stepOfField("gcp.master_authorized_networks")).toBe("components");
    expect(stepOfField("gcp.billing_account")).toBe("project");
    expect(stepOfField("aws.state_bucket")).toBe("backend");
    expect(stepOfField("cloud")).toBe("cloud");
  });

  it("splits lists and networks as typed", () => {
    expect(splitList(" a@x.com,b@x.com ;\n c@x.com ")).toEqual(["a@x.com", "b@x.com", "c@x.com"]);
    expect(parseNetworks("\n a = 10.0.0.0/8 \n")).toEqual([{ name: "a", cidr: "10.0.0.0/8" }]);
  });
});
