import { describe, expect, it } from "vitest";
import type { PlanChangeRow } from "./generated/types";
import {
  NO_FILTER,
  diffValueText,
  formatCount,
  filterChanges,
  firstToReview,
  planTreeRows,
  shortName,
  summaryCounts,
  worstRisk,
} from "./plan-view-model";

let next = 0;
function change(address: string, over: Partial<PlanChangeRow> = {}): PlanChangeRow {
  const parts = address.split(".");
  const module = parts[0] === "module" ? parts.slice(0, 2).join(".") : "";
  const local = module ? parts.slice(2) : parts;
  const type = local[0] === "data" ? local[1] : local[0];
  return {
    index: next++,
    address,
    module,
    resource_type: type,
    action: "create",
    create_before_destroy: false,
    data: local[0] === "data",
    risk: "low",
    policy: null,
    moved_from: null,
    importing: false,
    ...over,
  };
}

const demo = [
  change("aws_security_group.web", { action: "update", risk: "critical", policy: "deny" }),
  change("aws_instance.web", { action: "replace", risk: "medium" }),
  change("aws_s3_bucket.assets"),
  change("aws_db_instance.app", { action: "update" }),
  change("module.network.aws_vpc.this", { action: "no_op", risk: "none" }),
  change("module.network.aws_cloudwatch_log_group.old_flow", { action: "delete", risk: "medium" }),
  change("aws_s3_bucket_public_access_block.assets", { policy: "warn" }),
];

describe("plan view model", () => {
  it("filters destroys, risky changes and by address", () => {
    const addresses = (f: Partial<typeof NO_FILTER>) => filterChanges(demo, { ...NO_FILTER, ...f }).map((c) => c.address);
    expect(addresses({ destroysOnly: true })).toEqual(["aws_instance.web", "module.network.aws_cloudwatch_log_group.old_flow"]);
    // A policy warning alone does not make a change risky; a deny does.
    expect(addresses({ riskyOnly: true })).toEqual(["aws_security_group.web"]);
    expect(addresses({ destroysOnly: true, riskyOnly: true })).toEqual([]);
    expect(addresses({ query: "  NETWORK " })).toHaveLength(2);
    expect(addresses({})).toHaveLength(demo.length);
  });

  it("groups by module then type, root first, with counts and the worst risk", () => {
    const rows = planTreeRows(demo, new Set());
    const outline = rows.map((r) => `${"  ".repeat(r.depth)}${r.label}${r.kind === "change" ? "" : ` (${r.count}, ${r.risk})`}`);
    expect(outline).toEqual([
      "root module (5, critical)",
      "  aws_db_instance (1, low)",
      "    app",
      "  aws_instance (1, medium)",
      "    web",
      "  aws_s3_bucket (1, low)",
      "    assets",
      "  aws_s3_bucket_public_access_block (1, low)",
      "    assets",
      "  aws_security_group (1, critical)",
      "    web",
      "module.network (2, medium)",
      "  aws_cloudwatch_log_group (1, medium)",
      "    old_flow",
      "  aws_vpc (1, none)",
      "    this",
    ]);
  });

  it("collapsed groups hide their rows but keep their counts", () => {
    const rows = planTreeRows(demo, new Set(["m:", "t:module.network/aws_vpc"]));
    expect(rows.map((r) => r.label)).toEqual(["root module", "module.network", "aws_cloudwatch_log_group", "old_flow", "aws_vpc"]);
    expect(rows[0]).toMatchObject({ kind: "module", expanded: false, count: 5 });
  });

  // Speed is a benchmark's job (cargo xtask bench plan), not a timed test's: this checks the
  // shape of a tree of 100,000 changes.
  it("builds the tree of 100,000 changes: one module and one type row per module", () => {
    const big: PlanChangeRow[] = [];
    for (let i = 0; i < 100_000; i++) big.push(change(`module.m${i % 50}.aws_instance.r${i}`, { risk: i % 997 === 0 ? "high" : "low" }));
    const rows = planTreeRows(filterChanges(big, NO_FILTER), new Set());
    expect(rows).toHaveLength(100_000 + 50 + 50);
    expect(rows.filter((r) => r.kind === "module")).toHaveLength(50);
  });

  it("names a change below its module and type", () => {
    expect(shortName(change('module.a.aws_iam_role.r["x"]'))).toBe('r["x"]');
    expect(shortName(change("data.aws_ami.ubuntu"))).toBe("ubuntu");
    expect(shortName(change("aws_instance.web[0]"))).toBe("web[0]");
  });

  it("picks the riskiest change to show first", () => {
    expect(firstToReview(demo)?.address).toBe("aws_security_group.web");
    expect(firstToReview([])).toBeNull();
    expect(worstRisk([])).toBe("none");
  });

  it("shows unknown and sensitive values with the plan's markers", () => {
    expect(diffValueText({ kind: "unknown", text: "" })).toBe("(known after apply)");
    expect(diffValueText({ kind: "sensitive", text: "" })).toBe("(sensitive)");
    expect(diffValueText({ kind: "absent", text: "" })).toBe("");
    expect(diffValueText({ kind: "value", text: '"t3.small"' })).toBe('"t3.small"');
  });

  it("lists the summary counts in order, forget and other only when present", () => {
    const counts = { create: 2, update: 2, delete: 1, replace: 1, read: 0, no_op: 1, forget: 0, other: 3, moved: 0, import: 0, drift: 0, output_changes: 2 };
    expect(summaryCounts(counts).map((c) => `${c.label}:${c.count}`)).toEqual([
      "create:2", "update:2", "delete:1", "replace:1", "read:0", "no-op:1", "other:3",
    ]);
  });

  it("groups thousands the same way on every machine", () => {
    expect([0, 999, 1000, 20000, 1234567].map(formatCount)).toEqual(["0", "999", "1,000", "20,000", "1,234,567"]);
  });
});
