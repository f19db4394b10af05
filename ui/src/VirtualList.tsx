// A list that renders only the rows on screen (@tanstack/react-virtual), for panels that may
// hold thousands of rows (problems, search results, references). Rows have one fixed height.
import { useEffect, useRef, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  itemKey: (item: T, index: number) => string;
  render: (item: T, index: number) => ReactNode;
  className?: string;
  label: string;
  role?: string;
  /** Keep the last row in view as rows are added, while the user is at the bottom (logs). */
  followTail?: boolean;
}

export function VirtualList<T>({ items, rowHeight, itemKey, render, className, label, role = "list", followTail = false }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  // Whether the user was at the bottom before the latest rows came (scrolling up stops following).
  const atBottom = useRef(true);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey: (index) => itemKey(items[index], index),
    // Render a first screenful before the scroll element is measured (first paint, tests).
    initialRect: { width: 600, height: 400 },
  });
  useEffect(() => {
    if (followTail && atBottom.current && items.length > 0) virtualizer.scrollToIndex(items.length - 1, { align: "end" });
  }, [followTail, items.length, virtualizer]);
  const onScroll = () => {
    const el = scroller.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < rowHeight * 2;
  };
  return (
    <div className={`vlist ${className ?? ""}`} ref={scroller} role={role} aria-label={label} onScroll={followTail ? onScroll : undefined}>
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div key={row.key} className="vlist-row" style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}>
            {render(items[row.index], row.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
