// The Runs view's model, pure: a live run's state built from its `run-event` updates (log
// lines, one progress row per resource, summary, lock, cancel, end), and the log search.
import { hasEscapes, parseAnsi, type AnsiSpan } from "./ansi";
import type { LogLevel, ResourcePhase, RunChanges, RunEventMessage, RunSummary } from "./generated/types";

export interface LogLine {
  n: number;
  /** The visible text (colour codes removed): what search matches. */
  text: string;
  level: LogLevel;
  /** The styled pieces of a line that had colour codes (absent for plain lines). */
  spans?: AnsiSpan[];
}

/** One log line as printed (may carry ANSI colour codes) → its visible text and spans. Each line
 * starts uncoloured: lines come from separate events (parallel resources), so a colour left
 * open by one must not bleed into the next; the stored log is read the same way. */
export function logLine(n: number, raw: string, level: LogLevel): LogLine {
  if (!hasEscapes(raw)) return { n, text: raw, level };
  const { spans } = parseAnsi(raw);
  const text = spans.map((s) => s.text).join("");
  const styled = spans.some((s) => s.style.fg || s.style.bg || s.style.bold || s.style.dim || s.style.italic || s.style.underline || s.style.inverse);
  return styled ? { n, text, level, spans } : { n, text, level };
}

export interface ResourceRow {
  address: string;
  action: string;
  phase: ResourcePhase;
  elapsed: number;
}

export interface StateLock {
  lockId: string;
  who: string;
  operation: string;
  created: string;
  forceUnlockCommand: string;
}

export interface LiveRun {
  id: number;
  command: string;
  /** Updates applied so far (the next expected `seq`). */
  seq: number;
  lines: LogLine[];
  /** In the order resources first appeared. */
  resources: ResourceRow[];
  summary: RunChanges | null;
  lock: StateLock | null;
  erroredState: string | null;
  /** null: not asked; "interrupt" / "kill": what was forwarded. */
  cancelling: "interrupt" | "kill" | null;
  finished: RunSummary | null;
}

export function newRun(id: number, command: string): LiveRun {
  return { id, command, seq: 0, lines: [], resources: [], summary: null, lock: null, erroredState: null, cancelling: null, finished: null };
}

/** The run after one update. Updates of another run, or already applied, change nothing. */
export function applyUpdate(run: LiveRun, msg: RunEventMessage): LiveRun {
  if (msg.run_id !== run.id || msg.seq < run.seq) return run;
  const next: LiveRun = { ...run, seq: msg.seq + 1 };
  const u = msg.update;
  switch (u.kind) {
    case "log":
      next.lines = [...run.lines, logLine(run.lines.length, u.line, u.level)];
      break;
    case "resource": {
      const i = run.resources.findIndex((r) => r.address === u.address);
      const prev = i >= 0 ? run.resources[i] : null;
      // A provisioner or refresh update has no action: keep the one the change announced.
      const row: ResourceRow = { address: u.address, action: u.action || prev?.action || "", phase: u.phase, elapsed: u.elapsed_seconds || prev?.elapsed || 0 };
      next.resources = i >= 0 ? run.resources.map((r, j) => (j === i ? row : r)) : [...run.resources, row];
      break;
    }
    case "summary":
      next.summary = u.changes;
      break;
    case "state_locked":
      next.lock = { lockId: u.lock_id, who: u.who, operation: u.operation, created: u.created, forceUnlockCommand: u.force_unlock_command };
      break;
    case "cancelling":
      next.cancelling = u.hard ? "kill" : "interrupt";
      break;
    case "errored_state":
      next.erroredState = u.path;
      break;
    case "finished":
      next.finished = u.run;
      if (u.run.changes && !next.summary) next.summary = u.run.changes;
      break;
  }
  return next;
}

/** Log lines containing `query` (case-insensitive); all of them when it is blank. */
export function searchLines(lines: readonly LogLine[], query: string): readonly LogLine[] {
  const q = query.trim().toLowerCase();
  if (!q) return lines;
  return lines.filter((l) => l.text.toLowerCase().includes(q));
}

/** A stored log (history) as lines. */
export function logLines(text: string): LogLine[] {
  const parts = text.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts.map((t, n) => logLine(n, t, "info"));
}

/** "1 to add, 0 to change, 0 to destroy". */
export function describeChanges(c: RunChanges): string {
  const base = `${c.add} to add, ${c.change} to change, ${c.remove} to destroy`;
  return c.import ? `${base}, ${c.import} to import` : base;
}

const PHASE_LABEL: Record<ResourcePhase, string> = {
  planned: "planned",
  refreshing: "refreshing…",
  refreshed: "refreshed",
  applying: "applying…",
  provisioning: "provisioning…",
  applied: "done",
  errored: "errored",
};

export function phaseLabel(p: ResourcePhase): string {
  return PHASE_LABEL[p];
}

/** Plans in the history that can be applied now: saved file kept, confirmed in review, and
 * not applied already (terraform refuses a saved plan once the state moved on). */
export function applicablePlans(history: readonly RunSummary[]): RunSummary[] {
  const used = new Set(
    history.filter((r) => r.operation === "apply" && r.status !== "failed" && r.status !== "cancelled").map((r) => r.plan_sha256),
  );
  return history.filter((r) => r.operation === "plan" && r.plan_available && r.approved && !used.has(r.plan_sha256));
}
