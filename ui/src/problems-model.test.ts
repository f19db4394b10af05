import { describe, expect, it } from "vitest";
import { fromWorkspace, problemRows, totals, withFile } from "./problems-model";
import { fakeLint } from "./fake-api.test-data";
import type { EditorDiagnostic, WorkspaceProblems } from "./generated/types";

const finding = fakeLint('acl = "public-read"')[0];
const at = (from: number, over: Partial<EditorDiagnostic> = {}): EditorDiagnostic => ({ ...finding, range: { ...finding.range, from, to: from + 1 }, ...over });

const scan: WorkspaceProblems = {
  files: [
    { path: "b.tf", diagnostics: [at(30), at(5, { severity: "error", code: "HCL001", message: "Expected a closing brace" })] },
    { path: "a.tf", diagnostics: [at(1)] },
    { path: "empty.tf", diagnostics: [] },
  ],
  errors: 1,
  warnings: 2,
  infos: 0,
  indexed_files: 3,
  millis: 4,
};

describe("problems model", () => {
  it("groups by file in path order, problems in document order, files without problems left out", () => {
    const rows = problemRows(fromWorkspace(scan), "");
    expect(rows.map((r) => (r.kind === "file" ? `${r.path} (${r.count})` : `  ${r.diagnostic.code}@${r.diagnostic.range.from}`))).toEqual([
      "a.tf (1)",
      "  AWS_S3_PUBLIC_ACL@1",
      "b.tf (2)",
      "  HCL001@5",
      "  AWS_S3_PUBLIC_ACL@30",
    ]);
    expect(totals(fromWorkspace(scan))).toEqual({ errors: 1, warnings: 2, infos: 0 });
  });

  it("filters on message, code, path and severity, every word having to match", () => {
    const problems = fromWorkspace(scan);
    const codes = (filter: string) => problemRows(problems, filter).flatMap((r) => (r.kind === "problem" ? [`${r.path}:${r.diagnostic.code}`] : []));
    expect(codes("brace")).toEqual(["b.tf:HCL001"]);
    expect(codes("error")).toEqual(["b.tf:HCL001"]);
    expect(codes("public b.tf")).toEqual(["b.tf:AWS_S3_PUBLIC_ACL"]);
    expect(codes("nothing-like-this")).toEqual([]);
  });

  it("collapsed files keep their header only", () => {
    const rows = problemRows(fromWorkspace(scan), "", new Set(["b.tf"]));
    expect(rows.filter((r) => r.path === "b.tf")).toEqual([{ kind: "file", path: "b.tf", count: 2, collapsed: true }]);
  });

  it("merges a document's new diagnostics over the scan and removes files that became clean", () => {
    let problems = fromWorkspace(scan);
    problems = withFile(problems, "c.tf", [at(2)]);
    expect([...problems.keys()].sort()).toEqual(["a.tf", "b.tf", "c.tf"]);
    problems = withFile(problems, "b.tf", []);
    expect(problems.has("b.tf")).toBe(false);
    expect(withFile(problems, "zzz.tf", [])).toBe(problems);
  });

  it("a rescan keeps open documents' own diagnostics, which are newer than the disk's", () => {
    const open = new Map([["a.tf", [] as EditorDiagnostic[]], ["b.tf", [at(7)]]]);
    const problems = fromWorkspace(scan, open, ["a.tf", "b.tf"]);
    expect(problems.has("a.tf")).toBe(false);
    expect(problems.get("b.tf")!.map((d) => d.range.from)).toEqual([7]);
  });
});
