// The platform views of one namespace (issue 11), pure: how verbs and shares read, and the
// resources that are columns of the who-can-do-what matrix.
import type { AccessRow } from "./generated/types";

/** "get, list, watch" → "read"; "*" → "all"; otherwise the verbs as written. */
export function verbsText(verbs: string[]): string {
  if (verbs.includes("*")) return "all";
  const read = ["get", "list", "watch"];
  const rest = verbs.filter((v) => !read.includes(v));
  const hasRead = read.every((v) => verbs.includes(v));
  return [...(hasRead ? ["read"] : verbs.filter((v) => read.includes(v))), ...rest].join(", ");
}

/** Every resource some subject has a verb on, sorted, `*` first: the matrix's columns. */
export function matrixColumns(rows: AccessRow[]): string[] {
  const all = new Set(rows.flatMap((r) => r.resources.map((c) => c.resource)));
  return [...all].sort((a, b) => (a === "*" ? -1 : b === "*" ? 1 : a.localeCompare(b)));
}

/** The verbs of `subject` on `resource` (a `*` grant counts for every column). */
export function cell(row: AccessRow, resource: string): string {
  const exact = row.resources.find((c) => c.resource === resource)?.verbs ?? [];
  const star = resource === "*" ? [] : (row.resources.find((c) => c.resource === "*")?.verbs ?? []);
  const verbs = [...new Set([...exact, ...star])];
  return verbs.length ? verbsText(verbs) : "";
}
