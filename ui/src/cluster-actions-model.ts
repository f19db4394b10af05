// Cluster actions in the UI (issue 11), pure: which actions a selected row offers, the
// request each makes, the replica count typed by the user, and the dialog's steps — choose
// (scale: the count) → preview (what Rust says will change, with its confirmation token) →
// running → done or failed. Nothing here talks to the API: the dialog does, through `Api`.
import type { ClusterAction, ClusterActionPreview, ClusterActionRequest, ClusterAuditEntry, ClusterKind, ClusterRow } from "./generated/types";

export type ActionId = ClusterAction["action"];

export interface ActionChoice {
  id: ActionId;
  label: string;
  /** Takes something away that may not come back by itself. */
  destructive: boolean;
}

/** The actions a selected object offers (none for kinds without actions). */
export function actionsFor(kind: ClusterKind, row: ClusterRow | null): ActionChoice[] {
  if (!row) return [];
  const rollback: ActionChoice = { id: "rollback", label: "Roll back…", destructive: false };
  if ((kind === "deployment" || kind === "stateful_set") && row.type === "workload") {
    // Rolling back uses a deployment's ReplicaSets, a statefulset's ControllerRevisions.
    return [{ id: "scale", label: "Scale…", destructive: false }, { id: "rollout_restart", label: "Restart…", destructive: false }, rollback];
  }
  // A daemonset runs one pod per node: no scale; rollback from its ControllerRevisions.
  if (kind === "daemon_set" && row.type === "workload") return [rollback];
  if (kind === "pod" && row.type === "pod") return [{ id: "delete_pod", label: "Delete…", destructive: true }];
  if (kind === "node" && row.type === "node") {
    return row.unschedulable ? [{ id: "uncordon", label: "Uncordon…", destructive: false }] : [{ id: "cordon", label: "Cordon…", destructive: false }];
  }
  return [];
}

/** The current desired count of a workload row (the scale dialog starts from it). */
export function currentReplicas(row: ClusterRow | null): number | null {
  return row?.type === "workload" ? row.desired : null;
}

/** The replica count typed by the user: a whole number from 0 to 10,000. */
export function parseReplicas(text: string): { ok: number } | { error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: "Enter a whole number of replicas (0 or more)." };
  const n = Number(t);
  if (n > 10_000) return { error: "That is more than 10,000 replicas; enter a smaller number." };
  return { ok: n };
}

export function requestFor(kind: ClusterKind, key: string, id: ActionId, replicas = 0): ClusterActionRequest {
  const action: ClusterAction =
    id === "scale" ? { action: "scale", replicas } : id === "rollback" ? { action: "rollback", to_revision: null } : ({ action: id } as ClusterAction);
  return { kind, key, action };
}

export type DialogStep =
  | { step: "choose"; replicasText: string; error: string | null }
  | { step: "previewing"; request: ClusterActionRequest }
  | { step: "preview"; request: ClusterActionRequest; preview: ClusterActionPreview }
  | { step: "running"; request: ClusterActionRequest; preview: ClusterActionPreview }
  | { step: "done"; message: string }
  | { step: "failed"; message: string; hint: string; canRetry: boolean };

/** Where the dialog starts: scale asks for the count first, the others preview at once. */
export function initialStep(id: ActionId, row: ClusterRow | null): DialogStep {
  return { step: "choose", replicasText: id === "scale" ? String(currentReplicas(row) ?? 1) : "", error: null };
}

/** An error from Rust (`AppError`) or anything else, as the dialog's "failed" step. */
export function failure(err: unknown): DialogStep {
  const e = err as { code?: string; message?: string; hint?: string };
  return {
    step: "failed",
    message: e.message ?? String(err),
    hint: e.hint ?? "",
    // A refused confirmation (the object changed) is worth a fresh preview; RBAC is not.
    canRetry: e.code === "cluster_action_not_confirmed",
  };
}

export const ACTION_TITLE: Record<ActionId, string> = {
  scale: "Scale",
  rollout_restart: "Rollout restart",
  delete_pod: "Delete pod",
  cordon: "Cordon node",
  uncordon: "Uncordon node",
  rollback: "Roll back",
};

/** An audit row's time, local and to the second. */
export function auditTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "default/web" or "node-a": the object an audit row is about. */
export function auditObject(e: ClusterAuditEntry): string {
  return e.namespace ? `${e.namespace}/${e.name}` : e.name;
}
