// Resource usage in the Clusters view (issue 11), pure: CPU and memory in the units people
// read (250m / 1.5 cores, 512 MiB / 2.1 GiB), usage as a share of a node's allocatable or a
// pod's request and limit, the rows sorted by what uses most, and the one notice a cluster
// without metrics-server gets.
import type { ClusterMetrics, NodeUsageRow, PodUsageRow } from "./generated/types";

/** Millicores: "250m" below one core, "1.5 cores" from one. */
export function formatCpu(millicores: number | null): string {
  if (millicores === null) return "—";
  if (millicores < 1000) return `${millicores < 10 ? millicores.toFixed(1).replace(/\.0$/, "") : Math.round(millicores)}m`;
  const cores = millicores / 1000;
  return `${Number(cores.toFixed(cores < 10 ? 2 : 1))} cores`;
}

/** Bytes in binary units, as kubectl top shows them. */
export function formatMemory(bytes: number | null): string {
  if (bytes === null) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : Number(v.toFixed(v < 10 ? 1 : 0))} ${units[i]}`;
}

/** used / of as a whole percentage; nothing when either is unknown or `of` is 0. */
export function percent(used: number | null, of: number | null): number | null {
  if (used === null || of === null || of <= 0) return null;
  return Math.round((used / of) * 100);
}

/** What the view says about the metrics API, once, above the tables (null: usage is shown). */
export function metricsNotice(m: ClusterMetrics | null): string | null {
  if (!m) return null;
  if (m.state === "not_installed") return "metrics-server not installed: usage is not available (capacity, requests and limits are shown). Install metrics-server to see CPU and memory use.";
  if (m.state === "no_access") return "No permission to read the metrics API (metrics.k8s.io): usage is not shown.";
  return null;
}

/** Nodes by CPU share used, highest first (nodes without a sample last, by name). */
export function sortedNodes(rows: NodeUsageRow[]): NodeUsageRow[] {
  const share = (n: NodeUsageRow) => percent(n.cpu_used, n.cpu_allocatable) ?? -1;
  return [...rows].sort((a, b) => share(b) - share(a) || a.name.localeCompare(b.name));
}

/** The pods of `namespace` ("" for all) by memory used, highest first. */
export function sortedPods(rows: PodUsageRow[], namespace: string): PodUsageRow[] {
  return rows
    .filter((p) => !namespace || p.key.startsWith(`${namespace}/`))
    .sort((a, b) => (b.memory_used ?? -1) - (a.memory_used ?? -1) || a.key.localeCompare(b.key));
}
