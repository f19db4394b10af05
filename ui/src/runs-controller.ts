// The Runs view's state outside React: the live run (fed by `run-event`), the history and the
// environments. It lives as long as the app, so a run keeps streaming while the panel is
// closed or another tab is shown; the panel reads snapshots (useSyncExternalStore).
import type { Api } from "./api";
import type { RunEnvironment, RunKind, RunSummary } from "./generated/types";
import { HISTORY_LIMIT, NO_FILTER, type HistoryFilter } from "./run-history-model";
import { applyUpdate, logLines, newRun, type LiveRun, type LogLine } from "./run-model";

export interface RunsSnapshot {
  live: LiveRun | null;
  history: RunSummary[];
  environments: RunEnvironment[];
  /** A finished run's stored log shown instead of the live one. */
  viewing: { id: number; lines: LogLine[]; truncated: boolean } | null;
  starting: boolean;
  /** What the history list shows (filtered in `run-history-model.ts`, not in Rust). */
  filter: HistoryFilter;
}

export class RunsController {
  private snap: RunsSnapshot = { live: null, history: [], environments: [], viewing: null, starting: false, filter: NO_FILTER };
  private listeners = new Set<() => void>();
  /** Runs of a previous workspace still going: their updates are not this workspace's. */
  private foreign = new Set<number>();

  constructor(
    private api: Api,
    private onError: (err: unknown) => void,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snap;

  private set(update: Partial<RunsSnapshot>) {
    this.snap = { ...this.snap, ...update };
    this.listeners.forEach((l) => l());
  }

  /** Subscribes to run events; returns the unsubscribe. */
  listen(): () => void {
    const off = this.api.onRunEvent((msg) => {
      if (this.foreign.has(msg.run_id)) return;
      const live = this.snap.live;
      // Updates may arrive before `startRun` answered: start the run's state from them.
      const base = live && live.id === msg.run_id ? live : live && !live.finished ? null : newRun(msg.run_id, "");
      if (!base) return;
      const next = applyUpdate(base, msg);
      this.set({ live: next });
      if (msg.update.kind === "finished") void this.refresh();
    });
    return () => void off.then((unlisten) => unlisten());
  }

  /** Reloads history and environments of the open workspace. */
  async refresh() {
    try {
      const [history, environments] = await Promise.all([this.api.listRuns({ status: null, operation: null, environment: null, limit: HISTORY_LIMIT }), this.api.runEnvironments()]);
      this.set({ history, environments });
    } catch (err) {
      this.onError(err);
    }
  }

  /** A new workspace: nothing of the previous one is shown. */
  reset() {
    const live = this.snap.live;
    if (live && !live.finished) this.foreign.add(live.id);
    this.set({ live: null, history: [], environments: [], viewing: null });
    void this.refresh();
  }

  async start(kind: RunKind, environment: string | null, planRunId: number | null, typed: string) {
    this.set({ starting: true, viewing: null });
    try {
      const started = await this.api.startRun({ kind, environment, plan_run_id: planRunId, typed_confirmation: typed });
      const live = this.snap.live;
      // Keep what already streamed in for this run.
      this.set({ live: live && live.id === started.id ? { ...live, command: started.command } : newRun(started.id, started.command) });
      void this.refresh();
    } catch (err) {
      this.onError(err);
      void this.refresh();
    } finally {
      this.set({ starting: false });
    }
  }

  async cancel(hard: boolean) {
    const live = this.snap.live;
    if (!live || live.finished) return;
    try {
      await this.api.cancelRun(live.id, hard);
    } catch (err) {
      this.onError(err);
    }
  }

  async showLog(id: number) {
    try {
      const log = await this.api.runLog(id);
      this.set({ viewing: { id, lines: logLines(log.log), truncated: log.truncated } });
    } catch (err) {
      this.onError(err);
    }
  }

  setFilter(change: Partial<HistoryFilter>) {
    this.set({ filter: { ...this.snap.filter, ...change } });
  }

  showLive() {
    this.set({ viewing: null });
  }
}
