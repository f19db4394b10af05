// A list that renders only the rows on screen (@tanstack/react-virtual), for panels that may
// hold thousands of rows (problems, search results, references). Rows have one fixed height.
import { useRef, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  itemKey: (item: T, index: number) => string;
  render: (item: T, index: number) => ReactNode;
  className?: string;
  label: string;
  role?: string;
}

export function VirtualList<T>({ items, rowHeight, itemKey, render, className, label, role = "list" }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey: (index) => itemKey(items[index], index),
    // Render a first screenful before the scroll element is measured (first paint, tests).
    initialRect: { width: 600, height: 400 },
  });
  return (
    <div className={`vlist ${className ?? ""}`} ref={scroller} role={role} aria-label={label}>
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
