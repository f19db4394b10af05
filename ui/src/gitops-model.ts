// Argo CD and Flux status in the Clusters view (issue 11), pure: what each tool's presence
// says, one status in words per application, and which rows a namespace shows.
import type { ClusterGitOps, GitOpsApp, GitOpsTool } from "./generated/types";

/** The notice for one tool, or null when it is installed and fully readable. */
export function toolNotice(name: string, tool: GitOpsTool): string | null {
  switch (tool.presence) {
    case "not_installed":
      return null; // said once for both tools by `installedLine`
    case "no_access":
      return `${name}: no access — API discovery is forbidden, so whether it is installed is unknown.`;
    case "installed":
      return tool.no_access.length ? `${name}: no access to ${tool.no_access.join(", ")} (RBAC forbids listing them).` : null;
  }
}

/** "Argo CD / Flux not installed" when neither is, else which one is missing (or null). */
export function installedLine(g: ClusterGitOps): string | null {
  const argo = g.argo.presence === "not_installed";
  const flux = g.flux.presence === "not_installed";
  if (argo && flux) return "Argo CD / Flux not installed: the cluster serves none of their kinds.";
  if (argo) return "Argo CD not installed.";
  if (flux) return "Flux not installed.";
  return null;
}

/** One status in words: "Synced · Healthy", "Ready", "Not ready: BuildFailed", "Suspended". */
export function statusText(a: GitOpsApp): string {
  if (a.tool === "argo") return [a.sync ?? "Unknown", a.health ?? "Unknown"].join(" · ");
  const ready = a.ready === "True" ? "Ready" : a.ready === "False" ? `Not ready${a.reason ? `: ${a.reason}` : ""}` : `Ready unknown${a.reason ? `: ${a.reason}` : ""}`;
  return a.suspended ? `Suspended · ${ready}` : ready;
}

/** Git revisions are long ("main@sha1:4b1a6c0e1d0f…", a 40-digit SHA): short form for the table. */
export function shortRevision(rev: string | null): string {
  if (!rev) return "—";
  const sha = /^(.*?)([0-9a-f]{12,40})$/.exec(rev);
  return sha ? `${sha[1]}${sha[2].slice(0, 7)}` : rev;
}

/** The rows of `namespace` ("" = all) whose name, kind, source or message contains `search`. */
export function visibleApps(apps: GitOpsApp[], namespace: string, search: string): GitOpsApp[] {
  const q = search.trim().toLowerCase();
  return apps.filter(
    (a) =>
      (!namespace || a.namespace === namespace) &&
      (!q || [a.name, a.kind, a.source ?? "", a.message ?? "", a.destination ?? ""].some((t) => t.toLowerCase().includes(q))),
  );
}

/** Counts per severity, for the header line. */
export function severityCounts(apps: GitOpsApp[]): { error: number; warning: number; ok: number } {
  const out = { error: 0, warning: 0, ok: 0 };
  for (const a of apps) {
    if (a.severity === "error" || a.severity === "warning" || a.severity === "ok") out[a.severity] += 1;
  }
  return out;
}
