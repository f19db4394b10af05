import { describe, expect, it, vi } from "vitest";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { CompletionContext } from "@codemirror/autocomplete";
import { COMPLETION_TYPE, rustCompletionSource, toCompletion } from "./completion";
import type { CompletionItem, CompletionList } from "./generated/types";

const item = (over: Partial<CompletionItem>): CompletionItem => ({ label: "x", kind: "keyword", detail: null, documentation: null, insert: "x", snippet: false, ...over });

describe("completion", () => {
  it("maps every kind to a CodeMirror type", () => {
    expect(toCompletion(item({ kind: "resource_type" })).type).toBe("type");
    expect(toCompletion(item({ kind: "attribute" })).type).toBe("property");
    expect(toCompletion(item({ kind: "variable" })).type).toBe("variable");
    expect(toCompletion(item({ kind: "function" })).type).toBe("function");
    expect(toCompletion(item({ kind: "resource" })).type).toBe("class");
    expect(Object.values(COMPLETION_TYPE).every((t) => typeof t === "string" && t.length > 0)).toBe(true);
  });

  it("inserts a snippet with its fields, the first one selected", () => {
    const view = new EditorView({ state: EditorState.create({ doc: "varia" }) });
    const c = toCompletion(item({ label: "variable", kind: "snippet", snippet: true, insert: 'variable "${1:name}" {\n  type = ${2:string}\n}' }));
    expect(typeof c.apply).toBe("function");
    (c.apply as (v: EditorView, c: unknown, from: number, to: number) => void)(view, c, 0, 5);
    expect(view.state.doc.toString()).toBe('variable "name" {\n  type = string\n}');
    const sel = view.state.selection.main;
    expect(view.state.sliceDoc(sel.from, sel.to)).toBe("name");
    view.destroy();
  });

  it("asks Rust at the cursor and completes from the list's start", async () => {
    const fetch = vi.fn(async (): Promise<CompletionList> => ({ from: 4, items: [item({ label: "region", kind: "variable", insert: "region" })] }));
    const source = rustCompletionSource(fetch);
    const state = EditorState.create({ doc: "var.reg" });
    const result = await source(new CompletionContext(state, 7, false));
    expect(fetch).toHaveBeenCalledWith(7, expect.anything());
    expect(result?.from).toBe(4);
    expect(result?.options.map((o) => o.label)).toEqual(["region"]);
  });

  it("does not ask while typing outside a word, but does when asked explicitly or after a dot", async () => {
    const fetch = vi.fn(async (): Promise<CompletionList> => ({ from: 0, items: [item({})] }));
    const source = rustCompletionSource(fetch);
    const state = EditorState.create({ doc: "a = { var." });
    expect(await source(new CompletionContext(state, 5, false))).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    await source(new CompletionContext(state, 5, true));
    await source(new CompletionContext(state, 10, false));
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
