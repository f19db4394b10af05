// The Runs view (bottom panel): pick a command and environment, start, follow the live log
// (virtualized, searchable) and the per-resource progress, cancel (interrupt first; a second
// click asks before killing), and the history with "Open in Plan Review" for finished plans.
// Apply is offered only for plans confirmed in Plan Review; production needs its name typed.
import { useMemo, useState, useSyncExternalStore } from "react";
import { Dialog } from "./Dialog";
import type { RunKind, RunStatus, RunSummary } from "./generated/types";
import { environmentChoices, filterHistory, HISTORY_LIMIT, isFiltered, OPERATION_LABEL, type RunOperation } from "./run-history-model";
import { spanStyle } from "./ansi";
import { applicablePlans, describeChanges, phaseLabel, searchLines } from "./run-model";
import type { RunsController } from "./runs-controller";
import { VirtualList } from "./VirtualList";

interface Props {
  runs: RunsController;
  onOpenPlan: (runId: number) => void;
  /** The workspace folder's name: typed to confirm applying a destroy plan without an environment. */
  workspaceName?: string;
}

const LOG_ROW = 18;

function when(unix: number): string {
  return new Date(unix * 1000).toLocaleString();
}

export function RunsPanel({ runs, onOpenPlan, workspaceName = "" }: Props) {
  const snap = useSyncExternalStore(runs.subscribe, runs.getSnapshot);
  const [kind, setKind] = useState<RunKind>("plan");
  const [environment, setEnvironment] = useState<string>("");
  const [planId, setPlanId] = useState<number | null>(null);
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [confirmKill, setConfirmKill] = useState(false);

  const { live, history, environments, viewing, filter } = snap;
  const shownHistory = useMemo(() => filterHistory(history, filter), [history, filter]);
  const envChoices = useMemo(() => environmentChoices(history, environments.map((e) => e.name)), [history, environments]);
  const running = live !== null && live.finished === null;
  const plans = useMemo(() => applicablePlans(history), [history]);
  const chosenPlan: RunSummary | null = kind === "apply" ? (plans.find((p) => p.id === planId) ?? plans[0] ?? null) : null;
  const envName = kind === "apply" ? (chosenPlan?.environment ?? null) : environment || null;
  const production = environments.find((e) => e.name === envName)?.production ?? false;
  // Applying needs a name typed for production, and for every destroy plan.
  const confirmName = kind !== "apply" ? null : chosenPlan?.destroy ? (envName ?? workspaceName) : production ? envName : null;
  const canStart = !running && !snap.starting && (kind !== "apply" || chosenPlan !== null) && (confirmName === null || typed.trim() === confirmName);

  const lines = viewing ? viewing.lines : (live?.lines ?? []);
  const shown = useMemo(() => searchLines(lines, query), [lines, query]);

  const cancel = () => {
    if (!live) return;
    if (live.cancelling === null) void runs.cancel(false);
    else setConfirmKill(true);
  };

  const status = live
    ? live.finished
      ? `Run #${live.id} ${live.finished.operation} ${live.finished.status}${live.summary ? ` · ${describeChanges(live.summary)}` : ""}`
      : live.cancelling === "interrupt"
        ? `Run #${live.id}: stopping gracefully…`
        : live.cancelling === "kill"
          ? `Run #${live.id}: killed, finishing…`
          : `Run #${live.id} running…`
    : "No run yet";

  return (
    <div className="runs" data-testid="runs-panel">
      <div className="runs-toolbar">
        <select aria-label="Command" data-testid="run-command" value={kind} onChange={(e) => setKind(e.target.value as RunKind)} disabled={running}>
          <option value="init">init</option>
          <option value="plan">plan</option>
          <option value="destroy">plan destroy</option>
          <option value="refresh_only">plan refresh-only</option>
          <option value="apply">apply saved plan</option>
        </select>
        {kind === "apply" ? (
          plans.length ? (
            <select aria-label="Plan to apply" data-testid="run-plan" value={chosenPlan?.id ?? ""} onChange={(e) => setPlanId(Number(e.target.value))} disabled={running}>
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.destroy ? "Destroy plan" : p.refresh_only ? "Refresh-only plan" : "Plan"} #{p.id}
                  {p.environment ? ` · ${p.environment}` : ""}
                  {p.changes ? ` · ${describeChanges(p.changes)}` : ""}
                </option>
              ))}
            </select>
          ) : (
            <span className="muted small" data-testid="run-no-plan">No confirmed plan: run a plan, open it in Plan Review and confirm it there.</span>
          )
        ) : (
          <select aria-label="Environment" data-testid="run-environment" value={environment} onChange={(e) => setEnvironment(e.target.value)} disabled={running}>
            <option value="">(no environment)</option>
            {environments.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}
                {e.production ? " (production)" : ""}
              </option>
            ))}
          </select>
        )}
        {confirmName && (
          <input
            className="run-confirm"
            data-testid="run-confirm"
            placeholder={`Type ${confirmName} to ${chosenPlan?.destroy ? "destroy" : "confirm"}`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-label={chosenPlan?.destroy ? "Type the name to confirm the destroy" : "Type the environment name to confirm"}
          />
        )}
        <button className="small primary" data-testid="run-start" disabled={!canStart} onClick={() => void runs.start(kind, kind === "apply" ? null : envName, chosenPlan?.id ?? null, typed)}>
          {kind === "apply" ? (chosenPlan?.destroy ? "Destroy" : "Apply") : "Start"}
        </button>
        {running && (
          <button className="small" data-testid="run-cancel" onClick={cancel} title={live?.cancelling ? "Stop now (kill)" : "Stop gracefully (interrupt)"}>
            {live?.cancelling ? "Stop now…" : "Cancel"}
          </button>
        )}
        <span className={`run-status ${live?.finished?.status ?? (running ? "running" : "")}`} data-testid="run-status" role="status">
          {status}
        </span>
      </div>
      {live?.lock && (
        <div className="banner run-lock" role="alert" data-testid="run-lock">
          <div>
            <strong>The state is locked by {live.lock.who || "someone else"}</strong> ({live.lock.operation}, since {live.lock.created}).
            <div className="muted">
              If you are sure that run is gone, unlock it yourself from a terminal in the workspace (TerraOrbis never runs this): <code>{live.lock.forceUnlockCommand}</code>
            </div>
          </div>
        </div>
      )}
      {live?.erroredState && (
        <div className="banner" role="alert" data-testid="run-errored-state">
          <div>
            <strong>Terraform could not save the state and wrote {live.erroredState}.</strong>
            <div className="muted">Push it back with <code>terraform state push errored.tfstate</code> before running again.</div>
          </div>
        </div>
      )}
      <div className="runs-body">
        <div className="runs-side">
          <div className="runs-title">Resources</div>
          <div className="run-resources" data-testid="run-resources">
            {live?.resources.length ? (
              live.resources.map((r) => (
                <div key={r.address} className={`run-resource ${r.phase}`} data-testid="run-resource" data-address={r.address} data-phase={r.phase}>
                  <span className="run-resource-addr">{r.address}</span>
                  <span className="muted">{r.action}</span>
                  <span className="run-phase">
                    {phaseLabel(r.phase)}
                    {r.elapsed ? ` ${r.elapsed}s` : ""}
                  </span>
                </div>
              ))
            ) : (
              <div className="muted small">No resource activity yet.</div>
            )}
          </div>
          <div className="runs-title">
            History
            {isFiltered(filter) && (
              <span className="muted" data-testid="run-history-count">
                {" "}
                · {shownHistory.length} of {history.length}
              </span>
            )}
          </div>
          <div className="run-history-filters">
            <select aria-label="Outcome" data-testid="run-history-filter" value={filter.status ?? ""} onChange={(e) => runs.setFilter({ status: (e.target.value || null) as RunStatus | null })}>
              <option value="">any outcome</option>
              <option value="succeeded">succeeded</option>
              <option value="failed">failed</option>
              <option value="interrupted">interrupted</option>
              <option value="cancelled">cancelled</option>
              <option value="running">running</option>
            </select>
            <select aria-label="Operation" data-testid="run-history-operation" value={filter.operation ?? ""} onChange={(e) => runs.setFilter({ operation: (e.target.value || null) as RunOperation | null })}>
              <option value="">any operation</option>
              {(["plan", "apply", "destroy", "refresh_only", "init"] as const).map((o) => (
                <option key={o} value={o}>
                  {OPERATION_LABEL[o]}
                </option>
              ))}
            </select>
            <select
              aria-label="Environment"
              data-testid="run-history-environment"
              value={filter.environment === null ? "*" : filter.environment}
              onChange={(e) => runs.setFilter({ environment: e.target.value === "*" ? null : e.target.value })}
            >
              <option value="*">any environment</option>
              {envChoices.map((name) => (
                <option key={name} value={name}>
                  {name || "(no environment)"}
                </option>
              ))}
            </select>
            <input type="search" placeholder="Search runs" aria-label="Search runs" data-testid="run-history-search" value={filter.text} onChange={(e) => runs.setFilter({ text: e.target.value })} />
          </div>
          <div className="run-history" data-testid="run-history">
            {shownHistory.length === 0 && <div className="muted small">{history.length ? "No run matches these filters." : "No runs in this workspace yet."}</div>}
            {shownHistory.map((r) => (
              <div key={r.id} className={`run-history-row ${r.status}`} data-testid="run-history-row" data-run-id={r.id} data-status={r.status} data-operation={r.operation}>
                <span className="run-history-main" title={r.command}>
                  #{r.id} {r.operation}{r.destroy ? " -destroy" : ""}{r.refresh_only ? " -refresh-only" : ""}
                  {r.environment ? ` · ${r.environment}` : ""} · <span className="run-outcome">{r.status}</span>
                  {r.changes ? ` · ${describeChanges(r.changes)}` : ""}
                  {r.approved ? " · confirmed" : ""}
                </span>
                <span className="muted small">
                  {when(r.started_at)}
                  {r.identity ? ` · ${r.identity}` : ""}
                </span>
                <span className="run-history-actions">
                  {r.plan_available && (
                    <button className="link" data-testid="run-open-plan" onClick={() => onOpenPlan(r.id)}>
                      Open in Plan Review
                    </button>
                  )}
                  <button className="link" data-testid="run-show-log" onClick={() => void runs.showLog(r.id)}>
                    Log
                  </button>
                </span>
              </div>
            ))}
            {history.length >= HISTORY_LIMIT && <div className="muted small">Showing the {HISTORY_LIMIT} newest runs.</div>}
          </div>
        </div>
        <div className="runs-log">
          <div className="runs-log-bar">
            <input type="search" placeholder="Search log" aria-label="Search log" data-testid="run-log-search" value={query} onChange={(e) => setQuery(e.target.value)} />
            <span className="muted small">
              {viewing ? `Log of run #${viewing.id}${viewing.truncated ? " (older lines dropped)" : ""}` : live ? `Live log of run #${live.id}` : ""}
              {query ? ` · ${shown.length} of ${lines.length} lines` : ""}
            </span>
            {viewing && live && (
              <button className="link" onClick={() => runs.showLive()}>
                Back to run #{live.id}
              </button>
            )}
          </div>
          <VirtualList
            items={shown}
            rowHeight={LOG_ROW}
            className="run-log"
            label="Run log"
            followTail
            itemKey={(l) => String(l.n)}
            render={(l) => (
              <div className={`run-log-line ${l.level}`} data-testid="run-log-line">
                {l.spans
                  ? l.spans.map((s, i) => (
                      <span key={i} className="ansi" style={spanStyle(s.style)}>
                        {s.text}
                      </span>
                    ))
                  : l.text}
              </div>
            )}
          />
        </div>
      </div>
      {confirmKill && (
        <Dialog
          title="Stop the run now?"
          testId="run-kill-dialog"
          onCancel={() => setConfirmKill(false)}
          buttons={[
            { label: "Keep waiting", onClick: () => setConfirmKill(false) },
            {
              label: "Stop now",
              primary: true,
              testId: "run-kill",
              onClick: () => {
                setConfirmKill(false);
                void runs.cancel(true);
              },
            },
          ]}
        >
          Terraform was asked to stop and is finishing what it started. Killing it now may leave the state locked (then it needs
          <code> terraform force-unlock</code>) or write an <code>errored.tfstate</code> that must be pushed back by hand, and resources
          may be half-created.
        </Dialog>
      )}
    </div>
  );
}
