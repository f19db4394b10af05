import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { RunsPanel } from "./RunsPanel";
import { RunsController } from "./runs-controller";
import type { Api } from "./api";
import type { RunEventMessage, RunSummary } from "./generated/types";

const plan: RunSummary = {
  id: 3, operation: "plan", command: "terraform plan -json", tool: "terraform", tool_version: "1.11.4",
  environment: "prod", identity: "user:me", plan_sha256: "cd".repeat(32), started_at: 1_700_000_000, ended_at: 1_700_000_005,
  status: "succeeded", exit_code: 0, changes: { add: 1, change: 0, remove: 0, import: 0 }, plan_available: true, approved: true, destroy: false, refresh_only: false,
};

function setup(history: RunSummary[], workspaceName = "infra") {
  let emit: (m: RunEventMessage) => void = () => {};
  const api = {
    listRuns: vi.fn(async () => history),
    runEnvironments: vi.fn(async () => [{ name: "prod", var_files: [], production: true }]),
    startRun: vi.fn(async () => ({ id: 4, command: "terraform apply" })),
    cancelRun: vi.fn(async () => {}),
    onRunEvent: vi.fn(async (h: (m: RunEventMessage) => void) => {
      emit = h;
      return () => {};
    }),
  } as unknown as Api;
  const runs = new RunsController(api, (e) => {
    throw e;
  });
  runs.listen();
  render(<RunsPanel runs={runs} onOpenPlan={() => {}} workspaceName={workspaceName} />);
  return { api, runs, emit: (m: RunEventMessage) => act(() => emit(m)) };
}

describe("RunsPanel", () => {
  it("applies a confirmed production plan only once its name is typed, then cancels: interrupt, and kill after asking", async () => {
    const { api, runs, emit } = setup([plan]);
    await act(() => runs.refresh());
    fireEvent.change(screen.getByTestId("run-command"), { target: { value: "apply" } });
    const start = screen.getByTestId("run-start") as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    fireEvent.change(screen.getByTestId("run-confirm"), { target: { value: "prod" } });
    expect(start.disabled).toBe(false);
    fireEvent.click(start);
    await waitFor(() => expect(api.startRun).toHaveBeenCalledWith({ kind: "apply", environment: null, plan_run_id: 3, typed_confirmation: "prod" }));
    emit({ run_id: 4, seq: 0, update: { kind: "resource", address: "terraform_data.web", action: "create", phase: "applying", elapsed_seconds: 0 } });
    expect(screen.getByTestId("run-resource").getAttribute("data-phase")).toBe("applying");
    fireEvent.click(screen.getByTestId("run-cancel"));
    expect(api.cancelRun).toHaveBeenLastCalledWith(4, false);
    emit({ run_id: 4, seq: 1, update: { kind: "cancelling", hard: false } });
    fireEvent.click(screen.getByTestId("run-cancel"));
    expect(screen.getByRole("dialog").textContent).toContain("errored.tfstate");
    fireEvent.click(screen.getByTestId("run-kill"));
    expect(api.cancelRun).toHaveBeenLastCalledWith(4, true);
  });

  it("plans a destroy, and applies a destroy plan only once the workspace's name is typed", async () => {
    const destroyPlan = { ...plan, id: 7, environment: null, destroy: true, command: "terraform plan -json -input=false -destroy -out=x", changes: { add: 0, change: 0, remove: 2, import: 0 } };
    const { api, runs, emit } = setup([destroyPlan], "infra");
    await act(() => runs.refresh());
    fireEvent.change(screen.getByTestId("run-command"), { target: { value: "apply" } });
    expect(screen.getByTestId("run-plan").textContent).toContain("Destroy plan #7");
    const start = screen.getByTestId("run-start") as HTMLButtonElement;
    expect(start.textContent).toBe("Destroy");
    expect(start.disabled).toBe(true);
    const confirm = screen.getByTestId("run-confirm") as HTMLInputElement;
    expect(confirm.placeholder).toBe("Type infra to destroy");
    fireEvent.change(confirm, { target: { value: "yes" } });
    expect(start.disabled).toBe(true);
    fireEvent.change(confirm, { target: { value: "infra" } });
    expect(start.disabled).toBe(false);
    expect(screen.getAllByTestId("run-history-row")[0].textContent).toContain("plan -destroy");
    // A refresh-only plan and a destroy plan are started like plans.
    fireEvent.change(screen.getByTestId("run-command"), { target: { value: "refresh_only" } });
    fireEvent.click(screen.getByTestId("run-start"));
    await waitFor(() => expect(api.startRun).toHaveBeenCalledWith(expect.objectContaining({ kind: "refresh_only", plan_run_id: null })));
    emit({ run_id: 4, seq: 0, update: { kind: "finished", run: { ...plan, id: 4, refresh_only: true } } });
    fireEvent.change(screen.getByTestId("run-command"), { target: { value: "destroy" } });
    fireEvent.click(screen.getByTestId("run-start"));
    await waitFor(() => expect(api.startRun).toHaveBeenCalledWith(expect.objectContaining({ kind: "destroy", environment: null, plan_run_id: null })));
  });

  it("offers no apply before a plan was confirmed", async () => {
    const { runs } = setup([{ ...plan, approved: false }]);
    await act(() => runs.refresh());
    fireEvent.change(screen.getByTestId("run-command"), { target: { value: "apply" } });
    expect(screen.getByTestId("run-no-plan")).toBeTruthy();
    expect((screen.getByTestId("run-start") as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows who holds a state lock and the force-unlock command, without a button that runs it", async () => {
    const { emit } = setup([]);
    emit({ run_id: 9, seq: 0, update: { kind: "log", line: "$ terraform plan -json", level: "info" } });
    emit({
      run_id: 9, seq: 1,
      update: { kind: "state_locked", lock_id: "1b2c", who: "ci@runner", operation: "OperationTypeApply", created: "2026-11-27", force_unlock_command: "terraform force-unlock 1b2c" },
    });
    const banner = screen.getByTestId("run-lock");
    expect(banner.textContent).toContain("ci@runner");
    expect(banner.textContent).toContain("terraform force-unlock 1b2c");
    expect(banner.querySelector("button")).toBeNull();
    expect(screen.getAllByTestId("run-log-line").map((l) => l.textContent)).toEqual(["$ terraform plan -json"]);
  });

  it("does not show the updates of a run of the previous workspace after switching", async () => {
    const { runs, emit } = setup([]);
    emit({ run_id: 5, seq: 0, update: { kind: "log", line: "old workspace", level: "info" } });
    expect(screen.getAllByTestId("run-log-line")).toHaveLength(1);
    act(() => runs.reset());
    emit({ run_id: 5, seq: 1, update: { kind: "log", line: "still old", level: "info" } });
    expect(screen.queryAllByTestId("run-log-line")).toHaveLength(0);
    expect(screen.getByTestId("run-status").textContent).toBe("No run yet");
  });

  it("draws coloured log lines as styled spans, never the escape codes, and searches their text", async () => {
    const { emit } = setup([]);
    emit({ run_id: 9, seq: 0, update: { kind: "log", line: "terraform_data.c (local-exec): \u001b[1;32mgreen bold\u001b[0m and \u001b[38;5;208morange\u001b[0m", level: "info" } });
    emit({ run_id: 9, seq: 1, update: { kind: "log", line: "plain", level: "info" } });
    const [line, plainLine] = screen.getAllByTestId("run-log-line");
    expect(line.textContent).toBe("terraform_data.c (local-exec): green bold and orange");
    expect(line.innerHTML).not.toContain("\u001b");
    const spans = [...line.querySelectorAll("span.ansi")] as HTMLElement[];
    expect(spans.map((s) => [s.textContent, s.style.color, s.style.fontWeight])).toEqual([
      ["terraform_data.c (local-exec): ", "", ""],
      ["green bold", "var(--ansi-2)", "bold"],
      [" and ", "", ""],
      ["orange", "rgb(255, 135, 0)", ""],
    ]);
    expect(plainLine.querySelector("span.ansi")).toBeNull();
    fireEvent.change(screen.getByTestId("run-log-search"), { target: { value: "[0m" } });
    expect(screen.queryAllByTestId("run-log-line")).toHaveLength(0);
    fireEvent.change(screen.getByTestId("run-log-search"), { target: { value: "bold and" } });
    expect(screen.getAllByTestId("run-log-line").map((l) => l.textContent)).toEqual(["terraform_data.c (local-exec): green bold and orange"]);
  });

  it("filters the history by outcome, operation, environment and text without asking Rust again", async () => {
    const dev = { ...plan, id: 8, environment: "dev" };
    const { api, runs } = setup([dev, plan]);
    await act(() => runs.refresh());
    const calls = vi.mocked(api.listRuns).mock.calls.length;
    const rows = () => screen.queryAllByTestId("run-history-row").map((r) => Number(r.dataset.runId));
    expect(rows()).toEqual([8, plan.id]);
    fireEvent.change(screen.getByTestId("run-history-environment"), { target: { value: "dev" } });
    expect(rows()).toEqual([8]);
    expect(screen.getByTestId("run-history-count").textContent).toContain("1 of 2");
    fireEvent.change(screen.getByTestId("run-history-operation"), { target: { value: "apply" } });
    expect(rows()).toEqual([]);
    expect(screen.getByTestId("run-history").textContent).toContain("No run matches these filters.");
    fireEvent.change(screen.getByTestId("run-history-operation"), { target: { value: "" } });
    fireEvent.change(screen.getByTestId("run-history-environment"), { target: { value: "*" } });
    fireEvent.change(screen.getByTestId("run-history-search"), { target: { value: `#${plan.id}` } });
    expect(rows()).toEqual([plan.id]);
    fireEvent.change(screen.getByTestId("run-history-filter"), { target: { value: "interrupted" } });
    expect(rows()).toEqual([]);
    expect(vi.mocked(api.listRuns).mock.calls.length).toBe(calls);
  });
});
