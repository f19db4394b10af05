// One open document: its CodeMirror view (kept alive while the tab is open, so undo history,
// selection and scroll survive tab switches), its sync with the Rust copy, its diagnostics and
// its saved/dirty/on-disk state. No React here: the app is told through `DocumentEvents`.
import { Annotation, ChangeSet, EditorState, type StateEffect, type Text } from "@codemirror/state";
import { EditorView, type ViewUpdate } from "@codemirror/view";
import { setDiagnostics } from "@codemirror/lint";
import type { Api } from "./api";
import type {
  CompletionList, DocumentDiagnostics, EditTiming, EditorDiagnostic, FileLanguage, HoverInfo, OpenDocument, QuickFix, SaveResult, TextChange,
} from "./generated/types";
import { DocumentSync, textDiff, toChangeSet } from "./editor-sync";
import { editFromRustLatency, editInViewLatency, editLatency, editRequestLatency, editRustLatency, editToRustLatency } from "./edit-latency";
import { placeDiagnostics, toCmDiagnostics } from "./diagnostics";
import { editorExtensions, type EditorCommands } from "./editor-extensions";
import { rustCompletionSource } from "./completion";
import { usesCrlf } from "./crlf";

/** Marks transactions that show what Rust already holds (reload, rename): not sent back. */
const fromRust = Annotation.define<boolean>();

export interface CursorPosition {
  line: number;
  column: number;
}

export interface DocumentEvents {
  /** Dirty, deleted, changed-on-disk or lint time changed: re-render the tab and status bar. */
  changed(doc: EditorDocument): void;
  /** The document's diagnostics were replaced (for the Problems panel). */
  diagnostics(doc: EditorDocument): void;
  /** Other documents' diagnostics that changed through an edit of this one. */
  related(list: DocumentDiagnostics[]): void;
  /** The text changed (outline refresh). */
  edited(doc: EditorDocument): void;
  cursor(doc: EditorDocument, pos: CursorPosition): void;
  error(err: unknown): void;
}

/** Changes made since it was started, composed as they come. */
interface Tracker {
  changes: ChangeSet;
}

export class EditorDocument {
  readonly path: string;
  readonly language: FileLanguage;
  readonly lossy: boolean;
  readonly view: EditorView;
  /** Diagnostics placed on the text as it was when they arrived (see `placed`). */
  diagnostics: EditorDiagnostic[] = [];
  /** Rust's time for the last diagnostics (parse + lint), in microseconds. */
  lintMicros: number | null = null;
  dirty: boolean;
  /** The file was removed from disk. */
  deleted = false;
  /** The file changed on disk while this buffer had edits: the tab shows a banner. */
  diskChanged = false;
  /** The user chose to keep their text over a change on disk: the next save overwrites. */
  overwriteNext = false;
  /** Where the view was scrolled when its tab was last hidden. */
  private scroll: StateEffect<unknown> | null = null;
  /** A range to show once the view is on screen (navigation to a tab not shown yet). */
  private revealOnMount: { from: number; to: number } | null = null;

  private readonly sync: DocumentSync;
  /** The text last read from or written to disk; null when unknown (opened already dirty). */
  private saved: Text | null;
  private readonly trackers = new Set<Tracker>();
  /** Changes since `diagnostics` were placed: moves their positions and fixes to the text. */
  private placed: Tracker;
  private saving: Promise<SaveResult> | null = null;
  private closed = false;

  constructor(
    open: OpenDocument,
    private readonly api: Api,
    commands: EditorCommands,
    private readonly events: DocumentEvents,
  ) {
    this.path = open.path;
    this.language = open.language;
    this.lossy = open.lossy;
    this.dirty = open.dirty;
    this.view = new EditorView({
      state: EditorState.create({
        doc: open.text,
        extensions: editorExtensions({
          path: open.path,
          language: open.language,
          crlf: usesCrlf(open.text),
          commands,
          completions: rustCompletionSource((pos) => this.completionsAt(pos)),
          hover: (pos) => this.hoverAt(pos),
          onUpdate: (update) => this.updated(update),
        }),
      }),
    });
    this.saved = open.dirty ? null : this.view.state.doc;
    this.placed = this.track();
    this.sync = new DocumentSync(
      open.version,
      { edit: (version, changes) => api.editDocument(this.path, version, changes), setText: (text) => api.setDocumentText(this.path, text) },
      () => this.view.state.doc,
      {
        result: (result, typedAt, sentAt) => {
          const answered = performance.now();
          const shown = this.applyDiagnostics(result.document);
          if (shown && typedAt.length > 0) {
            recordRoundTrip(typedAt, answered - sentAt, result.document.micros / 1000);
            recordHops(result.timing, sentAt, answered);
          }
          if (result.related.length > 0) events.related(result.related);
        },
        error: (err) => events.error(err),
      },
    );
    this.applyDiagnostics({ path: open.path, version: open.version, diagnostics: open.diagnostics, micros: 0 }, false);
  }

  /** The version Rust last confirmed. */
  get version(): number {
    return this.sync.version;
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Resolves when Rust holds every change made so far. */
  flush(): Promise<void> {
    return this.sync.flush();
  }

  private track(): Tracker {
    const tracker = { changes: ChangeSet.empty(this.view.state.doc.length) };
    this.trackers.add(tracker);
    return tracker;
  }

  private updated(update: ViewUpdate): void {
    if (update.docChanged) {
      for (const tr of update.transactions) {
        if (!tr.docChanged) continue;
        for (const t of this.trackers) t.changes = t.changes.compose(tr.changes);
        if (!tr.annotation(fromRust)) this.sync.push(tr.changes);
      }
      this.refreshDirty();
      this.events.edited(this);
    }
    if (update.docChanged || update.selectionSet) this.events.cursor(this, this.cursor());
  }

  cursor(): CursorPosition {
    const head = this.view.state.selection.main.head;
    const line = this.view.state.doc.lineAt(head);
    return { line: line.number, column: head - line.from + 1 };
  }

  private refreshDirty(): void {
    const doc = this.view.state.doc;
    const dirty = this.saved === null || doc.length !== this.saved.length || !doc.eq(this.saved);
    if (dirty !== this.dirty) {
      this.dirty = dirty;
      this.events.changed(this);
    }
  }

  /**
   * Shows diagnostics Rust computed for `d.version`: moved through the edits made since, or
   * dropped when that version's text is not known any more (a newer result follows).
   */
  applyDiagnostics(d: DocumentDiagnostics, notify = true): boolean {
    if (this.closed) return false;
    const mapping = this.sync.changesSince(d.version);
    if (!mapping) return false;
    this.diagnostics = placeDiagnostics(d.diagnostics, mapping, this.view.state.doc);
    this.placed.changes = ChangeSet.empty(this.view.state.doc.length);
    if (d.micros > 0) this.lintMicros = d.micros;
    this.view.dispatch(setDiagnostics(this.view.state, toCmDiagnostics(this.diagnostics, (fix) => this.applyFix(fix))));
    // The workbench shows the new problems and lint time (no separate `changed`: that
    // would re-render the app on every keystroke's answer).
    if (notify) this.events.diagnostics(this);
    return true;
  }

  /** Where a range of the placed diagnostics is in the current text. */
  currentRange(range: { from: number; to: number }): { from: number; to: number } {
    const mapping = this.placed.changes;
    const len = this.view.state.doc.length;
    if (range.from > mapping.length || range.to > mapping.length) return { from: Math.min(range.from, len), to: Math.min(range.to, len) };
    const from = mapping.mapPos(range.from, 1);
    return { from, to: Math.max(from, mapping.mapPos(range.to, -1)) };
  }

  /** Applies a quick fix of the current diagnostics as a normal edit (synced, undoable). */
  applyFix(fix: QuickFix): boolean {
    if (!this.diagnostics.some((d) => d.fixes.includes(fix))) return false;
    let changes: ChangeSet;
    try {
      changes = toChangeSet(fix.changes, this.placed.changes.length).map(this.placed.changes);
    } catch {
      return false;
    }
    this.view.dispatch({ changes, userEvent: "input.fix", scrollIntoView: true });
    return true;
  }

  /**
   * Applies the fix titled `title` of the diagnostic `like` (which may come from the workspace
   * scan rather than this document): the same code and fix, nearest to its place.
   */
  applyFixLike(like: EditorDiagnostic, title: string): boolean {
    const own = this.diagnostics.includes(like) ? like : this.findLike(like, title);
    const fix = own?.fixes.find((f) => f.title === title);
    return fix ? this.applyFix(fix) : false;
  }

  private findLike(like: EditorDiagnostic, title: string): EditorDiagnostic | undefined {
    let best: EditorDiagnostic | undefined;
    for (const d of this.diagnostics) {
      if (d.code !== like.code || !d.fixes.some((f) => f.title === title)) continue;
      if (!best || Math.abs(d.range.from - like.range.from) < Math.abs(best.range.from - like.range.from)) best = d;
    }
    return best;
  }

  /** Applies changes made to the text Rust holds at `version` (format, fixes from elsewhere). */
  private applyRustChanges(changes: readonly TextChange[], tracker: Tracker): void {
    if (changes.length === 0) return;
    let set: ChangeSet;
    try {
      set = toChangeSet(changes, tracker.changes.length).map(tracker.changes);
    } catch {
      return;
    }
    this.view.dispatch({ changes: set, userEvent: "input.format" });
  }

  /** Selects a range and scrolls to it now, or when the view is next put on screen. */
  reveal(from: number, to = from): void {
    if (this.view.dom.isConnected) this.select(from, to);
    else this.revealOnMount = { from, to };
  }

  /** The view was put on screen (its tab shown): restore the scroll, or show what was asked. */
  mounted(): void {
    this.view.requestMeasure();
    const reveal = this.revealOnMount;
    this.revealOnMount = null;
    if (reveal) this.select(reveal.from, reveal.to);
    else if (this.scroll) this.view.dispatch({ effects: this.scroll });
  }

  /** The view is about to be taken off screen (another tab shown). */
  unmounting(): void {
    if (this.view.dom.isConnected) this.scroll = this.view.scrollSnapshot();
  }

  /** Puts the cursor on a range (clamped to the text), scrolls to it and focuses the editor. */
  select(from: number, to = from): void {
    const len = this.view.state.doc.length;
    const anchor = Math.max(0, Math.min(from, len));
    const head = Math.max(0, Math.min(to, len));
    this.view.dispatch({ selection: { anchor, head }, effects: EditorView.scrollIntoView(anchor, { y: "center" }) });
    this.view.focus();
  }

  /**
   * Asks Rust something about the text at hand: first sends pending edits, then asks, and
   * gives null when the text changed in between (the answer's positions would be off).
   */
  private async ask<T>(question: () => Promise<T>): Promise<T | null> {
    const doc = this.view.state.doc;
    await this.flush();
    if (this.view.state.doc !== doc) return null;
    const answer = await question();
    return this.view.state.doc === doc ? answer : null;
  }

  completionsAt(pos: number): Promise<CompletionList | null> {
    return this.ask(() => this.api.completions(this.path, pos)).catch(() => null);
  }

  hoverAt(pos: number): Promise<HoverInfo | null> {
    return this.ask(() => this.api.hover(this.path, pos));
  }

  /** Rust's answer about a position of the text as it is now, or null if it changed meanwhile. */
  query<T>(question: () => Promise<T>): Promise<T | null> {
    return this.ask(question);
  }

  /** Formats through Rust; edits made while waiting are kept (the format moves over them). */
  async format(): Promise<void> {
    await this.flush();
    const tracker = this.track();
    try {
      const changes = await this.api.formatDocument(this.path);
      this.applyRustChanges(changes, tracker);
    } finally {
      this.trackers.delete(tracker);
    }
  }

  /** Saves (after sending pending edits). A conflict is returned, not resolved, here. */
  save(overwrite = false): Promise<SaveResult> {
    // One save at a time (a shortcut and a menu item may both fire).
    if (this.saving) return this.saving;
    this.saving = (async () => {
      await this.flush();
      const text = this.view.state.doc;
      // A deleted file is written again as it is in the editor, without asking.
      const result = await this.api.saveDocument(this.path, overwrite || this.overwriteNext || this.deleted);
      if (result.saved) {
        this.saved = text;
        this.overwriteNext = false;
        this.deleted = false;
        this.diskChanged = false;
        this.refreshDirty();
        this.events.changed(this);
      }
      return result;
    })().finally(() => (this.saving = null));
    return this.saving;
  }

  /**
   * Shows the text Rust now holds (reloaded from disk, or changed by a rename): changed in
   * place (only the differing part), so the cursor and scroll stay where they can.
   */
  showRustText(open: OpenDocument, fromDisk: boolean): void {
    const diff = textDiff(this.view.state.doc.toString(), open.text);
    if (diff) this.view.dispatch({ changes: toChangeSet([diff], this.view.state.doc.length), annotations: fromRust.of(true) });
    this.sync.rebase(open.version);
    if (fromDisk) {
      this.saved = this.view.state.doc;
      this.deleted = false;
      this.diskChanged = false;
      this.overwriteNext = false;
    } else if (open.dirty && this.saved !== null && this.view.state.doc.eq(this.saved)) {
      this.saved = null;
    }
    this.refreshDirty();
    this.applyDiagnostics({ path: open.path, version: open.version, diagnostics: open.diagnostics, micros: 0 });
    this.events.changed(this);
  }

  async reload(): Promise<void> {
    this.showRustText(await this.api.reloadDocument(this.path), true);
  }

  setDeleted(deleted: boolean): void {
    if (this.deleted === deleted) return;
    this.deleted = deleted;
    this.events.changed(this);
  }

  setDiskChanged(changed: boolean): void {
    if (this.diskChanged === changed) return;
    this.diskChanged = changed;
    this.events.changed(this);
  }

  keepMine(): void {
    this.overwriteNext = true;
    this.setDiskChanged(false);
  }

  /** The tab closed: answers still on their way are ignored from now on. */
  destroy(): void {
    this.closed = true;
    this.sync.rebase(this.sync.version);
    this.view.destroy();
  }
}

/** Logs the round trip of changes made at `typedAt` (performance.now() times), measured at the
 * next animation frame: the diagnostics are then painted. */
function recordRoundTrip(typedAt: readonly number[], requestMs: number, rustMs: number): void {
  editRequestLatency.record(requestMs);
  editRustLatency.record(rustMs);
  const inView = performance.now();
  for (const t of typedAt) editInViewLatency.record(inView - t);
  const done = () => {
    const now = performance.now();
    for (const t of typedAt) editLatency.record(now - t);
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(done);
  else done();
}

/** Splits a request's time into the two IPC hops, from the shell's wall-clock stamps (the same
 * clock as `performance.timeOrigin`; WebKit gives it to the millisecond). */
function recordHops(timing: EditTiming | null, sentAt: number, answered: number): void {
  if (!timing || typeof performance.timeOrigin !== "number") return;
  editToRustLatency.record(Math.max(0, timing.received_ms - (performance.timeOrigin + sentAt)));
  editFromRustLatency.record(Math.max(0, performance.timeOrigin + answered - timing.answered_ms));
}
