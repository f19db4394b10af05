import { describe, expect, it } from "vitest";
import { EditorSelection, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { deleteCharBackward, deleteCharForward, insertNewlineAndIndent } from "@codemirror/commands";
import { crlfLines, usesCrlf } from "./crlf";
import { LINE_SEPARATOR } from "./editor-sync";
import { toTextChanges } from "./editor-sync";
import { applyChanges } from "./fake-api.test-data";

const raw = 'a = "é"\r\nb = 2\r\n';
const start = () => EditorState.create({ doc: raw, extensions: crlfLines() });

describe("CRLF files", () => {
  it("are detected, and keep positions equal to Rust's UTF-16 offsets", () => {
    expect(usesCrlf(raw)).toBe(true);
    expect(usesCrlf("a\nb\n")).toBe(false);
    const state = start();
    expect(state.doc.length).toBe(raw.length);
    expect(state.doc.toString()).toBe(raw);
    expect(state.doc.line(2).from).toBe(raw.indexOf("b"));
  });

  it("write a typed line break as \\r\\n, and send Rust offsets into the raw text", () => {
    const state = start();
    const tr = state.update({ changes: { from: 7, insert: "\n" }, selection: { anchor: 8 }, userEvent: "input" });
    expect(tr.state.doc.toString()).toBe('a = "é"\r\n\r\nb = 2\r\n');
    expect(applyChanges(raw, toTextChanges(tr.changes))).toBe(tr.state.doc.toString());
    expect(tr.state.selection.main.head).toBe(9); // start of the new line
  });

  it("delete a line break whole, from either side", () => {
    const back = start().update({ changes: { from: 8, to: 9 }, userEvent: "delete.backward" });
    expect(back.state.doc.toString()).toBe('a = "é"b = 2\r\n');
    const forward = start().update({ changes: { from: 7, to: 8 }, userEvent: "delete.forward" });
    expect(forward.state.doc.toString()).toBe('a = "é"b = 2\r\n');
  });

  it("never leave the cursor between \\r and \\n", () => {
    const state = start().update({ selection: { anchor: 7 } }).state; // end of line 1, before \r
    const right = state.update({ selection: EditorSelection.cursor(8), userEvent: "select" });
    expect(right.state.selection.main.head).toBe(9);
    const left = right.state.update({ selection: EditorSelection.cursor(8), userEvent: "select" });
    expect(left.state.selection.main.head).toBe(7);
  });

  it("behave with the editor's own commands: Enter, Backspace and Delete at line ends", () => {
    const run = (anchor: number, command: (view: EditorView) => boolean) => {
      const view = new EditorView({ state: EditorState.create({ doc: raw, selection: { anchor }, extensions: [EditorState.lineSeparator.of(LINE_SEPARATOR), crlfLines()] }) });
      command(view);
      view.destroy();
      return view.state;
    };
    const enter = run(7, insertNewlineAndIndent);
    expect(enter.doc.toString()).toBe('a = "é"\r\n\r\nb = 2\r\n');
    expect(enter.selection.main.head).toBe(9);
    expect(run(9, deleteCharBackward).doc.toString()).toBe('a = "é"b = 2\r\n');
    expect(run(7, deleteCharForward).doc.toString()).toBe('a = "é"b = 2\r\n');
  });

  it("leaves changes from Rust alone", () => {
    const tr = start().update({ changes: { from: 0, insert: "x\n" } });
    expect(tr.state.doc.toString()).toBe(`x\n${raw}`);
  });
});
