// Pure logic of the lazily loaded file tree: which rows are visible given the folders loaded
// so far and the ones expanded. Kept free of React so it is unit-tested directly.
import type { DirListing, TreeEntry } from "./generated/types";

export interface TreeRow {
  entry: TreeEntry;
  depth: number;
  expanded: boolean;
  /** True for an expanded folder whose children are still loading. */
  loading: boolean;
}

/** Flattens the visible part of the tree, depth first, in listing order. */
export function visibleRows(
  listings: ReadonlyMap<string, DirListing>,
  expanded: ReadonlySet<string>,
  rootPath = "",
): TreeRow[] {
  const rows: TreeRow[] = [];
  // Iterative walk: a deeply nested workspace must not overflow the JS stack.
  const stack: { path: string; depth: number; index: number }[] = [{ path: rootPath, depth: 0, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const listing = listings.get(top.path);
    if (!listing || top.index >= listing.entries.length) {
      stack.pop();
      continue;
    }
    const entry = listing.entries[top.index++];
    const isOpen = entry.kind === "dir" && expanded.has(entry.path);
    rows.push({ entry, depth: top.depth, expanded: isOpen, loading: isOpen && !listings.has(entry.path) });
    if (isOpen && listings.has(entry.path)) {
      stack.push({ path: entry.path, depth: top.depth + 1, index: 0 });
    }
  }
  return rows;
}

/** The folder that contains `path` ("" for top-level entries). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}
