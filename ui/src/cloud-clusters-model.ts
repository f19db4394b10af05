// "Add a cloud cluster" (issue 11): the steps of the dialog and the words it shows. Rust finds
// the clusters (the user's own cloud sign-in) and writes the kubeconfig only after the user
// confirmed the preview; this module only decides what is on screen.
import type { AddContextPreview, CloudCluster, CloudClusters } from "./generated/types";

export type CloudClustersStep =
  | { step: "form"; profile: string; regionsText: string; error: string | null }
  | { step: "searching"; profile: string; regionsText: string }
  | { step: "list"; profile: string; regionsText: string; found: CloudClusters }
  | { step: "previewing"; found: CloudClusters; cluster: CloudCluster }
  | { step: "preview"; found: CloudClusters; cluster: CloudCluster; preview: AddContextPreview }
  | { step: "adding"; found: CloudClusters; cluster: CloudCluster; preview: AddContextPreview }
  | { step: "done"; message: string }
  | { step: "failed"; message: string; hint: string; back: CloudClustersStep | null };

export const initialStep = (): CloudClustersStep => ({ step: "form", profile: "", regionsText: "", error: null });

// AWS region names: `eu-west-1`, `us-gov-west-1`, `ap-southeast-3`.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The regions typed (comma or space separated); an empty field means the profile's region. */
export function parseRegions(text: string): { ok: string[] } | { error: string } {
  const regions = text
    .split(/[\s,]+/)
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r.length > 0);
  const bad = regions.filter((r) => !REGION.test(r));
  if (bad.length > 0) return { error: `Not a region name: ${bad.join(", ")} (for example eu-west-1)` };
  return { ok: [...new Set(regions)] };
}

/** Clusters sorted for the list: not yet in the kubeconfig first, then by region and name. */
export function sortedClusters(found: CloudClusters): CloudCluster[] {
  return [...found.clusters].sort(
    (a, b) => Number(a.in_kubeconfig) - Number(b.in_kubeconfig) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
  );
}

/** One line about what was found, e.g. "2 EKS clusters in account 123456789012 (profile dev)". */
export function foundSummary(found: CloudClusters): string {
  const n = found.clusters.length;
  const what = n === 0 ? "No EKS cluster" : n === 1 ? "1 EKS cluster" : `${n} EKS clusters`;
  const failed = found.problems.length > 0 ? ` · ${found.problems.length} region${found.problems.length === 1 ? "" : "s"} could not be listed` : "";
  return `${what} in account ${found.account} (profile ${found.profile})${failed}`;
}

/** What adding the context changes, in the order a reviewer reads it. */
export function previewLines(p: AddContextPreview): string[] {
  const lines = [p.creates_file ? `Creates ${p.file}` : `Changes ${p.file} (a backup copy is made first)`];
  lines.push(`Adds context ${p.context} → ${p.server}`);
  for (const r of p.replaces) lines.push(`Replaces the existing ${r}`);
  lines.push(
    p.current_context_before && p.current_context_before !== p.context
      ? `Makes it the current context (now ${p.current_context_before})`
      : "Makes it the current context",
  );
  lines.push(`Signs in with: ${p.credentials}`);
  return lines;
}

export function doneMessage(p: AddContextPreview, backup: string | null): string {
  return backup ? `Added ${p.context} to ${p.file}. The file as it was is in ${backup}.` : `Added ${p.context} to ${p.file} (new file).`;
}

export function failure(err: unknown, back: CloudClustersStep | null): CloudClustersStep {
  const e = err as { message?: string; hint?: string };
  return { step: "failed", message: e.message ?? String(err), hint: e.hint ?? "", back };
}
