// Diagnostics from Rust placed on the editor's current text (pure).
//
// Rust computes diagnostics for one version of a document; by the time they arrive the user
// may have typed on. They are moved through the changes made since (positions, line/column and
// their quick fixes alike), so squiggles never sit on the wrong characters.
import type { ChangeSet, Text } from "@codemirror/state";
import type { Diagnostic as CmDiagnostic } from "@codemirror/lint";
import type { DiagnosticSeverity, EditorDiagnostic, QuickFix, TextRange } from "./generated/types";
import { toChangeSet, toTextChanges } from "./editor-sync";

/** A range of the current text, with 1-based line/column (columns in UTF-16 code units). */
export function rangeAt(doc: Text, from: number, to: number): TextRange {
  const a = Math.max(0, Math.min(from, doc.length));
  const b = Math.max(a, Math.min(to, doc.length));
  const start = doc.lineAt(a);
  const end = b === a ? start : doc.lineAt(b);
  return { from: a, to: b, line: start.number, column: a - start.from + 1, end_line: end.number, end_column: b - end.from + 1 };
}

function mapFix(fix: QuickFix, mapping: ChangeSet): QuickFix | null {
  try {
    const moved = toChangeSet(fix.changes, mapping.length).map(mapping);
    return { title: fix.title, changes: toTextChanges(moved) };
  } catch {
    // The fix refers to text that is not there (any more): leave it out.
    return null;
  }
}

/**
 * Places diagnostics computed for an earlier text on `doc`, the current text. `mapping` holds
 * the changes from that text to `doc` (null: it is the same text). Ranges are clamped to the
 * document, so a diagnostic never points past its end.
 */
export function placeDiagnostics(diagnostics: readonly EditorDiagnostic[], mapping: ChangeSet | null, doc: Text): EditorDiagnostic[] {
  const moving = mapping && !mapping.empty ? mapping : null;
  return diagnostics.map((d) => {
    let { from, to } = d.range;
    let fixes = d.fixes;
    if (moving) {
      from = moving.mapPos(Math.min(from, moving.length), 1);
      to = Math.max(from, moving.mapPos(Math.min(to, moving.length), -1));
      fixes = d.fixes.map((f) => mapFix(f, moving)).filter((f): f is QuickFix => f !== null);
    }
    return { ...d, range: rangeAt(doc, from, to), fixes };
  });
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countSeverities(diagnostics: Iterable<EditorDiagnostic>, into: SeverityCounts = { errors: 0, warnings: 0, infos: 0 }): SeverityCounts {
  for (const d of diagnostics) {
    if (d.severity === "error") into.errors++;
    else if (d.severity === "warning") into.warnings++;
    else into.infos++;
  }
  return into;
}

export const SEVERITY_ICON: Record<DiagnosticSeverity, string> = { error: "⊗", warning: "⚠", info: "ℹ" };

/** The hover text of a diagnostic: message, code, rule severity and a link to the rule's doc. */
export function renderDiagnostic(d: EditorDiagnostic): HTMLElement {
  const box = document.createElement("div");
  box.className = "diag-hover";
  const message = document.createElement("div");
  message.className = "diag-message";
  message.textContent = d.message;
  box.appendChild(message);
  const meta = document.createElement("div");
  meta.className = "diag-meta";
  const code = document.createElement("code");
  code.textContent = d.code;
  meta.appendChild(code);
  if (d.rule_severity) {
    const sev = document.createElement("span");
    sev.className = `diag-rule-severity sev-${d.rule_severity}`;
    sev.textContent = d.rule_severity;
    meta.appendChild(sev);
  }
  if (d.resource) {
    const res = document.createElement("span");
    res.className = "diag-resource";
    res.textContent = d.resource;
    meta.appendChild(res);
  }
  if (d.doc_url) {
    const link = document.createElement("a");
    link.href = d.doc_url;
    link.target = "_blank";
    link.rel = "noreferrer";
    link.textContent = "Rule documentation";
    meta.appendChild(link);
  }
  box.appendChild(meta);
  return box;
}

/** CodeMirror lint diagnostics for placed diagnostics; `applyFix` runs a quick fix. */
export function toCmDiagnostics(
  diagnostics: readonly EditorDiagnostic[],
  applyFix: (fix: QuickFix) => void,
): CmDiagnostic[] {
  return diagnostics.map((d) => ({
    from: d.range.from,
    to: d.range.to,
    severity: d.severity,
    source: d.source,
    message: `${d.message} [${d.code}]`,
    renderMessage: () => renderDiagnostic(d),
    actions: d.fixes.map((fix) => ({ name: `Fix: ${fix.title}`, apply: () => applyFix(fix) })),
  }));
}
