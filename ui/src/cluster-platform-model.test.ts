import { describe, expect, it } from "vitest";
import { cell, matrixColumns, verbsText } from "./cluster-platform-model";
import type { AccessRow } from "./generated/types";

describe("cluster platform model", () => {
  it("reads verbs in short words", () => {
    expect(verbsText(["get", "list", "watch"])).toBe("read");
    expect(verbsText(["get", "list", "watch", "delete"])).toBe("read, delete");
    expect(verbsText(["list"])).toBe("list");
    expect(verbsText(["*"])).toBe("all");
  });

  it("builds the matrix columns and cells, a * grant counting everywhere", () => {
    const rows: AccessRow[] = [
      { subject: "User admin", resources: [{ resource: "*", verbs: ["*"] }], via: [] },
      { subject: "ServiceAccount default/ci", resources: [{ resource: "pods", verbs: ["get", "list", "watch"] }, { resource: "deployments.apps", verbs: ["patch"] }], via: [] },
    ];
    expect(matrixColumns(rows)).toEqual(["*", "deployments.apps", "pods"]);
    expect(cell(rows[0], "pods")).toBe("all");
    expect(cell(rows[1], "pods")).toBe("read");
    expect(cell(rows[1], "*")).toBe("");
  });
});
