// The sidebar's views (Explorer / Search / Outline / Modules) and the switch between them. The explorer
// and the search stay mounted while hidden (expanded folders and results are kept); the
// outline is built only while shown (it asks Rust on every edit), and so is the module catalog.
import type { ReactNode } from "react";

export type SidebarView = "explorer" | "search" | "outline" | "modules";

const LABELS: Record<SidebarView, string> = { explorer: "Explorer", search: "Search", outline: "Outline", modules: "Modules" };

interface Props {
  view: SidebarView;
  onView: (view: SidebarView) => void;
  searchShortcut: string;
  explorer: ReactNode;
  search: ReactNode;
  outline: () => ReactNode;
  /** The module catalog (built while shown). */
  modules: () => ReactNode;
}

export function SidebarViews({ view, onView, searchShortcut, explorer, search, outline, modules }: Props) {
  return (
    <>
      <div className="sidebar-views">
        {(Object.keys(LABELS) as SidebarView[]).map((v) => (
          <button
            key={v}
            className={view === v ? "sidebar-view active" : "sidebar-view"}
            aria-pressed={view === v}
            data-testid={`view-${v}`}
            title={v === "search" ? `Search (${searchShortcut})` : undefined}
            onClick={() => onView(v)}
          >
            {LABELS[v]}
          </button>
        ))}
      </div>
      <div className="sidebar-view-body" hidden={view !== "explorer"}>{explorer}</div>
      <div className="sidebar-view-body" hidden={view !== "search"}>{search}</div>
      {view === "outline" && <div className="sidebar-view-body">{outline()}</div>}
      {view === "modules" && <div className="sidebar-view-body">{modules()}</div>}
    </>
  );
}
