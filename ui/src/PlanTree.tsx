// The changes of a plan grouped by module and resource type, with the filters. Only the rows
// on screen are rendered (virtualized), so a plan of 100k changes scrolls like a small one.
import { useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { PlanChangeRow } from "./generated/types";
import { ACTION_LABELS, ACTION_MARKS, NO_FILTER, type PlanFilter, type PlanTreeRow, filterChanges, formatCount, planTreeRows } from "./plan-view-model";

const ROW_HEIGHT = 26;

interface Props {
  changes: PlanChangeRow[];
  selected: number | null;
  onSelect: (index: number) => void;
}

export function PlanTree({ changes, selected, onSelect }: Props) {
  const [filter, setFilter] = useState<PlanFilter>(NO_FILTER);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const scroller = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => filterChanges(changes, filter), [changes, filter]);
  const rows = useMemo(() => planTreeRows(shown, collapsed), [shown, collapsed]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 420, height: 800 },
  });

  const toggle = (key: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const changeRows = rows.filter((r): r is Extract<PlanTreeRow, { kind: "change" }> => r.kind === "change");
    const at = changeRows.findIndex((r) => r.change.index === selected);
    const target = changeRows[Math.max(0, Math.min(changeRows.length - 1, e.key === "ArrowDown" ? at + 1 : at - 1))];
    if (target) {
      onSelect(target.change.index);
      virtualizer.scrollToIndex(rows.indexOf(target));
    }
  };

  const set = (update: Partial<PlanFilter>) => setFilter((f) => ({ ...f, ...update }));

  return (
    <div className="plan-tree-pane">
      <div className="plan-filters">
        <input
          type="search"
          className="plan-search"
          placeholder="Filter by address"
          aria-label="Filter by address"
          value={filter.query}
          onChange={(e) => set({ query: e.target.value })}
        />
        <label className="toggle" title="Deletes and replaces">
          <input type="checkbox" data-testid="filter-destroys" checked={filter.destroysOnly} onChange={(e) => set({ destroysOnly: e.target.checked })} />
          Only destroys
        </label>
        <label className="toggle" title="High or critical risk, or denied by a policy">
          <input type="checkbox" data-testid="filter-risky" checked={filter.riskyOnly} onChange={(e) => set({ riskyOnly: e.target.checked })} />
          Only risky
        </label>
        <span className="muted plan-shown" data-testid="plan-shown">
          {shown.length === changes.length ? `${formatCount(changes.length)} changes` : `${formatCount(shown.length)} of ${formatCount(changes.length)}`}
        </span>
      </div>
      {rows.length === 0 ? (
        <div className="tree-empty">{changes.length === 0 ? "This plan changes nothing." : "No change matches the filters."}</div>
      ) : (
        <div className="plan-tree" ref={scroller} role="tree" aria-label="Plan changes" tabIndex={0} onKeyDown={onKeyDown}>
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, paddingLeft: 8 + row.depth * 16 };
              if (row.kind !== "change") {
                return (
                  <div
                    key={row.key}
                    role="treeitem"
                    aria-expanded={row.expanded}
                    aria-level={row.depth + 1}
                    className={`plan-row group ${row.kind}`}
                    style={style}
                    onClick={() => toggle(row.key)}
                    title={row.label}
                  >
                    <span className="twisty">{row.expanded ? "▾" : "▸"}</span>
                    <span className="name">{row.label}</span>
                    <span className="group-count">{formatCount(row.count)}</span>
                    {row.risk !== "none" && row.risk !== "low" && <span className={`risk-dot risk-${row.risk}`} title={`worst risk: ${row.risk}`} />}
                  </div>
                );
              }
              const c = row.change;
              return (
                <div
                  key={row.key}
                  role="treeitem"
                  aria-level={3}
                  aria-selected={c.index === selected}
                  data-address={c.address}
                  className={`plan-row change${c.index === selected ? " selected" : ""}`}
                  style={style}
                  onClick={() => onSelect(c.index)}
                  title={`${ACTION_LABELS[c.action]} ${c.address}${c.moved_from ? ` (moved from ${c.moved_from})` : ""}`}
                >
                  <span className={`action-mark act-${c.action}`} aria-label={ACTION_LABELS[c.action]}>{ACTION_MARKS[c.action]}</span>
                  <span className="name">{row.label}</span>
                  {c.moved_from && <span className="tag">moved</span>}
                  {c.importing && <span className="tag">import</span>}
                  {c.policy && <span className={`policy-badge policy-${c.policy}`}>{c.policy}</span>}
                  <span className={`risk-badge risk-${c.risk}`}>{c.risk}</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
