// The workspace file tree: folders load lazily on expand, and only the rows on screen are
// rendered (virtualized), so a 10,000-file folder scrolls as smoothly as a small one.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Api } from "./api";
import { ApiError } from "./api";
import type { DirListing, TreeEntry } from "./generated/types";
import { parentOf, visibleRows } from "./tree-model";

const ROW_HEIGHT = 24;

interface Props {
  api: Api;
  /** Changes whenever a (re)load of the whole tree is wanted. */
  workspaceKey: string;
  selectedPath: string | null;
  onOpenFile: (entry: TreeEntry) => void;
  onError: (err: ApiError) => void;
  /** A folder whose listing changed on disk: reloaded if it is loaded (expansion kept). */
  refresh?: { dir: string; seq: number } | null;
}

export function FileTree({ api, workspaceKey, selectedPath, onOpenFile, onError, refresh }: Props) {
  const [listings, setListings] = useState<Map<string, DirListing>>(new Map());
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (path: string) => {
      try {
        const listing = await api.listDir(path);
        setListings((prev) => new Map(prev).set(path, listing));
      } catch (err) {
        onError(err as ApiError);
      }
    },
    [api, onError],
  );

  useEffect(() => {
    setListings(new Map());
    setExpanded(new Set());
    void load("");
  }, [workspaceKey, load]);

  const loaded = useRef(listings);
  loaded.current = listings;
  useEffect(() => {
    if (refresh && loaded.current.has(refresh.dir)) void load(refresh.dir);
  }, [refresh, load]);

  const rows = useMemo(() => visibleRows(listings, expanded), [listings, expanded]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Render a first screenful before the scroll element is measured (first paint, tests).
    initialRect: { width: 280, height: 800 },
  });

  const toggle = (entry: TreeEntry) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(entry.path)) next.delete(entry.path);
      else {
        next.add(entry.path);
        if (!listings.has(entry.path)) void load(entry.path);
      }
      return next;
    });
  };

  const activate = (entry: TreeEntry) => {
    setFocused(entry.path);
    if (entry.kind === "dir") toggle(entry);
    else onOpenFile(entry);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const index = rows.findIndex((r) => r.entry.path === focused);
    const row = rows[index];
    const focusAt = (i: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (target) {
        setFocused(target.entry.path);
        virtualizer.scrollToIndex(rows.indexOf(target));
      }
    };
    switch (e.key) {
      case "ArrowDown": focusAt(index + 1); break;
      case "ArrowUp": focusAt(index - 1); break;
      case "ArrowRight": if (row?.entry.kind === "dir" && !row.expanded) toggle(row.entry); break;
      case "ArrowLeft":
        if (row?.expanded) toggle(row.entry);
        else if (row) focusAt(rows.findIndex((r) => r.entry.path === parentOf(row.entry.path)));
        break;
      case "Enter": if (row) activate(row.entry); break;
      default: return;
    }
    e.preventDefault();
  };

  if (!listings.has("")) return <div className="tree-empty">Loading…</div>;
  if (rows.length === 0) return <div className="tree-empty">This folder is empty.</div>;

  return (
    <div className="tree" ref={scroller} role="tree" aria-label="Workspace files" tabIndex={0} onKeyDown={onKeyDown}>
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          const { entry } = row;
          const classes = ["tree-row", entry.kind];
          if (entry.path === selectedPath) classes.push("selected");
          if (entry.path === focused) classes.push("focused");
          return (
            <div
              key={entry.path}
              role="treeitem"
              aria-expanded={entry.kind === "dir" ? row.expanded : undefined}
              aria-level={row.depth + 1}
              aria-selected={entry.path === selectedPath}
              data-path={entry.path}
              className={classes.join(" ")}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, paddingLeft: 8 + row.depth * 14 }}
              onClick={() => activate(entry)}
              title={entry.path}
            >
              <span className="twisty">{entry.kind === "dir" ? (row.expanded ? "▾" : "▸") : ""}</span>
              <span className={`icon lang-${entry.kind === "dir" ? "dir" : entry.language}`} aria-hidden />
              <span className="name">{entry.name}</span>
              {row.loading && <span className="muted"> …</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
