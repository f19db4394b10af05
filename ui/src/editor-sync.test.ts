import { describe, expect, it } from "vitest";
import { ChangeSet, EditorState, Text } from "@codemirror/state";
import { ApiError } from "./api";
import { DocumentSync, textDiff, toChangeSet, toTextChanges, type SyncTransport } from "./editor-sync";
import type { EditResult, TextChange } from "./generated/types";
import { applyChanges } from "./fake-api.test-data";

/** A hand-driven Rust: requests wait until the test answers them. */
function manualRust(initial: string) {
  const rust = { text: initial, version: 0 };
  const requests: { kind: "edit" | "text"; version?: number; changes?: TextChange[]; text?: string; answer: () => void; fail: (err: unknown) => void }[] = [];
  const reply = (): EditResult => ({ document: { path: "a.tf", version: rust.version, diagnostics: [], micros: 10 }, related: [], timing: null });
  const transport: SyncTransport = {
    edit: (version, changes) =>
      new Promise((resolve, reject) =>
        requests.push({
          kind: "edit",
          version,
          changes,
          answer: () => {
            if (version !== rust.version) {
              reject(new ApiError({ code: "document_out_of_sync", message: "out of sync", hint: "" }));
              return;
            }
            rust.text = applyChanges(rust.text, changes);
            rust.version++;
            resolve(reply());
          },
          fail: reject,
        }),
      ),
    setText: (text) =>
      new Promise((resolve, reject) =>
        requests.push({
          kind: "text",
          text,
          answer: () => {
            rust.text = text;
            rust.version++;
            resolve(reply());
          },
          fail: reject,
        }),
      ),
  };
  return { rust, requests, transport };
}

/** An editor state that pushes every change into a DocumentSync, as EditorDocument does. */
function editor(initial: string, transport: SyncTransport) {
  let state = EditorState.create({ doc: initial });
  const results: EditResult[] = [];
  const errors: unknown[] = [];
  const sync = new DocumentSync(0, transport, () => state.doc, { result: (r) => results.push(r), error: (e) => errors.push(e) });
  const edit = (spec: { from: number; to?: number; insert?: string }) => {
    const tr = state.update({ changes: spec });
    state = tr.state;
    sync.push(tr.changes);
  };
  return { sync, edit, results, errors, text: () => state.doc.toString() };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("change conversion", () => {
  it("gives offsets into the text before the change, in UTF-16 code units like Rust's", () => {
    // "é" is one code unit, "🚀" two, "東" one: positions are what JS strings and CodeMirror count.
    const before = 'name = "🚀 é 東"\n';
    const state = EditorState.create({ doc: before });
    const tr = state.update({ changes: [{ from: 8, to: 10, insert: "🛰" }, { from: 13, insert: "京" }] });
    const changes = toTextChanges(tr.changes);
    expect(changes).toEqual([
      { from: 8, to: 10, insert: "🛰" },
      { from: 13, to: 13, insert: "京" },
    ]);
    expect(applyChanges(before, changes)).toBe(tr.state.doc.toString());
    expect(tr.state.doc.toString()).toBe('name = "🛰 é 京東"\n');
  });

  it("turns the contract's changes back into a ChangeSet, and refuses ones outside the text", () => {
    const set = toChangeSet([{ from: 0, to: 1, insert: "X" }, { from: 3, to: 3, insert: "!" }], 4);
    expect(set.apply(Text.of(["abcd"])).toString()).toBe("Xbc!d");
    expect(() => toChangeSet([{ from: 2, to: 9, insert: "" }], 4)).toThrow();
  });

  it("finds the one changed region between two texts without splitting surrogate pairs", () => {
    expect(textDiff("abc", "abc")).toBeNull();
    expect(textDiff("region = 1\nx", "region = 22\nx")).toEqual({ from: 9, to: 10, insert: "22" });
    // 🚀 and 🛰 share their high surrogate: the change must take the whole pair.
    const d = textDiff("a🚀b", "a🛰b")!;
    expect(d).toEqual({ from: 1, to: 3, insert: "🛰" });
    expect(applyChanges("a🚀b", [d])).toBe("a🛰b");
  });
});

describe("DocumentSync", () => {
  it("sends one edit at a time and composes the changes made meanwhile into one batch", async () => {
    const { rust, requests, transport } = manualRust("abc");
    const ed = editor("abc", transport);
    ed.edit({ from: 3, insert: "d" });
    ed.edit({ from: 4, insert: "e" });
    ed.edit({ from: 0, to: 1, insert: "A" });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ version: 0, changes: [{ from: 3, to: 3, insert: "d" }] });

    requests[0].answer();
    await settle();
    expect(ed.results.map((r) => r.document.version)).toEqual([1]);
    expect(requests).toHaveLength(2);
    // Both later edits, relative to the text after the first: "abcd" → "Abcde".
    expect(requests[1]).toMatchObject({ version: 1, changes: [{ from: 0, to: 1, insert: "A" }, { from: 4, to: 4, insert: "e" }] });
    requests[1].answer();
    await settle();
    expect(rust.text).toBe(ed.text());
    expect(ed.sync.version).toBe(2);
    expect(ed.sync.idle).toBe(true);
  });

  it("sends the whole text when Rust says it is out of sync, and carries on from there", async () => {
    const { rust, requests, transport } = manualRust("abc");
    const ed = editor("abc", transport);
    rust.version = 5; // Rust moved on (e.g. a rename changed the buffer)
    ed.edit({ from: 0, insert: "x" });
    requests[0].answer();
    await settle();
    expect(requests[1]).toMatchObject({ kind: "text", text: "xabc" });
    ed.edit({ from: 4, insert: "y" }); // typed while the text is on its way
    requests[1].answer();
    await settle();
    expect(ed.sync.version).toBe(6);
    expect(requests[2]).toMatchObject({ kind: "edit", version: 6, changes: [{ from: 4, to: 4, insert: "y" }] });
    requests[2].answer();
    await settle();
    expect(rust.text).toBe("xabcy");
    expect(ed.errors).toEqual([]);
  });

  it("after another failure, reports it and resends the text on the next change", async () => {
    const { rust, requests, transport } = manualRust("abc");
    const ed = editor("abc", transport);
    ed.edit({ from: 0, insert: "1" });
    requests[0].fail(new Error("connection lost"));
    await settle();
    expect(ed.errors).toHaveLength(1);
    ed.edit({ from: 1, insert: "2" });
    expect(requests[1]).toMatchObject({ kind: "text", text: "12abc" });
    requests[1].answer();
    await settle();
    expect(rust.text).toBe("12abc");
  });

  it("flush resolves once Rust holds every change", async () => {
    const { rust, requests, transport } = manualRust("");
    const ed = editor("", transport);
    ed.edit({ from: 0, insert: "a" });
    let flushed = false;
    const flush = ed.sync.flush().then(() => (flushed = true));
    ed.edit({ from: 1, insert: "b" });
    requests[0].answer();
    await settle();
    expect(flushed).toBe(false);
    requests[1].answer();
    await flush;
    expect(rust.text).toBe("ab");
    await expect(ed.sync.flush()).resolves.toBeUndefined();
  });

  it("maps a version's positions to the current text, and knows none for versions it passed", async () => {
    const { requests, transport } = manualRust("0123456789");
    const ed = editor("0123456789", transport);
    ed.edit({ from: 0, insert: "ab" }); // in flight: v0 → v1
    ed.edit({ from: 5, to: 7 }); // pending
    const sinceV0 = ed.sync.changesSince(0)!;
    expect(sinceV0.mapPos(8)).toBe(8); // '8' moved by +2 then -2
    expect(sinceV0.mapPos(1)).toBe(3);
    // Rust told someone about v1 before answering us: only the pending change is missing.
    expect(ed.sync.changesSince(1)!.mapPos(9)).toBe(7);
    requests[0].answer();
    await settle();
    expect(ed.sync.changesSince(0)).toBeNull();
    expect(ed.sync.changesSince(1)!.mapPos(9)).toBe(7);
  });

  it("rebase drops the queue and ignores answers to requests made before it", async () => {
    const { requests, transport } = manualRust("abc");
    const ed = editor("abc", transport);
    ed.edit({ from: 0, insert: "x" });
    ed.sync.rebase(7);
    requests[0].answer();
    await settle();
    expect(ed.results).toEqual([]);
    expect(ed.sync.version).toBe(7);
    expect(ed.sync.changesSince(7)).toEqual(ChangeSet.empty(4));
  });

  it("tells which changes each answer covers, so the round trip counts time spent queued", async () => {
    const { requests, transport } = manualRust("abc");
    let state = EditorState.create({ doc: "abc" });
    let now = 100;
    const covered: number[][] = [];
    const sync = new DocumentSync(0, transport, () => state.doc, { result: (_r, typedAt, _sent) => covered.push([...typedAt]), error: () => {} }, () => now);
    const type = (insert: string) => {
      const tr = state.update({ changes: { from: state.doc.length, insert } });
      state = tr.state;
      sync.push(tr.changes);
    };
    type("d"); // sent at once
    now = 105;
    type("e"); // queued behind it
    now = 107;
    type("f");
    requests[0].answer();
    await settle();
    expect(covered).toEqual([[100]]);
    requests[1].answer();
    await settle();
    expect(covered).toEqual([[100], [105, 107]]);
    // Out of sync: the whole text is resent and its answer covers the change that failed.
    now = 120;
    type("g");
    requests[2].fail(new ApiError({ code: "document_out_of_sync", message: "out of sync", hint: "" }));
    await settle();
    expect(requests[3].kind).toBe("text");
    requests[3].answer();
    await settle();
    expect(covered).toEqual([[100], [105, 107], [120]]);
  });
});
