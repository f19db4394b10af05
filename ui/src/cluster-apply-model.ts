// Applying a YAML file to the live cluster (issue 11), pure: which files offer "Apply to
// Cluster…", the dialog's steps — previewing (Rust's server-side dry run) → preview (per object:
// created / changed fields / unchanged, with the confirmation token) → running → done or
// failed — and how each object's outcome is shown. The dialog talks to the API.
import type { ClusterApplyObject, ClusterApplyOutcome, ClusterApplyPreview } from "./generated/types";

/** Kubernetes manifests are YAML files; anything else does not offer the apply. */
export function canApplyToCluster(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export type ApplyStep =
  | { step: "previewing" }
  | { step: "preview"; preview: ClusterApplyPreview }
  | { step: "running"; preview: ClusterApplyPreview }
  | { step: "done"; message: string }
  | { step: "failed"; message: string; hint: string; canRetry: boolean };

export const OUTCOME_LABEL: Record<ClusterApplyOutcome, string> = {
  created: "create",
  changed: "change",
  unchanged: "unchanged",
};

/** "Deployment shop/web", "Namespace tools". */
export function objectLabel(o: ClusterApplyObject): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`;
}

/** Confirming makes sense only when the dry run says something changes. */
export function hasChanges(p: ClusterApplyPreview): boolean {
  return p.objects.some((o) => o.outcome !== "unchanged");
}

/** The objects in the order worth reading: changes first, unchanged last, file order within. */
export function ordered(objects: ClusterApplyObject[]): ClusterApplyObject[] {
  const rank = (o: ClusterApplyObject) => (o.outcome === "unchanged" ? 1 : 0);
  return [...objects].sort((a, b) => rank(a) - rank(b) || a.document - b.document);
}

/** An error from Rust (`AppError`) as the "failed" step; a refused confirmation (the cluster
 * or the connection changed) is worth a fresh preview, a bad file or RBAC is not. */
export function applyFailure(err: unknown): ApplyStep {
  const e = err as { code?: string; message?: string; hint?: string };
  return { step: "failed", message: e.message ?? String(err), hint: e.hint ?? "", canRetry: e.code === "cluster_action_not_confirmed" };
}
