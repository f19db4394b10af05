// TEST HOOK, not an API: the end-to-end WebDriver tests (tests/e2e) drive CodeMirror through
// it, because typing into a contenteditable over WebDriver is unreliable. It gives the
// EditorView of an open document, so a test can dispatch edits and set the selection exactly
// as a user's typing would (the edits go through the normal sync with Rust).
import type { EditorView } from "@codemirror/view";
import type { Workbench } from "./workbench";

export interface OrbisEditorTestHook {
  /** The view of an open document (workspace-relative path), or null when it is not open. */
  view(path: string): EditorView | null;
  /** The open documents, in tab order. */
  paths(): string[];
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
  };
}
