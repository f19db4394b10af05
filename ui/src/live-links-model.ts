// Link IaC to live (issue 11), the pure part of the UI: which files get a live bar, how a
// link and a YAML object's sync state read, and where in the Clusters view a link lands.
import type { ClusterKind, LiveLink, LiveLinkOpen, LiveSync, LiveSyncObject } from "./generated/types";
import type { DiscoverForm } from "./cloud-clusters-model";

export type LiveFileKind = "terraform" | "yaml" | null;

/** `.tf` files list their resources' live links; YAML files that look like Kubernetes objects
 * can be compared with the cluster. */
export function liveFileKind(path: string, text?: string): LiveFileKind {
  if (/\.tf$/i.test(path)) return "terraform";
  if (/\.ya?ml$/i.test(path)) {
    if (text === undefined) return "yaml";
    return /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text) ? "yaml" : null;
  }
  return null;
}

export const SYNC_WORD: Record<LiveSync, string> = {
  in_sync: "in sync",
  differs: "differs",
  not_in_cluster: "not in cluster",
  unknown: "not compared",
};

/** A severity class of the existing look: ok / warning / info / error. */
export const SYNC_SEVERITY: Record<LiveSync, string> = {
  in_sync: "ok",
  differs: "warning",
  not_in_cluster: "info",
  unknown: "error",
};

/** "Deployment default/web", or "ConfigMap blee" for a cluster-scoped kind. */
export function objectName(o: LiveSyncObject): string {
  return o.namespace ? `${o.kind} ${o.namespace}/${o.name}` : `${o.kind} ${o.name}`;
}

/** One object's line: "differs: spec.replicas: 4 → 3 (+2 more)". */
export function syncDetail(o: LiveSyncObject): string {
  const word = SYNC_WORD[o.sync];
  if (o.sync === "differs" && o.changes.length > 0) {
    const more = o.changes.length > 1 ? ` (+${o.changes.length - 1} more)` : "";
    return `${word}: ${o.changes[0]}${more}`;
  }
  return o.message ? `${word}: ${o.message}` : word;
}

/** The button of a link: what it opens. */
export function linkAction(link: LiveLink): string | null {
  if (!link.target) return null;
  return link.target.type === "managed_cluster" ? "Open live cluster" : "Open live";
}

const WORKLOADS: ClusterKind[] = ["deployment", "stateful_set", "daemon_set", "job", "cron_job", "replica_set"];
const CONFIG: ClusterKind[] = ["service", "ingress", "config_map", "secret", "persistent_volume_claim"];

/** The Clusters view's section that lists a kind. */
export function sectionOf(kind: ClusterKind): "pods" | "workloads" | "config" | "overview" {
  if (kind === "pod") return "pods";
  if (WORKLOADS.includes(kind)) return "workloads";
  if (CONFIG.includes(kind)) return "config";
  return "overview";
}

/** The "Add cloud cluster" form a link without a context starts with. */
export function prefillForm(open: LiveLinkOpen): { form: DiscoverForm; wanted: string } | null {
  const p = open.add_cluster;
  if (!p) return null;
  return { form: { cloud: p.cloud, scope: p.scope, regionsText: p.regions.join(", ") }, wanted: p.name };
}
