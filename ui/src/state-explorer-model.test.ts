import { describe, expect, it } from "vitest";
import { lockHolder, lockKinds, lockOperation, lockTime, quickMatches, remoteTitle, stateRows } from "./state-explorer-model";
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

describe("remote state title", () => {
  const lock = {
    who: "alice@build-7",
    operation: "OperationTypePlan",
    created: "2026-11-27T10:02:31.5Z",
    id: "9f0c",
    force_unlock: "terraform force-unlock 9f0c",
  };
  const remote = {
    backend: "s3",
    url: "s3://tf-states/app/terraform.tfstate",
    workspace: "default",
    locks: [{ kind: "dynamodb", lock }, { kind: "s3_lockfile", lock }],
    warnings: [],
    fetched_at: "2026-11-27T10:05:00Z",
  };
  const sameDay = new Date("2026-11-27T12:00:00Z");

  it("names the holder, the time and the operation", () => {
    const hhmm = new Date(lock.created).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
    expect(remoteTitle(remote, sameDay)).toBe(`Remote state: s3://tf-states/app/terraform.tfstate (locked by alice@build-7 since ${hhmm}, plan)`);
    expect(lockKinds(remote)).toEqual(["DynamoDB lock table", "S3 lock file"]);
  });

  it("names the azurerm, gcs and HCP Terraform lock kinds, and keeps unknown ones", () => {
    const kinds = ["azure_lease", "gcs_lockfile", "tfe_workspace", "etcd"].map((kind) => ({ kind, lock }));
    expect(lockKinds({ ...remote, backend: "azurerm", locks: kinds })).toEqual([
      "Azure blob lease",
      "GCS lock file",
      "HCP Terraform workspace lock",
      "etcd",
    ]);
    const hcp = { ...remote, backend: "cloud", url: "https://app.terraform.io/app/acme/workspaces/net", locks: [{ kind: "tfe_workspace", lock: { ...lock, who: "bo", created: "" } }] };
    expect(remoteTitle(hcp)).toBe("Remote state: https://app.terraform.io/app/acme/workspaces/net (locked by bo, plan)");
    expect(lockOperation("run (applying)")).toBe("run (applying)");
    expect(lockOperation("locked in HCP Terraform")).toBe("locked in HCP Terraform");
  });

  it("says nothing of a lock when there is none, and keeps unreadable times", () => {
    expect(remoteTitle({ ...remote, locks: [] })).toBe("Remote state: s3://tf-states/app/terraform.tfstate");
    expect(lockTime("")).toBe("?");
    expect(lockTime("yesterday-ish")).toBe("yesterday-ish");
    expect(lockOperation("")).toBe("an operation");
    expect(lockHolder({ ...lock, who: "", operation: "OperationTypeApply", created: "2026-11-20T08:00:00Z" }, sameDay)).toMatch(/^someone since .+ \d\d:\d\d, apply$/);
  });
});
