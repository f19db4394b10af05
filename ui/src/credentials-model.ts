// The Credentials view's pure logic: rows grouped by cloud, status badges, expiry in words, the
// status bar's summary of the AWS context runs use, merging a live check into the report, and
// run secret names checked as the keychain store checks them.
import type { CredentialCloud, CredentialEntry, CredentialReport, CredentialStatus } from "./generated/types";

export const CLOUD_LABEL: Record<CredentialCloud, string> = {
  aws: "AWS",
  azure: "Azure",
  gcp: "Google Cloud",
  kubernetes: "Kubernetes",
};

export const CLOUD_ORDER: CredentialCloud[] = ["aws", "azure", "gcp", "kubernetes"];

export type Tone = "ok" | "warn" | "error";

export function statusTone(status: CredentialStatus): Tone {
  if (status === "ok") return "ok";
  if (status === "expired" || status === "missing") return "warn";
  return "error";
}

/** The badge text: an offline "ok" only says the credentials are there, a live one that they work. */
export function statusLabel(entry: Pick<CredentialEntry, "status" | "verified">): string {
  if (entry.status === "ok") return entry.verified ? "works" : "configured";
  return entry.status;
}

/** The row's stable key (the nothing-configured row of a cloud has no context). */
export function entryKey(entry: Pick<CredentialEntry, "cloud" | "context">): string {
  return `${entry.cloud}:${entry.context ?? ""}`;
}

/** Rows by cloud, in the report's order within each. */
export function groupByCloud(entries: readonly CredentialEntry[]): { cloud: CredentialCloud; entries: CredentialEntry[] }[] {
  return CLOUD_ORDER.map((cloud) => ({ cloud, entries: entries.filter((e) => e.cloud === cloud) })).filter((g) => g.entries.length > 0);
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "less than a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 365 * 2) return `${days} days`;
  return `${Math.round(days / 365)} years`;
}

/** "expires in 3 h", "expired 2 days ago", or "" without an expiry. */
export function expiryText(expiresAt: string | null, now: number): string {
  if (!expiresAt) return "";
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return expiresAt;
  return at > now ? `expires in ${span(at - now)}` : `expired ${span(now - at)} ago`;
}

export interface CloudSummary {
  label: string;
  /** Expired, missing, refused or broken: the status bar item warns. */
  warn: boolean;
  title: string;
}

/** The status bar's item: the AWS context runs use, and whether it needs attention. */
export function statusBarSummary(report: CredentialReport | null): CloudSummary | null {
  if (!report) return null;
  const active = report.entries.find((e) => e.cloud === "aws" && e.active);
  if (!active) {
    // No AWS at all is not a problem to flag (many workspaces are not on AWS); a profile named
    // by AWS_PROFILE that does not exist is an active entry, and warns.
    const none = report.entries.find((e) => e.cloud === "aws");
    return { label: "AWS: not configured", warn: false, title: none?.message ?? "No AWS credentials are configured." };
  }
  const who = active.verified && active.identity ? ` · ${shortIdentity(active.identity)}` : "";
  const warn = active.status !== "ok";
  const state = warn ? ` (${active.status})` : "";
  return {
    label: `AWS: ${active.context}${who}${state}`,
    warn,
    title: `${active.message}${active.fix ? `\nFix: ${active.fix}` : ""}`,
  };
}

/** `arn:aws:sts::123:assumed-role/deployer/session (account 123)` → `assumed-role/deployer/session`. */
export function shortIdentity(identity: string): string {
  const arn = identity.split(" ")[0];
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::\d+:(.+)$/.exec(arn);
  return m ? m[1] : identity;
}

/** The report with one context's live verdict in place (its `active` flag kept). */
export function mergeLive(report: CredentialReport, verdict: CredentialEntry): CredentialReport {
  return {
    ...report,
    entries: report.entries.map((e) => (entryKey(e) === entryKey(verdict) ? { ...verdict, active: e.active } : e)),
  };
}

/** Why a secret name would be refused (it becomes an environment variable), or null. */
export function secretNameProblem(name: string): string | null {
  if (!name) return "Type the environment variable name, e.g. TF_VAR_db_password.";
  if (name.length > 128) return "At most 128 characters.";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return "Letters, digits and underscores only, not starting with a digit.";
  return null;
}

/** What a secret name does in a run. */
export function secretUse(name: string): string {
  return name.startsWith("TF_VAR_") ? `sets var.${name.slice("TF_VAR_".length)}` : "environment variable";
}
