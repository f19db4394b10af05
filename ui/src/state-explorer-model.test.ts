import { describe, expect, it } from "vitest";
import { quickMatches, stateRows } from "./state-explorer-model";
import type { StateModuleRow } from "./generated/types";

const modules: StateModuleRow[] = [
  {
    module: "root",
    types: [
      { resource_type: "aws_instance", instances: [{ address: "aws_instance.web", id: "i-0123", data: false, deposed: false }] },
      { resource_type: "aws_s3_bucket", instances: [{ address: "aws_s3_bucket.assets", id: "orbis-assets", data: false, deposed: false }] },
    ],
  },
  {
    module: "module.network",
    types: [
      {
        resource_type: "aws_subnet",
        instances: [
          { address: "module.network.aws_subnet.public[0]", id: "subnet-a", data: false, deposed: false },
          { address: "module.network.aws_subnet.public[1]", id: "subnet-b", data: false, deposed: false },
        ],
      },
    ],
  },
];

describe("state explorer rows", () => {
  it("flattens modules, types and instances with counts", () => {
    const rows = stateRows(modules, new Set(), null);
    expect(rows.map((r) => (r.kind === "instance" ? r.address : r.label))).toEqual([
      "root", "aws_instance", "aws_instance.web", "aws_s3_bucket", "aws_s3_bucket.assets",
      "module.network", "aws_subnet", "module.network.aws_subnet.public[0]", "module.network.aws_subnet.public[1]",
    ]);
    expect(rows[5]).toMatchObject({ kind: "module", count: 2 });
  });

  it("collapsed groups hide their rows but keep their counts", () => {
    const rows = stateRows(modules, new Set(["m:module.network", "t:root/aws_instance"]), null);
    expect(rows.map((r) => r.key)).toEqual(["m:root", "t:root/aws_instance", "t:root/aws_s3_bucket", "i:aws_s3_bucket.assets", "m:module.network"]);
    expect(rows[4]).toMatchObject({ count: 2, expanded: false });
  });

  it("a filter keeps matching instances and drops empty groups", () => {
    const matches = quickMatches(modules, "SUBNET-B");
    expect([...matches]).toEqual(["module.network.aws_subnet.public[1]"]);
    const rows = stateRows(modules, new Set(), matches);
    expect(rows.map((r) => r.key)).toEqual(["m:module.network", "t:module.network/aws_subnet", "i:module.network.aws_subnet.public[1]"]);
  });
});
