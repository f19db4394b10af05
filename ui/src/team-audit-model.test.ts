import { describe, expect, it } from "vitest";
import { EMPTY_FORM, filterFor, summary, when } from "./team-audit-model";

describe("the audit filter", () => {
  it("sends only what was filled in, the date as the start of that day (UTC)", () => {
    expect(filterFor(EMPTY_FORM)).toEqual({ ok: { text: null, action: null, actor: null, since: null, until: null } });
    expect(filterFor({ text: " r1 ", action: "request.", actor: "bob", since: "2026-11-27" })).toEqual({
      ok: { text: "r1", action: "request.", actor: "bob", since: Date.UTC(2026, 10, 27), until: null },
    });
  });
  it("says when the date is not one", () => {
    expect(filterFor({ ...EMPTY_FORM, since: "yesterday" })).toEqual({ error: "Not a date: yesterday (use the date picker)" });
  });
});

describe("the audit summary", () => {
  it("says how many matched, how many are shown and how much was read", () => {
    expect(summary({ rows: [], matched: 0, scanned: 12, partial: false })).toBe("0 matching · 12 entries read");
    const rows = Array.from({ length: 2 }, (_, i) => ({ seq: i, at: 0, actor: "a", action: "x", target: "t", detail: "" }));
    expect(summary({ rows, matched: 1204, scanned: 50000, partial: true })).toBe(
      "2 newest of 1,204 matching · 50,000 entries read (the log's oldest entries were not read)",
    );
  });
  it("writes times in UTC", () => {
    expect(when(Date.UTC(2026, 10, 27, 21, 47, 7, 250))).toBe("2026-11-27 21:47:07 UTC");
  });
});
