// The Usage section of the Clusters view (issue 11): CPU and memory used per node beside its
// allocatable, and per pod beside its requests and limits, from Rust's `cluster_metrics`
// (metrics.k8s.io), read when the section opens and every 30 s while it stays open. Without
// metrics-server the section says so once and still shows capacity, requests and limits.
import { useEffect, useState } from "react";
import type { Api } from "./api";
import type { ClusterMetrics } from "./generated/types";
import { formatCpu, formatMemory, metricsNotice, percent, sortedNodes, sortedPods } from "./cluster-usage-model";

const REFRESH_MS = 30_000;

function Share({ used, of }: { used: number | null; of: number | null }) {
  const p = percent(used, of);
  if (p === null) return null;
  return <span className={`muted${p >= 90 ? " cluster-count-bad" : ""}`}> ({p}%)</span>;
}

export function ClusterUsage({ api, namespace, onError }: { api: Api; namespace: string; onError: (err: unknown) => void }) {
  const [metrics, setMetrics] = useState<ClusterMetrics | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api.clusterMetrics().then(
        (m) => !cancelled && setMetrics(m),
        (err) => !cancelled && onError(err),
      );
    void load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [api, onError]);
  if (!metrics) return <div className="placeholder small">Reading usage…</div>;
  const notice = metricsNotice(metrics);
  return (
    <div className="cluster-table cluster-usage" data-testid="cluster-usage" data-state={metrics.state}>
      {notice && (
        <div className="cluster-notice notice-info" role="status" data-testid="cluster-metrics-notice">
          {notice}
        </div>
      )}
      <h3 className="cluster-usage-title">Nodes</h3>
      <div className="cluster-row cluster-head usage-node-grid">
        <span>Node</span>
        <span>CPU used / allocatable</span>
        <span>Memory used / allocatable</span>
      </div>
      {sortedNodes(metrics.nodes).map((n) => (
        <div key={n.name} className="cluster-row usage-node-grid" data-testid="cluster-usage-node" data-name={n.name}>
          <span className="mono cluster-ellipsis">{n.name}</span>
          <span>
            {formatCpu(n.cpu_used)} / {formatCpu(n.cpu_allocatable)}
            <Share used={n.cpu_used} of={n.cpu_allocatable} />
          </span>
          <span>
            {formatMemory(n.memory_used)} / {formatMemory(n.memory_allocatable)}
            <Share used={n.memory_used} of={n.memory_allocatable} />
          </span>
        </div>
      ))}
      <h3 className="cluster-usage-title">Pods</h3>
      <div className="cluster-row cluster-head usage-pod-grid">
        <span>Pod</span>
        <span>CPU used · request · limit</span>
        <span>Memory used · request · limit</span>
      </div>
      {sortedPods(metrics.pods, namespace).map((p) => (
        <div key={p.key} className="cluster-row usage-pod-grid" data-testid="cluster-usage-pod" data-key={p.key}>
          <span className="mono cluster-ellipsis">{p.key}</span>
          <span>
            {formatCpu(p.cpu_used)} · {p.cpu_request > 0 ? formatCpu(p.cpu_request) : "no request"} · {p.cpu_limit === null ? "no limit" : formatCpu(p.cpu_limit)}
            <Share used={p.cpu_used} of={p.cpu_limit ?? (p.cpu_request || null)} />
          </span>
          <span>
            {formatMemory(p.memory_used)} · {p.memory_request > 0 ? formatMemory(p.memory_request) : "no request"} · {p.memory_limit === null ? "no limit" : formatMemory(p.memory_limit)}
            <Share used={p.memory_used} of={p.memory_limit ?? (p.memory_request || null)} />
          </span>
        </div>
      ))}
    </div>
  );
}
