// The keystroke → diagnostics round trip as the user sees it: from the moment a change is made
// in the editor to the animation frame after Rust's diagnostics for it were put in the view
// (waiting behind an earlier request included). Kept in bounded logs that the round-trip
// benchmark (tests/e2e/bench_roundtrip.py) reads through the test hook.

const CAPACITY = 4096;

export class LatencyLog {
  private readonly values: number[] = [];
  private next = 0;

  record(ms: number): void {
    if (this.values.length < CAPACITY) this.values.push(ms);
    else this.values[this.next] = ms;
    this.next = (this.next + 1) % CAPACITY;
  }

  /** Every value kept (at most the last 4,096), oldest first. */
  snapshot(): number[] {
    if (this.values.length < CAPACITY) return [...this.values];
    return [...this.values.slice(this.next), ...this.values.slice(0, this.next)];
  }

  clear(): void {
    this.values.length = 0;
    this.next = 0;
  }
}

/** The app's log of edit round trips (change → diagnostics painted). */
export const editLatency = new LatencyLog();
/** The same round trips up to the diagnostics being in the editor's DOM (before the frame). */
export const editInViewLatency = new LatencyLog();
/** The app's log of edit requests (sent → answered: IPC both ways and Rust's work). */
export const editRequestLatency = new LatencyLog();
/** Rust's own time for each of those requests (parse, lint, diagnostics). */
export const editRustLatency = new LatencyLog();
/** The hop from the web view to the Rust command (sent → received by the shell). */
export const editToRustLatency = new LatencyLog();
/** The hop back (answer ready in the shell → answered in the web view). */
export const editFromRustLatency = new LatencyLog();
