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

/** The metrics of one read joined by name onto the node and pod rows of the live tables: the
 * overview's node list and the pod list show a CPU and a Memory cell from it. `loading` before
 * the first answer, `error` when the read failed (said in the tooltip, not as an error popup:
 * the columns are an extra, the tables work without them). */
export interface UsageLookup {
  state: ClusterMetrics["state"] | "loading" | "error";
  error: string | null;
  nodes: Map<string, NodeUsageRow>;
  pods: Map<string, PodUsageRow>;
}

export function usageLookup(m: ClusterMetrics | null, error: string | null = null): UsageLookup {
  if (error !== null) return { state: "error", error, nodes: new Map(), pods: new Map() };
  if (!m) return { state: "loading", error: null, nodes: new Map(), pods: new Map() };
  return { state: m.state, error: null, nodes: new Map(m.nodes.map((n) => [n.name, n])), pods: new Map(m.pods.map((p) => [p.key, p])) };
}

/** One usage cell: the text in the table, the tooltip, and the share used (node: of allocatable). */
export interface UsageCell {
  text: string;
  title: string;
  share: number | null;
}

export type Resource = "cpu" | "memory";

/** Why a cell has no number when the whole metrics API is missing, or null when it is there. */
function unavailable(l: UsageLookup): UsageCell | null {
  switch (l.state) {
    case "loading":
      return { text: "…", title: "Reading usage…", share: null };
    case "error":
      return { text: "—", title: `Usage could not be read: ${l.error}`, share: null };
    case "not_installed":
      return { text: "—", title: "metrics-server not installed: usage is not available. Install metrics-server to see CPU and memory use.", share: null };
    case "no_access":
      return { text: "—", title: "No access: you may not read the metrics API (metrics.k8s.io).", share: null };
    default:
      return null;
  }
}

const format = (r: Resource, v: number | null) => (r === "cpu" ? formatCpu(v) : formatMemory(v));
const label = (r: Resource) => (r === "cpu" ? "CPU" : "Memory");

/** A node's use as "441m (11%)": the share is of its allocatable. */
export function nodeUsageCell(l: UsageLookup, name: string, r: Resource): UsageCell {
  const none = unavailable(l);
  if (none) return none;
  const n = l.nodes.get(name);
  if (!n) return { text: "—", title: "No metrics for this node yet.", share: null };
  const used = r === "cpu" ? n.cpu_used : n.memory_used;
  const of = r === "cpu" ? n.cpu_allocatable : n.memory_allocatable;
  if (used === null) return { text: "—", title: `No ${label(r)} sample for this node yet (allocatable ${format(r, of)}).`, share: null };
  const share = percent(used, of);
  return { text: share === null ? format(r, used) : `${format(r, used)} (${share}%)`, title: `${label(r)} used ${format(r, used)} of ${format(r, of)} allocatable`, share };
}

/** A pod's use as "12 MiB"; the tooltip gives its request and limit. */
export function podUsageCell(l: UsageLookup, key: string, r: Resource): UsageCell {
  const none = unavailable(l);
  if (none) return none;
  const p = l.pods.get(key);
  if (!p) return { text: "—", title: "No metrics for this pod yet.", share: null };
  const used = r === "cpu" ? p.cpu_used : p.memory_used;
  const request = r === "cpu" ? p.cpu_request : p.memory_request;
  const limit = r === "cpu" ? p.cpu_limit : p.memory_limit;
  const bounds = `request ${request > 0 ? format(r, request) : "none"} · limit ${limit === null ? "none" : format(r, limit)}`;
  if (used === null) return { text: "—", title: `No ${label(r)} sample for this pod yet (${bounds}).`, share: null };
  return { text: format(r, used), title: `${label(r)} used ${format(r, used)} · ${bounds}`, share: percent(used, limit ?? (request || null)) };
}
