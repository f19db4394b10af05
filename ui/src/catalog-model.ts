// The Modules view's rules, without React: search and grouping of the catalog, the name of a
// new module call, and where "Insert module call" puts the block in the file.
import type { CatalogModuleInfo } from "./generated/types";

export const CLOUD_LABELS: Record<string, string> = { aws: "AWS", azure: "Azure", gcp: "Google Cloud" };

/** Modules matching every word of `query` (in id, description, category, keywords or input
 * names), of one cloud or all. */
export function filterModules(modules: readonly CatalogModuleInfo[], query: string, cloud: string | null): CatalogModuleInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  return modules.filter((m) => {
    if (cloud && m.cloud !== cloud) return false;
    const hay = [m.id, m.description, m.category, m.version, ...m.keywords, ...m.inputs.map((i) => i.name)].join(" ").toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Modules by cloud, clouds in catalog order. */
export function groupByCloud(modules: readonly CatalogModuleInfo[]): { cloud: string; modules: CatalogModuleInfo[] }[] {
  const groups = new Map<string, CatalogModuleInfo[]>();
  for (const m of modules) groups.set(m.cloud, [...(groups.get(m.cloud) ?? []), m]);
  return [...groups.entries()].map(([cloud, list]) => ({ cloud, modules: list }));
}

/** A module call name not used yet in `text`: `s3_bucket`, then `s3_bucket_2`… */
export function callName(moduleName: string, text: string): string {
  const base = moduleName.replace(/[^A-Za-z0-9_]/g, "_").replace(/^([^A-Za-z_])/, "_$1");
  const used = (name: string) => new RegExp(`^\\s*module\\s+"${name}"`, "m").test(text);
  if (!used(base)) return base;
  let n = 2;
  while (used(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** Where the block goes and the exact text to insert: on an empty line at the cursor, else
 * after the cursor's line; separated from its neighbours by one blank line. */
export function insertion(text: string, cursor: number, block: string): { at: number; insert: string } {
  const lineStart = text.lastIndexOf("\n", cursor - 1) + 1;
  const nl = text.indexOf("\n", cursor);
  const lineEnd = nl < 0 ? text.length : nl;
  const line = text.slice(lineStart, lineEnd);
  const body = block.endsWith("\n") ? block : `${block}\n`;
  if (line.trim() === "") {
    const before = text.slice(0, lineStart);
    const needsBlank = before.length > 0 && !before.endsWith("\n\n");
    // Replace nothing: insert at the start of the empty line.
    const after = text.slice(lineStart);
    const trailing = after.length > 0 && !after.startsWith("\n") ? "\n" : "";
    return { at: lineStart, insert: `${needsBlank ? "\n" : ""}${body}${trailing}` };
  }
  // After a non-empty line (kept whole), with one blank line on each side.
  // A blank line already following (or the file's own final newline) ends the block.
  const rest = text.slice(lineEnd);
  const followed = rest.startsWith("\n\n") || (rest.length > 0 && rest.trim() === "");
  return { at: lineEnd, insert: followed ? `\n\n${body.slice(0, -1)}` : `\n\n${body}` };
}
