// The cross-cloud inventory table inside Inventory & Drift: every resource of the newest scan
// of each scope (AWS account/regions, Azure subscriptions, Google Cloud projects), with tags,
// a monthly cost estimate where the cost engine models the type, and the state address that
// manages it (from the last drift scan). Each scope shows its age and can be refreshed; a new
// scope is scanned from the form. Scans run in Rust with the user's own credentials.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Api } from "./api";
import type { InventoryScope, InventoryTable } from "./generated/types";
import {
  CLOUD_LABELS,
  MAX_SHOWN,
  SCOPE_PLACEHOLDER,
  costText,
  filterInventory,
  inventoryTotals,
  isStale,
  scopeFromForm,
  scopeLabel,
  tagsText,
  type CloudFilter,
  type ManagedFilter,
} from "./inventory-model";

interface Props {
  api: Api;
  onError: (err: unknown) => void;
}

export function InventoryTableView({ api, onError }: Props) {
  const [table, setTable] = useState<InventoryTable | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [cloud, setCloud] = useState<CloudFilter>("all");
  const [managed, setManaged] = useState<ManagedFilter>("all");
  const [text, setText] = useState("");
  const [scanCloud, setScanCloud] = useState<"aws" | "azure" | "gcp">("aws");
  const [where, setWhere] = useState("");

  useEffect(() => {
    api.inventoryTable().then(setTable, onError);
  }, [api, onError]);

  const run = useCallback(
    (scope: InventoryScope, label: string) => {
      setBusy(label);
      api
        .inventoryScan(scope)
        .then(setTable, onError)
        .finally(() => setBusy(null));
    },
    [api, onError],
  );

  const rows = useMemo(() => (table ? filterInventory(table.rows, { cloud, managed, text }) : []), [table, cloud, managed, text]);
  const totals = useMemo(() => inventoryTotals(rows), [rows]);

  return (
    <div className="inventory-table" data-testid="inventory-table">
      <form
        className="drift-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(scopeFromForm(scanCloud, where), "new");
        }}
      >
        <label>
          Scan
          <select value={scanCloud} onChange={(e) => setScanCloud(e.target.value as "aws" | "azure" | "gcp")} aria-label="Cloud to scan" data-testid="inventory-scan-cloud">
            <option value="aws">AWS</option>
            <option value="azure">Azure</option>
            <option value="gcp">Google Cloud</option>
          </select>
        </label>
        <label className="drift-snapshot">
          Where
          <input value={where} placeholder={SCOPE_PLACEHOLDER[scanCloud]} onChange={(e) => setWhere(e.target.value)} data-testid="inventory-scan-where" />
        </label>
        <button type="submit" className="primary" disabled={busy !== null || !table?.can_scan} data-testid="inventory-scan" title={table && !table.can_scan ? "This build cannot scan clouds" : undefined}>
          {busy === "new" ? "Scanning…" : "Scan"}
        </button>
      </form>
      <ul className="inventory-scopes" aria-label="Scanned scopes">
        {table?.scopes.map((s) => (
          <li key={s.source} className={isStale(s) ? "stale" : ""} data-testid="inventory-scope">
            <span>{scopeLabel(s)}</span>
            {isStale(s) && <span className="plan-warning"> stale</span>}
            {s.not_scanned.length > 0 && (
              <span className="muted" title={s.not_scanned.map((n) => `${n.resource_type}${n.region ? ` in ${n.region}` : ""}: ${n.message} (${n.hint})`).join("\n")}>
                {" "}
                · {s.not_scanned.length} not scanned
              </span>
            )}
            <button type="button" disabled={busy !== null || !s.refresh || !table.can_scan} onClick={() => s.refresh && run(s.refresh, s.source)} data-testid="inventory-refresh">
              {busy === s.source ? "Refreshing…" : "Refresh"}
            </button>
          </li>
        ))}
        {table && table.scopes.length === 0 && <li className="muted">No scan yet: scan a cloud above (or run a live drift scan).</li>}
      </ul>
      <div className="drift-form inventory-filters">
        <label>
          Cloud
          <select value={cloud} onChange={(e) => setCloud(e.target.value as CloudFilter)} aria-label="Cloud filter" data-testid="inventory-cloud">
            <option value="all">All clouds</option>
            {Object.entries(CLOUD_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          Managed
          <select value={managed} onChange={(e) => setManaged(e.target.value as ManagedFilter)} aria-label="Managed filter" data-testid="inventory-managed">
            <option value="all">All</option>
            <option value="managed">Managed by a state</option>
            <option value="unmanaged">Not in the scanned state</option>
          </select>
        </label>
        <label className="drift-snapshot">
          Search
          <input value={text} placeholder="type, name, id, region, tag=value…" onChange={(e) => setText(e.target.value)} data-testid="inventory-search" />
        </label>
        <span className="muted" data-testid="inventory-totals">
          {totals.resources} resources · {costText(totals.monthly)}/mo for {totals.costed} priced
          {table?.drift_known ? ` · ${totals.managed} managed` : " · run a drift scan to see what is managed"}
        </span>
      </div>
      <div className="drift-rows">
        <table className="inventory-grid">
          <thead>
            <tr>
              <th>Type</th>
              <th>Name</th>
              <th>ID</th>
              <th>Region</th>
              <th>Account</th>
              <th>Tags</th>
              <th className="num">$/month</th>
              <th>Managed by</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_SHOWN).map((r) => (
              <tr key={`${r.scope}\u0000${r.resource_type}\u0000${r.id}`} data-testid="inventory-row" data-cloud={r.cloud}>
                <td className="drift-type">{r.resource_type}</td>
                <td>{r.name ?? ""}</td>
                <td className="drift-id" title={r.id}>
                  {r.id}
                </td>
                <td>{r.region ?? "global"}</td>
                <td>{r.account ?? ""}</td>
                <td className="muted">{tagsText(r.tags)}</td>
                <td className="num">{costText(r.monthly_cost)}</td>
                <td>{r.managed_by ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > MAX_SHOWN && <div className="muted drift-banner">{rows.length - MAX_SHOWN} more rows: narrow the search.</div>}
      </div>
    </div>
  );
}
