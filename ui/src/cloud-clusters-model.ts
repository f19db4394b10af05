// "Add a cloud cluster" (issue 11): the steps of the dialog and the words it shows. Rust finds
// the clusters (the user's own cloud sign-in) and writes the kubeconfig only after the user
// confirmed the preview; this module only decides what is on screen.
import type { AddContextPreview, CloudCluster, CloudClusters, DiscoverClustersRequest, ManagedKubernetes } from "./generated/types";

/** What the form holds: the cloud and its one or two fields. */
export interface DiscoverForm {
  cloud: ManagedKubernetes;
  /** EKS: AWS profile; AKS: subscription (id or name); GKE: project. */
  scope: string;
  /** EKS only. */
  regionsText: string;
}

export type CloudClustersStep =
  | { step: "form"; form: DiscoverForm; error: string | null }
  | { step: "searching"; form: DiscoverForm }
  | { step: "list"; form: DiscoverForm; found: CloudClusters }
  | { step: "previewing"; form: DiscoverForm; found: CloudClusters; cluster: CloudCluster }
  | { step: "preview"; form: DiscoverForm; found: CloudClusters; cluster: CloudCluster; preview: AddContextPreview }
  | { step: "adding"; form: DiscoverForm; found: CloudClusters; cluster: CloudCluster; preview: AddContextPreview }
  | { step: "done"; message: string }
  | { step: "failed"; message: string; hint: string; back: CloudClustersStep | null };

export const initialStep = (): CloudClustersStep => ({ step: "form", form: { cloud: "eks", scope: "", regionsText: "" }, error: null });

export const CLOUD_LABEL: Record<ManagedKubernetes, string> = { eks: "EKS (AWS)", aks: "AKS (Azure)", gke: "GKE (Google Cloud)" };

/** The form's scope field: its label, placeholder and what the search reads (read only). */
export const SCOPE_FIELD: Record<ManagedKubernetes, { label: string; placeholder: string; note: string }> = {
  eks: { label: "AWS profile", placeholder: "default", note: "with your own AWS profile" },
  aks: { label: "Subscription", placeholder: "every enabled subscription", note: "with your Azure CLI sign-in (az login)" },
  gke: { label: "Project", placeholder: "the sign-in's project", note: "with your Application Default Credentials" },
};

/** The request for the form, or what is wrong with it. */
export function requestFor(form: DiscoverForm): { ok: DiscoverClustersRequest } | { error: string } {
  const scope = form.scope.trim() || null;
  const base: DiscoverClustersRequest = { cloud: form.cloud, profile: null, regions: [], subscription: null, project: null };
  switch (form.cloud) {
    case "eks": {
      const regions = parseRegions(form.regionsText);
      if ("error" in regions) return regions;
      return { ok: { ...base, profile: scope, regions: regions.ok } };
    }
    case "aks":
      return { ok: { ...base, subscription: scope } };
    case "gke":
      if (scope && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[a-z0-9.-]+:[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(scope)) {
        return { error: `Not a project id: ${scope} (lower-case letters, digits and hyphens)` };
      }
      return { ok: { ...base, project: scope } };
  }
}

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

const KIND: Record<ManagedKubernetes, string> = { eks: "EKS", aks: "AKS", gke: "GKE" };
const PLACES: Record<ManagedKubernetes, [string, string]> = { eks: ["region", "regions"], aks: ["subscription", "subscriptions"], gke: ["zone", "zones"] };

/** One line about what was found, e.g. "2 EKS clusters in account 123456789012 (AWS profile dev)". */
export function foundSummary(found: CloudClusters): string {
  const n = found.clusters.length;
  const kind = KIND[found.cloud];
  const what = n === 0 ? `No ${kind} cluster` : n === 1 ? `1 ${kind} cluster` : `${n} ${kind} clusters`;
  const p = found.problems.length;
  const [one, many] = PLACES[found.cloud];
  const failed = p > 0 ? ` · ${p} ${p === 1 ? one : many} could not be listed` : "";
  return `${what} in ${found.scope} (${found.signed_in})${failed}`;
}

/** The CLI command the context is written like. */
export const WRITTEN_LIKE: Record<ManagedKubernetes, string> = {
  eks: "aws eks update-kubeconfig",
  aks: "az aks get-credentials",
  gke: "gcloud container clusters get-credentials",
};

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
