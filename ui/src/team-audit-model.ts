// The team server's audit log in the Team Server tab (issue 13): the filter form's words and
// how a row reads. Rust pages and filters the log; this only decides what is on screen.
import type { TeamAuditFilter, TeamAuditView } from "./generated/types";

/** The action families the filter offers (a prefix of the server's action names). */
export const ACTION_FAMILIES: { value: string; label: string }[] = [
  { value: "", label: "All actions" },
  { value: "session.", label: "Sign-ins" },
  { value: "request.", label: "Self-service requests" },
  { value: "approval.", label: "Approvals" },
  { value: "run.", label: "Runs" },
  { value: "token.", label: "API tokens" },
  { value: "member.", label: "Roles" },
  { value: "user.", label: "Accounts" },
  { value: "workspace.", label: "Workspaces" },
];

export interface AuditForm {
  text: string;
  action: string;
  actor: string;
  /** `YYYY-MM-DD` from a date input, or empty. */
  since: string;
}

export const EMPTY_FORM: AuditForm = { text: "", action: "", actor: "", since: "" };

/** The filter for the form; a date that is not one is an error, said in words. */
export function filterFor(form: AuditForm): { ok: TeamAuditFilter } | { error: string } {
  let since: number | null = null;
  if (form.since.trim()) {
    const t = Date.parse(`${form.since.trim()}T00:00:00Z`);
    if (Number.isNaN(t)) return { error: `Not a date: ${form.since} (use the date picker)` };
    since = t;
  }
  const or = (s: string) => s.trim() || null;
  return { ok: { text: or(form.text), action: or(form.action), actor: or(form.actor), since, until: null } };
}

/** "12 of 340 entries" / "500 newest of 1,204 matching (the log's oldest entries were not read)". */
export function summary(view: TeamAuditView): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const shown = view.rows.length < view.matched ? `${n(view.rows.length)} newest of ${n(view.matched)} matching` : `${n(view.matched)} matching`;
  const partial = view.partial ? " (the log's oldest entries were not read)" : "";
  return `${shown} · ${n(view.scanned)} entries read${partial}`;
}

/** A row's time as `2026-11-27 21:47:07 UTC`. */
export function when(at: number): string {
  return new Date(at).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}
