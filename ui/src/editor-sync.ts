// Keeping the Rust copy of an open document in step with the editor (pure: no React, no Tauri).
//
// Positions on both sides are UTF-16 offsets, which is what CodeMirror counts, so a ChangeSet
// converts directly into the contract's TextChange list. At most one edit is in flight per
// document: changes made meanwhile are composed into one batch, sent when the answer arrives.
// When Rust says the document is out of sync, the whole text is sent instead.
import { ChangeSet, type Text } from "@codemirror/state";
import { ApiError } from "./api";
import type { EditResult, TextChange } from "./generated/types";

/** A ChangeSet as the contract's changes: offsets into the text before it, sorted. */
export function toTextChanges(changes: ChangeSet): TextChange[] {
  const out: TextChange[] = [];
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    out.push({ from: fromA, to: toA, insert: inserted.toString() });
  });
  return out;
}

/** The contract's changes (offsets into a text of `length`) as a ChangeSet; throws when a
 * change lies outside the text. Only "\n" breaks lines, as in the editor (a "\r" stays a
 * character, so positions stay Rust's). */
export function toChangeSet(changes: readonly TextChange[], length: number): ChangeSet {
  return ChangeSet.of(
    changes.map((c) => ({ from: c.from, to: c.to, insert: c.insert })),
    length,
    LINE_SEPARATOR,
  );
}

/** The editor's only line separator: every "\r" is a character, counted as Rust counts it. */
export const LINE_SEPARATOR = "\n";

/** The smallest single change turning `before` into `after` (common prefix and suffix kept),
 * so replacing a buffer with new text from disk keeps the cursor and scroll where they can be. */
export function textDiff(before: string, after: string): TextChange | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endB < before.length && isLowSurrogate(before.charCodeAt(endB))) {
    endB++;
    endA++;
  }
  return { from: start, to: endB, insert: after.slice(start, endA) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export interface SyncTransport {
  edit(version: number, changes: TextChange[]): Promise<EditResult>;
  setText(text: string): Promise<EditResult>;
}

export interface SyncListener {
  /** An answer from Rust: the document's new version and diagnostics (and related ones).
   * `typedAt` are the clock times of the local changes this answer is the first to cover
   * (for the keystroke → diagnostics round trip); `sentAt` when the request was sent. */
  result(result: EditResult, typedAt: readonly number[], sentAt: number): void;
  /** A failure other than being out of sync; the next change (or flush) resends the text. */
  error(err: unknown): void;
}

type InFlight = { kind: "edit"; base: number; changes: ChangeSet } | { kind: "text" };

export class DocumentSync {
  /** The last version Rust confirmed. */
  private confirmed: number;
  private inFlight: InFlight | null = null;
  /** Local changes not sent yet, relative to the text after the in-flight request. */
  private pending: ChangeSet | null = null;
  /** Set after a failure: the next send is the whole text. */
  private needsText = false;
  /** Bumped by `rebase`, so answers to requests made before it are ignored. */
  private generation = 0;
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  /** When each change of `pending` / of the in-flight request was made (clock times). */
  private pendingAt: number[] = [];
  private inFlightAt: number[] = [];
  private sentAt = 0;

  constructor(
    version: number,
    private readonly transport: SyncTransport,
    /** The editor's current text. */
    private readonly text: () => Text,
    private readonly listener: SyncListener,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.confirmed = version;
  }

  /** The last version Rust confirmed. */
  get version(): number {
    return this.confirmed;
  }

  /** True when every local change has been accepted by Rust. */
  get idle(): boolean {
    return this.inFlight === null && this.pending === null && !this.needsText;
  }

  /** Records a local change (relative to the text before it) and sends it when possible. */
  push(changes: ChangeSet): void {
    if (changes.empty) return;
    this.pending = this.pending ? this.pending.compose(changes) : changes;
    this.pendingAt.push(this.clock());
    this.pump();
  }

  /** The changes from the text of `version` to the editor's current text, or null when that
   * version's text is not known here any more (then its positions cannot be trusted). */
  changesSince(version: number): ChangeSet | null {
    const length = this.text().length;
    const flight = this.inFlight;
    let mapping: ChangeSet | null;
    if (version === this.confirmed) {
      if (flight?.kind === "text") return null;
      mapping = flight ? flight.changes : null;
    } else if (flight?.kind === "edit" && version === flight.base + 1) {
      // Rust applied the in-flight edit and told someone before answering us.
      mapping = null;
    } else {
      return null;
    }
    if (this.pending) mapping = mapping ? mapping.compose(this.pending) : this.pending;
    return mapping ?? ChangeSet.empty(length);
  }

  /** Resolves once every local change made so far has been accepted by Rust. */
  flush(): Promise<void> {
    if (this.idle) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.pump();
    return done;
  }

  /** The editor now shows the Rust text of `version` (reloaded, renamed…): forget the queue. */
  rebase(version: number): void {
    this.generation++;
    this.confirmed = version;
    this.inFlight = null;
    this.pending = null;
    this.needsText = false;
    this.pendingAt = [];
    this.inFlightAt = [];
    this.settle(null);
  }

  private pump(): void {
    if (this.inFlight) return;
    if (this.needsText) {
      this.sendText();
      return;
    }
    if (!this.pending) {
      this.settle(null);
      return;
    }
    const changes = this.pending;
    this.pending = null;
    this.takeStamps();
    const base = this.confirmed;
    this.inFlight = { kind: "edit", base, changes };
    const generation = this.generation;
    this.transport.edit(base, toTextChanges(changes)).then(
      (result) => this.answered(generation, result),
      (err) => {
        if (generation !== this.generation) return;
        this.inFlight = null;
        if (err instanceof ApiError && err.code === "document_out_of_sync") {
          // Rust's text is not what these changes were made to: send ours whole.
          this.pending = null;
          this.sendText();
          return;
        }
        this.failed(err);
      },
    );
  }

  private sendText(): void {
    this.needsText = false;
    this.pending = null;
    this.takeStamps();
    this.inFlight = { kind: "text" };
    const generation = this.generation;
    this.transport.setText(this.text().toString()).then(
      (result) => this.answered(generation, result),
      (err) => {
        if (generation !== this.generation) return;
        this.inFlight = null;
        this.failed(err);
      },
    );
  }

  private answered(generation: number, result: EditResult): void {
    if (generation !== this.generation) return;
    this.confirmed = result.document.version;
    this.inFlight = null;
    const typedAt = this.inFlightAt;
    this.inFlightAt = [];
    this.listener.result(result, typedAt, this.sentAt);
    this.pump();
  }

  /** The stamps of what is about to be sent (a resend after a failure keeps older ones). */
  private takeStamps(): void {
    this.inFlightAt = this.inFlightAt.concat(this.pendingAt);
    this.pendingAt = [];
    this.sentAt = this.clock();
  }

  private failed(err: unknown): void {
    // What Rust holds is unknown now: the next attempt sends the whole text.
    this.needsText = true;
    this.pending = null;
    this.listener.error(err);
    this.settle(err);
  }

  private settle(err: unknown): void {
    if (err === null && !this.idle) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (err === null) w.resolve();
      else w.reject(err);
    }
  }
}
