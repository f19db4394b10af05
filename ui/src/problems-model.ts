// The Problems panel's data (pure): every file's diagnostics, from the workspace scan and kept
// current by the open documents, grouped by file and filtered into rows for a virtual list.
import type { EditorDiagnostic, WorkspaceProblems } from "./generated/types";
import { countSeverities, type SeverityCounts } from "./diagnostics";

/** Diagnostics by workspace-relative path; files without problems are left out. */
export type ProblemsByFile = ReadonlyMap<string, readonly EditorDiagnostic[]>;

export const NO_PROBLEMS: ProblemsByFile = new Map();

/** The workspace scan, with the open documents' own (newer) diagnostics kept over it. */
export function fromWorkspace(scan: WorkspaceProblems, open: ProblemsByFile = NO_PROBLEMS, openPaths: Iterable<string> = []): ProblemsByFile {
  const next = new Map<string, readonly EditorDiagnostic[]>();
  for (const file of scan.files) if (file.diagnostics.length > 0) next.set(file.path, file.diagnostics);
  for (const path of openPaths) {
    const mine = open.get(path);
    if (mine && mine.length > 0) next.set(path, mine);
    else next.delete(path);
  }
  return next;
}

/** The problems with one file's diagnostics replaced (the same map when nothing changed). */
export function withFile(problems: ProblemsByFile, path: string, diagnostics: readonly EditorDiagnostic[]): ProblemsByFile {
  const current = problems.get(path);
  if (current === diagnostics || (!current && diagnostics.length === 0)) return problems;
  const next = new Map(problems);
  if (diagnostics.length === 0) next.delete(path);
  else next.set(path, diagnostics);
  return next;
}

export function totals(problems: ProblemsByFile): SeverityCounts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const list of problems.values()) countSeverities(list, counts);
  return counts;
}

export type ProblemRow =
  | { kind: "file"; path: string; count: number; collapsed: boolean }
  | { kind: "problem"; path: string; diagnostic: EditorDiagnostic };

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Matches a problem against the filter box: every word must appear in its message, code,
 * path, resource or rule severity (case-insensitive). */
export function matches(path: string, d: EditorDiagnostic, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const hay = `${d.message}\n${d.code}\n${path}\n${d.resource ?? ""}\n${d.rule_severity ?? ""}\n${d.severity}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Rows of the panel: files in path order, each followed (unless collapsed) by its problems
 * in document order; files with no problem matching the filter are left out. */
export function problemRows(problems: ProblemsByFile, filter: string, collapsed: ReadonlySet<string> = new Set()): ProblemRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const rows: ProblemRow[] = [];
  for (const path of [...problems.keys()].sort()) {
    const shown = (problems.get(path) ?? [])
      .filter((d) => matches(path, d, words))
      .sort((a, b) => a.range.from - b.range.from || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    if (shown.length === 0) continue;
    const isCollapsed = collapsed.has(path);
    rows.push({ kind: "file", path, count: shown.length, collapsed: isCollapsed });
    if (!isCollapsed) for (const diagnostic of shown) rows.push({ kind: "problem", path, diagnostic });
  }
  return rows;
}
