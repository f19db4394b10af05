import { describe, expect, it } from "vitest";
import type { RunEventMessage, RunSummary, RunUpdate } from "./generated/types";
import { applicablePlans, applyUpdate, describeChanges, logLines, newRun, searchLines } from "./run-model";

const summary = (over: Partial<RunSummary> = {}): RunSummary => ({
  id: 7, operation: "plan", command: "terraform plan -json", tool: "terraform", tool_version: "1.11.4",
  environment: null, identity: "user:me", plan_sha256: "ab".repeat(32), started_at: 1, ended_at: 2,
  status: "succeeded", exit_code: 0, changes: { add: 1, change: 0, remove: 0, import: 0 }, plan_available: true, approved: false, destroy: false, refresh_only: false, ...over,
});

function feed(updates: RunUpdate[], id = 7) {
  let run = newRun(id, "terraform apply");
  updates.forEach((update, seq) => {
    const msg: RunEventMessage = { run_id: id, seq, update };
    run = applyUpdate(run, msg);
  });
  return run;
}

describe("run model", () => {
  it("keeps one progress row per resource, in first-seen order, through its phases", () => {
    const run = feed([
      { kind: "resource", address: "a.x", action: "create", phase: "planned", elapsed_seconds: 0 },
      { kind: "resource", address: "b.y", action: "delete", phase: "planned", elapsed_seconds: 0 },
      { kind: "resource", address: "a.x", action: "create", phase: "applying", elapsed_seconds: 0 },
      { kind: "resource", address: "a.x", action: "", phase: "provisioning", elapsed_seconds: 0 },
      { kind: "resource", address: "a.x", action: "create", phase: "applied", elapsed_seconds: 3 },
    ]);
    expect(run.resources).toEqual([
      { address: "a.x", action: "create", phase: "applied", elapsed: 3 },
      { address: "b.y", action: "delete", phase: "planned", elapsed: 0 },
    ]);
  });

  it("collects log lines, summary, lock, cancel and the end", () => {
    const run = feed([
      { kind: "log", line: "$ terraform plan", level: "info" },
      { kind: "summary", changes: { add: 2, change: 1, remove: 0, import: 0 } },
      { kind: "state_locked", lock_id: "abc", who: "me@host", operation: "OperationTypeApply", created: "now", force_unlock_command: "terraform force-unlock abc" },
      { kind: "cancelling", hard: false },
      { kind: "finished", run: summary({ status: "cancelled" }) },
    ]);
    expect(run.lines.map((l) => l.text)).toEqual(["$ terraform plan"]);
    expect(describeChanges(run.summary!)).toBe("2 to add, 1 to change, 0 to destroy");
    expect(run.lock?.forceUnlockCommand).toBe("terraform force-unlock abc");
    expect(run.cancelling).toBe("interrupt");
    expect(run.finished?.status).toBe("cancelled");
  });

  it("ignores updates of another run and repeated ones", () => {
    let run = newRun(7, "x");
    const msg: RunEventMessage = { run_id: 7, seq: 0, update: { kind: "log", line: "one", level: "info" } };
    run = applyUpdate(run, msg);
    run = applyUpdate(run, msg);
    run = applyUpdate(run, { ...msg, run_id: 8, seq: 1 });
    expect(run.lines).toHaveLength(1);
  });

  it("searches the log case-insensitively and splits a stored log", () => {
    const lines = logLines("$ terraform apply\nterraform_data.web: Provisioning\nApply complete\n");
    expect(lines).toHaveLength(3);
    expect(searchLines(lines, "PROVISION").map((l) => l.n)).toEqual([1]);
    expect(searchLines(lines, "  ")).toBe(lines);
  });

  it("styles coloured lines, live and stored alike, and searches their visible text only", () => {
    const raw = "\u001b[1m\u001b[32mTerraform has been successfully initialized!\u001b[0m";
    const live = applyUpdate(newRun(3, "x"), { run_id: 3, seq: 0, update: { kind: "log", line: raw, level: "info" } });
    const stored = logLines(`${raw}\nplain line\n\u001b[31mred\n`);
    for (const line of [live.lines[0], stored[0]]) {
      expect(line.text).toBe("Terraform has been successfully initialized!");
      expect(line.spans).toEqual([{ text: line.text, style: expect.objectContaining({ bold: true, fg: "var(--ansi-2)" }) }]);
    }
    expect(stored[1].spans).toBeUndefined();
    // A colour left open does not bleed into the next line.
    expect(stored[2].spans?.[0].style.fg).toBe("var(--ansi-1)");
    // Escape codes are neither shown nor searched.
    expect(searchLines(stored, "32m")).toEqual([]);
    expect(searchLines(stored, "[0m")).toEqual([]);
    expect(searchLines(stored, "initialized!").map((l) => l.n)).toEqual([0]);
    // Codes that only reset leave a plain line.
    expect(logLines("\u001b[0mok\u001b[2K")[0]).toEqual({ n: 0, text: "ok", level: "info" });
  });

  it("offers only kept and confirmed plans for apply", () => {
    const plans = [summary({ id: 1, approved: true }), summary({ id: 2 }), summary({ id: 3, approved: true, plan_available: false }), summary({ id: 4, operation: "apply", approved: true, plan_sha256: "00".repeat(32) })];
    expect(applicablePlans(plans).map((r) => r.id)).toEqual([1]);
  });

  it("does not offer a plan again once an apply of it ran (a failed one may be retried)", () => {
    const sha = "ef".repeat(32);
    const planned = summary({ id: 1, approved: true, plan_sha256: sha });
    const applied = summary({ id: 2, operation: "apply", plan_sha256: sha, status: "succeeded" });
    expect(applicablePlans([applied, planned])).toEqual([]);
    expect(applicablePlans([{ ...applied, status: "failed" }, planned]).map((r) => r.id)).toEqual([1]);
  });
});
