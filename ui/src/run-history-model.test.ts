import { describe, expect, it } from "vitest";
import type { RunSummary } from "./generated/types";
import { environmentChoices, filterHistory, isFiltered, NO_FILTER, runOperation } from "./run-history-model";

function run(over: Partial<RunSummary>): RunSummary {
  return {
    id: 1, operation: "plan", command: "terraform plan -json -input=false", tool: "terraform", tool_version: "1.11.4",
    environment: null, identity: "user:alice", plan_sha256: null, started_at: 0, ended_at: 1, status: "succeeded",
    exit_code: 0, changes: null, plan_available: false, approved: false, destroy: false, refresh_only: false, ...over,
  };
}

const rows = [
  run({ id: 1, operation: "init", command: "terraform init -json" }),
  run({ id: 2, environment: "dev", plan_sha256: "abcdef01".padEnd(64, "0"), approved: true }),
  run({ id: 3, environment: "prod", destroy: true, command: "terraform plan -json -destroy" }),
  run({ id: 4, environment: "prod", refresh_only: true, status: "failed", identity: "aws:prod arn:aws:iam::123456789012:user/ci (verified)" }),
  run({ id: 5, operation: "apply", environment: "dev", status: "interrupted", command: "terraform apply -json plan-2.tfplan" }),
  run({ id: 6, operation: "validate" }),
];
const ids = (f: Partial<typeof NO_FILTER>) => filterHistory(rows, { ...NO_FILTER, ...f }).map((r) => r.id);

describe("history filters", () => {
  it("tells destroy and refresh-only plans from plain plans", () => {
    expect(rows.map(runOperation)).toEqual(["init", "plan", "destroy", "refresh_only", "apply", "other"]);
  });

  it("filters by operation, environment and outcome, combined", () => {
    expect(ids({})).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ids({ operation: "plan" })).toEqual([2]);
    expect(ids({ operation: "destroy" })).toEqual([3]);
    expect(ids({ operation: "refresh_only" })).toEqual([4]);
    expect(ids({ environment: "prod" })).toEqual([3, 4]);
    expect(ids({ environment: "" })).toEqual([1, 6]);
    expect(ids({ environment: "prod", status: "failed" })).toEqual([4]);
    expect(ids({ operation: "apply", environment: "prod" })).toEqual([]);
  });

  it("searches what a row shows, every word, case-insensitively", () => {
    expect(ids({ text: "#5" })).toEqual([5]);
    expect(ids({ text: "ABCDEF01" })).toEqual([2]);
    expect(ids({ text: "123456789012" })).toEqual([4]);
    expect(ids({ text: "prod destroy" })).toEqual([3]);
    expect(ids({ text: "confirmed" })).toEqual([2]);
    expect(ids({ text: "  " })).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ids({ text: "prod", operation: "refresh_only" })).toEqual([4]);
  });

  it("knows when something is filtered and lists the environment choices", () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, environment: "" })).toBe(true);
    expect(isFiltered({ ...NO_FILTER, text: " x " })).toBe(true);
    expect(environmentChoices(rows, ["staging", "dev"])).toEqual(["", "dev", "prod", "staging"]);
    expect(environmentChoices([rows[1]], [])).toEqual(["dev"]);
  });
});
