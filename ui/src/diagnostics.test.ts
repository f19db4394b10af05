import { describe, expect, it } from "vitest";
import { EditorState, Text } from "@codemirror/state";
import { countSeverities, placeDiagnostics, rangeAt, renderDiagnostic, toCmDiagnostics } from "./diagnostics";
import { applyChanges, fakeLint } from "./fake-api.test-data";
import { toTextChanges } from "./editor-sync";

const text = 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n';

describe("placeDiagnostics", () => {
  it("keeps diagnostics of the current text where Rust put them, with 1-based line/column", () => {
    const doc = Text.of(text.split("\n"));
    const [d] = placeDiagnostics(fakeLint(text), null, doc);
    expect(doc.sliceString(d.range.from, d.range.to)).toBe('"public-read"');
    expect(d.range).toMatchObject({ line: 2, column: 9, end_line: 2, end_column: 22 });
  });

  it("moves diagnostics of an older version through the edits made since, fixes included", () => {
    const old = EditorState.create({ doc: text });
    // Typed since Rust linted: a line above (with non-ASCII) and a character after the finding.
    const tr = old.update({ changes: [{ from: 0, insert: "# déjà vu 🚀\n" }, { from: 52, insert: " " }] });
    const [d] = placeDiagnostics(fakeLint(text), tr.changes, tr.state.doc);
    expect(tr.state.doc.sliceString(d.range.from, d.range.to)).toBe('"public-read"');
    expect(d.range.line).toBe(3);
    // The fix, applied to the current text, still replaces exactly the finding.
    const fixed = applyChanges(tr.state.doc.toString(), d.fixes[0].changes);
    expect(fixed).toContain('acl = "private" \n');
    expect(fixed.startsWith("# déjà vu 🚀\n")).toBe(true);
  });

  it("shrinks a diagnostic whose text was deleted, and drops a fix whose text is gone", () => {
    const old = EditorState.create({ doc: text });
    const start = text.indexOf('"public-read"');
    const tr = old.update({ changes: { from: start - 6, to: start + 13 } }); // the whole `acl = …`
    const [d] = placeDiagnostics(fakeLint(text), tr.changes, tr.state.doc);
    expect(d.range.from).toBe(d.range.to);
    expect(d.range.to).toBeLessThanOrEqual(tr.state.doc.length);
    // A fix replacing deleted text becomes a pure insertion at most; it never touches other text.
    for (const fix of d.fixes) expect(applyChanges(tr.state.doc.toString(), fix.changes).length).toBeGreaterThanOrEqual(tr.state.doc.length);
  });

  it("clamps ranges past the end of a shorter text", () => {
    const doc = Text.of(["abc"]);
    expect(rangeAt(doc, 2, 99)).toMatchObject({ from: 2, to: 3, end_column: 4 });
    expect(rangeAt(doc, 50, 60)).toMatchObject({ from: 3, to: 3 });
  });
});

describe("CodeMirror diagnostics", () => {
  it("carry severity, a rendered hover with code, rule severity and doc link, and fix actions", () => {
    const [d] = placeDiagnostics(fakeLint(text), null, Text.of(text.split("\n")));
    const applied: string[] = [];
    const [cm] = toCmDiagnostics([d], (fix) => applied.push(fix.title));
    expect(cm).toMatchObject({ from: d.range.from, to: d.range.to, severity: "warning" });
    expect(cm.actions!.map((a) => a.name)).toEqual(["Fix: Make the bucket private"]);
    cm.actions![0].apply(null as never, 0, 0);
    expect(applied).toEqual(["Make the bucket private"]);
    const dom = renderDiagnostic(d);
    expect(dom.textContent).toContain("S3 bucket ACL allows public read access");
    expect(dom.textContent).toContain("AWS_S3_PUBLIC_ACL");
    expect(dom.textContent).toContain("high");
    expect(dom.querySelector("a")?.getAttribute("href")).toBe("https://docs.example/rules/AWS_S3_PUBLIC_ACL");
  });

  it("counts severities", () => {
    const base = fakeLint(text)[0];
    const counts = countSeverities([base, { ...base, severity: "error" }, { ...base, severity: "info" }, base]);
    expect(counts).toEqual({ errors: 1, warnings: 2, infos: 1 });
  });

  it("converts through toTextChanges consistently with Rust's offsets", () => {
    const state = EditorState.create({ doc: "ab" });
    expect(toTextChanges(state.update({ changes: { from: 1, insert: "é" } }).changes)).toEqual([{ from: 1, to: 1, insert: "é" }]);
  });
});
