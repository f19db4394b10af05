// TEST HOOK, not an API: the end-to-end WebDriver tests (tests/e2e) drive CodeMirror through
// it, because typing into a contenteditable over WebDriver is unreliable. It gives the
// EditorView of an open document, so a test can dispatch edits and set the selection exactly
// as a user's typing would (the edits go through the normal sync with Rust).
import type { EditorView } from "@codemirror/view";
import type { Workbench } from "./workbench";
import { editFromRustLatency, editInViewLatency, editLatency, editRequestLatency, editRustLatency, editToRustLatency } from "./edit-latency";

export interface OrbisEditorTestHook {
  /** The view of an open document (workspace-relative path), or null when it is not open. */
  view(path: string): EditorView | null;
  /** The open documents, in tab order. */
  paths(): string[];
  /** Keystroke → diagnostics round trips (ms) logged so far, oldest first. */
  latencies(): number[];
  /** Edit requests' durations (ms: sent → answered), oldest first. */
  requestLatencies(): number[];
  /** The round trips up to the diagnostics being in the editor's DOM (ms). */
  inViewLatencies(): number[];
  /** Rust's own time (ms) for each of those requests. */
  rustLatencies(): number[];
  /** The IPC hops of those requests (ms): web view → shell, shell → web view. */
  hopLatencies(): { toRust: number[]; fromRust: number[] };
  /** Empties the logs. */
  clearLatencies(): void;
}

declare global {
  interface Window {
    __orbisEditor?: OrbisEditorTestHook;
  }
}

export function installTestHook(workbench: Workbench): void {
  window.__orbisEditor = {
    view: (path) => workbench.get(path)?.view ?? null,
    paths: () => [...workbench.paths],
    latencies: () => editLatency.snapshot(),
    requestLatencies: () => editRequestLatency.snapshot(),
    rustLatencies: () => editRustLatency.snapshot(),
    inViewLatencies: () => editInViewLatency.snapshot(),
    hopLatencies: () => ({ toRust: editToRustLatency.snapshot(), fromRust: editFromRustLatency.snapshot() }),
    clearLatencies: () => {
      editLatency.clear();
      editRequestLatency.clear();
      editRustLatency.clear();
      editInViewLatency.clear();
      editToRustLatency.clear();
      editFromRustLatency.clear();
    },
  };
}
