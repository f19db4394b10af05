// The Cost view: the workspace's monthly cost estimated offline from its configuration —
// total, budgets, per-resource rows with their components (usage-based parts without usage say
// so instead of $0.00), free and unsupported resources, chargeback groups with a chart (SVG from
// Rust, shown as an image) and SVG/PNG export, and the history of estimates.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Api } from "./api";
import type { CostChartFormat, CostHistory, CostResourceRow, CostView as CostViewData } from "./generated/types";
import {
  chartTheme, componentCost, componentDetail, countsLine, formatMoney, groupCost, resourceCost, svgDataUrl, visibleRows, type SortKey,
} from "./cost-model";

type Section = "resources" | "chargeback" | "history";

/** Rows rendered at once: a filter narrows bigger workspaces (a table of components per row). */
const MAX_ROWS = 400;

interface Props {
  api: Api;
  view: CostViewData | null;
  /** An estimate is running (first one or a re-estimate after a save). */
  busy: boolean;
  /** Estimate `folder` ("" = the whole workspace) again. */
  onEstimate: (folder: string) => void;
  onError: (err: unknown) => void;
  onNotice: (text: string) => void;
}

export function CostView({ api, view, busy, onEstimate, onError, onNotice }: Props) {
  const [section, setSection] = useState<Section>("resources");
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortKey>("cost");
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [grouping, setGrouping] = useState("service");
  const [folder, setFolder] = useState(view?.folder ?? "");

  useEffect(() => setFolder(view?.folder ?? ""), [view?.folder]);

  const rows = useMemo(() => (view ? visibleRows(view.resources, query, sort) : []), [view, query, sort]);

  const pickUsage = useCallback(
    async (clear: boolean) => {
      try {
        const picked = await api.pickCostUsageFile(clear);
        if (clear || picked) onEstimate(view?.folder ?? "");
      } catch (err) {
        onError(err);
      }
    },
    [api, view?.folder, onEstimate, onError],
  );

  if (!view) {
    return (
      <div className="cost-view" data-testid="cost-view">
        <div className="placeholder" role="status">{busy ? "Estimating the workspace's monthly cost…" : "No estimate yet."}</div>
      </div>
    );
  }
  const cur = view.currency;
  const toggle = (address: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(address)) next.delete(address);
      else next.add(address);
      return next;
    });

  return (
    <div className="cost-view" data-testid="cost-view">
      <div className="plan-summary cost-summary">
        <div className="plan-title-row">
          <div className="plan-title">
            <h1>
              Monthly cost <span className="muted">· {view.folder || "whole workspace"}</span>
            </h1>
            <div className="plan-facts muted" data-testid="cost-counts">
              {countsLine(view)} · catalog {view.catalog_version} · {view.elapsed_ms} ms{busy ? " · re-estimating…" : ""}
            </div>
          </div>
          <div className={`plan-cost cost-total${view.budget_exceeded ? " over" : ""}`}>
            <span className="muted">per month (730 h)</span>
            <span className="cost-total-value" data-testid="cost-total">{formatMoney(view.total_monthly_cost, cur)}</span>
          </div>
        </div>
        <div className="cost-controls">
          <label className="toggle">
            Folder
            <input
              className="cost-folder"
              value={folder}
              placeholder="(whole workspace)"
              onChange={(e) => setFolder(e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && onEstimate(folder.trim())}
              aria-label="Folder to estimate"
            />
          </label>
          <button className="small" disabled={busy} onClick={() => onEstimate(folder.trim())}>Estimate</button>
          <span className="muted cost-usage" data-testid="cost-usage">
            Usage file: {view.usage_file ?? "none (usage-based costs not estimated)"}
          </span>
          <button className="small" onClick={() => void pickUsage(false)}>Choose…</button>
          {view.usage_file && <button className="small" onClick={() => void pickUsage(true)}>Clear</button>}
        </div>
        {view.budgets.length > 0 && (
          <ul className="cost-budgets" data-testid="cost-budgets">
            {view.budgets.map((b) => (
              <li key={`${b.budget}:${b.limit_kind}`} className={b.exceeded ? "exceeded" : "within"}>
                <span className={`tag ${b.exceeded ? "budget-over" : "budget-ok"}`}>{b.exceeded ? "over budget" : "within"}</span> {b.message}
              </li>
            ))}
          </ul>
        )}
        {view.prices_missing > 0 && (
          <div className="plan-warning" data-testid="cost-prices-missing">
            {view.prices_missing} resource{view.prices_missing === 1 ? " has" : "s have"} a component without a price in the bundled catalog for its region: not in the total. Import the cloud's price file with `orbis cost import`.
          </div>
        )}
        {view.warnings.map((w) => (
          <div key={w} className="plan-warning">{w}</div>
        ))}
        <div className="cost-sections" role="tablist">
          {(["resources", "chargeback", "history"] as const).map((s) => (
            <button key={s} role="tab" aria-selected={section === s} className={`cost-section${section === s ? " active" : ""}`} data-testid={`cost-section-${s}`} onClick={() => setSection(s)}>
              {s === "resources" ? "Resources" : s === "chargeback" ? "Chargeback" : "History"}
            </button>
          ))}
        </div>
      </div>
      <div className="cost-body">
        {section === "resources" && (
          <>
            <div className="plan-filters">
              <input className="plan-search" placeholder="Filter by address, type, service, module or tag (Owner=…)" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Filter resources" />
              <label className="toggle">
                <input type="radio" checked={sort === "cost"} onChange={() => setSort("cost")} /> by cost
              </label>
              <label className="toggle">
                <input type="radio" checked={sort === "address"} onChange={() => setSort("address")} /> by address
              </label>
              <span className="plan-shown muted">{rows.length} of {view.resources.length} priced</span>
            </div>
            <table className="cost-table" data-testid="cost-resources">
              <tbody>
                {rows.slice(0, MAX_ROWS).map((r) => (
                  <ResourceRows key={r.address} row={r} currency={cur} open={open.has(r.address)} onToggle={() => toggle(r.address)} />
                ))}
              </tbody>
            </table>
            {rows.length > MAX_ROWS && <div className="muted cost-more">{rows.length - MAX_ROWS} more — filter to narrow the list.</div>}
            {view.unsupported.length > 0 && (
              <section className="cost-list" data-testid="cost-unsupported">
                <h3>Not estimated: no cost model ({view.unsupported.length}) — not counted in the total, not $0</h3>
                {view.unsupported.map((u) => (
                  <div key={u.address} className="cost-list-item">
                    <span className="mono">{u.address}</span> <span className="muted">— {u.reason}</span>
                  </div>
                ))}
              </section>
            )}
            {view.free.length > 0 && (
              <details className="cost-list" data-testid="cost-free">
                <summary>Free resources ({view.free.length}): no charge by themselves</summary>
                {view.free.map((f) => (
                  <div key={f.address} className="cost-list-item mono">{f.address}</div>
                ))}
              </details>
            )}
          </>
        )}
        {section === "chargeback" && <Chargeback api={api} view={view} grouping={grouping} onGrouping={setGrouping} onError={onError} onNotice={onNotice} />}
        {section === "history" && <History api={api} view={view} onError={onError} />}
      </div>
    </div>
  );
}

function ResourceRows({ row, currency, open, onToggle }: { row: CostResourceRow; currency: string; open: boolean; onToggle: () => void }) {
  return (
    <>
      <tr className="cost-row" data-testid="cost-row" data-address={row.address} onClick={onToggle}>
        <td className="cost-caret">{open ? "▾" : "▸"}</td>
        <td className="mono">{row.address}</td>
        <td className="muted">{row.service}</td>
        <td className="muted">{row.region ?? ""}</td>
        <td className={`cost-money${row.not_estimated && row.monthly_cost === 0 ? " not-estimated" : ""}`}>{resourceCost(row, currency)}</td>
      </tr>
      {open &&
        row.components.map((c) => (
          <tr key={c.name} className="cost-component" data-testid="cost-component">
            <td />
            <td>
              {c.name}
              {c.note && <span className="muted"> — {c.note}</span>}
            </td>
            <td className="muted" colSpan={2}>{componentDetail(c, currency)}</td>
            <td className={`cost-money${c.monthly_cost === null ? " not-estimated" : ""}`}>{componentCost(c, currency)}</td>
          </tr>
        ))}
    </>
  );
}

function Chargeback({ api, view, grouping, onGrouping, onError, onNotice }: {
  api: Api; view: CostViewData; grouping: string; onGrouping: (g: string) => void; onError: (e: unknown) => void; onNotice: (t: string) => void;
}) {
  const [svg, setSvg] = useState<string | null>(null);
  const current = view.chargeback.find((g) => g.key === grouping) ?? view.chargeback[0];
  useEffect(() => {
    let cancelled = false;
    setSvg(null);
    api.costChart(current.key, chartTheme()).then((s) => !cancelled && setSvg(s), (err) => !cancelled && onError(err));
    return () => {
      cancelled = true;
    };
  }, [api, view, current.key, onError]);

  const exportChart = async (format: CostChartFormat) => {
    try {
      const saved = await api.exportCostChart(current.key, chartTheme(), format);
      if (saved) onNotice(`Chart saved to ${saved}`);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <div className="cost-chargeback">
      <div className="plan-filters">
        <span className="muted">Group by</span>
        {view.chargeback.map((g) => (
          <button key={g.key} className={`small cost-group-by${g.key === current.key ? " active" : ""}`} data-testid={`group-by-${g.key}`} onClick={() => onGrouping(g.key)}>
            {g.label}
          </button>
        ))}
        <span className="plan-export">
          <button className="small" onClick={() => void exportChart("svg")}>Export SVG…</button>
          <button className="small" onClick={() => void exportChart("png")}>Export PNG…</button>
        </span>
      </div>
      <table className="cost-table" data-testid="cost-groups">
        <tbody>
          {current.groups.map((g) => (
            <tr key={g.key} className="cost-row" data-testid="cost-group">
              <td className="mono">{g.key}</td>
              <td className="muted">{g.resources} resource{g.resources === 1 ? "" : "s"}</td>
              <td className={`cost-money${g.not_estimated > 0 && g.monthly_cost === 0 ? " not-estimated" : ""}`}>{groupCost(g, view.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="cost-chart">
        {svg ? <img src={svgDataUrl(svg)} alt={`Monthly cost by ${current.label}`} data-testid="cost-chart" /> : <div className="muted">Drawing the chart…</div>}
      </div>
    </div>
  );
}

function History({ api, view, onError }: { api: Api; view: CostViewData; onError: (e: unknown) => void }) {
  const [history, setHistory] = useState<CostHistory | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.costHistory(chartTheme()).then((h) => !cancelled && setHistory(h), (err) => !cancelled && onError(err));
    return () => {
      cancelled = true;
    };
  }, [api, view, onError]);
  if (!history) return <div className="muted cost-more">Loading the history…</div>;
  const config = history.points.filter((p) => !p.plan);
  const plans = history.points.length - config.length;
  const first = config[0];
  const last = config[config.length - 1];
  return (
    <div className="cost-history" data-testid="cost-history">
      <div className="muted cost-more">
        {config.length} estimate{config.length === 1 ? "" : "s"} of {view.folder || "the whole workspace"}
        {first && last && config.length > 1 && ` · ${formatMoney(first.total_monthly_cost, view.currency)} → ${formatMoney(last.total_monthly_cost, view.currency)}`}
        {plans > 0 && ` · ${plans} reviewed plan${plans === 1 ? "" : "s"}`}
      </div>
      <div className="cost-chart">
        <img src={svgDataUrl(history.svg)} alt="Estimated monthly cost over time" data-testid="cost-history-chart" />
      </div>
    </div>
  );
}
