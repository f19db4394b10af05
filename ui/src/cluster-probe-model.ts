// All clusters at a glance (issue 11): the words for one context's probe, shown in its row of
// the Clusters view after "Check all".
import type { ClusterContextProbe } from "./generated/types";

export type ProbeHealth = "ok" | "warning" | "error";

/** Red: unreachable or pods failing; amber: nodes not ready, a version skew, or pods not listed. */
export function probeHealth(p: ClusterContextProbe): ProbeHealth {
  if (!p.reachable || p.failing_pods > 0) return "error";
  if (p.nodes_ready < p.nodes || p.versions.length > 1 || p.problem) return "warning";
  return "ok";
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line, e.g. "v1.30.4 · 5/7 nodes ready · 17 pods, 3 failing". */
export function probeLine(p: ClusterContextProbe): string {
  if (!p.reachable) return "unreachable";
  const parts: string[] = [];
  if (p.versions.length === 1) parts.push(p.versions[0]);
  else if (p.versions.length > 1) parts.push(`versions ${p.versions.join(", ")} (skew)`);
  parts.push(p.nodes_ready === p.nodes ? `${plural(p.nodes, "node")} ready` : `${p.nodes_ready}/${p.nodes} nodes ready`);
  if (!p.problem || p.pods > 0) parts.push(p.failing_pods > 0 ? `${plural(p.pods, "pod")}, ${p.failing_pods} failing` : `${plural(p.pods, "pod")}, none failing`);
  return parts.join(" · ");
}

/** The failing pods named in the probe, and how many more there are. */
export function failingLine(p: ClusterContextProbe): string | null {
  if (p.failing.length === 0) return null;
  const named = p.failing.map((f) => `${f.pod} (${f.reason})`).join(", ");
  const more = p.failing_pods - p.failing.length;
  return more > 0 ? `${named} and ${more} more` : named;
}

/** Totals over every probed cluster, for the view's heading. */
export function probeTotals(probes: ClusterContextProbe[]): string {
  const reachable = probes.filter((p) => p.reachable).length;
  const failing = probes.reduce((n, p) => n + p.failing_pods, 0);
  const down = probes.length - reachable;
  return `${reachable}/${probes.length} reachable${down > 0 ? ` (${down} not)` : ""} · ${plural(failing, "failing pod")}`;
}
