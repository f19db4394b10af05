// The local audit log of cluster actions (issue 11): every action tried from this app —
// succeeded, failed (RBAC, gone, conflict) or refused before anything was sent — newest
// first, as Rust's store keeps it (append-only). The detail pane is hidden meanwhile: the
// log needs the width.
import { useEffect, useState } from "react";
import type { Api } from "./api";
import type { ClusterAuditEntry } from "./generated/types";
import { auditObject, auditTime } from "./cluster-actions-model";

export const AUDIT_LIMIT = 200;

export function ClusterAudit({ api, reload, onError }: { api: Api; reload: number; onError: (err: unknown) => void }) {
  const [rows, setRows] = useState<ClusterAuditEntry[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.clusterAudit(AUDIT_LIMIT).then(
      (r) => !cancelled && setRows(r),
      (err) => !cancelled && onError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [api, reload, onError]);
  if (rows === null) return <div className="placeholder small">Reading the audit log…</div>;
  return (
    <div className="cluster-table cluster-audit" data-testid="cluster-audit">
      <div className="cluster-row cluster-head audit-grid">
        <span>Time</span>
        <span>Outcome</span>
        <span>Action</span>
        <span>Context · object</span>
        <span>Result</span>
        <span>By</span>
      </div>
      {rows.length === 0 && <div className="panel-empty muted">No action has been taken on a cluster from this app yet.</div>}
      <div className="cluster-list">
        {rows.map((r) => (
          <div key={r.id} className="cluster-row audit-grid" data-testid="cluster-audit-row" data-outcome={r.outcome} title={r.message}>
            <span className="muted">{auditTime(r.at)}</span>
            <span>
              <span className={`health-badge sev-${r.outcome === "succeeded" ? "ok" : r.outcome === "failed" ? "error" : "warning"}`}>{r.outcome}</span>
            </span>
            <span className="cluster-ellipsis">{r.summary}</span>
            <span className="mono cluster-ellipsis">
              {r.context} · {r.kind} {auditObject(r)}
            </span>
            <span className="cluster-ellipsis" data-testid="cluster-audit-result">{r.message}</span>
            <span className="muted cluster-ellipsis">{r.identity ?? ""}</span>
          </div>
        ))}
      </div>
      <div className="cluster-footer muted">{rows.length} actions, newest first (hover a row for the whole result)</div>
    </div>
  );
}
