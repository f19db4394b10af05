// The State Explorer: a Terraform/OpenTofu state as module → type → instance rows (virtualized),
// one instance's attributes (sensitive values already redacted by Rust), what it depends on and
// what depends on it, and "Show in code" for the block declaring it. Read only.
import { LiveLinkRow } from "./LiveLinkRow";
import type { LiveTarget } from "./generated/types";
import { useEffect, useMemo, useState } from "react";
import type { Api } from "./api";
import type { Location, StateInstanceDetail, StateView } from "./generated/types";
import { VirtualList } from "./VirtualList";
import { lockKinds, lockTime, quickMatches, remoteTitle, stateRows, type StateRow } from "./state-explorer-model";

interface Props {
  api: Api;
  state: StateView;
  onShowInCode: (location: Location) => void;
  /** Opens Inventory & Drift for this state. */
  onCompare?: () => void;
  /** Re-reads a remote state from its backend (only for states read from one). */
  onRefresh?: () => Promise<void>;
  onError: (err: unknown) => void;
  /** Opens a resource's live counterpart (Link IaC to live). */
  onOpenLive?: (target: LiveTarget) => void;
}

const ROW_HEIGHT = 24;

export function StateExplorer({ api, state, onShowInCode, onCompare, onRefresh, onError, onOpenLive }: Props) {
  const [refreshing, setRefreshing] = useState(false);
  const remote = state.remote;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState("");
  const [valueMatches, setValueMatches] = useState<Set<string> | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<StateInstanceDetail | null>(null);

  // Address and id filter at once; values are searched in Rust after a pause.
  useEffect(() => {
    setValueMatches(null);
    if (filter.trim().length < 3) return;
    const timer = setTimeout(() => {
      api.searchState(filter.trim()).then((found) => setValueMatches(new Set(found)), onError);
    }, 250);
    return () => clearTimeout(timer);
  }, [api, filter, onError]);

  const matches = useMemo(() => {
    if (!filter.trim()) return null;
    const quick = quickMatches(state.modules, filter.trim());
    if (valueMatches) for (const a of valueMatches) quick.add(a);
    return quick;
  }, [state.modules, filter, valueMatches]);
  const rows = useMemo(() => stateRows(state.modules, collapsed, matches), [state.modules, collapsed, matches]);

  useEffect(() => {
    if (!selected) {
      setDetail(null);
      return;
    }
    let cancelled = false;
    api.stateInstance(selected).then((d) => !cancelled && setDetail(d), (err) => !cancelled && onError(err));
    return () => {
      cancelled = true;
    };
  }, [api, selected, onError]);

  const toggle = (key: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const renderRow = (row: StateRow) => {
    if (row.kind === "instance") {
      return (
        <div
          className={`plan-row change state-row${selected === row.address ? " selected" : ""}`}
          style={{ paddingLeft: 36 }}
          data-testid="state-instance"
          data-address={row.address}
          onClick={() => setSelected(row.address)}
        >
          <span className="name">{row.address}</span>
          {row.data && <span className="tag">data</span>}
          {row.deposed && <span className="tag">deposed</span>}
          {row.id && <span className="muted state-id">{row.id}</span>}
        </div>
      );
    }
    return (
      <div className={`plan-row group ${row.kind}`} style={{ paddingLeft: row.kind === "module" ? 8 : 22 }} onClick={() => toggle(row.key)}>
        <span aria-hidden>{row.expanded ? "▾" : "▸"}</span>
        <span className="name">{row.label}</span>
        <span className="group-count">{row.count}</span>
      </div>
    );
  };

  return (
    <div className="plan-review state-explorer" data-testid="state-explorer">
      <div className="plan-summary">
        <div className="plan-title-row">
          <div className="plan-title">
            <h1 data-testid="state-title">{remote ? remoteTitle(remote) : `State · ${state.location}`}</h1>
            <div className="plan-facts muted">
              {state.format}
              {state.terraform_version && ` · terraform ${state.terraform_version}`}
              {state.serial !== null && ` · serial ${state.serial}`}
              {` · ${state.instances} instances`}
              {remote && ` · ${remote.backend} backend · workspace ${remote.workspace} · read ${new Date(remote.fetched_at).toLocaleTimeString()}`}
              {state.encrypted && " · decrypted in memory"}
              {` · ${state.redacted_values} sensitive values hidden · read only`}
            </div>
          </div>
          {(onCompare || (remote && onRefresh)) && (
            <div className="plan-export">
              {remote && onRefresh && (
                <button
                  className="small"
                  disabled={refreshing}
                  data-testid="state-refresh"
                  title="Read the state and its locks from the backend again (read only)"
                  onClick={() => {
                    setRefreshing(true);
                    onRefresh().finally(() => setRefreshing(false));
                  }}
                >
                  {refreshing ? "Refreshing…" : "Refresh"}
                </button>
              )}
              {onCompare && (
                <button className="small" onClick={onCompare} data-testid="state-compare" title="Compare this state with the live cloud or an inventory snapshot">
                  Compare with cloud…
                </button>
              )}
            </div>
          )}
        </div>
        {state.lock && (
          <div className="state-lock" role="alert" data-testid="state-lock">
            Locked by <strong>{state.lock.who || "someone"}</strong> ({state.lock.operation || "an operation"}, since {lockTime(state.lock.created)}). If that run is gone,
            remove the lock with <code>{state.lock.force_unlock}</code> — only when you are sure nothing runs.
            {remote && remote.locks.length > 0 && ` Seen in: ${lockKinds(remote).join(", ")}.`}
          </div>
        )}
        {remote?.warnings.map((w) => (
          <div key={w} className="state-lock muted" data-testid="state-remote-warning">
            {w}
          </div>
        ))}
      </div>
      <div className="plan-body">
        <div className="plan-tree-pane">
          <div className="plan-filters">
            <input
              className="plan-search"
              placeholder="Filter by address, id or value…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              data-testid="state-filter"
              aria-label="Filter state resources"
            />
          </div>
          <VirtualList items={rows} rowHeight={ROW_HEIGHT} itemKey={(r) => r.key} render={renderRow} className="plan-tree" label="State resources" />
          {state.outputs.length > 0 && (
            <div className="state-outputs">
              <div className="state-outputs-title">Outputs</div>
              {state.outputs.map((o) => (
                <div key={o.name} className="state-output" data-testid="state-output" data-name={o.name}>
                  <span className="name">{o.name}</span>
                  <span className="muted">{o.sensitive ? "(sensitive)" : o.value}</span>
                </div>
              ))}
            </div>
          )}
        </div>
        <div className="plan-side">
          <div className="plan-detail-scroll">
            {detail ? (
              <>
                {onOpenLive && <LiveLinkRow id={detail.address} load={() => api.liveLinkForStateInstance(detail.address)} onOpen={onOpenLive} />}
                <InstanceDetail detail={detail} onSelect={setSelected} onShowInCode={onShowInCode} />
              </>
            ) : (
              <div className="placeholder">Select a resource to see its attributes.</div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function InstanceDetail({ detail, onSelect, onShowInCode }: { detail: StateInstanceDetail; onSelect: (a: string) => void; onShowInCode: (l: Location) => void }) {
  return (
    <div className="change-detail" data-testid="state-detail">
      <div className="detail-header">
        <div className="detail-title">
          <h2>{detail.address}</h2>
          <div className="muted">
            {detail.resource_type} · {detail.provider}
            {detail.id && ` · id ${detail.id}`}
            {detail.deposed && ` · deposed ${detail.deposed}`}
          </div>
        </div>
        {detail.code && (
          <button className="small" data-testid="state-show-in-code" onClick={() => onShowInCode(detail.code!)} title={detail.code.preview}>
            Show in code
          </button>
        )}
      </div>
      <div className="panel">
        <h3>Attributes</h3>
        <table className="state-attributes">
          <tbody>
            {detail.attributes.map((a) => (
              <tr key={a.name} data-testid="state-attribute" data-name={a.name}>
                <td className="state-attr-name">{a.name}</td>
                <td>
                  {a.sensitive ? <span className="tag">sensitive</span> : null}
                  <pre className="state-attr-value">{a.value}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Links title="Depends on" addresses={detail.dependencies} onSelect={onSelect} />
      <Links title="Used by" addresses={detail.dependents} onSelect={onSelect} />
    </div>
  );
}

function Links({ title, addresses, onSelect }: { title: string; addresses: string[]; onSelect: (a: string) => void }) {
  return (
    <div className="panel">
      <h3>{title}</h3>
      {addresses.length === 0 ? (
        <div className="panel-empty muted">Nothing.</div>
      ) : (
        <ul className="state-links">
          {addresses.map((a) => (
            <li key={a}>
              <button className="state-link" onClick={() => onSelect(a)}>
                {a}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
