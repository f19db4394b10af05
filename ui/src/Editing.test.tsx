// The editor working against a fake Rust (fake-api.test-data.ts): typing, saving, conflicts,
// diagnostics and quick fixes, navigation, rename, search, outline and changes on disk.
import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { EditorView } from "@codemirror/view";
import { forEachDiagnostic, type Diagnostic } from "@codemirror/lint";
import { insertNewlineAndIndent, undo } from "@codemirror/commands";
import { App } from "./App";
import { ApiError, type Api } from "./api";
import { fakeApi, fakeLint, rangeOf, startFiles } from "./fake-api.test-data";
import type { DiskChange, DocumentDiagnostics, Location, OpenDocument, RenamePreview, SearchResults } from "./generated/types";

const hook = () => window.__orbisEditor!;
const view = (path: string) => hook().view(path)!;
const text = (path: string) => view(path).state.doc.toString();
const tab = (path: string) => screen.getByTestId(`tab-${path}`);
const settle = () => new Promise((r) => setTimeout(r, 0));

async function start(api: Api, first = "main.tf") {
  render(<App api={api} />);
  await waitFor(() => expect(hook().view(first)).toBeTruthy());
  await waitFor(() => expect(document.querySelector(".cm-content")).toBeTruthy());
  return view(first);
}

/** Types as a user would: a transaction with the input user event, cursor after it. */
function typeAt(path: string, from: number, insert: string, to = from) {
  act(() => view(path).dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length }, userEvent: "input.type" }));
}

function ctrl(key: string, extra: Partial<KeyboardEventInit> = {}) {
  fireEvent.keyDown(window, { key, ctrlKey: true, ...extra });
}

function press(v: EditorView, key: string, extra: Partial<KeyboardEventInit> = {}) {
  fireEvent.keyDown(v.contentDOM, { key, ...extra });
}

/** Holds edit_document answers until released, to see what is sent while one is in flight. */
function gateEdits(api: Api) {
  const real = api.editDocument;
  const held: (() => void)[] = [];
  const gated = vi.fn((path: string, version: number, changes: Parameters<Api["editDocument"]>[2]) =>
    new Promise<Awaited<ReturnType<Api["editDocument"]>>>((resolve, reject) => held.push(() => void real(path, version, changes).then(resolve, reject))),
  );
  api.editDocument = gated;
  return {
    calls: gated.mock.calls,
    held: () => held.length,
    release: async () => {
      await act(async () => {
        held.shift()!();
        await settle();
      });
    },
  };
}

function lintMarks(v: EditorView): { text: string; d: Diagnostic }[] {
  const out: { text: string; d: Diagnostic }[] = [];
  forEachDiagnostic(v.state, (d, from, to) => out.push({ text: v.state.sliceDoc(from, to), d }));
  return out;
}

const bucket = 'resource "aws_s3_bucket" "assets" {\n  acl = "public-read"\n}\n';

describe("editing", () => {
  it("sends typing to Rust with one edit in flight, batching what is typed meanwhile", async () => {
    const api = fakeApi();
    const edits = gateEdits(api);
    await start(api);
    typeAt("main.tf", 0, "# é🚀\n");
    typeAt("main.tf", 6, "x");
    typeAt("main.tf", 7, "y");
    expect(edits.calls).toEqual([["main.tf", 0, [{ from: 0, to: 0, insert: "# é🚀\n" }]]]);
    expect(tab("main.tf").getAttribute("data-dirty")).toBe("true");
    expect(screen.getByTestId("status-saved").textContent).toBe("Modified");
    await edits.release();
    expect(edits.calls[1]).toEqual(["main.tf", 1, [{ from: 6, to: 6, insert: "xy" }]]);
    await edits.release();
    expect(edits.held()).toBe(0);
    expect(api.rust.docs.get("main.tf")).toEqual({ text: text("main.tf"), version: 2 });
    expect(text("main.tf")).toBe('# é🚀\nxyresource "aws_s3_bucket" "assets" {}\n');
  });

  it("recovers from an out-of-sync document by sending the whole text", async () => {
    const api = fakeApi();
    await start(api);
    api.rust.docs.get("main.tf")!.version = 9; // Rust changed behind our back
    typeAt("main.tf", 0, "x");
    await waitFor(() => expect(api.setDocumentText).toHaveBeenCalledWith("main.tf", 'xresource "aws_s3_bucket" "assets" {}\n'));
    typeAt("main.tf", 1, "y");
    await waitFor(() => expect(api.editDocument).toHaveBeenLastCalledWith("main.tf", 10, [{ from: 1, to: 1, insert: "y" }]));
    await waitFor(() => expect(api.rust.docs.get("main.tf")!.text).toBe(text("main.tf")));
  });

  it("keeps Windows line endings whole and positions equal to Rust's in a CRLF file", async () => {
    const crlf = 'resource "aws_s3_bucket" "assets" {\r\n  acl = "public-read"\r\n}\r\n';
    const api = fakeApi({}, { ...startFiles, "main.tf": crlf });
    const v = await start(api);
    expect(lintMarks(v).map((m) => m.text)).toEqual(['"public-read"']);
    act(() => v.dispatch({ selection: { anchor: crlf.indexOf("{") + 1 } }));
    act(() => void insertNewlineAndIndent(v));
    typeAt("main.tf", v.state.selection.main.head, "bucket = \"x\"");
    await waitFor(() => expect(api.rust.docs.get("main.tf")!.text).toBe(text("main.tf")));
    expect(text("main.tf")).toMatch(/^resource "aws_s3_bucket" "assets" \{\r\n\s*bucket = "x"\r\n  acl/);
    expect(text("main.tf")).not.toMatch(/[^\r]\n/);
    // Diagnostics from Rust (raw offsets) still sit on the right characters.
    await waitFor(() => expect(api.editDocument).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(lintMarks(v).map((m) => m.text)).toEqual(['"public-read"']));
  });

  it("keeps each tab's undo history and text across tab switches", async () => {
    const api = fakeApi();
    await start(api);
    typeAt("main.tf", 0, "abc");
    fireEvent.click(screen.getByRole("treeitem", { name: /variables\.tf/ }));
    await waitFor(() => expect(document.querySelector(".cm-content")?.textContent).toContain("eu-west-1"));
    expect(document.querySelectorAll(".cm-content")).toHaveLength(1);
    fireEvent.click(tab("main.tf"));
    await waitFor(() => expect(document.querySelector(".cm-content")?.textContent).toContain("abcresource"));
    act(() => void undo(view("main.tf")));
    expect(text("main.tf")).toBe(startFiles["main.tf"]);
    await waitFor(() => expect(tab("main.tf").getAttribute("data-dirty")).toBe("false"));
  });

  it("saves with Ctrl+S through saveDocument after sending pending edits", async () => {
    const api = fakeApi();
    const edits = gateEdits(api);
    await start(api);
    typeAt("main.tf", 0, "# saved\n");
    ctrl("s");
    expect(api.saveDocument).not.toHaveBeenCalled(); // the edit is still on its way
    await edits.release();
    await waitFor(() => expect(api.saveDocument).toHaveBeenCalledWith("main.tf", false));
    expect(api.rust.disk["main.tf"]).toBe(`# saved\n${startFiles["main.tf"]}`);
    await waitFor(() => expect(tab("main.tf").getAttribute("data-dirty")).toBe("false"));
    expect(screen.getByTestId("status-saved").textContent).toBe("Saved");
  });

  it("asks when the file changed on disk: Cancel keeps the buffer, Overwrite writes it", async () => {
    const api = fakeApi();
    await start(api);
    api.rust.changedOnDisk.add("main.tf");
    typeAt("main.tf", 0, "mine ");
    ctrl("s");
    fireEvent.click(within(await screen.findByTestId("conflict-dialog")).getByTestId("conflict-cancel"));
    expect(screen.queryByTestId("conflict-dialog")).toBeNull();
    expect(tab("main.tf").getAttribute("data-dirty")).toBe("true");
    expect(api.rust.disk["main.tf"]).toBe(startFiles["main.tf"]);

    ctrl("s");
    fireEvent.click(await screen.findByTestId("conflict-overwrite"));
    await waitFor(() => expect(api.saveDocument).toHaveBeenLastCalledWith("main.tf", true));
    expect(api.rust.disk["main.tf"]).toBe(`mine ${startFiles["main.tf"]}`);
    await waitFor(() => expect(tab("main.tf").getAttribute("data-dirty")).toBe("false"));
  });

  it("Reload from disk in the conflict dialog replaces the buffer with the disk's text", async () => {
    const api = fakeApi();
    await start(api);
    typeAt("main.tf", 0, "mine ");
    api.rust.changedOnDisk.add("main.tf");
    api.rust.disk["main.tf"] = 'resource "aws_s3_bucket" "theirs" {}\n';
    ctrl("s");
    fireEvent.click(await screen.findByTestId("conflict-reload"));
    await waitFor(() => expect(text("main.tf")).toBe('resource "aws_s3_bucket" "theirs" {}\n'));
    expect(api.reloadDocument).toHaveBeenCalledWith("main.tf");
    expect(tab("main.tf").getAttribute("data-dirty")).toBe("false");
    // Edits after the reload continue from Rust's version of it.
    typeAt("main.tf", 0, "#");
    await waitFor(() => expect(api.rust.docs.get("main.tf")!.text).toBe(text("main.tf")));
    expect(api.setDocumentText).not.toHaveBeenCalled();
  });

  it("closing a modified tab asks to save or discard", async () => {
    const api = fakeApi();
    await start(api);
    typeAt("main.tf", 0, "x");
    fireEvent.click(screen.getByRole("button", { name: "Close main.tf" }));
    fireEvent.click(await screen.findByTestId("close-cancel"));
    expect(tab("main.tf")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Close main.tf" }));
    fireEvent.click(await screen.findByTestId("close-save"));
    await waitFor(() => expect(screen.queryByTestId("tab-main.tf")).toBeNull());
    expect(api.rust.disk["main.tf"]).toBe(`x${startFiles["main.tf"]}`);
    expect(api.closeDocument).toHaveBeenCalledWith("main.tf");

    fireEvent.click(screen.getByRole("treeitem", { name: /variables\.tf/ }));
    await waitFor(() => expect(hook().view("variables.tf")).toBeTruthy());
    typeAt("variables.tf", 0, "y");
    fireEvent.click(screen.getByRole("button", { name: "Close variables.tf" }));
    fireEvent.click(await screen.findByTestId("close-discard"));
    await waitFor(() => expect(screen.queryByTestId("tab-variables.tf")).toBeNull());
    expect(api.rust.disk["variables.tf"]).toBe(startFiles["variables.tf"]);
  });
});

describe("diagnostics", () => {
  it("shows Rust's diagnostics and applies a quick fix as a normal, synced edit", async () => {
    const api = fakeApi({}, { ...startFiles, "main.tf": bucket });
    const v = await start(api);
    const [mark] = lintMarks(v);
    expect(mark.text).toBe('"public-read"');
    expect(mark.d.severity).toBe("warning");
    await waitFor(() => expect(screen.getByTestId("status-problems").textContent).toContain("⚠ 1"));

    act(() => mark.d.actions![0].apply(v, 0, 0));
    expect(mark.d.actions![0].name).toBe("Fix: Make the bucket private");
    expect(text("main.tf")).toContain('acl = "private"');
    const at = bucket.indexOf('"public-read"');
    await waitFor(() => expect(api.editDocument).toHaveBeenCalledWith("main.tf", 0, [{ from: at, to: at + 13, insert: '"private"' }]));
    await waitFor(() => expect(lintMarks(v)).toEqual([]));
    await waitFor(() => expect(screen.getByTestId("status-problems").textContent).toContain("⚠ 0"));
    expect(screen.getByTestId("status-lint-time").textContent).toBe("lint 1.2 ms");
  });

  it("a quick fix applied after further typing still replaces exactly its finding", async () => {
    const api = fakeApi({}, { ...startFiles, "main.tf": bucket });
    const edits = gateEdits(api);
    const v = await start(api);
    typeAt("main.tf", 0, "# 東京 🚀\n"); // no new diagnostics yet: the edit is held
    const [mark] = lintMarks(v);
    act(() => mark.d.actions![0].apply(v, 0, 0));
    expect(text("main.tf")).toBe(`# 東京 🚀\n${bucket.replace('"public-read"', '"private"')}`);
    await edits.release();
    await edits.release();
    expect(api.rust.docs.get("main.tf")!.text).toBe(text("main.tf"));
  });

  it("moves diagnostics of an older version onto the current text and drops stale ones", async () => {
    let pushDiagnostics: (d: DocumentDiagnostics) => void = () => {};
    const api = fakeApi({ onDiagnostics: async (h) => ((pushDiagnostics = h), () => {}) }, { ...startFiles, "main.tf": bucket });
    const edits = gateEdits(api);
    const v = await start(api);
    typeAt("main.tf", 0, "# one\n");
    typeAt("main.tf", 0, "# two 🚀\n"); // pending while the first edit is in flight
    await edits.release(); // Rust's answer is for "# one\n…", not the current text
    expect(lintMarks(v).map((m) => m.text)).toEqual(['"public-read"']);
    // A late event about version 0 (two versions ago) must not put squiggles in wrong places.
    act(() => pushDiagnostics({ path: "main.tf", version: 0, diagnostics: [{ ...fakeLint(bucket)[0], range: rangeOf(bucket, 0, 8) }], micros: 5 }));
    expect(lintMarks(v).map((m) => m.text)).toEqual(['"public-read"']);
    await edits.release();
    expect(lintMarks(v).map((m) => m.text)).toEqual(['"public-read"']);
  });

  it("diagnostics events of other documents update the Problems panel", async () => {
    let pushDiagnostics: (d: DocumentDiagnostics) => void = () => {};
    const api = fakeApi({ onDiagnostics: async (h) => ((pushDiagnostics = h), () => {}) });
    await start(api);
    await waitFor(() => expect(api.workspaceProblems).toHaveBeenCalled());
    ctrl("M", { shiftKey: true });
    expect(await screen.findByTestId("problems-panel")).toBeTruthy();
    expect(screen.queryAllByTestId("problem-row")).toHaveLength(0);
    act(() => pushDiagnostics({ path: "modules/net.tf", version: 3, diagnostics: fakeLint(bucket), micros: 5 }));
    const row = await screen.findByTestId("problem-row");
    expect(row.getAttribute("data-path")).toBe("modules/net.tf");
  });
});

describe("Problems panel", () => {
  it("lists the workspace's problems by file, filters them, opens at one and applies its fix", async () => {
    const api = fakeApi({}, { ...startFiles, "modules/net.tf": `# network\n${bucket}` });
    await start(api);
    fireEvent.click(await screen.findByTestId("status-problems"));
    const panel = await screen.findByTestId("problems-panel");
    const row = await within(panel).findByTestId("problem-row");
    expect(row.getAttribute("data-code")).toBe("AWS_S3_PUBLIC_ACL");
    expect(row.getAttribute("data-path")).toBe("modules/net.tf");
    expect(row.textContent).toContain("Ln 3, Col 9");

    fireEvent.change(within(panel).getByLabelText("Filter problems"), { target: { value: "brace" } });
    expect(within(panel).queryAllByTestId("problem-row")).toHaveLength(0);
    fireEvent.change(within(panel).getByLabelText("Filter problems"), { target: { value: "public" } });
    fireEvent.click(within(panel).getByTestId("problem-row"));
    await waitFor(() => expect(tab("modules/net.tf").getAttribute("aria-selected")).toBe("true"));
    const v = view("modules/net.tf");
    await waitFor(() => expect(v.state.sliceDoc(v.state.selection.main.from, v.state.selection.main.to)).toBe('"public-read"'));

    fireEvent.click(within(panel).getByTestId("quick-fix"));
    await waitFor(() => expect(text("modules/net.tf")).toContain('acl = "private"'));
    await waitFor(() => expect(api.rust.docs.get("modules/net.tf")!.text).toContain('acl = "private"'));
    await waitFor(() => expect(within(panel).queryAllByTestId("problem-row")).toHaveLength(0));
    expect(tab("modules/net.tf").getAttribute("data-dirty")).toBe("true");
  });

  it("applies a quick fix of a file that is not open by opening it", async () => {
    const api = fakeApi({}, { ...startFiles, "variables.tf": bucket });
    await start(api);
    ctrl("m", { shiftKey: true });
    fireEvent.click(await screen.findByTestId("quick-fix"));
    await waitFor(() => expect(hook().view("variables.tf")).toBeTruthy());
    await waitFor(() => expect(text("variables.tf")).toContain('"private"'));
  });

  it("renders only the rows on screen for thousands of problems", async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `resource "aws_s3_bucket" "b${i}" {\n  acl = "public-read"\n}\n`).join("");
    const api = fakeApi({}, { ...startFiles, "big.tf": many });
    await start(api);
    ctrl("m", { shiftKey: true });
    const panel = await screen.findByTestId("problems-panel");
    await waitFor(() => expect(within(panel).queryAllByTestId("problem-row").length).toBeGreaterThan(0));
    expect(within(panel).queryAllByTestId("problem-row").length).toBeLessThan(100);
    expect(panel.textContent).toContain("3000");
  });
});

describe("navigation", () => {
  const regionDef: Location = { path: "variables.tf", range: rangeOf(startFiles["variables.tf"], 9, 17), preview: 'variable "region" {' };

  it("F12 opens a single definition's file at its range; several show a picker", async () => {
    const definition = vi.fn(async (): Promise<Location[]> => [regionDef]);
    const api = fakeApi({ definition });
    const v = await start(api);
    act(() => v.dispatch({ selection: { anchor: 12 } }));
    press(v, "F12");
    await waitFor(() => expect(tab("variables.tf").getAttribute("aria-selected")).toBe("true"));
    expect(definition).toHaveBeenCalledWith("main.tf", 12);
    const w = view("variables.tf");
    await waitFor(() => expect(w.state.sliceDoc(w.state.selection.main.from, w.state.selection.main.to)).toBe('"region"'));

    const other: Location = { path: "modules/net.tf", range: rangeOf(startFiles["modules/net.tf"], 9, 18), preview: 'resource "aws_vpc" "this" {}' };
    definition.mockResolvedValueOnce([regionDef, other]);
    press(w, "F12");
    const picker = await screen.findByTestId("definition-picker");
    fireEvent.click(within(picker).getByText("modules/net.tf:1"));
    await waitFor(() => expect(tab("modules/net.tf").getAttribute("aria-selected")).toBe("true"));
  });

  it("Shift+F12 lists references with previews; clicking one goes there", async () => {
    const refs: Location[] = [
      { path: "main.tf", range: rangeOf(startFiles["main.tf"], 26, 32), preview: 'resource "aws_s3_bucket" "assets" {}' },
      { path: "modules/net.tf", range: rangeOf(startFiles["modules/net.tf"], 20, 24), preview: 'resource "aws_vpc" "this" {}' },
    ];
    const api = fakeApi({ references: vi.fn(async () => refs) });
    const v = await start(api);
    act(() => v.dispatch({ selection: { anchor: 28 } }));
    press(v, "F12", { shiftKey: true });
    const panel = await screen.findByTestId("references-panel");
    expect(panel.textContent).toContain("References to assets");
    expect(panel.textContent).toContain("2 references in 2 files");
    fireEvent.click(within(panel).getAllByTestId("reference-row")[1]);
    await waitFor(() => expect(tab("modules/net.tf").getAttribute("aria-selected")).toBe("true"));
  });

  it("F2 renames: input prefilled, preview, apply updates open buffers and says how many files", async () => {
    const preview: RenamePreview = {
      symbol: "resource aws_s3_bucket.assets",
      old_name: "assets",
      new_name: "media",
      files: [
        { path: "main.tf", changes: [{ from: 26, to: 32, insert: "media" }], previews: [{ line: 1, before: 'resource "aws_s3_bucket" "assets" {}', after: 'resource "aws_s3_bucket" "media" {}' }] },
        { path: "outputs.tf", changes: [{ from: 20, to: 26, insert: "media" }], previews: [{ line: 2, before: "value = aws_s3_bucket.assets.id", after: "value = aws_s3_bucket.media.id" }] },
      ],
    };
    const api = fakeApi();
    api.renamePreview = vi.fn(async () => preview);
    api.applyRename = vi.fn(async () => {
      const doc = api.rust.docs.get("main.tf")!;
      doc.text = doc.text.replace('"assets"', '"media"');
      doc.version++;
      const updated: OpenDocument = { path: "main.tf", language: "terraform", text: doc.text, version: doc.version, dirty: true, lossy: false, diagnostics: [] };
      return { written: ["outputs.tf"], updated: [updated] };
    });
    const v = await start(api);
    act(() => v.dispatch({ selection: { anchor: 28 } }));
    press(v, "F2");
    const input = (await screen.findByTestId("rename-input")) as HTMLInputElement;
    expect(input.value).toBe("assets");
    fireEvent.change(input, { target: { value: "media" } });
    fireEvent.keyDown(input, { key: "Enter" });
    const panel = await screen.findByTestId("rename-preview");
    expect(api.renamePreview).toHaveBeenCalledWith("main.tf", 28, "media");
    expect(panel.textContent).toContain("2 changes in 2 files");
    expect(panel.textContent).toContain("value = aws_s3_bucket.media.id");
    fireEvent.click(screen.getByTestId("rename-apply"));
    await waitFor(() => expect(text("main.tf")).toBe('resource "aws_s3_bucket" "media" {}\n'));
    expect(api.applyRename).toHaveBeenCalledWith("main.tf", 28, "media");
    expect((await screen.findByTestId("notice")).textContent).toBe("Renamed in 2 files");
    expect(tab("main.tf").getAttribute("data-dirty")).toBe("true");
    expect(screen.queryByTestId("rename-preview")).toBeNull();
    // Typing goes on from the renamed version without a resync.
    typeAt("main.tf", 0, "#");
    await waitFor(() => expect(api.editDocument).toHaveBeenLastCalledWith("main.tf", 1, [{ from: 0, to: 0, insert: "#" }]));
    expect(api.setDocumentText).not.toHaveBeenCalled();
  });

  it("a rename Rust refuses shows its message at the input", async () => {
    const api = fakeApi();
    api.renamePreview = vi.fn(async () => {
      throw new ApiError({ code: "rename_invalid", message: "“9x” is not a valid name", hint: "" });
    });
    const v = await start(api);
    act(() => v.dispatch({ selection: { anchor: 28 } }));
    press(v, "F2");
    const input = await screen.findByTestId("rename-input");
    fireEvent.change(input, { target: { value: "9x" } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(document.querySelector(".rename-hint")?.textContent).toContain("not a valid name"));
  });

  it("asks Rust for completions at the cursor, after the typed text reached it", async () => {
    const api = fakeApi();
    const completions = vi.fn(async () => ({ from: 0, items: [] }));
    api.completions = completions;
    await start(api);
    typeAt("main.tf", 0, "re");
    await waitFor(() => expect(completions).toHaveBeenCalledWith("main.tf", 2));
    expect(api.rust.docs.get("main.tf")!.text.startsWith("reresource")).toBe(true);
  });
});

describe("Format Document", () => {
  it("Shift+Alt+F applies Rust's changes; a syntax error is shown, not applied", async () => {
    const api = fakeApi();
    api.formatDocument = vi.fn(async () => [{ from: 34, to: 36, insert: "{\n}" }]);
    const v = await start(api);
    press(v, "F", { shiftKey: true, altKey: true, keyCode: 70 });
    await waitFor(() => expect(text("main.tf")).toBe('resource "aws_s3_bucket" "assets" {\n}\n'));
    await waitFor(() => expect(api.rust.docs.get("main.tf")!.text).toBe(text("main.tf")));

    api.formatDocument = vi.fn(async () => {
      throw new ApiError({ code: "format_syntax_error", message: "Cannot format main.tf: line 2 has a syntax error", hint: "" });
    });
    press(v, "F", { shiftKey: true, altKey: true, keyCode: 70 });
    expect((await screen.findByTestId("notice")).textContent).toContain("line 2 has a syntax error");
  });
});

describe("search and outline", () => {
  it("searches as the user types, groups results by file, highlights matches and opens one", async () => {
    const results: SearchResults = {
      hits: [
        { path: "main.tf", range: rangeOf(startFiles["main.tf"], 14, 20), preview: 'resource "aws_s3_bucket" "assets" {}', preview_from: 14, preview_to: 20, kind: null },
        { path: "modules/net.tf", range: rangeOf(startFiles["modules/net.tf"], 14, 17), preview: 'resource "aws_vpc" "this" {}', preview_from: 14, preview_to: 17, kind: null },
      ],
      files_searched: 3,
      truncated: true,
      millis: 2,
    };
    const api = fakeApi({ searchWorkspace: vi.fn(async () => results) });
    await start(api);
    ctrl("F", { shiftKey: true });
    const input = await screen.findByTestId("search-input");
    await waitFor(() => expect(document.activeElement).toBe(input));
    fireEvent.click(screen.getByTestId("search-regex"));
    fireEvent.change(input, { target: { value: "s3|vpc" } });
    await waitFor(() => expect(api.searchWorkspace).toHaveBeenCalledWith({ text: "s3|vpc", regex: true, case_sensitive: false, whole_word: false, symbols: false }));
    const hits = await screen.findAllByTestId("search-result");
    expect(hits).toHaveLength(2);
    expect(hits[0].querySelector("mark")?.textContent).toBe("s3_buc");
    expect(screen.getByTestId("search-summary").textContent).toContain("2 results in 2 files (truncated)");
    fireEvent.click(hits[1]);
    await waitFor(() => expect(tab("modules/net.tf").getAttribute("aria-selected")).toBe("true"));
    const v = view("modules/net.tf");
    await waitFor(() => expect(v.state.sliceDoc(v.state.selection.main.from, v.state.selection.main.to)).toBe("vpc"));
  });

  it("shows an invalid pattern's error inline", async () => {
    const api = fakeApi({
      searchWorkspace: vi.fn(async () => {
        throw new ApiError({ code: "search_invalid", message: "Invalid regular expression: unclosed group", hint: "" });
      }),
    });
    await start(api);
    fireEvent.click(screen.getByTestId("view-search"));
    fireEvent.change(screen.getByTestId("search-input"), { target: { value: "(" } });
    expect((await screen.findByTestId("search-error")).textContent).toContain("unclosed group");
  });

  it("outlines the current file, jumps on click, and refreshes after edits", async () => {
    const outline = vi.fn(async () => [
      {
        name: 'resource "aws_s3_bucket" "assets"',
        kind: "resource",
        range: rangeOf(startFiles["main.tf"], 0, 37),
        children: [{ name: "bucket", kind: "attribute", range: rangeOf(startFiles["main.tf"], 26, 32), children: [] }],
      },
    ]);
    const api = fakeApi({ outline });
    await start(api);
    fireEvent.click(screen.getByTestId("view-outline"));
    const items = await screen.findAllByTestId("outline-item");
    expect(items.map((i) => i.textContent)).toEqual(['▾resourceresource "aws_s3_bucket" "assets"', "attributebucket"]);
    fireEvent.click(items[1]);
    const v = view("main.tf");
    await waitFor(() => expect(v.state.selection.main.from).toBe(26));
    expect(outline).toHaveBeenCalledTimes(1);
    typeAt("main.tf", 0, "# x\n");
    await waitFor(() => expect(outline).toHaveBeenCalledTimes(2), { timeout: 2000 });
  });
});

describe("changes on disk", () => {
  it("reloads a clean file silently, asks for an edited one, marks a removed one", async () => {
    let changed: (c: DiskChange) => void = () => {};
    const api = fakeApi({ onFileChanged: async (h) => ((changed = h), () => {}) });
    await start(api);
    api.rust.disk["main.tf"] = 'resource "aws_s3_bucket" "from_disk" {}\n';
    act(() => changed({ path: "main.tf", kind: "modified", open: true, dirty: false }));
    await waitFor(() => expect(text("main.tf")).toBe('resource "aws_s3_bucket" "from_disk" {}\n'));
    expect(tab("main.tf").getAttribute("data-dirty")).toBe("false");

    typeAt("main.tf", 0, "mine ");
    api.rust.disk["main.tf"] = "theirs\n";
    api.rust.changedOnDisk.add("main.tf");
    act(() => changed({ path: "main.tf", kind: "modified", open: true, dirty: true }));
    expect(await screen.findByTestId("disk-banner")).toBeTruthy();
    expect(text("main.tf")).toContain("mine ");
    fireEvent.click(screen.getByTestId("disk-keep"));
    expect(screen.queryByTestId("disk-banner")).toBeNull();
    ctrl("s");
    await waitFor(() => expect(api.saveDocument).toHaveBeenLastCalledWith("main.tf", true));
    expect(screen.queryByTestId("conflict-dialog")).toBeNull();
    expect(api.rust.disk["main.tf"]).toContain("mine ");

    act(() => changed({ path: "main.tf", kind: "removed", open: true, dirty: false }));
    await waitFor(() => expect(tab("main.tf").textContent).toContain("(deleted)"));
    expect(screen.getByTestId("deleted-banner")).toBeTruthy();
  });

  it("Reload in the banner takes the disk's text", async () => {
    let changed: (c: DiskChange) => void = () => {};
    const api = fakeApi({ onFileChanged: async (h) => ((changed = h), () => {}) });
    await start(api);
    typeAt("main.tf", 0, "mine ");
    api.rust.disk["main.tf"] = "theirs\n";
    act(() => changed({ path: "main.tf", kind: "modified", open: true, dirty: true }));
    fireEvent.click(await screen.findByTestId("disk-reload"));
    await waitFor(() => expect(text("main.tf")).toBe("theirs\n"));
    expect(tab("main.tf").getAttribute("data-dirty")).toBe("false");
  });
});
