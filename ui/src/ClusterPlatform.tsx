// The Platform section of the Clusters view (issue 11): one namespace's resource quotas and
// limit ranges, who can do what there (RBAC, cluster-wide grants included), and its network
// policies in plain words — from Rust's `cluster_platform`, read when the namespace changes.
import { useEffect, useState } from "react";
import type { Api } from "./api";
import type { ClusterPlatform as Platform } from "./generated/types";
import { cell, matrixColumns } from "./cluster-platform-model";

function NoAccess({ what }: { what: string }) {
  return (
    <div className="cluster-notice notice-info" role="status" data-testid="platform-no-access">
      No permission to list {what}.
    </div>
  );
}

export function ClusterPlatform({ api, namespace, onError }: { api: Api; namespace: string; onError: (err: unknown) => void }) {
  const [data, setData] = useState<Platform | null>(null);
  useEffect(() => {
    if (!namespace) return;
    let cancelled = false;
    setData(null);
    api.clusterPlatform(namespace).then(
      (p) => !cancelled && setData(p),
      (err) => !cancelled && onError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [api, namespace, onError]);
  if (!namespace) return <div className="placeholder small">Pick a namespace above: quotas, access and network policies are per namespace.</div>;
  if (!data) return <div className="placeholder small">Reading {namespace}…</div>;
  const columns = data.access ? matrixColumns(data.access) : [];
  return (
    <div className="cluster-platform" data-testid="cluster-platform">
      <h3 className="cluster-usage-title">Resource quotas</h3>
      {!data.quotas ? (
        <NoAccess what="resource quotas" />
      ) : data.quotas.length === 0 ? (
        <p className="muted platform-empty">No quota: pods in {namespace} may use what the nodes have.</p>
      ) : (
        <table className="platform-table" data-testid="platform-quotas">
          <thead>
            <tr><th>Quota</th><th>Resource</th><th>Used</th><th>Hard</th><th /></tr>
          </thead>
          <tbody>
            {data.quotas.map((q) => (
              <tr key={`${q.quota}/${q.resource}`} data-testid="platform-quota">
                <td className="mono">{q.quota}</td>
                <td className="mono">{q.resource}</td>
                <td>{q.used ?? "—"}</td>
                <td>{q.hard}</td>
                <td className={q.percent !== null && q.percent >= 90 ? "cluster-count-bad" : "muted"}>{q.percent === null ? "" : `${q.percent}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="cluster-usage-title">Limit ranges</h3>
      {!data.limits ? (
        <NoAccess what="limit ranges" />
      ) : data.limits.length === 0 ? (
        <p className="muted platform-empty">No limit range: containers without requests or limits get none.</p>
      ) : (
        <table className="platform-table" data-testid="platform-limits">
          <thead>
            <tr><th>Limit range</th><th>For</th><th>Resource</th><th>Default request</th><th>Default limit</th><th>Min</th><th>Max</th></tr>
          </thead>
          <tbody>
            {data.limits.map((l) => (
              <tr key={`${l.limit_range}/${l.applies_to}/${l.resource}`}>
                <td className="mono">{l.limit_range}</td>
                <td>{l.applies_to}</td>
                <td className="mono">{l.resource}</td>
                <td>{l.default_request ?? "—"}</td>
                <td>{l.default_limit ?? "—"}</td>
                <td>{l.min ?? "—"}</td>
                <td>{l.max ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="cluster-usage-title">Who can do what in {namespace}</h3>
      {!data.access ? (
        <NoAccess what="roles and bindings" />
      ) : (
        <table className="platform-table" data-testid="platform-access">
          <thead>
            <tr>
              <th>Subject</th>
              {columns.map((c) => (
                <th key={c} className="mono">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.access.map((row) => (
              <tr key={row.subject} data-testid="platform-subject" data-subject={row.subject} title={row.via.join("\n")}>
                <td className="mono">{row.subject}</td>
                {columns.map((c) => (
                  <td key={c}>{cell(row, c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="cluster-usage-title">Network policies</h3>
      {!data.policies ? (
        <NoAccess what="network policies" />
      ) : data.policies.length === 0 ? (
        <p className="muted platform-empty">No network policy: every pod in {namespace} accepts traffic from anywhere and may connect anywhere.</p>
      ) : (
        <ul className="platform-policies">
          {data.policies.map((p) => (
            <li key={p.name} data-testid="platform-policy">
              <div>
                <span className="mono">{p.name}</span> applies to {p.selects}
                {p.denies_all_ingress && <span className="health-badge sev-warning"> denies all ingress</span>}
                {p.denies_all_egress && <span className="health-badge sev-warning"> denies all egress</span>}
              </div>
              <ul>
                {p.ingress?.map((r) => <li key={`in-${r}`}>In: {r}</li>)}
                {p.egress?.map((r) => <li key={`out-${r}`}>Out: {r}</li>)}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
