// Files with Windows line endings (CRLF). CodeMirror would count "\r\n" as one position where
// Rust counts two UTF-16 code units: positions would drift by one per line and the Rust buffer
// would be corrupted by the first edit. So the editor splits lines on "\n" only (every
// document: `LINE_SEPARATOR`) and the "\r" stays the last character of its line, which keeps
// positions exactly Rust's. In a CRLF file editing keeps the pairs whole: new line breaks are
// written "\r\n", deleting half a pair deletes both, and the cursor never stops between them.
import { LINE_SEPARATOR } from "./editor-sync";
import { ChangeSet, EditorSelection, EditorState, Transaction, type Extension, type Text, type TransactionSpec } from "@codemirror/state";

export function usesCrlf(text: string): boolean {
  return text.includes("\r\n");
}

const isPairEnd = (doc: Text, pos: number) => pos > 0 && pos < doc.length && doc.sliceString(pos - 1, pos + 1) === "\r\n";

/**
 * The user's changes with line breaks written as "\r\n" and "\r\n" pairs never split, and how
 * a position of the text they meant maps to the text they now make (cursors after Enter).
 */
function wholePairs(tr: Transaction): { changes: ChangeSet; map: (pos: number) => number } | null {
  const doc = tr.startState.doc;
  const deleting = tr.isUserEvent("delete");
  let changed = false;
  const specs: { from: number; to: number; insert: string; fromB: number; toB: number; text: string }[] = [];
  tr.changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
    let from = fromA;
    let to = toA;
    const text = inserted.toString();
    const insert = text.replace(/\r?\n/g, "\r\n");
    if (from < to) {
      if (isPairEnd(doc, from)) from--;
      // Deleting up to the "\r" joins the lines when the user deletes (Delete at the end of a
      // line); when typing replaces it (Enter trims the whitespace after the cursor), the line
      // break stays.
      if (isPairEnd(doc, to)) to += deleting ? 1 : -1;
    }
    if (from !== fromA || to !== toA || insert !== text) changed = true;
    specs.push({ from, to, insert, fromB, toB, text });
  });
  if (!changed) return null;
  // Widened deletions may now touch their neighbours: merge those.
  const merged: { from: number; to: number; insert: string }[] = [];
  for (const s of specs) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) {
      last.to = Math.max(last.to, s.to);
      last.insert += s.insert;
    } else merged.push({ from: s.from, to: s.to, insert: s.insert });
  }
  const changes = ChangeSet.of(merged, doc.length, LINE_SEPARATOR);
  const toStart = tr.changes.invert(doc);
  const map = (pos: number): number => {
    // Inside (or at the end of) an insertion: the same place in the rewritten insertion.
    for (const s of specs) {
      if (s.text.length > 0 && pos >= s.fromB && pos <= s.toB) {
        const typed = s.text.slice(0, pos - s.fromB);
        const added = typed.replace(/\r?\n/g, "\r\n").length - typed.length;
        return changes.mapPos(s.from, -1) + typed.length + added;
      }
    }
    return changes.mapPos(toStart.mapPos(pos, 1), 1);
  };
  return { changes, map };
}

export function crlfLines(): Extension {
  return [
    EditorState.lineSeparator.of(LINE_SEPARATOR),
    EditorState.transactionFilter.of((tr): Transaction | readonly TransactionSpec[] => {
      // Only what the user does; changes from Rust (reload, rename) and programs pass as they are.
      const userEvent = tr.annotation(Transaction.userEvent);
      if (!userEvent) return tr;
      let changes: ChangeSet = tr.changes;
      let selection = tr.newSelection;
      let doc = tr.newDoc;
      let rewritten = false;
      if (tr.docChanged && tr.effects.length === 0 && (tr.isUserEvent("input") || tr.isUserEvent("delete"))) {
        const whole = wholePairs(tr);
        if (whole) {
          changes = whole.changes;
          // The selection the command chose, moved from its text to the rewritten one.
          selection = EditorSelection.create(
            tr.newSelection.ranges.map((r) => EditorSelection.range(whole.map(r.anchor), whole.map(r.head))),
            tr.newSelection.mainIndex,
          );
          doc = changes.apply(tr.startState.doc);
          rewritten = true;
        }
      }
      // Keep every cursor off the middle of a "\r\n": moving forward goes past it.
      const before = tr.startState.selection.ranges;
      const fix = (pos: number, old: number | undefined) => (isPairEnd(doc, pos) ? (old !== undefined && pos > old ? pos + 1 : pos - 1) : pos);
      const split = selection.ranges.some((r) => isPairEnd(doc, r.head) || isPairEnd(doc, r.anchor));
      if (split) {
        selection = EditorSelection.create(
          selection.ranges.map((r, i) => EditorSelection.range(fix(r.anchor, before[i]?.anchor), fix(r.head, before[i]?.head))),
          selection.mainIndex,
        );
      }
      if (!rewritten && !split) return tr;
      return [{ changes, selection, effects: tr.effects, userEvent, scrollIntoView: tr.scrollIntoView }];
    }),
  ];
}
