// Find References (Shift+F12): the places a symbol is used, grouped by file; click to go there.
import { useMemo } from "react";
import type { Location } from "./generated/types";
import { groupByFile } from "./group-by-file";
import { VirtualList } from "./VirtualList";

interface Props {
  /** What was looked up, e.g. `var.region`. */
  title: string;
  locations: readonly Location[];
  onOpen: (location: Location) => void;
}

export function ReferencesPanel({ title, locations, onOpen }: Props) {
  const rows = useMemo(() => groupByFile(locations), [locations]);
  const files = rows.length - locations.length;
  return (
    <div className="references-panel" data-testid="references-panel">
      <div className="panel-toolbar">
        <span className="panel-summary">
          <strong>{title}</strong>{" "}
          <span className="muted">
            {locations.length === 0 ? "No references found." : `${locations.length} ${locations.length === 1 ? "reference" : "references"} in ${files} ${files === 1 ? "file" : "files"}`}
          </span>
        </span>
      </div>
      {locations.length > 0 && (
        <VirtualList
          items={rows}
          rowHeight={24}
          label="References"
          itemKey={(row, i) => (row.kind === "file" ? `f:${row.path}` : `r:${i}`)}
          render={(row) =>
            row.kind === "file" ? (
              <div className="problem-file" role="listitem">
                <span className="problem-file-name">{row.path}</span>
                <span className="group-count">{row.count}</span>
              </div>
            ) : (
              <div className="location-row" role="listitem" data-testid="reference-row" onClick={() => onOpen(row.item)} title={`${row.path}:${row.item.range.line}`}>
                <span className="problem-pos">{row.item.range.line}:{row.item.range.column}</span>
                <span className="location-preview">{row.item.preview}</span>
              </div>
            )
          }
        />
      )}
    </div>
  );
}
