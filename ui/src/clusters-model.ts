// The Clusters view's data, outside React: the rows of the live connection per kind, kept up
// to date by applying the batches of deltas Rust sends (`cluster-event`), and the views the
// tabs show (pods filtered by namespace, workloads, events warnings first, the overview).
// Pure: no API, no DOM; applying a batch mutates the maps in place (10,000 pods are not
// copied per batch) and bumps `version`, which the component renders from.
import type {
  ClusterEventMessage,
  ClusterEventRow,
  ClusterKind,
  ClusterKindStatus,
  ClusterNodeRow,
  ClusterObjectRow,
  ClusterPodRow,
  ClusterRow,
  ClusterSeverity,
  ClusterWorkloadRow,
  PodLogMessage,
} from "./generated/types";

export interface ClusterModel {
  connection: number;
  rows: Map<ClusterKind, Map<string, ClusterRow>>;
  status: Map<ClusterKind, ClusterKindStatus>;
  /** Bumped by every batch that changed something. */
  version: number;
}

export function emptyModel(connection: number): ClusterModel {
  return { connection, rows: new Map(), status: new Map(), version: 0 };
}

/** Applies one batch; messages of another (older) connection are ignored. Returns whether
 * anything changed. `modified` is an upsert (Rust coalesces a delete + add into it). */
export function applyMessage(model: ClusterModel, message: ClusterEventMessage): boolean {
  if (message.connection !== model.connection || message.deltas.length === 0) return false;
  for (const d of message.deltas) {
    if (d.op === "status") {
      model.status.set(d.kind, d.status);
      continue;
    }
    let table = model.rows.get(d.kind);
    if (!table) {
      table = new Map();
      model.rows.set(d.kind, table);
    }
    if (d.op === "deleted") table.delete(d.key);
    else table.set(d.key, d.row);
  }
  model.version += 1;
  return true;
}

export type Keyed<T> = T & { key: string };

function rowsOf<T>(model: ClusterModel, kind: ClusterKind, type: ClusterRow["type"]): Keyed<T>[] {
  const out: Keyed<T>[] = [];
  for (const [key, row] of model.rows.get(kind) ?? []) {
    if (row.type === type) out.push({ ...(row as unknown as T), key });
  }
  return out;
}

const SEVERITY_ORDER: Record<ClusterSeverity, number> = { error: 0, warning: 1, ok: 2 };

/** Problems first, then by namespace and name. */
function bySeverity<T extends { severity: ClusterSeverity; namespace?: string | null; name: string }>(a: T, b: T): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name);
}

export const ALL_NAMESPACES = "";

export function pods(model: ClusterModel, namespace: string = ALL_NAMESPACES, search = ""): Keyed<ClusterPodRow>[] {
  const q = search.trim().toLowerCase();
  return rowsOf<ClusterPodRow>(model, "pod", "pod")
    .filter((p) => namespace === ALL_NAMESPACES || p.namespace === namespace)
    .filter((p) => !q || p.name.toLowerCase().includes(q) || (p.reason ?? "").toLowerCase().includes(q) || (p.node ?? "").toLowerCase().includes(q))
    .sort(bySeverity);
}

/** The namespaces to filter by: the watched Namespaces, plus any an object is in (a namespace
 * list the user may not read still offers the namespaces of what they can see). */
export function namespaces(model: ClusterModel): string[] {
  const names = new Set<string>();
  for (const [, row] of model.rows.get("namespace") ?? []) if (row.type === "object") names.add(row.name);
  for (const [kind, table] of model.rows) {
    if (kind === "namespace") continue;
    for (const [, row] of table) if (row.type !== "node" && row.namespace) names.add(row.namespace);
  }
  return [...names].sort();
}

export type WorkloadKind = "deployment" | "stateful_set" | "daemon_set" | "job" | "cron_job";
export const WORKLOAD_KINDS: WorkloadKind[] = ["deployment", "stateful_set", "daemon_set", "job", "cron_job"];
export const KIND_LABEL: Record<ClusterKind, string> = {
  namespace: "namespaces",
  node: "nodes",
  pod: "pods",
  deployment: "deployments",
  replica_set: "replica sets",
  stateful_set: "stateful sets",
  daemon_set: "daemon sets",
  job: "jobs",
  cron_job: "cron jobs",
  service: "services",
  ingress: "ingresses",
  config_map: "config maps",
  secret: "secrets",
  persistent_volume_claim: "persistent volume claims",
  event: "events",
};

export function workloads(model: ClusterModel, namespace: string = ALL_NAMESPACES): Keyed<ClusterWorkloadRow & { kind: WorkloadKind }>[] {
  return WORKLOAD_KINDS.flatMap((kind) => rowsOf<ClusterWorkloadRow>(model, kind, "workload").map((w) => ({ ...w, kind })))
    .filter((w) => namespace === ALL_NAMESPACES || w.namespace === namespace)
    .sort(bySeverity);
}

export function nodes(model: ClusterModel): Keyed<ClusterNodeRow>[] {
  return rowsOf<ClusterNodeRow>(model, "node", "node").sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.name.localeCompare(b.name));
}

/** Warnings first, then the most recent. */
export function events(model: ClusterModel, namespace: string = ALL_NAMESPACES): Keyed<ClusterEventRow>[] {
  return rowsOf<ClusterEventRow>(model, "event", "event")
    .filter((e) => namespace === ALL_NAMESPACES || e.namespace === namespace)
    .sort((a, b) => Number(b.event_type === "Warning") - Number(a.event_type === "Warning") || (b.last_seen ?? "").localeCompare(a.last_seen ?? "") || a.name.localeCompare(b.name));
}

export function objects(model: ClusterModel, kind: ClusterKind): Keyed<ClusterObjectRow>[] {
  return rowsOf<ClusterObjectRow>(model, kind, "object").sort((a, b) => (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name));
}

export interface Overview {
  nodes: { total: number; ready: number };
  namespaces: number;
  pods: { total: number; failing: number; warning: number };
  workloads: { total: number; unhealthy: number };
  warningEvents: number;
  /** What needs a look, errors first: failing pods and workloads, nodes not ready. */
  problems: { kind: ClusterKind; key: string; name: string; reason: string; severity: ClusterSeverity; message: string | null }[];
}

export function overview(model: ClusterModel): Overview {
  const podRows = pods(model);
  const workloadRows = workloads(model);
  const nodeRows = nodes(model);
  const problems: Overview["problems"] = [];
  for (const n of nodeRows) if (n.severity !== "ok") problems.push({ kind: "node", key: n.key, name: n.name, reason: n.reason ?? "", severity: n.severity, message: n.message });
  for (const w of workloadRows)
    if (w.severity !== "ok") problems.push({ kind: w.kind, key: w.key, name: `${w.namespace}/${w.name}`, reason: w.reason ?? "", severity: w.severity, message: `${w.ready}/${w.desired} ready` });
  for (const p of podRows) if (p.severity !== "ok") problems.push({ kind: "pod", key: p.key, name: `${p.namespace}/${p.name}`, reason: p.reason ?? p.phase, severity: p.severity, message: p.message });
  problems.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return {
    nodes: { total: nodeRows.length, ready: nodeRows.filter((n) => n.ready === "True").length },
    namespaces: model.rows.get("namespace")?.size ?? 0,
    pods: { total: podRows.length, failing: podRows.filter((p) => p.severity === "error").length, warning: podRows.filter((p) => p.severity === "warning").length },
    workloads: { total: workloadRows.length, unhealthy: workloadRows.filter((w) => w.severity !== "ok").length },
    warningEvents: events(model).filter((e) => e.event_type === "Warning").length,
    problems,
  };
}

/** What a kind's table shows instead of rows when its watcher is not simply ready — said as
 * it is: no permission is not "no objects". Null when the rows are the whole truth. */
export function kindNotice(model: ClusterModel, kind: ClusterKind): { level: "info" | "warning" | "error"; text: string; hint?: string } | null {
  const s = model.status.get(kind);
  const label = KIND_LABEL[kind];
  if (!s) return { level: "info", text: `Loading ${label}…` };
  switch (s.state) {
    case "ready":
      return null;
    case "loading":
      return { level: "info", text: `Loading ${label}…` };
    case "no_access":
      return { level: "warning", text: `No permission to list ${label}.`, hint: s.message };
    case "not_served":
      return { level: "info", text: `This cluster does not serve ${label}.`, hint: s.message };
    case "recovering":
      return { level: "warning", text: `Reconnecting to ${label} (the rows may be out of date).`, hint: s.message };
    case "failed":
      return { level: "error", text: s.message, hint: s.hint };
  }
}

/** "45s", "12m", "5h", "3d" since `iso` (RFC 3339), or "" when unknown. */
export function age(iso: string | null | undefined, now: number): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

// ---- Pod logs ------------------------------------------------------------------------

/** The open log as the view holds it: a bounded tail, so an endless log never grows memory. */
export interface PodLog {
  stream: number;
  lines: string[];
  /** Lines dropped from the start to keep the tail within `LOG_CAP`. */
  dropped: number;
  ended: boolean;
  error: { message: string; hint: string } | null;
}

export const LOG_CAP = 10_000;

export function emptyLog(stream: number): PodLog {
  return { stream, lines: [], dropped: 0, ended: false, error: null };
}

/** The log with a batch of lines appended (a new object; the old one is unchanged). Messages
 * of another stream (a log closed since) are ignored. */
export function appendLog(log: PodLog, msg: PodLogMessage, cap = LOG_CAP): PodLog {
  if (msg.stream !== log.stream) return log;
  let lines = msg.lines.length ? log.lines.concat(msg.lines) : log.lines;
  let dropped = log.dropped;
  if (lines.length > cap) {
    dropped += lines.length - cap;
    lines = lines.slice(lines.length - cap);
  }
  return { ...log, lines, dropped, ended: log.ended || msg.ended, error: msg.error ? { message: msg.error.message, hint: msg.error.hint } : log.error };
}

/** Indices of the lines containing `query` (case-insensitive); all lines when it is empty. */
export function searchLog(lines: readonly string[], query: string): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (!q || lines[i].toLowerCase().includes(q)) out.push(i);
  return out;
}
