import { describe, expect, it } from "vitest";
import { applyFailure, canApplyToCluster, hasChanges, objectLabel, ordered } from "./cluster-apply-model";
import type { ClusterApplyObject, ClusterApplyPreview } from "./generated/types";

const obj = (document: number, name: string, outcome: ClusterApplyObject["outcome"], namespace: string | null = "shop"): ClusterApplyObject => ({
  document,
  api_version: "v1",
  kind: "ConfigMap",
  namespace,
  name,
  outcome,
  changes: [],
});

describe("cluster apply model", () => {
  it("offers the apply for YAML files only", () => {
    expect(canApplyToCluster("k8s/app.yaml")).toBe(true);
    expect(canApplyToCluster("k8s/APP.YML")).toBe(true);
    expect(canApplyToCluster("main.tf")).toBe(false);
    expect(canApplyToCluster("values.yaml.bak")).toBe(false);
  });

  it("labels objects with their namespace when they have one", () => {
    expect(objectLabel(obj(1, "settings", "created"))).toBe("ConfigMap shop/settings");
    expect(objectLabel({ ...obj(1, "tools", "created", null), kind: "Namespace" })).toBe("Namespace tools");
  });

  it("lists changes first and unchanged objects last, in file order", () => {
    const list = [obj(1, "a", "unchanged"), obj(2, "b", "changed"), obj(3, "c", "created"), obj(4, "d", "unchanged")];
    expect(ordered(list).map((o) => o.name)).toEqual(["b", "c", "a", "d"]);
  });

  it("has nothing to confirm when every object is unchanged", () => {
    const p = (objects: ClusterApplyObject[]): ClusterApplyPreview => ({ token: "t", source: "a.yaml", context: "c", summary: "", objects, request: "" });
    expect(hasChanges(p([obj(1, "a", "unchanged")]))).toBe(false);
    expect(hasChanges(p([obj(1, "a", "unchanged"), obj(2, "b", "changed")]))).toBe(true);
  });

  it("offers a new preview only after a refused confirmation", () => {
    expect(applyFailure({ code: "cluster_action_not_confirmed", message: "changed", hint: "h" })).toEqual({ step: "failed", message: "changed", hint: "h", canRetry: true });
    expect(applyFailure({ code: "cluster_action_failed", message: "403", hint: "" })).toMatchObject({ canRetry: false });
  });
});
