// Inventory & Drift: a workspace state compared with the live cloud (AWS, scanned by Rust with
// the user's own configuration) or with an inventory snapshot file. Summary counts, rows by
// class with filters, the attribute before/after of changed resources, the accept-into-code
// diff, import blocks for unmanaged ones, and the timeline of past scans. Read only: code is
// shown to copy, never written.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Api } from "./api";
import { InventoryTableView } from "./InventoryTableView";
import type { DriftAccept, DriftCapabilities, DriftImport, DriftRow, DriftTimeline, DriftView as DriftResult } from "./generated/types";
import {
  STATUS_HINTS,
  STATUS_LABELS,
  STATUS_ORDER,
  diffLineKind,
  filterRows,
  missingAdvice,
  resourceTypes,
  rowKey,
  scanRequest,
  ageText,
  statusCounts,
  summaryCards,
  svgDataUrl,
  valueText,
  type DriftForm,
  type DriftStatus,
  type StatusFilter,
} from "./drift-model";

interface Props {
  api: Api;
  /** A state to propose first (e.g. the one open in the State Explorer). */
  initialState?: string | null;
  onError: (err: unknown) => void;
}

function prefersDark(): boolean {
  const theme = document.documentElement.dataset.theme;
  if (theme) return theme === "dark";
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export function DriftView({ api, initialState, onError }: Props) {
  const [caps, setCaps] = useState<DriftCapabilities | null>(null);
  const [form, setForm] = useState<DriftForm>({ state: initialState ?? "", source: "live_aws", snapshot: "", profile: "", regions: "" });
  const [formError, setFormError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [result, setResult] = useState<DriftResult | null>(null);
  const [status, setStatus] = useState<StatusFilter>("all");
  const [type, setType] = useState("");
  const [text, setText] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<DriftTimeline | null>(null);
  // "drift": state vs cloud; "inventory": every scanned resource across clouds.
  const [mode, setMode] = useState<"drift" | "inventory">("drift");

  useEffect(() => {
    api.driftCapabilities().then((c) => {
      setCaps(c);
      setForm((f) => ({
        ...f,
        state: f.state || c.default_state || "",
        source: c.live_aws ? f.source : "snapshot",
        snapshot: f.snapshot || c.snapshots[0] || "",
        cached: f.cached || (c.cached_scans[0] ? String(c.cached_scans[0].id) : ""),
      }));
    }, onError);
  }, [api, onError]);

  const loadTimeline = useCallback(() => {
    api.driftTimeline(prefersDark()).then(setTimeline, onError);
  }, [api, onError]);
  useEffect(loadTimeline, [loadTimeline]);

  const scan = () => {
    const built = scanRequest(form);
    if ("error" in built) {
      setFormError(built.error);
      return;
    }
    setFormError(null);
    setScanning(true);
    api
      .driftScan(built.request)
      .then((view) => {
        setResult(view);
        setSelected(null);
        loadTimeline();
      }, onError)
      .finally(() => setScanning(false));
  };

  const rows = useMemo(() => (result ? filterRows(result.rows, { status, type, text }) : []), [result, status, type, text]);
  const counts = useMemo(() => statusCounts(result?.rows ?? []), [result]);
  const types = useMemo(() => resourceTypes(result?.rows ?? []), [result]);
  const selectedRow = result?.rows.find((r) => rowKey(r) === selected) ?? null;
  const set = (patch: Partial<DriftForm>) => setForm((f) => ({ ...f, ...patch }));

  const modeSwitch = (
    <span className="drift-mode" role="tablist" aria-label="View">
      {(["drift", "inventory"] as const).map((m) => (
        <button type="button" key={m} role="tab" aria-selected={mode === m} className={mode === m ? "active" : ""} onClick={() => setMode(m)} data-testid={`drift-mode-${m}`}>
          {m === "drift" ? "Drift" : "All resources"}
        </button>
      ))}
    </span>
  );
  if (mode === "inventory") {
    return (
      <div className="plan-review drift-view" data-testid="drift-view">
        <div className="plan-summary">
          <div className="plan-title-row">
            <div className="plan-title">
              <h1>
                Inventory &amp; Drift{modeSwitch}
              </h1>
              <div className="plan-facts muted">Every resource of your scanned accounts, subscriptions and projects, across clouds. Nothing is changed.</div>
            </div>
          </div>
        </div>
        <InventoryTableView api={api} onError={onError} />
      </div>
    );
  }

  return (
    <div className="plan-review drift-view" data-testid="drift-view">
      <div className="plan-summary">
        <div className="plan-title-row">
          <div className="plan-title">
            <h1>Inventory &amp; Drift{modeSwitch}</h1>
            <div className="plan-facts muted">
              {result
                ? `${result.state} vs ${result.source} · coverage ${result.coverage.toFixed(1)}% · ${result.elapsed_ms} ms${result.inventory_age_minutes !== null ? ` · inventory ${ageText(result.inventory_age_minutes)}` : ""}${result.driftignore ? ` · ${result.driftignore} honoured` : ""}`
                : "What Terraform thinks exists vs what really exists. Nothing is changed in the cloud or in your code."}
            </div>
          </div>
        </div>
        <form
          className="drift-form"
          onSubmit={(e) => {
            e.preventDefault();
            scan();
          }}
        >
          <label>
            State
            <select value={form.state} onChange={(e) => set({ state: e.target.value })} data-testid="drift-state" aria-label="State file">
              {!form.state && <option value="">(no state file found)</option>}
              {caps?.states.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Compare with
            <select
              value={form.source}
              onChange={(e) => set({ source: e.target.value as DriftForm["source"] })}
              data-testid="drift-source"
              aria-label="Live side"
            >
              <option value="live_aws" disabled={caps ? !caps.live_aws : false}>
                AWS, scanned now{caps && !caps.live_aws ? " (not in this build)" : ""}
              </option>
              <option value="snapshot">Inventory snapshot file</option>
              <option value="cached" disabled={!caps?.cached_scans.length}>
                An earlier live scan (cached){caps && !caps.cached_scans.length ? " (none yet)" : ""}
              </option>
            </select>
          </label>
          {form.source === "cached" ? (
            <label>
              Scan
              <select value={form.cached ?? ""} onChange={(e) => set({ cached: e.target.value })} data-testid="drift-cached" aria-label="Cached scan">
                {caps?.cached_scans.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.source} · {c.resources} resources · {ageText(c.age_minutes)}
                  </option>
                ))}
              </select>
            </label>
          ) : form.source === "live_aws" ? (
            <>
              <label>
                Profile
                <input value={form.profile} placeholder="AWS_PROFILE or default" onChange={(e) => set({ profile: e.target.value })} data-testid="drift-profile" />
              </label>
              <label>
                Regions
                <input value={form.regions} placeholder="the profile's region" onChange={(e) => set({ regions: e.target.value })} data-testid="drift-regions" />
              </label>
            </>
          ) : (
            <label className="drift-snapshot">
              Snapshot
              <input
                list="drift-snapshots"
                value={form.snapshot}
                placeholder="inventory.json (workspace-relative)"
                onChange={(e) => set({ snapshot: e.target.value })}
                data-testid="drift-snapshot"
              />
              <datalist id="drift-snapshots">
                {caps?.snapshots.map((s) => <option key={s} value={s} />)}
              </datalist>
            </label>
          )}
          <button type="submit" className="primary" disabled={scanning} data-testid="drift-scan">
            {scanning ? "Scanning…" : "Scan"}
          </button>
          {formError && (
            <span className="plan-warning" role="alert">
              {formError}
            </span>
          )}
        </form>
        {result && (
          <div className="plan-counts" role="list" aria-label="Resources by drift class">
            {summaryCards(result.counts).map((c) => (
              <button
                type="button"
                key={c.status}
                role="listitem"
                className={`count drift-${c.status}${c.count ? "" : " zero"}${status === c.status ? " active" : ""}`}
                data-testid={`drift-count-${c.status}`}
                title={c.status === "ignored" ? "Left out by .driftignore" : STATUS_HINTS[c.status]}
                onClick={() => c.status !== "ignored" && setStatus(status === c.status ? "all" : c.status)}
              >
                <span className="count-mark" aria-hidden />
                <strong>{c.count}</strong> {c.label}
              </button>
            ))}
          </div>
        )}
        {result?.not_scanned.map((n) => (
          <div key={`${n.resource_type}-${n.region}`} className="drift-banner" role="alert" data-testid="drift-not-scanned">
            <strong>{n.resource_type}</strong> was not scanned{n.region ? ` in ${n.region}` : ""}: {n.message} <span className="muted">{n.hint}</span>
          </div>
        ))}
        {result?.warnings
          .filter((w) => !result.not_scanned.some((n) => w.startsWith(`${n.resource_type} was not scanned`)))
          .map((w) => (
            <div key={w} className="drift-banner muted" data-testid="drift-warning">
              {w}
            </div>
          ))}
      </div>
      <div className="plan-body">
        <div className="plan-tree-pane">
          <div className="plan-filters">
            <input className="plan-search" placeholder="Filter by type, id, name, address…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter drift rows" data-testid="drift-filter" />
            <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} aria-label="Drift class" data-testid="drift-status-filter">
              <option value="all">All classes ({counts.all})</option>
              {STATUS_ORDER.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]} ({counts[s]})
                </option>
              ))}
            </select>
            <select value={type} onChange={(e) => setType(e.target.value)} aria-label="Resource type">
              <option value="">All types</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div className="drift-rows" role="list" aria-label="Drift rows">
            {!result && <div className="placeholder">{scanning ? "Scanning…" : "Choose a state and a live side, then Scan."}</div>}
            {result && rows.length === 0 && <div className="placeholder">No resource matches.</div>}
            {rows.map((r) => (
              <div
                key={rowKey(r)}
                role="listitem"
                className={`drift-row${selected === rowKey(r) ? " selected" : ""}`}
                data-testid="drift-row"
                data-status={r.status}
                data-id={r.id}
                onClick={() => setSelected(rowKey(r))}
              >
                <span className={`drift-badge drift-${r.status}`}>{STATUS_LABELS[r.status as DriftStatus] ?? r.status}</span>
                <span className="drift-type">{r.resource_type}</span>
                <span className="drift-id">{r.id}</span>
                <span className="muted drift-where">{r.address ?? r.name ?? ""}</span>
              </div>
            ))}
          </div>
        </div>
        <div className="plan-side">
          <div className="plan-detail-scroll">
            {selectedRow ? (
              <RowDetail key={rowKey(selectedRow)} api={api} row={selectedRow} onError={onError} />
            ) : (
              <div className="placeholder">{result ? "Select a resource to see what differs and how to fix it." : ""}</div>
            )}
            <Timeline timeline={timeline} />
          </div>
        </div>
      </div>
    </div>
  );
}

function RowDetail({ api, row, onError }: { api: Api; row: DriftRow; onError: (err: unknown) => void }) {
  const [imported, setImported] = useState<DriftImport | null>(null);
  const [accept, setAccept] = useState<DriftAccept | null>(null);
  const [copied, setCopied] = useState(false);
  const status = row.status as DriftStatus;
  const copy = (text: string) =>
    navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className="drift-detail" data-testid="drift-detail">
      <div className="detail-title">
        <div>
          <span className={`drift-badge drift-${status}`}>{STATUS_LABELS[status] ?? row.status}</span> <strong className="mono">{row.resource_type}</strong>{" "}
          <span className="mono">{row.id}</span>
        </div>
        <div className="muted">
          {[row.address, row.name && `Name: ${row.name}`, row.region, row.account && `account ${row.account}`].filter(Boolean).join(" · ")}
        </div>
        <div className="muted drift-hint">{STATUS_HINTS[status]}</div>
      </div>
      {row.changes.length > 0 && (
        <table className="drift-changes" data-testid="drift-changes">
          <thead>
            <tr>
              <th>Attribute</th>
              <th>In state</th>
              <th>Live</th>
            </tr>
          </thead>
          <tbody>
            {row.changes.map((c) => (
              <tr key={c.attribute} data-attribute={c.attribute}>
                <td className="mono">{c.attribute}</td>
                <td className="mono drift-before">{valueText(c.state)}</td>
                <td className="mono drift-after">{valueText(c.live)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="drift-actions">
        {status === "changed" && (
          <>
            <span className="muted">Revert: run a plan and apply (the runner asks for approval).</span>
            <button className="small" data-testid="drift-accept" onClick={() => api.driftAcceptPreview(row.resource_type, row.id).then(setAccept, onError)}>
              Accept into code…
            </button>
          </>
        )}
        {status === "unmanaged" && (
          <button className="small" data-testid="drift-import" onClick={() => api.driftImportBlock(row.resource_type, row.id).then(setImported, onError)}>
            Import block
          </button>
        )}
        {status === "missing" && missingAdvice(row) && (
          <span className="muted">
            Deleted on purpose? <code>{missingAdvice(row)}</code> — otherwise apply recreates it.
          </span>
        )}
      </div>
      {accept && (
        <div className="drift-code" data-testid="drift-accept-diff">
          <div className="drift-code-title">
            Accept into code · {accept.file ?? "block not found in the workspace"}
            {accept.diff && (
              <button className="small" onClick={() => copy(accept.diff)}>
                {copied ? "Copied" : "Copy diff"}
              </button>
            )}
          </div>
          {accept.diff ? (
            <pre>
              {accept.diff.split("\n").map((line, i) => (
                <div key={i} className={`diff-${diffLineKind(line)}`}>
                  {line || " "}
                </div>
              ))}
            </pre>
          ) : (
            <div className="muted">Nothing can be rewritten automatically.</div>
          )}
          {accept.notes.map((n) => (
            <div key={n} className="muted">
              Note: {n}
            </div>
          ))}
        </div>
      )}
      {imported && (
        <div className="drift-code" data-testid="drift-import-code">
          <div className="drift-code-title">
            Import block and resource skeleton (paste into a .tf file, then plan)
            <button className="small" onClick={() => copy(imported.code)} data-testid="drift-copy-import">
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <pre>{imported.code}</pre>
        </div>
      )}
    </div>
  );
}

function Timeline({ timeline }: { timeline: DriftTimeline | null }) {
  if (!timeline) return null;
  return (
    <div className="drift-timeline" data-testid="drift-timeline">
      <div className="drift-code-title">
        Timeline · {timeline.scans} scan{timeline.scans === 1 ? "" : "s"} of this workspace
      </div>
      <img src={svgDataUrl(timeline.counts_svg)} alt="Drift counts over time" />
      <img src={svgDataUrl(timeline.coverage_svg)} alt="Coverage over time" />
    </div>
  );
}
