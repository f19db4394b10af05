import { describe, expect, it } from "vitest";
import { linkAction, liveFileKind, objectName, prefillForm, sectionOf, syncDetail } from "./live-links-model";
import type { LiveLink, LiveSyncObject } from "./generated/types";

const obj = (o: Partial<LiveSyncObject>): LiveSyncObject => ({ document: 0, line: 1, kind: "Deployment", namespace: "default", name: "web", sync: "in_sync", changes: [], message: null, ...o });

describe("live links model", () => {
  it("knows which files get a live bar", () => {
    expect(liveFileKind("infra/main.tf")).toBe("terraform");
    expect(liveFileKind("k8s/app.yaml", "apiVersion: v1\nkind: ConfigMap\n")).toBe("yaml");
    expect(liveFileKind("ci.yml", "on: push\njobs: {}\n")).toBe(null);
    expect(liveFileKind("README.md")).toBe(null);
  });

  it("reads a sync state in words", () => {
    expect(syncDetail(obj({}))).toBe("in sync");
    expect(syncDetail(obj({ sync: "differs", changes: ["spec.replicas: 4 → 3", "a: 1 → 2"] }))).toBe("differs: spec.replicas: 4 → 3 (+1 more)");
    expect(syncDetail(obj({ sync: "unknown", message: "No permission." }))).toBe("not compared: No permission.");
    expect(objectName(obj({ namespace: null, kind: "Namespace", name: "shop" }))).toBe("Namespace shop");
  });

  it("sends a kind to its section and a missing context to Add cloud cluster", () => {
    expect(sectionOf("pod")).toBe("pods");
    expect(sectionOf("stateful_set")).toBe("workloads");
    expect(sectionOf("config_map")).toBe("config");
    expect(sectionOf("namespace")).toBe("overview");
    const open = { context: null, why: "", kind: null, key: null, helm_release: null, add_cluster: { cloud: "eks" as const, scope: "", regions: ["eu-west-1", "us-east-1"], name: "prod" } };
    expect(prefillForm(open)).toEqual({ form: { cloud: "eks", scope: "", regionsText: "eu-west-1, us-east-1" }, wanted: "prod" });
    expect(prefillForm({ ...open, add_cluster: null })).toBe(null);
    const link: LiveLink = { address: "a", resource_type: "aws_eks_cluster", line: 1, label: "EKS cluster", target: null, why: "its name is not known before apply" };
    expect(linkAction(link)).toBe(null);
  });
});
