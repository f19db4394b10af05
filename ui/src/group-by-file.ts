// Rows of a list grouped by file (references, search results): a header per file, then its
// items in document order. Files keep the order Rust gave them.
import type { TextRange } from "./generated/types";

export type FileGroupRow<T> = { kind: "file"; path: string; count: number } | { kind: "item"; path: string; item: T };

export function groupByFile<T extends { path: string; range: TextRange }>(items: readonly T[]): FileGroupRow<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.path);
    if (list) list.push(item);
    else groups.set(item.path, [item]);
  }
  const rows: FileGroupRow<T>[] = [];
  for (const [path, list] of groups) {
    rows.push({ kind: "file", path, count: list.length });
    for (const item of [...list].sort((a, b) => a.range.from - b.range.from)) rows.push({ kind: "item", path, item });
  }
  return rows;
}
