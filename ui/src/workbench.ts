// The open documents of the workspace and everything that follows from them: tab order,
// the Problems panel's data, diagnostics routed to the right document, changes on disk and
// rename results. No React: the app reads `getSnapshot()` (the tabs) through
// useSyncExternalStore; what changes with every keystroke's answer (problems, lint time) is a
// separate `LiveValue` read only by the components that show it (Problems panel, status bar),
// so typing never re-renders the whole app.
import type { Api } from "./api";
import type { DiskChange, DocumentDiagnostics, FileLanguage, RenameResult } from "./generated/types";
import { EditorDocument, type CursorPosition } from "./editor-document";
import type { EditorCommands } from "./editor-extensions";
import { LiveValue } from "./live-value";
import type { SeverityCounts } from "./diagnostics";
import { fromWorkspace, NO_PROBLEMS, totals, withFile, type ProblemsByFile } from "./problems-model";

/** What a tab shows of its document. */
export interface TabInfo {
  path: string;
  language: FileLanguage;
  lossy: boolean;
  dirty: boolean;
  deleted: boolean;
  diskChanged: boolean;
}

export interface WorkbenchSnapshot {
  tabs: readonly TabInfo[];
}

/** The workspace's problems and the open documents' lint times, as last published. */
export interface ProblemsView {
  problems: ProblemsByFile;
  counts: SeverityCounts;
  /** False until the first workspace scan answered. */
  loaded: boolean;
  /** Files indexed and time taken by the last workspace scan. */
  scan: { files: number; millis: number } | null;
  /** Rust's parse + lint time of each open document's last answer (µs). */
  lintMicros: ReadonlyMap<string, number>;
}

export interface WorkbenchUi {
  /** The editor commands of the document at `path` (they act on the active view). */
  commands(path: string): EditorCommands;
  cursor(doc: EditorDocument, pos: CursorPosition): void;
  edited(doc: EditorDocument): void;
  error(err: unknown): void;
}

/** How long to wait after changes on disk before scanning the workspace's problems again. */
const RESCAN_DELAY_MS = 600;
/** Problems and lint time follow typing at most this often (ms). */
const PROBLEMS_DELAY_MS = 100;

export class Workbench {
  private readonly docs = new Map<string, EditorDocument>();
  private readonly opening = new Map<string, Promise<EditorDocument>>();
  private order: string[] = [];
  private problems: ProblemsByFile = NO_PROBLEMS;
  private problemsLoaded = false;
  private scan: ProblemsView["scan"] = null;
  private snapshot: WorkbenchSnapshot = { tabs: [] };
  /** Problems and lint times: published at most every PROBLEMS_DELAY_MS while typing. */
  readonly problemsView = new LiveValue<ProblemsView>(emptyProblemsView());
  private readonly listeners = new Set<() => void>();
  /** Bumped when the workspace changes: late answers for the previous one are dropped. */
  private generation = 0;
  private rescanTimer: ReturnType<typeof setTimeout> | null = null;
  private emitTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: Api,
    private readonly ui: WorkbenchUi,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): WorkbenchSnapshot => this.snapshot;

  /** For what changes with every keystroke's answer (problems, lint time): at most one
   * publication per PROBLEMS_DELAY_MS, read by the Problems panel and the status bar only (the
   * squiggles themselves are in the editor at once). */
  private publishProblemsSoon(): void {
    if (this.emitTimer) return;
    this.emitTimer = setTimeout(() => this.publishProblems(), PROBLEMS_DELAY_MS);
  }

  private publishProblems(): void {
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    const lintMicros = new Map<string, number>();
    for (const [path, d] of this.docs) if (d.lintMicros !== null) lintMicros.set(path, d.lintMicros);
    const previous = this.problemsView.get();
    this.problemsView.set({
      problems: this.problems,
      // Counting walks every file's list: only when the problems changed.
      counts: previous.problems === this.problems ? previous.counts : totals(this.problems),
      loaded: this.problemsLoaded,
      scan: this.scan,
      lintMicros,
    });
  }

  /** Tabs changed (opened, closed, dirty, deleted on disk...): the app re-renders. */
  private emit(): void {
    this.snapshot = {
      tabs: this.order.map((path) => {
        const d = this.docs.get(path)!;
        return { path, language: d.language, lossy: d.lossy, dirty: d.dirty, deleted: d.deleted, diskChanged: d.diskChanged };
      }),
    };
    for (const l of this.listeners) l();
    this.publishProblems();
  }

  get(path: string): EditorDocument | undefined {
    return this.docs.get(path);
  }

  get paths(): readonly string[] {
    return this.order;
  }

  /** Opens a file as a document (once; later calls give the same one). Throws ApiError. */
  open(path: string): Promise<EditorDocument> {
    const existing = this.docs.get(path);
    if (existing) return Promise.resolve(existing);
    const pending = this.opening.get(path);
    if (pending) return pending;
    const generation = this.generation;
    const promise = this.api
      .openDocument(path)
      .then((open) => {
        if (generation !== this.generation) throw new Error("The workspace changed while the file was opening.");
        // Rust answers with its own spelling of the path.
        const known = this.docs.get(open.path);
        if (known) return known;
        const doc: EditorDocument = new EditorDocument(open, this.api, this.ui.commands(open.path), {
          changed: () => this.emit(),
          diagnostics: (d) => {
            this.problems = withFile(this.problems, d.path, d.diagnostics);
            this.publishProblemsSoon();
          },
          related: (list) => list.forEach((d) => this.routeDiagnostics(d)),
          edited: (d) => this.ui.edited(d),
          cursor: (d, pos) => this.ui.cursor(d, pos),
          error: (err) => this.ui.error(err),
        });
        this.docs.set(doc.path, doc);
        this.order = [...this.order, doc.path];
        this.problems = withFile(this.problems, doc.path, doc.diagnostics);
        this.emit();
        return doc;
      })
      .finally(() => this.opening.delete(path));
    this.opening.set(path, promise);
    return promise;
  }

  /** Closes a document (its unsaved edits are dropped: ask before). */
  close(path: string): void {
    const doc = this.docs.get(path);
    if (!doc) return;
    const discarded = doc.dirty;
    doc.destroy();
    this.docs.delete(path);
    this.order = this.order.filter((p) => p !== path);
    this.api.closeDocument(path).catch(() => {});
    // Its problems come from disk again when edits were dropped.
    if (discarded) this.scheduleRescan();
    this.emit();
  }

  /** The workspace changed: every document of the previous one goes (Rust dropped them). */
  reset(): void {
    this.generation++;
    for (const doc of this.docs.values()) doc.destroy();
    this.docs.clear();
    this.opening.clear();
    this.order = [];
    this.problems = NO_PROBLEMS;
    this.problemsLoaded = false;
    this.scan = null;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = null;
    this.emit();
  }

  /** Scans the workspace's problems; open documents keep their own, newer, diagnostics. */
  async loadProblems(): Promise<void> {
    const generation = this.generation;
    const scan = await this.api.workspaceProblems();
    if (generation !== this.generation) return;
    const open = new Map([...this.docs.values()].map((d) => [d.path, d.diagnostics] as const));
    this.problems = fromWorkspace(scan, open, this.docs.keys());
    this.problemsLoaded = true;
    this.scan = { files: scan.indexed_files, millis: scan.millis };
    this.publishProblems();
  }

  private scheduleRescan(): void {
    if (!this.problemsLoaded) return;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = null;
      this.loadProblems().catch((err) => this.ui.error(err));
    }, RESCAN_DELAY_MS);
  }

  /** Diagnostics of a document that changed through another (event or related result). */
  routeDiagnostics(d: DocumentDiagnostics): void {
    const doc = this.docs.get(d.path);
    if (doc) {
      doc.applyDiagnostics(d);
      return;
    }
    this.problems = withFile(this.problems, d.path, d.diagnostics);
    this.publishProblems();
  }

  /** A file changed on disk: clean documents follow silently, edited ones ask (banner). */
  async diskChanged(change: DiskChange): Promise<void> {
    const doc = this.docs.get(change.path);
    if (!doc) {
      this.scheduleRescan();
      return;
    }
    if (change.kind === "removed") {
      doc.setDeleted(true);
      return;
    }
    // Back on disk (created again, or written by another program after a removal).
    doc.setDeleted(false);
    if (doc.dirty || change.dirty) {
      doc.setDiskChanged(true);
      return;
    }
    await doc.reload();
  }

  /** After a rename: open buffers show their new text (unsaved); written files are rescanned. */
  applyRename(result: RenameResult): void {
    for (const open of result.updated) this.docs.get(open.path)?.showRustText(open, false);
    if (result.written.length > 0) this.scheduleRescan();
    this.emit();
  }

  /** Resolves when Rust holds every open document's edits. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.docs.values()].map((d) => d.flush()));
  }
}

function emptyProblemsView(): ProblemsView {
  return { problems: NO_PROBLEMS, counts: { errors: 0, warnings: 0, infos: 0 }, loaded: false, scan: null, lintMicros: new Map() };
}
