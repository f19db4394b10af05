// The panel under the editor: Problems, Runs, and References / Rename preview when there are some.
import type { ReactNode } from "react";

export type BottomView = "problems" | "runs" | "references" | "rename";

interface Props {
  view: BottomView;
  tabs: { view: BottomView; label: string; count?: ReactNode }[];
  onView: (view: BottomView) => void;
  onClose: () => void;
  children: ReactNode;
}

export function BottomPanel({ view, tabs, onView, onClose, children }: Props) {
  return (
    <div className={`bottom-panel ${view === "runs" ? "tall" : ""}`}>
      <div className="bottom-tabs">
        {tabs.map((t) => (
          <button key={t.view} className={view === t.view ? "bottom-tab active" : "bottom-tab"} aria-pressed={view === t.view} onClick={() => onView(t.view)}>
            {t.label} {t.count !== undefined && <span className="group-count">{t.count}</span>}
          </button>
        ))}
        <span className="status-spacer" />
        <button className="link" aria-label="Close panel" onClick={onClose}>✕</button>
      </div>
      {children}
    </div>
  );
}
