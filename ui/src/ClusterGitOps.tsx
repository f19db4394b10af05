// The GitOps section of the Clusters view (issue 11): Argo CD Applications and Flux
// Kustomizations, HelmReleases and sources (read by Rust on request, when their CRDs are
// served) with sync/health or Ready, revision, source and destination, worst first; what is
// not installed or not readable is said, never shown as an empty table.
import { useCallback, useEffect, useState } from "react";
import type { Api } from "./api";
import type { ClusterGitOps as GitOpsData } from "./generated/types";
import { installedLine, severityCounts, shortRevision, statusText, toolNotice, visibleApps } from "./gitops-model";

export function ClusterGitOps({ api, namespace, onError }: { api: Api; namespace: string; onError: (err: unknown) => void }) {
  const [data, setData] = useState<GitOpsData | null>(null);
  const [search, setSearch] = useState("");
  const [loading, setLoading] = useState(false);
  const load = useCallback(() => {
    let cancelled = false;
    setLoading(true);
    api.clusterGitops().then(
      (r) => {
        if (cancelled) return;
        setData(r);
        setLoading(false);
      },
      (err) => {
        if (cancelled) return;
        setLoading(false);
        onError(err);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, onError]);
  useEffect(() => load(), [load]);
  if (!data) return <div className="placeholder small">{loading ? "Looking for Argo CD and Flux…" : "GitOps status could not be read."}</div>;
  const notices = [toolNotice("Argo CD", data.argo), toolNotice("Flux", data.flux)].filter((n): n is string => n !== null);
  const installed = installedLine(data);
  const rows = visibleApps(data.apps, namespace, search);
  const counts = severityCounts(rows);
  const anyInstalled = data.argo.presence === "installed" || data.flux.presence === "installed";
  return (
    <div className="cluster-platform" data-testid="cluster-gitops">
      {installed && (
        <div className="cluster-notice notice-info" role="status" data-testid="gitops-not-installed">
          {installed}
        </div>
      )}
      {notices.map((n) => (
        <div key={n} className="cluster-notice notice-warning" role="status" data-testid="gitops-no-access">
          {n}
        </div>
      ))}
      {anyInstalled && (
        <>
          <div className="gitops-toolbar">
            <input className="cluster-search" placeholder="Filter by name, kind, source or message…" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Filter applications" />
            <span className="muted">
              {counts.error} failing · {counts.warning} attention · {counts.ok} ok
            </span>
            <button onClick={load} disabled={loading} data-testid="gitops-refresh">
              {loading ? "Reading…" : "Refresh"}
            </button>
          </div>
          {rows.length === 0 ? (
            <p className="muted platform-empty">No Argo CD application or Flux object{namespace ? ` in ${namespace}` : ""}.</p>
          ) : (
            <table className="platform-table gitops-table">
              <thead>
                <tr><th>Tool</th><th>Kind</th><th>Application</th><th>Status</th><th>Revision</th><th>Source</th><th>Destination</th></tr>
              </thead>
              <tbody>
                {rows.flatMap((a) => {
                  const key = `${a.tool}/${a.kind}/${a.namespace}/${a.name}`;
                  const out = [
                    <tr key={key} data-testid="gitops-app" data-key={key}>
                      <td>{a.tool === "argo" ? "Argo CD" : "Flux"}</td>
                      <td>{a.kind}</td>
                      <td className="mono">{a.namespace}/{a.name}</td>
                      <td><span className={`health-badge sev-${a.severity}`}>{statusText(a)}</span></td>
                      <td className="mono" title={a.revision ?? ""}>{shortRevision(a.revision)}</td>
                      <td className="mono gitops-wrap">{a.source ?? "—"}</td>
                      <td className="gitops-wrap">{a.destination ?? "—"}</td>
                    </tr>,
                  ];
                  if (a.message && a.severity !== "ok") {
                    out.push(
                      <tr key={`${key}#message`} className="gitops-message" data-testid="gitops-message">
                        <td />
                        <td colSpan={6} className={`sev-${a.severity}`}>{a.message}</td>
                      </tr>,
                    );
                  }
                  return out;
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
