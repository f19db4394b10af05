// Before/after of every changed attribute path of one change. Rows are measured and
// virtualized: a resource with thousands of attributes (IAM policies, big maps) stays smooth.
import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { DiffValue, PlanAttributeDiff } from "./generated/types";
import { diffValueText } from "./plan-view-model";

function Value({ value }: { value: DiffValue }) {
  return <span className={`diff-value value-${value.kind}`}>{diffValueText(value)}</span>;
}

export function AttributeDiff({ diff }: { diff: PlanAttributeDiff[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: diff.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 26,
    overscan: 10,
    initialRect: { width: 600, height: 600 },
  });
  if (diff.length === 0) return <div className="muted panel-empty">No attribute changes.</div>;
  return (
    <div className="diff-table" role="table" aria-label="Attribute changes">
      <div className="diff-row diff-head" role="row">
        <span role="columnheader">Attribute</span>
        <span role="columnheader">Before</span>
        <span role="columnheader">After</span>
      </div>
      <div className="diff-body" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const d = diff[item.index];
            return (
              <div
                key={d.path}
                role="row"
                data-index={item.index}
                data-path={d.path}
                ref={virtualizer.measureElement}
                className={`diff-row change-${d.change}`}
                style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="diff-path">{d.path || "(whole value)"}</span>
                <span role="cell"><Value value={d.before} /></span>
                <span role="cell"><Value value={d.after} /></span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
