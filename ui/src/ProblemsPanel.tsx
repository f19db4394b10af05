// The Problems panel: every problem of the workspace grouped by file, with a filter box,
// quick fixes and a virtualized list (a large workspace may have thousands).
import { useMemo, useState } from "react";
import type { EditorDiagnostic, QuickFix } from "./generated/types";
import { problemRows, totals, type ProblemRow, type ProblemsByFile } from "./problems-model";
import { SEVERITY_ICON } from "./diagnostics";
import { VirtualList } from "./VirtualList";

const ROW_HEIGHT = 24;

interface Props {
  problems: ProblemsByFile;
  loaded: boolean;
  scan: { files: number; millis: number } | null;
  onOpen: (path: string, diagnostic: EditorDiagnostic) => void;
  onFix: (path: string, diagnostic: EditorDiagnostic, fix: QuickFix) => void;
}

export function ProblemsPanel({ problems, loaded, scan, onOpen, onFix }: Props) {
  const [filter, setFilter] = useState("");
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => problemRows(problems, filter, collapsed), [problems, filter, collapsed]);
  const counts = useMemo(() => totals(problems), [problems]);

  const toggle = (path: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const render = (row: ProblemRow) => {
    if (row.kind === "file") {
      return (
        <div className="problem-file" role="listitem" onClick={() => toggle(row.path)} title={row.path}>
          <span className="twisty">{row.collapsed ? "▸" : "▾"}</span>
          <span className="problem-file-name">{row.path}</span>
          <span className="group-count">{row.count}</span>
        </div>
      );
    }
    const d = row.diagnostic;
    return (
      <div
        className={`problem-row sev-${d.severity}`}
        role="listitem"
        data-testid="problem-row"
        data-code={d.code}
        data-path={row.path}
        onClick={() => onOpen(row.path, d)}
        title={d.doc_url ? `${d.message}\n${d.doc_url}` : d.message}
      >
        <span className={`sev-icon sev-${d.severity}`} aria-label={d.severity}>{SEVERITY_ICON[d.severity]}</span>
        <span className="problem-message">{d.message}</span>
        <span className="problem-code">{d.code}</span>
        {d.rule_severity && <span className="problem-rule-sev">{d.rule_severity}</span>}
        <span className="problem-pos">[Ln {d.range.line}, Col {d.range.column}]</span>
        {d.fixes.map((fix) => (
          <button
            key={fix.title}
            className="quick-fix"
            data-testid="quick-fix"
            title={`Fix: ${fix.title}`}
            onClick={(e) => {
              e.stopPropagation();
              onFix(row.path, d, fix);
            }}
          >
            Fix: {fix.title}
          </button>
        ))}
      </div>
    );
  };

  return (
    <div className="problems-panel" data-testid="problems-panel">
      <div className="panel-toolbar">
        <input
          className="panel-filter"
          type="search"
          placeholder="Filter (e.g. error, S3, main.tf)"
          aria-label="Filter problems"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted panel-summary">
          {SEVERITY_ICON.error} {counts.errors} · {SEVERITY_ICON.warning} {counts.warnings} · {SEVERITY_ICON.info} {counts.infos}
          {scan && ` · ${scan.files} files checked in ${scan.millis} ms`}
        </span>
      </div>
      {!loaded && problems.size === 0 ? (
        <div className="panel-empty muted">Checking the workspace…</div>
      ) : rows.length === 0 ? (
        <div className="panel-empty muted">{filter ? "No problem matches the filter." : "No problems have been detected in the workspace."}</div>
      ) : (
        <VirtualList
          items={rows}
          rowHeight={ROW_HEIGHT}
          label="Problems"
          className="problems-list"
          itemKey={(row, i) => (row.kind === "file" ? `f:${row.path}` : `p:${row.path}:${i}`)}
          render={render}
        />
      )}
    </div>
  );
}
