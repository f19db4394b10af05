// The Helm section of the Clusters view (issue 11): every Helm release (read by Rust from
// Helm's release secrets) with its chart, app version, status and revision; a release opens
// its history with what changed in the user-supplied values at each revision.
import { useEffect, useState } from "react";
import type { Api } from "./api";
import type { HelmReleases } from "./generated/types";

const STATUS_SEVERITY: Record<string, string> = { deployed: "ok", superseded: "ok", failed: "error", "pending-install": "warning", "pending-upgrade": "warning", "pending-rollback": "warning", uninstalling: "warning" };

export function ClusterHelm({ api, namespace, onError }: { api: Api; namespace: string; onError: (err: unknown) => void }) {
  const [data, setData] = useState<HelmReleases | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.clusterHelmReleases().then(
      (r) => !cancelled && setData(r),
      (err) => !cancelled && onError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [api, onError]);
  if (!data) return <div className="placeholder small">Reading Helm's release secrets…</div>;
  if (!data.releases) {
    return (
      <div className="cluster-notice notice-info" role="status" data-testid="helm-no-access">
        No permission to list secrets: Helm keeps its releases in them.
      </div>
    );
  }
  const releases = data.releases.filter((r) => !namespace || r.namespace === namespace);
  return (
    <div className="cluster-platform" data-testid="cluster-helm">
      {data.errors.map((e) => (
        <div key={e} className="cluster-notice notice-warning" role="alert">
          {e}
        </div>
      ))}
      {releases.length === 0 ? (
        <p className="muted platform-empty">No Helm release{namespace ? ` in ${namespace}` : ""}.</p>
      ) : (
        <table className="platform-table">
          <thead>
            <tr><th>Release</th><th>Chart</th><th>App version</th><th>Status</th><th>Revision</th><th>Updated</th></tr>
          </thead>
          <tbody>
            {releases.flatMap((r) => {
              const key = `${r.namespace}/${r.name}`;
              const cur = r.history[0];
              const rows = [
                <tr key={key} data-testid="helm-release" data-key={key} className="helm-release" onClick={() => setOpen(open === key ? null : key)}>
                  <td className="mono">{open === key ? "▾" : "▸"} {key}</td>
                  <td className="mono">{cur.chart}-{cur.chart_version}</td>
                  <td>{cur.app_version ?? "—"}</td>
                  <td><span className={`health-badge sev-${STATUS_SEVERITY[cur.status] ?? "warning"}`}>{cur.status}</span></td>
                  <td>{cur.revision}</td>
                  <td className="muted">{cur.updated?.replace("T", " ").slice(0, 19) ?? ""}</td>
                </tr>,
              ];
              if (open === key) {
                for (const rev of r.history) {
                  rows.push(
                    <tr key={`${key}#${rev.revision}`} data-testid="helm-revision" className="helm-revision">
                      <td colSpan={6}>
                        <span className="mono">revision {rev.revision}</span> · {rev.status} · {rev.chart}-{rev.chart_version}
                        {rev.description ? ` · ${rev.description}` : ""}
                        {rev.values_changes.length > 0 && (
                          <ul className="cluster-action-changes">
                            {rev.values_changes.map((c) => (
                              <li key={c} className="mono">{c}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>,
                  );
                }
              }
              return rows;
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
